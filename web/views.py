"""Pages that combine apps: the one layer that imports everyone and is imported by no one.

The marketplace, the matcher, payments and the hub each serve their own pages; these pages show
what several of them know at once (a need with its recommendations, funding and guides; the
dashboard with plan and notifications). Each stays thin: selectors in, template out.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.generic import TemplateView

from wagtail.models import Site
from wagtail.views import serve

from cms.models import HomePage
from marketplace import match_selectors, selectors
from marketplace.forms import CloseForm, RenewForm
from marketplace.models import Listing, ListingStatus, Need, Offer, Theme
from matching import selectors as matching_selectors

from .forms import StyleExampleForm

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
    return render(request, "web/need_detail.html", {"need": need})


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
            "onboarding": selectors.onboarding_checklist(organisation=organisation, user=request.user)
            if organisation
            else None,
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
        "close_form": CloseForm(auto_id="id_close_%s"),
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
        else:
            context["recommendations"] = matching_selectors.recommendations_recorded(
                listing=listing, direction="needs_for_offer"
            )
        context["recommendations_pending"] = context["recommendations"] is None
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
