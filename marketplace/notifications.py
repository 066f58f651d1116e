"""E-mail for notifications: at once, or gathered in a daily digest, in each person's language."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Notification, NotificationPreference

SUBJECTS = {
    Notification.Kind.INTEREST: lambda n: _("Interest in “%(title)s”"),
    Notification.Kind.ACCEPTED: lambda n: _("You have been introduced: “%(title)s”"),
    Notification.Kind.DECLINED: lambda n: _("No thanks for now: “%(title)s”"),
    Notification.Kind.MESSAGE: lambda n: _("New message about “%(title)s”"),
    Notification.Kind.AGREED: lambda n: _("Deal agreed: “%(title)s”"),
    Notification.Kind.FULFILLED: lambda n: _("Outcome reported: “%(title)s”"),
    Notification.Kind.LEAD: lambda n: _("New lead: “%(title)s” may need your offer"),
}


def _preference(user) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    return preference


def _line(notification: Notification) -> str:
    return SUBJECTS[notification.kind](notification) % {"title": notification.match.need.title}


def _link(notification: Notification) -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse(
        "marketplace:match_detail", kwargs={"pk": notification.match_id}
    )


def notification_send_instant(*, notification_ids: Iterable[int]) -> int:
    """E-mail the given notifications now to everyone who wants e-mail at once."""
    sent = 0
    pending = Notification.objects.filter(
        pk__in=list(notification_ids), emailed_at__isnull=True
    ).select_related("user", "match__need")
    for notification in pending:
        preference = _preference(notification.user)
        if preference.email_frequency != NotificationPreference.Frequency.INSTANT:
            continue
        if not notification.user.email:
            continue
        with translation.override(preference.language):
            send_mail(
                subject=_line(notification),
                message=_("%(line)s\n\nOpen it: %(link)s\n\nChange how often we e-mail you: %(prefs)s")
                % {
                    "line": _line(notification),
                    "link": _link(notification),
                    "prefs": settings.WAGTAILADMIN_BASE_URL + reverse("marketplace:notifications"),
                },
                from_email=None,
                recipient_list=[notification.user.email],
            )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        sent += 1
    return sent


def notifications_send_daily_digest() -> int:
    """Send one e-mail per person who chose the daily digest, with everything not yet e-mailed."""
    by_user: dict[int, list[Notification]] = defaultdict(list)
    pending = Notification.objects.filter(
        emailed_at__isnull=True,
        user__notification_preference__email_frequency=NotificationPreference.Frequency.DAILY,
    ).select_related("user", "match__need")
    for notification in pending:
        by_user[notification.user_id].append(notification)
    for items in by_user.values():
        user = items[0].user
        with translation.override(_preference(user).language):
            lines = "\n".join(f"- {_line(n)}: {_link(n)}" for n in items)
            send_mail(
                subject=_("Your daily Business2Community digest (%(count)s)") % {"count": len(items)},
                message=_("What happened on your matches today:\n\n%(lines)s\n\n"
                          "Change how often we e-mail you: %(prefs)s")
                % {
                    "lines": lines,
                    "prefs": settings.WAGTAILADMIN_BASE_URL + reverse("marketplace:notifications"),
                },
                from_email=None,
                recipient_list=[user.email],
            )
        Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=timezone.now())
    return len(by_user)
