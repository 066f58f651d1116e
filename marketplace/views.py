"""Marketplace pages: public browsing, and the member's workspace for offers and needs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from . import match_selectors, selectors, services
from .forms import (
    CloseForm,
    InvitationForm,
    NeedForm,
    OfferForm,
    OrganisationForm,
    RenewForm,
    add_service_errors,
    need_filter_form,
    offer_filter_form,
    organisation_filter_form,
)
from .models import Listing, ListingStatus, Need, Offer, Organisation
from .themes import placeholder_svg
from .throttle import limit_address

PAGE_SIZE = 20
LISTING_KINDS: dict[str, type[Listing]] = {"offers": Offer, "needs": Need}
LISTING_FORMS = {"offers": OfferForm, "needs": NeedForm}
LISTING_ACTIONS = ("submit", "close", "renew")


def _page(request: HttpRequest, queryset: QuerySet):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# Public pages -----------------------------------------------------------------------------


def offer_list(request: HttpRequest) -> HttpResponse:
    form = offer_filter_form(request.GET)
    queryset = selectors.offer_list_public(filters=form.listing_filters())
    # Lazy: the template's fragment cache (per content version) usually answers without it.
    page = SimpleLazyObject(lambda: _page(request, queryset))
    return render(request, "marketplace/offer_list.html", {"form": form, "page_obj": page})


def need_list(request: HttpRequest) -> HttpResponse:
    form = need_filter_form(request.GET)
    queryset = selectors.need_list_public(filters=form.listing_filters())
    page = SimpleLazyObject(lambda: _page(request, queryset))  # as offer_list
    return render(request, "marketplace/need_list.html", {"form": form, "page_obj": page})


def organisation_list(request: HttpRequest) -> HttpResponse:
    form = organisation_filter_form(request.GET)
    page = _page(request, selectors.organisation_list_public(**form.organisation_filters()))
    return render(request, "marketplace/organisation_list.html", {"form": form, "page_obj": page})


def offer_detail(request: HttpRequest, slug: str) -> HttpResponse:
    offer = selectors.offer_get_public(slug=slug)
    respond = match_selectors.respond_options(user=request.user, listing=offer)
    return render(request, "marketplace/offer_detail.html", {"offer": offer, "respond": respond})


# The member's workspace -------------------------------------------------------------------


def _own_organisation(request: HttpRequest) -> Organisation:
    organisation = selectors.user_organisation(request.user)
    if organisation is None:
        raise Http404
    return organisation


def _organisation_for_new(request: HttpRequest, kind: str) -> Organisation:
    organisation = selectors.user_organisation(request.user)
    if organisation is None:
        raise PermissionDenied(
            _("You are not part of an organisation yet. Ask a colleague to invite you.")
        )
    if kind == "offers" and not organisation.is_provider:
        raise PermissionDenied(
            _("Only companies, funds and public bodies publish offers. Initiatives post needs.")
        )
    if kind == "needs" and not organisation.is_initiative:
        raise PermissionDenied(
            _("Only initiatives post needs. Companies, funds and public bodies publish offers.")
        )
    return organisation


def _listing_create(request: HttpRequest, kind: str) -> HttpResponse:
    organisation = _organisation_for_new(request, kind)
    form_class = LISTING_FORMS[kind]
    create = services.offer_create if kind == "offers" else services.need_create
    if request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            try:
                listing = create(
                    organisation=organisation, actor=request.user, **form.service_values()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Saved as a draft. Submit it when it is ready to be published."),
                )
                return redirect(f"marketplace:{kind[:-1]}_manage", pk=listing.pk)
    else:
        initial = {"language": (get_language() or "nl")[:2]}
        if kind == "needs":
            initial |= {
                "province": organisation.province_id,
                "municipality": organisation.municipality,
            }
        form = form_class(initial=initial)
    return render(
        request,
        "marketplace/listing_form.html",
        {"form": form, "kind": kind, "listing": None, "organisation": organisation},
    )


def _listing_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    listing = selectors.listing_get_for_member(model=LISTING_KINDS[kind], pk=pk, user=request.user)
    manage_url = f"marketplace:{kind[:-1]}_manage"
    if not listing.is_editable:
        messages.error(request, _("This item is closed and can no longer be edited."))
        return redirect(manage_url, pk=listing.pk)
    form_class = LISTING_FORMS[kind]
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, instance=listing)
        if form.is_valid():
            was_published = listing.status == ListingStatus.PUBLISHED
            try:
                if kind == "offers":
                    listing = services.offer_update(
                        offer=listing, actor=request.user, **form.service_values()
                    )
                else:
                    listing = services.need_update(
                        need=listing, actor=request.user, **form.service_values()
                    )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if was_published and listing.status == ListingStatus.SUBMITTED:
                    messages.info(
                        request,
                        _("Changes saved. A hub editor reviews them before they are public again."),
                    )
                else:
                    messages.success(request, _("Changes saved."))
                return redirect(manage_url, pk=listing.pk)
    else:
        form = form_class(instance=listing)
    return render(
        request,
        "marketplace/listing_form.html",
        {"form": form, "kind": kind, "listing": listing, "organisation": listing.organisation},
    )


@login_required
@limit_address("listing_create")
def offer_create(request: HttpRequest) -> HttpResponse:
    return _listing_create(request, "offers")


@login_required
@limit_address("listing_create")
def need_create(request: HttpRequest) -> HttpResponse:
    return _listing_create(request, "needs")


@login_required
def offer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _listing_edit(request, "offers", pk)


@login_required
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _listing_edit(request, "needs", pk)


def _form_errors(form) -> str:
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


@require_POST
@login_required
def listing_action(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    """Submit, close or renew an offer or need, then go back to its page."""
    if kind not in LISTING_KINDS or action not in LISTING_ACTIONS:
        raise Http404
    listing = selectors.listing_get_for_member(model=LISTING_KINDS[kind], pk=pk, user=request.user)
    back = redirect(f"marketplace:{kind[:-1]}_manage", pk=listing.pk)
    try:
        if action == "submit":
            listing = services.listing_submit(listing=listing, actor=request.user)
            if listing.status == ListingStatus.PUBLISHED:
                messages.success(request, _("Published: it is now public."))
            else:
                messages.success(
                    request, _("Submitted: a hub editor will review it before it is public.")
                )
        elif action == "close":
            form = CloseForm(request.POST, listing=listing)
            if not form.is_valid():
                messages.error(request, _form_errors(form))
                return back
            services.listing_close(
                listing=listing,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Closed: it is no longer shown to the public."))
        else:
            form = RenewForm(request.POST)
            if not form.is_valid():
                messages.error(request, _form_errors(form))
                return back
            services.listing_renew(
                listing=listing, actor=request.user, until=form.cleaned_data["until"]
            )
            messages.success(request, _("Renewed: it is public until the new date."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return back


# The organisation ------------------------------------------------------------------------


@login_required
def organisation_edit(request: HttpRequest) -> HttpResponse:
    organisation = _own_organisation(request)
    if not selectors.user_is_owner(request.user, organisation):
        raise PermissionDenied(_("Only an owner of the organisation may change its profile."))
    if request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES, instance=organisation)
        if form.is_valid():
            try:
                services.organisation_update(
                    organisation=organisation, actor=request.user, **form.service_values()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The organisation's profile is saved."))
                return redirect("marketplace:dashboard")
    else:
        form = OrganisationForm(instance=organisation)
    return render(
        request,
        "marketplace/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
def members(request: HttpRequest) -> HttpResponse:
    organisation = _own_organisation(request)
    is_owner = selectors.user_is_owner(request.user, organisation)
    form = None
    if is_owner:
        form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if not is_owner:
            raise PermissionDenied(_("Only an owner of the organisation may invite people."))
        if form.is_valid():
            try:
                invitation = services.invitation_create(
                    organisation=organisation,
                    invited_by=request.user,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s.") % {"email": invitation.email},
                )
                return redirect("marketplace:members")
    return render(
        request,
        "marketplace/members.html",
        {
            "organisation": organisation,
            "is_owner": is_owner,
            "members": selectors.organisation_members(organisation=organisation),
            "invitations": selectors.organisation_open_invitations(organisation=organisation)
            if is_owner
            else [],
            "form": form,
        },
    )


@require_safe
def theme_placeholder(request: HttpRequest, slug: str) -> HttpResponse:
    """The generated picture of a theme, for listings without their own (cached for a day)."""
    response = HttpResponse(placeholder_svg(slug), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_POST
@login_required
def onboarding_dismiss(request: HttpRequest) -> HttpResponse:
    """Hide the first-steps checklist on the dashboard of the member's organisation."""
    organisation = selectors.user_organisation(request.user)
    if organisation is None:
        raise Http404
    services.organisation_onboarding_dismiss(organisation=organisation, actor=request.user)
    messages.success(request, _("The checklist is hidden. You find every step in the menu."))
    return redirect("marketplace:dashboard")
