"""Nudges that complete the record: ask whether a match led to something, and whether a listing
about to expire should be renewed or closed.

`nudges_send()` runs on a schedule (`manage.py send_nudges`, daily). Each nudge is a unique
`Nudge` row (stage + target [+ end date]) written in the transaction that notifies, so running it
again, or twice at once, never asks twice. Timings come from `settings.NUDGES`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Max, Model, Q
from django.utils import timezone

from notifications.services import notify

from . import notifications as kinds
from .models import (
    Listing,
    ListingStatus,
    Match,
    MatchStatus,
    Membership,
    Need,
    Nudge,
    Offer,
    Organisation,
)

DEFAULTS = {
    # Days after the introduction (no deal agreed yet) before both sides are asked.
    "AFTER_INTRODUCTION_DAYS": 14,
    # Days after the deal was agreed (no outcome reported yet) before both sides are asked.
    "AFTER_AGREEMENT_DAYS": 30,
    # Days before a listing's end date that its organisation is asked to renew or close it.
    "BEFORE_EXPIRY_DAYS": 7,
}


def nudge_settings() -> dict[str, int]:
    return {name: int(value) for name, value in
            {**DEFAULTS, **getattr(settings, "NUDGES", {})}.items()}


@dataclass
class NudgeReport:
    """How many nudges one run sent, per stage."""

    introduced: int = 0
    agreed: int = 0
    expiring: int = 0

    @property
    def total(self) -> int:
        return self.introduced + self.agreed + self.expiring


def _people(*organisations: Organisation) -> list:
    return [
        m.user for m in Membership.objects.filter(organisation__in=organisations)
        .select_related("user").order_by("pk")
    ]


def _nudge_once(*, stage: str, target: Model, detail: str = "") -> bool:
    """Record the nudge; False when it was sent before (the unique row exists)."""
    try:
        with transaction.atomic():
            _nudge, created = Nudge.objects.get_or_create(
                stage=stage,
                content_type=ContentType.objects.get_for_model(target),
                object_id=target.pk,
                detail=detail,
            )
    except IntegrityError:  # another run inserted it at the same moment
        return False
    return created


def _matches_waiting(status: str, before: datetime.datetime):
    return (
        Match.objects.filter(status=status)
        .annotate(since=Max("events__created_at", filter=Q(events__to_status=status)))
        .filter(since__lte=before)
        .select_related("need__organisation", "offer__organisation")
        .order_by("pk")
    )


def _nudge_matches(stage: str, kind: str, days: int, now: datetime.datetime) -> int:
    sent = 0
    for match in _matches_waiting(stage, now - datetime.timedelta(days=days)):
        with transaction.atomic():
            if not _nudge_once(stage=stage, target=match):
                continue
            notify(
                recipients=_people(match.need.organisation, match.offer.organisation),
                kind=kind, target=match,
                data={"title": match.need.title, "language": match.need.language,
                      "days": str(days)},
            )
            sent += 1
    return sent


def _nudge_expiring(today: datetime.date, days: int) -> int:
    sent = 0
    for model in (Offer, Need):
        field = model.end_date_field
        due = model.objects.filter(
            status=ListingStatus.PUBLISHED,
            **{f"{field}__gte": today, f"{field}__lte": today + datetime.timedelta(days=days)},
        ).select_related("organisation").order_by("pk")
        for listing in due:
            end: datetime.date = listing.end_date
            with transaction.atomic():
                if not _nudge_once(stage=Nudge.Stage.EXPIRING, target=listing,
                                   detail=end.isoformat()):
                    continue
                notify(
                    recipients=_people(listing.organisation), kind=kinds.NUDGE_EXPIRING,
                    target=listing, data=_expiring_data(listing, end),
                )
                sent += 1
    return sent


def _expiring_data(listing: Listing, end: datetime.date) -> dict[str, str]:
    return {
        "title": listing.title, "language": listing.language, "date": end.isoformat(),
        "listing_type": "offer" if isinstance(listing, Offer) else "need", "slug": listing.slug,
    }


def nudges_send(*, now: datetime.datetime | None = None) -> NudgeReport:
    """Send every nudge that is due and was not sent before; how many per stage."""
    now = now or timezone.now()
    timings = nudge_settings()
    return NudgeReport(
        introduced=_nudge_matches(MatchStatus.INTRODUCED, kinds.NUDGE_INTRODUCED,
                                  timings["AFTER_INTRODUCTION_DAYS"], now),
        agreed=_nudge_matches(MatchStatus.AGREED, kinds.NUDGE_AGREED,
                              timings["AFTER_AGREEMENT_DAYS"], now),
        expiring=_nudge_expiring(timezone.localdate(now), timings["BEFORE_EXPIRY_DAYS"]),
    )
