"""Writes of notifications: notify() records notices and e-mails them; mark read; the digest.

Every e-mail is rendered per recipient in the recipient's language (their preference, else
`settings.LANGUAGE_CODE`) and sent through `core.email.send_email`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from core.email import send_email

from . import registry
from .models import Notification, NotificationPreference
from .selectors import notification_preferences_by_user, unread_count_cache_key

Frequency = NotificationPreference.Frequency


def notify(
    *,
    recipients: Iterable[AbstractBaseUser],
    kind: str,
    target: models.Model,
    data: dict[str, Any] | None = None,
    actor: AbstractBaseUser | None = None,
) -> list[Notification]:
    """Record a notice of a registered kind about `target` for each recipient (never the actor).

    E-mail goes out after commit to those who want it at once; the daily digest takes the rest.
    The listeners named in `settings.NOTIFICATION_LISTENERS` hear of it (the API's webhooks).
    """
    registry.require_kind(kind)
    people: dict[int, AbstractBaseUser] = {}
    for user in recipients:
        if user is not None and user.pk is not None and (actor is None or user.pk != actor.pk):
            people.setdefault(user.pk, user)
    if not people:
        return []
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user, kind=kind, target_content_type=content_type,
                target_object_id=target.pk, data=dict(data or {}),
            )
            for user in people.values()
        ]
    )
    ids = [n.pk for n in notifications]
    # Forget now and again after commit: a request that counted meanwhile kept the old number.
    _forget_unread_counts(people)
    transaction.on_commit(lambda: _forget_unread_counts(people))
    transaction.on_commit(lambda: notifications_send_instant(notification_ids=ids))
    for path in getattr(settings, "NOTIFICATION_LISTENERS", []):
        # In the caller's transaction, so what a listener records rolls back with the notice.
        import_string(path)(kind=kind, target=target, data=dict(data or {}))
    return notifications


def _forget_unread_counts(user_ids: Iterable[int]) -> None:
    """Drop the bell's kept counts of these people (see notification_unread_count_cached)."""
    cache.delete_many([unread_count_cache_key(pk) for pk in user_ids])


def _language(preference: NotificationPreference | None) -> str:
    return preference.language if preference else settings.LANGUAGE_CODE


def _frequency(preference: NotificationPreference | None) -> str:
    return preference.email_frequency if preference else Frequency.INSTANT


def notifications_send_instant(*, notification_ids: Iterable[int]) -> int:
    """E-mail the given notices now to everyone who wants e-mail at once; the number sent."""
    pending = list(
        Notification.objects.filter(pk__in=list(notification_ids), emailed_at__isnull=True)
        .select_related("recipient")
    )
    preferences = notification_preferences_by_user(user_ids=[n.recipient_id for n in pending])
    sent = 0
    for notification in pending:
        preference = preferences.get(notification.recipient_id)
        if _frequency(preference) != Frequency.INSTANT or not notification.recipient.email:
            continue
        with translation.override(_language(preference)):
            subject, body = registry.render_email(notification)
        if send_email(to=[notification.recipient.email], subject=subject, body=body):
            notification.emailed_at = timezone.now()
            notification.save(update_fields=["emailed_at"])
            sent += 1
    return sent


WEEK = datetime.timedelta(days=7)
# A weekly run that starts a little earlier than last week's still counts as the next week.
WEEK_SLACK = datetime.timedelta(hours=2)


def _digest_sections(
    user: AbstractBaseUser, since: datetime.datetime
) -> list[registry.DigestSection]:
    """What other apps add to a digest (settings.NOTIFICATION_DIGEST_SECTIONS), e.g. follows."""
    sections = []
    for path in getattr(settings, "NOTIFICATION_DIGEST_SECTIONS", []):
        section = import_string(path)(user=user, since=since)
        if section and section.entries:
            sections.append(section)
    return sections


def _send_digest(
    preference: NotificationPreference, *, frequency: str, now: datetime.datetime
) -> bool:
    """Compose and send one person's digest; False when there was nothing to tell."""
    user = preference.user
    period = WEEK if frequency == Frequency.WEEKLY else datetime.timedelta(days=1)
    since = preference.last_digest_at or now - period
    items = list(
        Notification.objects.filter(recipient=user, emailed_at__isnull=True, created_at__lte=now)
        .order_by("created_at", "id")
    )
    with translation.override(preference.language):
        sections = _digest_sections(user, since)
        if not items and not sections:
            return False
        subject, body = registry.render_digest(items, frequency=frequency, sections=sections)
    if not send_email(to=[user.email], subject=subject, body=body):
        return False
    Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=now)
    NotificationPreference.objects.filter(pk=preference.pk).update(last_digest_at=now)
    return True


def notifications_send_digests(*, frequency: str, now: datetime.datetime | None = None) -> int:
    """One digest e-mail per person who chose this frequency; the number sent.

    Daily: everybody with notices not yet e-mailed. Weekly: everybody whose last digest is a
    week old (or who never had one), so running the command twice in a week sends once.
    """
    now = now or timezone.now()
    preferences = NotificationPreference.objects.filter(
        email_frequency=frequency
    ).exclude(user__email="").select_related("user")
    if frequency == Frequency.WEEKLY:
        preferences = preferences.filter(
            models.Q(last_digest_at__isnull=True) | models.Q(last_digest_at__lte=now - WEEK + WEEK_SLACK)
        )
    else:
        preferences = preferences.filter(
            user__notifications__emailed_at__isnull=True
        ).distinct()
    sent = 0
    for preference in preferences.order_by("pk"):
        with transaction.atomic():
            # Locked and checked again: two runs at once still send one digest.
            locked = NotificationPreference.objects.select_for_update().get(pk=preference.pk)
            if (
                frequency == Frequency.WEEKLY
                and locked.last_digest_at is not None
                and locked.last_digest_at > now - WEEK + WEEK_SLACK
            ):
                continue
            locked.user = preference.user
            sent += _send_digest(locked, frequency=frequency, now=now)
    return sent


def notifications_send_daily_digest() -> int:
    """One e-mail per person who chose the daily digest, with every kind not yet e-mailed."""
    return notifications_send_digests(frequency=Frequency.DAILY)


def notifications_send_weekly_digest(*, now: datetime.datetime | None = None) -> int:
    """The weekly digest: notices, new matches and what the person follows, once a week."""
    return notifications_send_digests(frequency=Frequency.WEEKLY, now=now)


def notification_mark_read(*, user: AbstractBaseUser, ids: Iterable[int] | None = None) -> int:
    """Mark the person's notices (all, or the given ones) as read; how many changed."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    changed = qs.update(read_at=timezone.now())
    _forget_unread_counts([user.pk])
    return changed


def notification_mark_read_for_target(*, user: AbstractBaseUser, target: models.Model) -> int:
    """Mark the person's notices about one object as read (when they act on it)."""
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    changed = Notification.objects.filter(
        recipient=user, read_at__isnull=True, target_content_type=content_type,
        target_object_id=target.pk,
    ).update(read_at=timezone.now())
    _forget_unread_counts([user.pk])
    return changed


@transaction.atomic
def notification_preference_set(
    *, user: AbstractBaseUser, email_frequency: str, language: str
) -> NotificationPreference:
    """Save how the person wants to be e-mailed, and in which language."""
    preference = NotificationPreference.objects.filter(user=user).first() or NotificationPreference(
        user=user
    )
    preference.email_frequency = email_frequency
    preference.language = language
    preference.full_clean()
    preference.save()
    return preference
