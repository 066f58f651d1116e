"""The impact part of the demo (demo/data/impact.yaml): deals, outcomes, funding goals, Partners.

Deals go through the match services step by step (interest, accept or decline, agree, fulfil
with an outcome, close), funding goals through payments, the Partner plan through the
marketplace service payments calls. The services stamp each step with the present moment; the
demo then moves those timestamps back by the days the file gives, so /impact/ shows months and
track records show answer times. Idempotent: a pair that already went past "suggested" is left
alone, an existing funding goal too.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q
from django.utils import timezone

from marketplace import match_services, services
from marketplace.models import (
    SDG,
    Indicator,
    ListingStatus,
    Match,
    MatchSide,
    MatchStatus,
    Need,
    Offer,
    Organisation,
    OutcomeReport,
    OutcomeVisibility,
    Plan,
)
from payments import services as payments_services
from payments.models import FundingGoal

from .loader import DATA_DIR, DemoData, DemoDataError, _display, _Entry, _read

STAGES = ("interested", "introduced", "declined", "agreed", "fulfilled", "closed")


@dataclass(frozen=True)
class ListingRef:
    """A listing named by its organisation's key and its title (offers: its start)."""

    organisation: str
    title: str


@dataclass(frozen=True)
class OutcomeRecord:
    visibility: str
    delivered: str
    indicators: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class DealRecord:
    where: str
    need: ListingRef
    offer: ListingRef
    stage: str
    started_by: str
    days_ago: int
    answer_hours: int
    fulfilled_days_ago: int | None
    outcome: OutcomeRecord | None


@dataclass(frozen=True)
class ImpactData:
    deals: tuple[DealRecord, ...]
    funding_goals: tuple[tuple[str, ListingRef, int], ...]  # (where, need, euros)
    partners: tuple[str, ...]


def _ref(entry: _Entry, name: str) -> ListingRef:
    ref = entry.entry(name)
    result = ListingRef(organisation=ref.text("organisation"), title=ref.text("title"))
    ref.done()
    return result


def _outcome(entry: _Entry) -> OutcomeRecord:
    visibility = entry.text("visibility")
    if visibility not in OutcomeVisibility.values:
        entry.fail(f"'visibility' is {visibility!r}, not one of: "
                   + ", ".join(OutcomeVisibility.values))
    indicators = []
    for item in entry.items("indicators", dict):
        if set(item) != {"indicator", "value", "sdg"}:
            entry.fail("each indicator has exactly 'indicator', 'value' and 'sdg'")
        if item["indicator"] not in Indicator.values:
            entry.fail(f"unknown indicator {item['indicator']!r}")
        if not isinstance(item["sdg"], int) or not 1 <= item["sdg"] <= 17:
            entry.fail(f"'sdg' must be a number 1–17, not {item['sdg']!r}")
        indicators.append({"indicator": item["indicator"], "value": str(item["value"]),
                           "sdg": item["sdg"]})
    result = OutcomeRecord(visibility=visibility, delivered=entry.text("delivered"),
                           indicators=tuple(indicators))
    entry.done()
    return result


def load_impact(directory: Path | None = None) -> ImpactData:
    """Read and check demo/data/impact.yaml (nothing is written)."""
    path = (directory or DATA_DIR) / "impact.yaml"
    raw = _read(path, dict)
    unknown = set(raw) - {"deals", "funding_goals", "partners"}
    if unknown:
        raise DemoDataError(f"{_display(path)}: unknown key(s) {', '.join(sorted(unknown))}")
    deals = []
    for entry in _entries_of(path, raw.get("deals") or [], "deal"):
        stage = entry.text("stage")
        if stage not in STAGES:
            entry.fail(f"'stage' is {stage!r}, not one of {', '.join(STAGES)}")
        started_by = entry.text("started_by", required=False) or MatchSide.NEED
        if started_by not in MatchSide.values:
            entry.fail("'started_by' is need or offer")
        outcome_entry = entry.entry("outcome", required=stage == "fulfilled")
        if outcome_entry is not None and stage != "fulfilled":
            entry.fail("only a fulfilled deal has an outcome")
        deals.append(DealRecord(
            where=entry.where,
            need=_ref(entry, "need"),
            offer=_ref(entry, "offer"),
            stage=stage,
            started_by=started_by,
            days_ago=entry.number("days_ago"),
            answer_hours=entry.number("answer_hours", required=False) or 24,
            fulfilled_days_ago=entry.number("fulfilled_days_ago", required=stage == "fulfilled"),
            outcome=_outcome(outcome_entry) if outcome_entry is not None else None,
        ))
        entry.done()
    goals = []
    for entry in _entries_of(path, raw.get("funding_goals") or [], "funding goal"):
        goals.append((entry.where, _ref(entry, "need"), entry.number("goal")))
        entry.done()
    partners = raw.get("partners") or []
    if not all(isinstance(key, str) for key in partners):
        raise DemoDataError(f"{_display(path)}: 'partners' is a list of organisation keys")
    return ImpactData(deals=tuple(deals), funding_goals=tuple(goals), partners=tuple(partners))


def _entries_of(path: Path, items: Any, label: str) -> list[_Entry]:
    """The entries of one list of the file, each named by its line for error messages."""
    if not isinstance(items, list):
        raise DemoDataError(f"{_display(path)}: expected a list of {label}s")
    return [
        _Entry(raw, f"{_display(path)}, line {getattr(raw, 'line', 0)}, {label} {number}")
        for number, raw in enumerate(items, start=1)
    ]


class ImpactSeeder:
    """Creates the missing deals, funding goals and Partner plans, through the services."""

    def __init__(self, *, data: ImpactData, demo: DemoData, today: datetime.date) -> None:
        self.data = data
        self.now = timezone.now()
        self.today = today
        self.created: Counter[str] = Counter()
        kvk = {record.key: record.kvk_number for record in demo.organisations}
        self.organisations = {
            key: Organisation.objects.filter(kvk_number=number).first()
            for key, number in kvk.items()
        }

    def run(self) -> None:
        for deal in self.data.deals:
            self._deal(deal)
        for where, ref, euros in self.data.funding_goals:
            self._funding_goal(where, ref, euros)
        for key in self.data.partners:
            organisation = self._organisation(key, where="partners")
            if organisation.plan != Plan.PARTNER:
                services.organisation_set_plan(organisation=organisation, plan=Plan.PARTNER)
                self.created["partners"] += 1

    # Lookups -------------------------------------------------------------------------------

    def _organisation(self, key: str, *, where: str) -> Organisation:
        organisation = self.organisations.get(key)
        if organisation is None:
            raise DemoDataError(f"{where}: no organisation {key!r} (organisations.yaml)")
        return organisation

    def _owner(self, organisation: Organisation) -> AbstractBaseUser:
        return organisation.memberships.select_related("user").order_by("pk").first().user

    def _listing(self, model: type[Need] | type[Offer], ref: ListingRef, *, where: str):
        organisation = self._organisation(ref.organisation, where=where)
        title = Q(title=ref.title) if model is Need else Q(title__startswith=ref.title)
        found = list(
            model.objects.filter(title, organisation=organisation, status=ListingStatus.PUBLISHED)
            .order_by("pk")[:1]
        )
        if not found:
            raise DemoDataError(
                f"{where}: {organisation.name} has no published {model._meta.verbose_name} "
                f"titled {ref.title!r}"
            )
        return found[0]

    # Deals ---------------------------------------------------------------------------------

    def _deal(self, deal: DealRecord) -> None:
        need = self._listing(Need, deal.need, where=deal.where)
        offer = self._listing(Offer, deal.offer, where=deal.where)
        existing = Match.objects.filter(need=need, offer=offer).first()
        if existing is not None and existing.status != MatchStatus.SUGGESTED:
            return
        owners = {MatchSide.NEED: self._owner(need.organisation),
                  MatchSide.OFFER: self._owner(offer.organisation)}
        starter = owners[deal.started_by]
        answerer = owners[Match.other(deal.started_by)]
        match = match_services.match_express_interest(
            need=need, offer=offer, actor=starter,
            proposal="We would like to work with you on this." if need.language == "en"
            else "We werken hier graag samen aan.",
        )
        if deal.stage == "declined":
            match_services.match_decline(match=match, actor=answerer)
        elif deal.stage != "interested":
            match = match_services.match_accept(match=match, actor=answerer)
            if deal.stage in ("agreed", "fulfilled"):
                match_services.match_agree(match=match, actor=starter)
                match = match_services.match_agree(match=match, actor=answerer)
            if deal.stage == "fulfilled":
                outcome = deal.outcome
                match = match_services.match_fulfil(
                    match=match, actor=owners[MatchSide.NEED], delivered=outcome.delivered,
                    indicators=outcome.indicators, visibility=outcome.visibility,
                )
            elif deal.stage == "closed":
                match_services.match_close(match=match, actor=answerer)
        self._backdate(match, deal)
        self.created["deals"] += 1
        self.created[f"deals {deal.stage}"] += 1

    def _backdate(self, match: Match, deal: DealRecord) -> None:
        """Move the steps the services just stamped "now" to the days the file gives."""
        interest_at = self.now - datetime.timedelta(days=deal.days_ago)
        answer_at = interest_at + datetime.timedelta(hours=deal.answer_hours)
        end_at = (
            self.now - datetime.timedelta(days=deal.fulfilled_days_ago)
            if deal.fulfilled_days_ago is not None else answer_at + datetime.timedelta(days=3)
        )
        moments = {
            MatchStatus.INTERESTED: interest_at,
            MatchStatus.INTRODUCED: answer_at,
            MatchStatus.DECLINED: answer_at,
            MatchStatus.AGREED: max(answer_at, end_at - datetime.timedelta(days=7)),
            MatchStatus.FULFILLED: end_at,
            MatchStatus.CLOSED: end_at,
        }
        for status, moment in moments.items():
            match.events.filter(to_status=status).update(created_at=moment)
        match.messages.update(created_at=interest_at)
        Match.objects.filter(pk=match.pk).update(created_at=interest_at)
        OutcomeReport.objects.filter(match=match).update(created_at=end_at)

    # Funding goals -------------------------------------------------------------------------

    def _funding_goal(self, where: str, ref: ListingRef, euros: int) -> None:
        need = self._listing(Need, ref, where=where)
        if FundingGoal.objects.filter(need=need).exists():
            return
        payments_services.funding_goal_set(
            need=need, actor=self._owner(need.organisation), goal_cents=euros * 100
        )
        self.created["funding goals"] += 1


def impact_summary() -> str:
    """One line for seed_demo's report: the deals per stage and the outcomes that count."""
    statuses = Counter(
        Match.objects.exclude(status=MatchStatus.SUGGESTED).values_list("status", flat=True)
    )
    reports = Counter(OutcomeReport.objects.values_list("visibility", flat=True))
    sdgs = SDG.objects.filter(
        pk__in=OutcomeReport.objects.values("indicators__sdg")
    ).count()
    stages = ", ".join(f"{status} {statuses[status]}" for status in STAGES if statuses[status])
    shown = ", ".join(
        f"{value} {reports[value]}" for value in OutcomeVisibility.values if reports[value]
    )
    partners = Organisation.objects.filter(plan=Plan.PARTNER).count()
    return (
        f"Deals: {stages}; outcomes: {sum(reports.values())} ({shown}) over {sdgs} SDGs; "
        f"Partners: {partners}; funding goals: {FundingGoal.objects.count()} (see /impact/)."
    )
