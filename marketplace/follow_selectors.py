"""Reads for follows: who follows what, and what is new from what a person follows."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q

from . import selectors
from .models import Follow, Listing, Organisation, Theme


def follow_list(*, user: AbstractBaseUser) -> list[Follow]:
    """What the person follows, organisations and themes, oldest first."""
    return list(Follow.objects.filter(user=user).select_related("organisation", "theme"))


def is_following(
    *, user: AbstractBaseUser | AnonymousUser, target: Organisation | Theme
) -> bool:
    if not user.is_authenticated:
        return False
    field = "organisation" if isinstance(target, Organisation) else "theme"
    return Follow.objects.filter(user=user, **{field: target}).exists()


def followed_listings_since(
    *, user: AbstractBaseUser, since: datetime.datetime | None, limit: int = 20
) -> list[Listing]:
    """Public offers and needs of followed organisations or themes published after `since`."""
    follows = Follow.objects.filter(user=user)
    org_ids = [f for f in follows.values_list("organisation_id", flat=True) if f]
    theme_ids = [f for f in follows.values_list("theme_id", flat=True) if f]
    if not org_ids and not theme_ids:
        return []
    wanted = Q(organisation_id__in=org_ids) | Q(theme_id__in=theme_ids)
    found: list[Listing] = []
    for queryset in (selectors.offer_list_public(), selectors.need_list_public()):
        queryset = queryset.filter(wanted)
        if since is not None:
            queryset = queryset.filter(published_at__gt=since)
        found.extend(queryset[:limit])
    found.sort(key=lambda listing: listing.published_at, reverse=True)
    return found[:limit]
