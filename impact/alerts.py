"""Writes: supply-desert alerts to providers (in-site notice and e-mail, at most weekly).

When a theme × province has `MIN_NEEDS` or more open needs without a good match
(`impact.demand.desert_cells`), every organisation with a public offer in that theme that does not
serve the province yet gets one alert with those needs. Each provider hears about one theme ×
province at most once every `EVERY_DAYS` days (`DesertAlert` rows record what was sent, so running
again is harmless). Partners come first: the others are alerted only once a Partner has had the
alert for `PARTNER_HEAD_START_HOURS` (or when no Partner is active in the theme).
Run by `manage.py send_desert_alerts` (daily) or the task `impact.tasks.send_desert_alerts`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace.models import Need, Organisation, Plan
from notifications.selectors import notification_preferences_by_user
from notifications.services import notify

from . import demand
from .models import DesertAlert
from .notifications import SUPPLY_DESERT

DEFAULTS: dict[str, Any] = {
    # Open needs without a good match in one theme and province that make an alert.
    "MIN_NEEDS": 3,
    # Days before the same provider hears about the same theme and province again.
    "EVERY_DAYS": 7,
    # Hours Partners have the alert before the other providers get it.
    "PARTNER_HEAD_START_HOURS": 24,
}
# Needs listed in one alert; the map shows them all.
NEEDS_LISTED = 10


def config() -> dict[str, Any]:
    """The alert settings (`IMPACT_DESERT_ALERTS`), every key left out at its default."""
    return {**DEFAULTS, **getattr(settings, "IMPACT_DESERT_ALERTS", {})}


@dataclass
class DesertAlertReport:
    """What one run did: alerts sent, and cells or providers it left for later."""

    cells: int = 0
    sent: list[DesertAlert] = field(default_factory=list)
    already_alerted: int = 0
    waiting_for_partners: int = 0


def _need_lines(needs: list[Need]) -> str:
    """The needs behind an alert as e-mail lines, in the active language."""
    base = settings.WAGTAILADMIN_BASE_URL
    lines = []
    for need in needs[:NEEDS_LISTED]:
        where = ", ".join(part for part in (need.municipality, need.province.name) if part)
        url = base + reverse("marketplace:need_detail", kwargs={"slug": need.slug})
        lines.append(f"- {need.title} ({need.organisation.name}, {where}): {url}")
    if len(needs) > NEEDS_LISTED:
        lines.append(
            _("… and %(count)s more on the map.")
            % {"count": len(needs) - NEEDS_LISTED}
        )
    return "\n".join(lines)


def _notify_members(alert: DesertAlert, needs: list[Need]) -> int:
    """One notice per member, its texts recorded in the member's own language."""
    users = [
        membership.user
        for membership in alert.organisation.memberships.select_related("user")
        if membership.user.is_active
    ]
    preferences = notification_preferences_by_user(user_ids=[user.pk for user in users])
    by_language: dict[str, list] = defaultdict(list)
    for user in users:
        preference = preferences.get(user.pk)
        by_language[preference.language if preference else settings.LANGUAGE_CODE].append(user)
    notified = 0
    for language, recipients in by_language.items():
        with translation.override(language):
            data = {
                "theme": alert.theme.slug,
                "province": alert.province.slug,
                "theme_name": alert.theme.name,
                "province_name": alert.province.name,
                "count": len(needs),
                "needs": _need_lines(needs),
                "language": language,
            }
        notified += len(notify(recipients=recipients, kind=SUPPLY_DESERT, target=alert, data=data))
    return notified


def desert_alert_send(
    *, organisation: Organisation, cell: demand.DesertCell, now: datetime.datetime
) -> DesertAlert | None:
    """Alert one provider about one desert cell, unless it had that alert in the last days."""
    every = datetime.timedelta(days=config()["EVERY_DAYS"])
    try:
        with transaction.atomic():
            # One run at a time per provider: the check and the insert below go together.
            locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
            recent = DesertAlert.objects.filter(
                organisation=locked, theme=cell.theme, province=cell.province,
                sent_at__gt=now - every,
            )
            if recent.exists():
                return None
            needs = list(cell.needs)
            alert = DesertAlert(
                organisation=locked, theme=cell.theme, province=cell.province,
                need_ids=[need.pk for need in needs], sent_at=now, sent_on=now.date(),
            )
            alert.full_clean()
            alert.save()
            _notify_members(alert, needs)
            return alert
    except IntegrityError:
        # Another run sent the same alert today in the meantime.
        return None


def _partners_had_head_start(cell: demand.DesertCell, now: datetime.datetime) -> bool:
    head_start = datetime.timedelta(hours=config()["PARTNER_HEAD_START_HOURS"])
    return DesertAlert.objects.filter(
        theme=cell.theme, province=cell.province, organisation__plan=Plan.PARTNER,
        sent_at__lte=now - head_start,
    ).exists()


def desert_alerts_send(*, now: datetime.datetime | None = None) -> DesertAlertReport:
    """Send every due supply-desert alert: Partners first, each provider at most weekly per cell."""
    now = now or timezone.now()
    report = DesertAlertReport()
    cells = demand.desert_cells(min_needs=config()["MIN_NEEDS"])
    report.cells = len(cells)
    for cell in cells:
        providers = demand.providers_active_in_theme(theme=cell.theme, province=cell.province)
        partners_first = any(provider.is_partner for provider in providers)
        others_may_follow = not partners_first or _partners_had_head_start(cell, now)
        for provider in providers:  # Partners first, then by name
            if not provider.is_partner and not others_may_follow:
                report.waiting_for_partners += 1
                continue
            alert = desert_alert_send(organisation=provider, cell=cell, now=now)
            if alert is None:
                report.already_alerted += 1
            else:
                report.sent.append(alert)
    return report
