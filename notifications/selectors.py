"""Reads of notifications: a person's notices, the unread count, their e-mail preference.

None of these writes: a person without a preference row gets the defaults, and no row is made.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache

from .models import Notification, NotificationPreference


def notification_list_for_user(*, user: AbstractBaseUser, limit: int = 50) -> list[Notification]:
    """The person's latest notices, newest first (their texts need no further query)."""
    return list(Notification.objects.filter(recipient=user)[:limit])


def notification_unread_count(*, user: AbstractBaseUser) -> int:
    """How many of the person's notices are unread (0 for anonymous visitors)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


UNREAD_COUNT_SECONDS = 60


def unread_count_cache_key(user_id: int) -> str:
    return f"notifications:unread:{user_id}"


def notification_unread_count_cached(*, user: AbstractBaseUser) -> int:
    """The unread count for the bell on every page: one query, then kept for a minute.

    The services that add or mark notices forget the kept number, so it is only ever stale
    when a row was changed outside them.
    """
    if not user.is_authenticated:
        return 0
    key = unread_count_cache_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = notification_unread_count(user=user)
        cache.set(key, count, UNREAD_COUNT_SECONDS)
    return count


def notification_preference_for_user(*, user: AbstractBaseUser) -> NotificationPreference:
    """The person's preference, or an unsaved one with the defaults."""
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference or NotificationPreference(user=user, language=settings.LANGUAGE_CODE)


def notification_preferences_by_user(
    *, user_ids: Iterable[int]
) -> dict[int, NotificationPreference]:
    """The saved preferences of these people, by user id, in one query (missing = defaults)."""
    return {
        preference.user_id: preference
        for preference in NotificationPreference.objects.filter(user_id__in=set(user_ids))
    }


def notification_language_for(*, user: AbstractBaseUser | None) -> str:
    """The language a person reads their e-mail in: their preference, else the site default."""
    if user is None or user.pk is None:
        return settings.LANGUAGE_CODE
    language = (
        NotificationPreference.objects.filter(user=user).values_list("language", flat=True).first()
    )
    return language or settings.LANGUAGE_CODE
