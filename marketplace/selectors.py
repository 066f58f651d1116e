"""Reads of the marketplace: what is public, what a member may see, what needs attention."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from .models import (
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
    return user.is_authenticated and user.has_perm("marketplace.review_listing")


def hub_editor_emails() -> list[str]:
    User = get_user_model()
    return [
        u.email
        for u in User.objects.filter(is_active=True).exclude(email="")
        if u.has_perm("marketplace.review_listing")
    ]


def _public(queryset: QuerySet[L]) -> QuerySet[L]:
    model = queryset.model
    today = timezone.localdate()
    end = model.end_date_field
    return queryset.filter(status=ListingStatus.PUBLISHED).filter(
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": today})
    )


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
    """Organisations, with how many live offers and needs each has."""
    today = timezone.localdate()
    live_offer = Q(offer__status=ListingStatus.PUBLISHED) & (
        Q(offer__valid_until__isnull=True) | Q(offer__valid_until__gte=today)
    )
    live_need = Q(need__status=ListingStatus.PUBLISHED) & (
        Q(need__deadline__isnull=True) | Q(need__deadline__gte=today)
    )
    qs = Organisation.objects.select_related("province")
    if kind:
        qs = qs.filter(kind=kind)
    if province:
        qs = qs.filter(province__slug=province)
    if theme:
        qs = qs.filter(themes__slug=theme)
    if sdg:
        qs = qs.filter(sdgs__number=sdg)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(description__icontains=q))
    return qs.annotate(
        live_offer_count=Count("offer", filter=live_offer, distinct=True),
        live_need_count=Count("need", filter=live_need, distinct=True),
    ).order_by("name")


def organisation_get_public(*, slug: str) -> Organisation:
    try:
        return (
            Organisation.objects.select_related("province")
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


def organisation_public_listings(*, organisation: Organisation) -> dict[str, list[Listing]]:
    return {
        "offers": list(offer_list_public().filter(organisation=organisation)),
        "needs": list(need_list_public().filter(organisation=organisation)),
    }


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("role", "user__email")


