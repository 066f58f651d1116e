"""Reads of the marketplace: what is public, what a member may see, what needs attention."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from notifications.selectors import notification_preference_for_user

from .models import (
    Invitation,
    Listing,
    ListingStatus,
    ListingTransition,
    Membership,
    Need,
    Offer,
    Organisation,
)

L = TypeVar("L", bound=Listing)


@dataclass(frozen=True)
class ListingFilters:
    """Browse filters, as read from the query string."""

    theme: str = ""
    type: str = ""
    province: str = ""
    sdg: int | None = None
    organisation_kind: str = ""
    language: str = ""
    q: str = ""


@dataclass
class DashboardSummary:
    organisation: Organisation | None
    listings: list[Listing] = field(default_factory=list)
    attention: list[tuple[Listing, str]] = field(default_factory=list)
    review_queue_count: int = 0


def user_memberships(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Membership]:
    if not user.is_authenticated:
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organisation")


def user_organisation(user: AbstractBaseUser | AnonymousUser) -> Organisation | None:
    """The organisation a person acts for (their first membership)."""
    membership = user_memberships(user).order_by("created_at", "pk").first()
    return membership.organisation if membership else None


def user_is_owner(user: AbstractBaseUser | AnonymousUser, organisation: Organisation) -> bool:
    return user_memberships(user).filter(
        organisation=organisation, role=Membership.Role.OWNER
    ).exists()


def user_is_hub_editor(user: AbstractBaseUser | AnonymousUser) -> bool:
    """May review listings: one query (not the two of has_perm), for the menu on every page."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return Permission.objects.filter(
        Q(user=user) | Q(group__user=user),
        codename="review_listing",
        content_type__app_label="marketplace",
    ).exists()


def hub_editors() -> list[AbstractBaseUser]:
    """Active people who may review (directly, via a group, or as superuser)."""
    User = get_user_model()
    # One query instead of a permission lookup per user; django-axes grants no permissions.
    editors = User.objects.with_perm(
        "marketplace.review_listing", backend="django.contrib.auth.backends.ModelBackend"
    )
    return list(editors.order_by("pk"))


def _public(queryset: QuerySet[L]) -> QuerySet[L]:
    model = queryset.model
    today = timezone.localdate()
    end = model.end_date_field
    # Content hidden after reports (report_services) stays off every public page until reviewed.
    return queryset.filter(
        status=ListingStatus.PUBLISHED, is_hidden=False, organisation__is_hidden=False
    ).filter(Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": today}))


def offer_list_public(*, filters: ListingFilters | None = None) -> QuerySet[Offer]:
    """Published, unexpired offers matching the browse filters."""
    filters = filters or ListingFilters()
    qs = _public(Offer.objects.all())
    if filters.type:
        qs = qs.filter(offer_type=filters.type)
    if filters.province:
        qs = qs.filter(Q(is_national=True) | Q(regions__slug=filters.province))
    return _common_filters(qs, filters).select_related(
        "organisation", "theme"
    ).prefetch_related("regions", "sdgs").distinct()


def need_list_public(*, filters: ListingFilters | None = None) -> QuerySet[Need]:
    """Published, open needs matching the browse filters."""
    filters = filters or ListingFilters()
    qs = _public(Need.objects.all())
    if filters.type:
        qs = qs.filter(need_type=filters.type)
    if filters.province:
        qs = qs.filter(province__slug=filters.province)
    return _common_filters(qs, filters).select_related(
        "organisation", "theme", "province"
    ).prefetch_related("sdgs").distinct()


def _common_filters(qs: QuerySet[L], filters: ListingFilters) -> QuerySet[L]:
    if filters.theme:
        qs = qs.filter(theme__slug=filters.theme)
    if filters.sdg:
        qs = qs.filter(sdgs__number=filters.sdg)
    if filters.organisation_kind:
        qs = qs.filter(organisation__kind=filters.organisation_kind)
    if filters.language:
        qs = qs.filter(language=filters.language)
    if filters.q:
        qs = qs.filter(Q(title__icontains=filters.q) | Q(description__icontains=filters.q))
    return qs.order_by("-published_at", "-pk")


def offer_get_public(*, slug: str) -> Offer:
    try:
        return offer_list_public().get(slug=slug)
    except Offer.DoesNotExist as exc:
        raise Http404 from exc


def need_get_public(*, slug: str) -> Need:
    try:
        return need_list_public().get(slug=slug)
    except Need.DoesNotExist as exc:
        raise Http404 from exc


def organisation_list_public(
    *, kind: str = "", province: str = "", theme: str = "", sdg: int | None = None, q: str = ""
) -> QuerySet[Organisation]:
    """Organisations, with how many live offers and needs each has.

    Unverified organisations are listed by name; their description is not searched (nor shown:
    `Organisation.profile_is_public`) until a hub editor has verified them.
    """
    today = timezone.localdate()
    live_offer = Q(offer__status=ListingStatus.PUBLISHED) & (
        Q(offer__valid_until__isnull=True) | Q(offer__valid_until__gte=today)
    )
    live_need = Q(need__status=ListingStatus.PUBLISHED) & (
        Q(need__deadline__isnull=True) | Q(need__deadline__gte=today)
    )
    qs = Organisation.objects.filter(is_hidden=False).select_related("province")
    if kind:
        qs = qs.filter(kind=kind)
    if province:
        qs = qs.filter(province__slug=province)
    if theme:
        qs = qs.filter(themes__slug=theme)
    if sdg:
        qs = qs.filter(sdgs__number=sdg)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(is_verified=True, description__icontains=q))
    return qs.annotate(
        live_offer_count=Count("offer", filter=live_offer, distinct=True),
        live_need_count=Count("need", filter=live_need, distinct=True),
    ).order_by("name")


def organisation_get_public(*, slug: str) -> Organisation:
    """One organisation's page; its profile text only once verified (`profile_is_public`)."""
    try:
        return (
            Organisation.objects.filter(is_hidden=False)
            .select_related("province")
            .prefetch_related("themes", "sdgs")
            .get(slug=slug)
        )
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc


def listing_get_for_member(
    *, model: type[L], pk: int, user: AbstractBaseUser | AnonymousUser
) -> L:
    """An offer or need of one of the user's organisations; 404 for anybody else's."""
    if not user.is_authenticated:
        raise Http404
    try:
        return (
            model.objects.select_related("organisation", "theme")
            .prefetch_related("sdgs")
            .get(pk=pk, organisation__memberships__user=user)
        )
    except model.DoesNotExist as exc:
        raise Http404 from exc


def listing_history(*, listing: Listing) -> QuerySet[ListingTransition]:
    return ListingTransition.objects.filter(
        content_type=ContentType.objects.get_for_model(listing), object_id=listing.pk
    ).select_related("actor")


def listings_for_organisation(*, organisation: Organisation) -> list[Listing]:
    """All of an organisation's offers or needs, newest first, for its own dashboard."""
    model = Offer if organisation.is_provider else Need
    return list(
        model.objects.filter(organisation=organisation)
        .select_related("theme")
        .order_by("-updated_at", "-pk")
    )


def review_queue() -> list[Listing]:
    """Submitted offers and needs waiting for a hub editor, oldest first."""
    items: list[Listing] = [
        *Offer.objects.filter(status=ListingStatus.SUBMITTED).select_related("organisation"),
        *Need.objects.filter(status=ListingStatus.SUBMITTED).select_related("organisation"),
    ]
    return sorted(items, key=lambda item: item.updated_at)


def dashboard_summary(*, user: AbstractBaseUser) -> DashboardSummary:
    """What a person sees on their dashboard: their items and what needs their attention."""
    organisation = user_organisation(user)
    summary = DashboardSummary(organisation=organisation)
    if user_is_hub_editor(user):
        summary.review_queue_count = len(review_queue())
    if organisation is None:
        return summary
    summary.listings = listings_for_organisation(organisation=organisation)
    soon = timezone.localdate() + datetime.timedelta(days=14)
    for listing in summary.listings:
        if listing.status == ListingStatus.REJECTED:
            summary.attention.append((listing, "rejected"))
        elif listing.status == ListingStatus.EXPIRED:
            summary.attention.append((listing, "expired"))
        elif listing.status == ListingStatus.DRAFT:
            summary.attention.append((listing, "draft"))
        elif (
            listing.status == ListingStatus.PUBLISHED
            and listing.end_date
            and listing.end_date <= soon
        ):
            summary.attention.append((listing, "expiring"))
    return summary


@dataclass(frozen=True)
class OnboardingStep:
    key: str
    done: bool


@dataclass(frozen=True)
class Onboarding:
    steps: list[OnboardingStep]

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def complete(self) -> bool:
        return self.done_count == len(self.steps)


def onboarding_checklist(
    *, organisation: Organisation, user: AbstractBaseUser
) -> Onboarding | None:
    """The first steps of a new organisation, ticked off from its data; None once dismissed."""
    if organisation.onboarding_dismissed_at is not None:
        return None
    listings = Offer if organisation.is_provider else Need
    invited = (
        organisation.memberships.count() > 1
        or Invitation.objects.filter(organisation=organisation).exists()
    )
    steps = [
        OnboardingStep("profile", bool(organisation.description and organisation.municipality)),
        OnboardingStep("logo", bool(organisation.logo)),
        OnboardingStep("listing", listings.objects.filter(organisation=organisation).exists()),
        OnboardingStep("invite", invited),
        OnboardingStep(
            "preferences", notification_preference_for_user(user=user).pk is not None
        ),
    ]
    return Onboarding(steps=steps)


def organisation_public_listings(*, organisation: Organisation) -> dict[str, list[Listing]]:
    return {
        "offers": list(offer_list_public().filter(organisation=organisation)),
        "needs": list(need_list_public().filter(organisation=organisation)),
    }


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("role", "user__email")




# Hub editors' review in the Wagtail admin ---------------------------------------------------

REVIEW_KINDS: dict[str, type[Listing]] = {"offers": Offer, "needs": Need}


def listing_review_kind(listing: Listing) -> str:
    """The URL word for an offer or need in the review admin: "offers" or "needs"."""
    return "offers" if isinstance(listing, Offer) else "needs"


def review_queue_count() -> int:
    """How many offers and needs wait for a hub editor."""
    return sum(
        model.objects.filter(status=ListingStatus.SUBMITTED).count() for model in (Offer, Need)
    )


def listing_get_for_review(*, kind: str, pk: int) -> Listing:
    """Any offer or need, in any state, with what a hub editor reviews; 404 when unknown."""
    model = REVIEW_KINDS.get(kind)
    if model is None:
        raise Http404
    queryset = model.objects.select_related(
        "organisation", "organisation__province", "theme", "created_by"
    ).prefetch_related("sdgs", "organisation__themes", "organisation__sdgs")
    if model is Offer:
        queryset = queryset.prefetch_related("regions")
    else:
        queryset = queryset.select_related("province")
    try:
        return queryset.get(pk=pk)
    except model.DoesNotExist as exc:
        raise Http404 from exc


def listing_list_for_review(
    *, q: str = "", status: str = "", kind: str = "", limit: int = 200
) -> list[Listing]:
    """Offers and needs in any state for the hub editors' lookup, most recently changed first."""
    items: list[Listing] = []
    for word, model in REVIEW_KINDS.items():
        if kind and kind != word:
            continue
        queryset = model.objects.select_related("organisation", "theme")
        if status:
            queryset = queryset.filter(status=status)
        if q:
            queryset = queryset.filter(
                Q(title__icontains=q) | Q(organisation__name__icontains=q) | Q(slug__icontains=q)
            )
        items.extend(queryset.order_by("-updated_at", "-pk")[:limit])
    return sorted(items, key=lambda item: item.updated_at, reverse=True)[:limit]


def organisation_list_for_review(
    *, q: str = "", verified: bool | None = None
) -> QuerySet[Organisation]:
    """Organisations for the hub editors, with how many of their items wait for review."""
    queryset = Organisation.objects.select_related("province")
    if q:
        queryset = queryset.filter(Q(name__icontains=q) | Q(kvk_number__icontains=q))
    if verified is not None:
        queryset = queryset.filter(is_verified=verified)
    return queryset.annotate(
        submitted_offer_count=Count(
            "offer", filter=Q(offer__status=ListingStatus.SUBMITTED), distinct=True
        ),
        submitted_need_count=Count(
            "need", filter=Q(need__status=ListingStatus.SUBMITTED), distinct=True
        ),
    ).order_by("is_verified", "name")


# Public pages and the member's workspace -----------------------------------------------------


def platform_counts() -> dict[str, int]:
    """How many live offers and needs, and how many organisations, the platform holds."""
    return {
        "offers": offer_list_public().count(),
        "needs": need_list_public().count(),
        "organisations": Organisation.objects.count(),
    }


def organisation_open_invitations(*, organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations of an organisation that are neither accepted nor expired."""
    return organisation.invitations.filter(
        accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def invitation_get_open(*, token: str) -> Invitation | None:
    """The open invitation with this token, or None when it is unknown, used or expired."""
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by").filter(token=token).first()
    )
    return invitation if invitation is not None and invitation.is_open else None


def organisation_get_for_review(*, pk: int) -> Organisation:
    """Any organisation, for a hub editor; 404 when unknown."""
    try:
        return Organisation.objects.get(pk=pk)
    except Organisation.DoesNotExist as exc:
        raise Http404 from exc


def listing_submission_times(*, listings: list[Listing]) -> dict[Listing, datetime.datetime]:
    """When each of these offers and needs was last submitted for review (one query)."""
    content_types = ContentType.objects.get_for_models(Offer, Need)
    by_key = {(content_types[type(item)].pk, item.pk): item for item in listings}
    if not by_key:
        return {}
    ids = Q()
    for model, content_type in content_types.items():
        pks = [item.pk for item in listings if type(item) is model]
        if pks:
            ids |= Q(content_type=content_type, object_id__in=pks)
    rows = (
        ListingTransition.objects.filter(ids, to_status=ListingStatus.SUBMITTED)
        .values("content_type", "object_id")
        .annotate(submitted_at=Max("created_at"))
    )
    return {
        by_key[(row["content_type"], row["object_id"])]: row["submitted_at"]
        for row in rows
        if (row["content_type"], row["object_id"]) in by_key
    }


# The organisation's plan (set by payments through services.organisation_set_plan) ---------

LIVE_OFFER_STATUSES = (ListingStatus.SUBMITTED, ListingStatus.PUBLISHED)


def organisation_live_offer_count(
    *, organisation: Organisation, exclude_offer: Offer | None = None
) -> int:
    """Offers of the organisation that are published or waiting for review."""
    offers = Offer.objects.filter(organisation=organisation, status__in=LIVE_OFFER_STATUSES)
    if exclude_offer is not None:
        offers = offers.exclude(pk=exclude_offer.pk)
    return offers.count()


def offer_limit_reached(*, organisation: Organisation, exclude_offer: Offer | None = None) -> bool:
    """Whether one more live offer would go beyond what the organisation's plan allows."""
    limit = organisation.offer_limit
    if limit is None:
        return False
    return (
        organisation_live_offer_count(organisation=organisation, exclude_offer=exclude_offer)
        >= limit
    )
