"""Reads of the impact pages: the platform's totals and each organisation's handprint.

Every figure is a sum over the outcome reports of fulfilled matches (`OutcomeReport`,
`OutcomeIndicator`), computed when asked, never stored or typed in. Public figures count only
outcomes whose visibility allows it (`OutcomeReport.IN_TOTALS`); the details of a deal (who,
what) are public only when its outcome is public. Each selector runs a fixed number of queries,
whatever the number of deals. docs/impact.md explains each figure.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from marketplace.models import (
    SDG,
    Indicator,
    MatchEvent,
    MatchSide,
    MatchStatus,
    Membership,
    Organisation,
    OutcomeIndicator,
    OutcomeReport,
    Province,
    Theme,
)

ZERO = Decimal("0")
DEALS = "deals"  # the metric "number of fulfilled deals", beside the indicators
METRICS = (DEALS, *Indicator.values)
MONTHS_SHOWN = 24  # the monthly series covers at most the last two years


@dataclass(frozen=True)
class IndicatorValue:
    """One indicator's sum."""

    indicator: str
    value: Decimal

    @property
    def label(self) -> str:
        return str(Indicator(self.indicator).label)


def _indicator_values(sums: dict[str, Decimal]) -> list[IndicatorValue]:
    """The non-zero sums in the indicators' own order."""
    return [
        IndicatorValue(indicator=code, value=sums[code])
        for code in Indicator.values
        if sums.get(code)
    ]


@dataclass(frozen=True)
class GroupTotal:
    """One group of outcomes (an SDG, a province, a theme, a month): its deals and sums."""

    key: Any
    label: str
    deals: int
    sums: dict[str, Decimal] = field(default_factory=dict)

    @property
    def indicators(self) -> list[IndicatorValue]:
        return _indicator_values(self.sums)

    @property
    def cells(self) -> list[Decimal | None]:
        """Every indicator's sum in the indicators' order (None where nothing was recorded)."""
        return [self.sums.get(code) for code in Indicator.values]

    def value(self, metric: str) -> Decimal | int:
        """The group's figure for a metric: its deals, or the sum of one indicator."""
        return self.deals if metric == DEALS else self.sums.get(metric, ZERO)


@dataclass(frozen=True)
class PlatformImpact:
    """The platform's totals: over all, per SDG, per province, per theme and per month."""

    deals: int
    organisations: int
    indicators: list[IndicatorValue]
    by_sdg: list[GroupTotal]
    by_province: list[GroupTotal]
    by_theme: list[GroupTotal]
    by_month: list[GroupTotal]

    def total(self, indicator: str) -> Decimal:
        return next((item.value for item in self.indicators if item.indicator == indicator), ZERO)


def reports_in_totals() -> QuerySet[OutcomeReport]:
    """Outcome reports of fulfilled matches whose figures count in public totals."""
    return OutcomeReport.objects.filter(
        match__status=MatchStatus.FULFILLED, visibility__in=OutcomeReport.IN_TOTALS
    )


def _indicators_in_totals() -> QuerySet[OutcomeIndicator]:
    return OutcomeIndicator.objects.filter(
        report__match__status=MatchStatus.FULFILLED,
        report__visibility__in=OutcomeReport.IN_TOTALS,
    )


def _grouped(report_key: Any, indicator_key: Any) -> dict[Any, tuple[int, dict]]:
    """{group: (deals, {indicator: sum})}, grouped by an expression on the report (two queries).

    `indicator_key` is the same expression seen from an indicator line (through `report__`).
    """
    deals = dict(
        reports_in_totals()
        .annotate(group=report_key)
        .values("group")
        .annotate(n=Count("pk"))
        .values_list("group", "n")
        .order_by()
    )
    sums: dict[Any, dict[str, Decimal]] = defaultdict(dict)
    for group, indicator, total in (
        _indicators_in_totals()
        .annotate(group=indicator_key)
        .values("group", "indicator")
        .annotate(total=Sum("value"))
        .values_list("group", "indicator", "total")
        .order_by()
    ):
        sums[group][indicator] = total
    return {key: (n, sums.get(key, {})) for key, n in deals.items()}


def _by_sdg() -> list[GroupTotal]:
    """Per SDG: the deals with an indicator tagged to it and the sums of those indicators."""
    deals = dict(
        _indicators_in_totals()
        .values("sdg_id")
        .annotate(n=Count("report", distinct=True))
        .values_list("sdg_id", "n")
        .order_by()
    )
    sums: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for sdg_id, indicator, total in (
        _indicators_in_totals()
        .values("sdg_id", "indicator")
        .annotate(total=Sum("value"))
        .values_list("sdg_id", "indicator", "total")
        .order_by()
    ):
        sums[sdg_id][indicator] = total
    sdgs = SDG.objects.in_bulk(list(deals))
    return [
        GroupTotal(key=sdg.number, label=sdg.name, deals=deals[sdg.pk], sums=sums[sdg.pk])
        for sdg in sorted(sdgs.values(), key=lambda sdg: sdg.number)
    ]


def _labelled(groups: dict[Any, tuple[int, dict]], names: dict[Any, Any]) -> list[GroupTotal]:
    totals = [
        GroupTotal(key=getattr(names[key], "slug", key), label=names[key].name, deals=n, sums=sums)
        for key, (n, sums) in groups.items()
        if key in names
    ]
    return sorted(totals, key=lambda group: (-group.deals, group.label))


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _by_month(*, today: datetime.date) -> list[GroupTotal]:
    """Per calendar month of fulfilment, every month from the first shown to this one."""
    groups = {
        (key.date() if isinstance(key, datetime.datetime) else key): value
        for key, value in _grouped(
            TruncMonth("created_at"), TruncMonth("report__created_at")
        ).items()
        if key is not None
    }
    if not groups:
        return []
    last = _month_start(today)
    first = min(groups)
    earliest = last
    for _ in range(MONTHS_SHOWN - 1):
        earliest = (earliest - datetime.timedelta(days=1)).replace(day=1)
    month = max(first, earliest)
    series = []
    while month <= last:
        n, sums = groups.get(month, (0, {}))
        series.append(GroupTotal(key=month, label=month.isoformat()[:7], deals=n, sums=sums))
        month = _next_month(month)
    return series


def platform_impact(*, today: datetime.date | None = None) -> PlatformImpact:
    """The totals of /impact/: every outcome that counts in totals, grouped four ways."""
    today = today or timezone.localdate()
    by_sdg = _by_sdg()
    overall: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for group in by_sdg:  # each indicator line carries exactly one SDG
        for code, value in group.sums.items():
            overall[code] += value
    pairs = list(
        reports_in_totals().values_list("match__need__organisation_id",
                                        "match__offer__organisation_id")
    )
    return PlatformImpact(
        deals=len(pairs),
        organisations=len({org for pair in pairs for org in pair}),
        indicators=_indicator_values(overall),
        by_sdg=by_sdg,
        by_province=_labelled(
            _grouped(F("match__need__province_id"), F("report__match__need__province_id")),
            Province.objects.in_bulk(),
        ),
        by_theme=_labelled(
            _grouped(F("match__need__theme_id"), F("report__match__need__theme_id")),
            Theme.objects.in_bulk(),
        ),
        by_month=_by_month(today=today),
    )


# One organisation: its handprint and its track record ---------------------------------------


@dataclass(frozen=True)
class OutcomeLine:
    sdg: SDG
    indicator: str
    value: Decimal

    @property
    def label(self) -> str:
        return str(Indicator(self.indicator).label)


@dataclass(frozen=True)
class HandprintDeal:
    """A fulfilled deal of the organisation, with what it delivered."""

    match_id: int
    fulfilled_at: datetime.datetime
    need_title: str
    offer_title: str
    partner: Organisation
    visibility: str
    delivered: str
    lines: list[OutcomeLine]

    @property
    def details_public(self) -> bool:
        return self.visibility == OutcomeReport.Visibility.PUBLIC

    @property
    def visibility_label(self) -> str:
        return str(OutcomeReport.Visibility(self.visibility).label)


@dataclass(frozen=True)
class HandprintSDG:
    """One SDG of the handprint: declared by the organisation, achieved through deals, or both."""

    sdg: SDG
    declared: bool
    deals: int
    indicators: list[IndicatorValue]

    @property
    def achieved(self) -> bool:
        return self.deals > 0


@dataclass(frozen=True)
class Handprint:
    """What an organisation achieved through the platform, per SDG and indicator.

    `full` is the view of its own members: every outcome, private ones included, with details.
    Anyone else sees the sums of the outcomes that count in totals, and the details of the
    public ones only.
    """

    organisation: Organisation
    full: bool
    sdgs: list[HandprintSDG]
    indicators: list[IndicatorValue]
    deals_counted: int
    deals: list[HandprintDeal]  # the deals whose details this viewer may see
    partners: list[Organisation]  # the organisations on the other side of those deals

    @property
    def deals_with_private_details(self) -> int:
        return self.deals_counted - len(self.deals)

    @property
    def is_empty(self) -> bool:
        return self.deals_counted == 0


def viewer_is_member(*, organisation: Organisation,
                     user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """Whether the viewer is a member of the organisation (and so sees its full handprint)."""
    if user is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(organisation=organisation, user=user).exists()


def _organisation_reports(organisation: Organisation, *, full: bool) -> QuerySet[OutcomeReport]:
    reports = OutcomeReport.objects.filter(match__status=MatchStatus.FULFILLED).filter(
        Q(match__need__organisation=organisation) | Q(match__offer__organisation=organisation)
    )
    if not full:
        reports = reports.filter(visibility__in=OutcomeReport.IN_TOTALS)
    return reports


def organisation_handprint(*, organisation: Organisation, full: bool = False) -> Handprint:
    """The organisation's handprint (three queries: reports, their indicators, declared SDGs)."""
    reports = list(
        _organisation_reports(organisation, full=full)
        .select_related(
            "match__need__organisation__province", "match__offer__organisation__province"
        )
        .prefetch_related(
            Prefetch("indicators", queryset=OutcomeIndicator.objects.select_related("sdg")
                     .order_by("pk"))
        )
        .order_by("-created_at", "-pk")
    )
    declared = {sdg.pk: sdg for sdg in organisation.sdgs.all()}
    per_sdg: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    deals_per_sdg: dict[int, set[int]] = defaultdict(set)
    sdgs: dict[int, SDG] = dict(declared)
    overall: dict[str, Decimal] = defaultdict(lambda: ZERO)
    deals: list[HandprintDeal] = []
    partners: dict[int, Organisation] = {}
    for report in reports:
        match = report.match
        lines = []
        for item in report.indicators.all():
            sdgs[item.sdg_id] = item.sdg
            per_sdg[item.sdg_id][item.indicator] += item.value
            deals_per_sdg[item.sdg_id].add(report.pk)
            overall[item.indicator] += item.value
            lines.append(OutcomeLine(sdg=item.sdg, indicator=item.indicator, value=item.value))
        if full or report.details_are_public:
            partner = (
                match.offer.organisation if match.need.organisation_id == organisation.pk
                else match.need.organisation
            )
            partners.setdefault(partner.pk, partner)
            deals.append(HandprintDeal(
                match_id=match.pk, fulfilled_at=report.created_at,
                need_title=match.need.title, offer_title=match.offer.title, partner=partner,
                visibility=report.visibility, delivered=report.delivered, lines=lines,
            ))
    handprint_sdgs = [
        HandprintSDG(
            sdg=sdg, declared=sdg.pk in declared, deals=len(deals_per_sdg.get(sdg.pk, ())),
            indicators=_indicator_values(per_sdg.get(sdg.pk, {})),
        )
        for sdg in sorted(sdgs.values(), key=lambda sdg: sdg.number)
    ]
    return Handprint(
        organisation=organisation,
        full=full,
        sdgs=handprint_sdgs,
        indicators=_indicator_values(overall),
        deals_counted=len(reports),
        deals=deals,
        partners=sorted(partners.values(), key=lambda org: org.name),
    )


@dataclass(frozen=True)
class TrackRecord:
    """How the organisation deals: deals done, interest answered, time to answer."""

    deals_done: int
    interest_received: int
    interest_answered: int
    median_answer: datetime.timedelta | None

    @property
    def answered_percent(self) -> int | None:
        if not self.interest_received:
            return None
        return round(100 * self.interest_answered / self.interest_received)

    @property
    def median_answer_hours(self) -> float | None:
        if self.median_answer is None:
            return None
        return self.median_answer.total_seconds() / 3600

    @property
    def median_answer_days(self) -> float | None:
        hours = self.median_answer_hours
        return None if hours is None else hours / 24


ANSWERS = (MatchStatus.INTRODUCED, MatchStatus.DECLINED)


def organisation_track_record(*, organisation: Organisation) -> TrackRecord:
    """Deals fulfilled, and how the organisation answers interest it receives (one query).

    Interest received: a match where the other side expressed interest. Answered: this side
    accepted or declined it. Time to answer: from the interest to that answer.
    """
    events = (
        MatchEvent.objects.filter(
            Q(match__need__organisation=organisation) | Q(match__offer__organisation=organisation)
        )
        .filter(
            Q(to_status=MatchStatus.INTERESTED)
            | Q(from_status=MatchStatus.INTERESTED, to_status__in=ANSWERS)
            | Q(to_status=MatchStatus.FULFILLED)
        )
        .values_list("match_id", "to_status", "side", "created_at", "match__need__organisation_id")
        .order_by("created_at", "pk")
    )
    received: dict[int, datetime.datetime] = {}
    answered: dict[int, datetime.datetime] = {}
    fulfilled: set[int] = set()
    for match_id, to_status, side, created_at, need_organisation_id in events:
        own_side = MatchSide.NEED if need_organisation_id == organisation.pk else MatchSide.OFFER
        if to_status == MatchStatus.FULFILLED:
            fulfilled.add(match_id)
        elif to_status == MatchStatus.INTERESTED:
            if side and side != own_side:
                received.setdefault(match_id, created_at)
        elif side == own_side and match_id in received:
            answered.setdefault(match_id, created_at)
    waits = [answered[match_id] - received[match_id] for match_id in answered]
    median = None
    if waits:
        median = datetime.timedelta(
            seconds=statistics.median(wait.total_seconds() for wait in waits)
        )
    return TrackRecord(
        deals_done=len(fulfilled),
        interest_received=len(received),
        interest_answered=len(answered),
        median_answer=median,
    )
