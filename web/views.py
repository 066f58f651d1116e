"""Pages that combine apps: the one layer that imports everyone and is imported by no one.

The marketplace, the matcher, payments and the hub each serve their own pages; these pages show
what several of them know at once (a need with its recommendations, funding and guides; the
dashboard with plan and notifications). Each stays thin: selectors in, template out.
"""

from __future__ import annotations

import base64
import dataclasses

import tablib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.generic import TemplateView

from wagtail.models import Site
from wagtail.views import serve

from cms.models import HomePage
from impact import selectors as impact_selectors
from marketplace import (
    follow_selectors,
    listing_table,
    match_selectors,
    pool_selectors,
    pool_services,
    selectors,
)
from marketplace.forms import CloseForm, RenewForm
from marketplace.models import Listing, ListingStatus, Need, Offer, Theme
from matching import selectors as matching_selectors

from . import exports
from .forms import ListingImportForm, StyleExampleForm

LISTING_KINDS: dict[str, type[Listing]] = {"offers": Offer, "needs": Need}

# (variable, what it is for, the background it is checked on): shown on /style/.
STYLE_COLOURS = [
    ("--colour-text", "body text", "--colour-background"),
    ("--colour-muted", "secondary text", "--colour-surface"),
    ("--colour-primary", "buttons, accents", "--colour-background"),
    ("--colour-primary-dark", "hover, text on tint", "--colour-primary-surface"),
    ("--colour-link", "links", "--colour-background"),
    ("--colour-error", "errors", "--colour-error-surface"),
    ("--colour-warning", "warnings", "--colour-warning-surface"),
    ("--colour-border-strong", "input borders", "--colour-background"),
    ("--colour-accent", "focus ring, logo", "--colour-text"),
]


def home(request: HttpRequest) -> HttpResponse:
    """The Wagtail HomePage of the visitor's language at "/" and "/en/", once the hub is seeded."""
    site = Site.find_for_request(request)
    if site is not None and isinstance(site.root_page.specific_deferred, HomePage):
        return serve(request, "")
    return render(
        request,
        "web/home.html",
        {
            "counts": selectors.platform_counts(),
            "latest_offers": selectors.offer_list_public()[:6],
            "latest_needs": selectors.need_list_public()[:6],
        },
    )


def need_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A published need with its funding (payments) and related guides (hub)."""
    need = selectors.need_get_public(slug=slug)
    respond = match_selectors.respond_options(user=request.user, listing=need)
    return render(request, "web/need_detail.html", {"need": need, "respond": respond})


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's public page with its listings and its social handprint (impact)."""
    organisation = selectors.organisation_get_public(slug=slug)
    listings = selectors.organisation_public_listings(organisation=organisation)
    full = impact_selectors.viewer_is_member(organisation=organisation, user=request.user)
    return render(
        request,
        "web/organisation_detail.html",
        {
            "organisation": organisation,
            "offers": listings["offers"],
            "needs": listings["needs"],
            "handprint": impact_selectors.organisation_handprint(
                organisation=organisation, full=full
            ),
            "track_record": impact_selectors.organisation_track_record(organisation=organisation),
        },
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The member's workspace: listings, suggestions, matches, plan and notifications."""
    summary = selectors.dashboard_summary(user=request.user)
    organisation = summary.organisation
    return render(
        request,
        "web/dashboard.html",
        {
            "summary": summary,
            "organisation": organisation,
            "listing_kind": "offers" if organisation and organisation.is_provider else "needs",
            "is_owner": bool(organisation)
            and selectors.user_is_owner(request.user, organisation),
            "suggestions": match_selectors.suggestions_for_organisation(organisation=organisation)
            if organisation
            else [],
            "matches": match_selectors.match_overview(organisation=organisation)
            if organisation
            else None,
            # The organisation's own handprint: every outcome, private ones included.
            "handprint": impact_selectors.organisation_handprint(
                organisation=organisation, full=True
            )
            if organisation
            else None,
            "track_record": impact_selectors.organisation_track_record(organisation=organisation)
            if organisation
            else None,
            "onboarding": selectors.onboarding_checklist(organisation=organisation, user=request.user)
            if organisation
            else None,
            "follows": follow_selectors.follow_list(user=request.user),
        },
    )


class StyleGuideView(TemplateView):
    """The living style guide: the design system's colours, type, spacing and components."""

    template_name = "web/style_guide.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        context = super().get_context_data(**kwargs)
        context |= {
            "colours": STYLE_COLOURS,
            "type_scale": ["3xl", "2xl", "xl", "lg", "md", "base", "sm"],
            "spaces": ["1", "2", "3", "4", "5", "6", "7"],
            "themes": list(Theme.objects.all()),
            "example_form": StyleExampleForm(auto_id="style_%s"),
            "example_steps": match_selectors.match_progress(
                status="introduced", reached=["interested"]
            ),
        }
        return context


def _listing_manage(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    listing = selectors.listing_get_for_member(model=LISTING_KINDS[kind], pk=pk, user=request.user)
    context = {
        "listing": listing,
        "kind": kind,
        "history": selectors.listing_history(listing=listing),
        "close_form": CloseForm(auto_id="id_close_%s", listing=listing),
        "renew_form": RenewForm(auto_id="id_renew_%s"),
    }
    if listing.status == ListingStatus.PUBLISHED:
        # The page shows what the background refresh recorded; it never ranks or records.
        if kind == "needs":
            lists = matching_selectors.recommendations_recorded_many(
                listing=listing, directions=["offers_for_need", "similar_needs"]
            )
            context["recommendations"] = lists["offers_for_need"]
            context["similar"] = lists["similar_needs"]
            pooled = matching_selectors.pooled_demand_for_need(need=listing)
            context["pooled"] = pooled
            others = pooled.others(listing.organisation_id) if pooled else []
            context["pooled_others"] = others
            context["pooled_other_count"] = len({need.organisation_id for need in others})
        else:
            leads = matching_selectors.recommendations_recorded(
                listing=listing, direction="needs_for_offer"
            )
            context["recommendations"] = leads
            if leads is not None:
                # Similar needs of several initiatives show as one pooled lead.
                pooled = matching_selectors.pooled_demand_for_needs(
                    need_ids=[item.listing.pk for item in leads.items]
                )
                in_pools = {need.pk for pool in pooled for need in pool.needs}
                context["pooled_leads"] = pooled
                context["recommendations"] = dataclasses.replace(
                    leads, items=[item for item in leads.items if item.listing.pk not in in_pools]
                )
        context["recommendations_pending"] = context["recommendations"] is None
    if kind == "needs":
        context["pools"] = pool_selectors.pools_for_need(need=listing)
    if kind == "offers":
        context["is_partner"] = listing.organisation.is_partner
        if context["is_partner"]:
            context["insights"] = match_selectors.offer_insights(offer=listing)
    return render(request, "web/listing_manage.html", context)


@login_required
def offer_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """An offer's own page for its organisation: status, history, leads, featuring."""
    return _listing_manage(request, "offers", pk)


@login_required
def need_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """A need's own page for its initiative: status, recommendations, funding, guides."""
    return _listing_manage(request, "needs", pk)


@login_required
@require_POST
def need_join_forces(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite the initiatives of the need's recorded cluster to a shared conversation (a pool)."""
    need = selectors.listing_get_for_member(model=Need, pk=pk, user=request.user)
    pooled = matching_selectors.pooled_demand_for_need(need=need)
    if pooled is None:
        messages.error(request, _("There are no similar needs of other initiatives right now."))
        return redirect("marketplace:need_manage", pk=need.pk)
    try:
        pool = pool_services.pool_start(
            need=need, actor=request.user, others=pooled.others(need.organisation_id)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("marketplace:need_manage", pk=need.pk)
    messages.success(request, _("The other initiatives are invited. They are told at once."))
    return redirect("marketplace:pool_detail", pk=pool.pk)


# Exports and bulk import --------------------------------------------------------------------

EXPORT_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
IMPORT_SESSION_KEY = "listing_import"


def _attachment(dataset: tablib.Dataset, *, name: str, fmt: str) -> HttpResponse:
    safe = listing_table.spreadsheet_safe(dataset)
    response = HttpResponse(safe.export(fmt), content_type=EXPORT_CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
@require_safe
def export_index(request: HttpRequest) -> HttpResponse:
    """Links to the organisation's exports (and, for hub editors, the programme exports)."""
    organisation = selectors.user_organisation(request.user)
    is_editor = selectors.user_is_hub_editor(request.user)
    if organisation is None and not is_editor:
        raise Http404
    return render(
        request,
        "web/exports.html",
        {
            "organisation": organisation,
            "organisation_exports": [(name, exports.EXPORT_LABELS[name])
                                     for name in exports.ORGANISATION_EXPORTS] if organisation else [],
            "editor_exports": [(name, exports.EXPORT_LABELS[name])
                               for name in exports.EDITOR_EXPORTS] if is_editor else [],
            "formats": listing_table.FORMATS,
        },
    )


@login_required
@require_safe
def export_download(request: HttpRequest, what: str, fmt: str) -> HttpResponse:
    """One export as a CSV or XLSX attachment: one's own organisation's, or an editor's."""
    if fmt not in listing_table.FORMATS:
        raise Http404
    today = timezone.localdate().isoformat()
    if what in exports.EDITOR_EXPORTS:
        if not selectors.user_is_hub_editor(request.user):
            raise PermissionDenied
        return _attachment(exports.EDITOR_EXPORTS[what](), name=f"b2c-{what}-{today}", fmt=fmt)
    if what not in exports.ORGANISATION_EXPORTS:
        raise Http404
    organisation = selectors.user_organisation(request.user)
    if organisation is None:
        raise Http404
    dataset = exports.ORGANISATION_EXPORTS[what](organisation=organisation)
    return _attachment(dataset, name=f"{organisation.slug}-{what}-{today}", fmt=fmt)


@login_required
@require_safe
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The empty import file: the columns of the listings export."""
    if fmt not in listing_table.FORMATS:
        raise Http404
    return _attachment(listing_table.template_dataset(), name="b2c-listings-template", fmt=fmt)


@login_required
def listing_import(request: HttpRequest) -> HttpResponse:
    """Bulk import: upload, see every row checked (a dry run), then import the rows for real."""
    organisation = selectors.user_organisation(request.user)
    if organisation is None:
        raise Http404
    form = ListingImportForm()
    rows = None
    if request.method == "POST" and "confirm" in request.POST:
        stored = request.session.pop(IMPORT_SESSION_KEY, None)
        if stored is None:
            messages.error(request, _("Upload the file again: the checked file is no longer here."))
            return redirect("marketplace:listing_import")
        try:
            dataset = listing_table.dataset_load(
                content=base64.b64decode(stored["content"]), format=stored["format"]
            )
            result = listing_table.listings_import(
                organisation=organisation, actor=request.user, dataset=dataset,
                submit=stored["submit"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("marketplace:listing_import")
        messages.success(
            request,
            _("Imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": len(result.created), "updated": len(result.updated),
               "unchanged": result.unchanged},
        )
        return redirect("marketplace:dashboard")
    if request.method == "POST":
        # A new upload replaces whatever was checked before, whether it passes or not.
        request.session.pop(IMPORT_SESSION_KEY, None)
        form = ListingImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                dataset = listing_table.dataset_load(
                    content=form.cleaned_data["content"], format=form.cleaned_data["format"]
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                rows = listing_table.listing_rows_check(organisation=organisation, dataset=dataset)
                if rows and all(row.ok for row in rows):
                    request.session[IMPORT_SESSION_KEY] = {
                        "content": base64.b64encode(form.cleaned_data["content"]).decode(),
                        "format": form.cleaned_data["format"],
                        "submit": form.cleaned_data["submit"],
                    }
    return render(
        request,
        "web/listing_import.html",
        {
            "organisation": organisation,
            "form": form,
            "rows": rows,
            "importable": rows is not None and bool(rows) and all(row.ok for row in rows),
            "formats": listing_table.FORMATS,
        },
    )
