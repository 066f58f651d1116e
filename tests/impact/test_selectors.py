"""The impact selectors against the database: sums of recorded outcomes, visibility, queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from impact import selectors
from marketplace import match_services
from marketplace.models import SDG, OutcomeReport
from tests.factories import InitiativeFactory, MembershipFactory, NeedFactory, OfferFactory
from tests.impact.conftest import fulfil

pytestmark = pytest.mark.django_db


def kwh(value, sdg=7):
    return {"indicator": "kwh", "value": str(value), "sdg": sdg}


def test_platform_totals_are_the_sums_of_outcomes_that_count_in_totals(deal):
    deal(indicators=[kwh(1000), {"indicator": "households", "value": "10", "sdg": 11}],
         visibility="public")
    deal(indicators=[kwh(500)], visibility="totals", province="friesland", theme="mobility")
    deal(indicators=[kwh(99999)], visibility="private")

    impact = selectors.platform_impact()

    assert impact.deals == 2
    assert impact.organisations == 2
    assert impact.total("kwh") == Decimal("1500")
    assert impact.total("households") == Decimal("10")
    by_sdg = {group.key: group for group in impact.by_sdg}
    assert set(by_sdg) == {7, 11}
    assert by_sdg[7].deals == 2 and by_sdg[7].sums == {"kwh": Decimal("1500")}
    assert by_sdg[11].deals == 1
    by_province = {group.key: group for group in impact.by_province}
    assert by_province["utrecht"].sums["kwh"] == Decimal("1000")
    assert by_province["friesland"].value("kwh") == Decimal("500")
    assert by_province["friesland"].value("deals") == 1
    by_theme = {group.key: group for group in impact.by_theme}
    assert by_theme["energy"].deals == 1 and by_theme["mobility"].deals == 1


def test_months_run_from_the_first_outcome_to_this_month_with_empty_ones(deal):
    today = timezone.localdate()
    old = deal(indicators=[kwh(300)])
    three_months_ago = timezone.now() - datetime.timedelta(days=92)
    OutcomeReport.objects.filter(match=old).update(created_at=three_months_ago)
    deal(indicators=[kwh(200)])

    months = selectors.platform_impact(today=today).by_month

    assert months[0].key == timezone.localtime(three_months_ago).date().replace(day=1)
    assert months[-1].key == today.replace(day=1)
    assert len(months) in (4, 5)  # depending on where in the month today falls
    assert [m.deals for m in months].count(0) == len(months) - 2
    assert months[0].sums == {"kwh": Decimal("300")}
    assert months[-1].sums == {"kwh": Decimal("200")}


def test_platform_impact_runs_a_fixed_number_of_queries(deal):
    deal(indicators=[kwh(1)])
    with CaptureQueriesContext(connection) as few:
        selectors.platform_impact()
    for n in range(5):
        deal(indicators=[kwh(n + 1), {"indicator": "members", "value": "3", "sdg": 10 + n}],
             province=["utrecht", "friesland", "drenthe", "zeeland", "limburg"][n])
    with CaptureQueriesContext(connection) as many:
        selectors.platform_impact()
    assert len(many) == len(few)


def test_handprint_public_view_hides_details_but_counts_figures(deal, company, initiative):
    public = deal(indicators=[kwh(1000)], visibility="public")
    deal(indicators=[kwh(250), {"indicator": "co2_kg", "value": "80", "sdg": 13}],
         visibility="totals")
    deal(indicators=[kwh(7)], visibility="private")
    initiative.sdgs.add(SDG.objects.get(number=7), SDG.objects.get(number=3))

    handprint = selectors.organisation_handprint(organisation=initiative)

    assert handprint.deals_counted == 2
    assert {item.indicator: item.value for item in handprint.indicators} == {
        "kwh": Decimal("1250"), "co2_kg": Decimal("80"),
    }
    assert [deal.match_id for deal in handprint.deals] == [public.pk]
    assert handprint.deals_with_private_details == 1
    assert handprint.partners == [company]
    sdgs = {item.sdg.number: item for item in handprint.sdgs}
    assert sdgs[3].declared and not sdgs[3].achieved
    assert sdgs[7].declared and sdgs[7].deals == 2
    assert not sdgs[13].declared and sdgs[13].indicators[0].value == Decimal("80")


def test_handprint_full_view_shows_every_outcome(deal, initiative):
    deal(indicators=[kwh(1000)], visibility="public")
    deal(indicators=[kwh(7)], visibility="private")

    handprint = selectors.organisation_handprint(organisation=initiative, full=True)

    assert handprint.deals_counted == 2 and len(handprint.deals) == 2
    assert handprint.indicators[0].value == Decimal("1007")
    assert {d.visibility for d in handprint.deals} == {"public", "private"}


def test_handprint_is_the_same_from_both_sides(deal, company, initiative):
    deal(indicators=[kwh(40)], visibility="public")
    provider = selectors.organisation_handprint(organisation=company)
    assert provider.indicators == selectors.organisation_handprint(
        organisation=initiative).indicators
    assert provider.partners == [initiative]


def test_handprint_queries_do_not_grow_with_deals(deal, initiative):
    deal(indicators=[kwh(1)], visibility="public")
    with CaptureQueriesContext(connection) as few:
        selectors.organisation_handprint(organisation=initiative)
    for n in range(4):
        deal(indicators=[kwh(n), {"indicator": "members", "value": "2", "sdg": 11}],
             visibility="public")
    with CaptureQueriesContext(connection) as many:
        selectors.organisation_handprint(organisation=initiative)
    assert len(many) == len(few)


def test_track_record_counts_answers_to_interest_received(
    company, company_owner, initiative, initiative_owner
):
    offer = OfferFactory(organisation=company, published=True)
    needs = [NeedFactory(organisation=initiative, published=True) for _ in range(3)]
    # Three initiatives' interests reach the company: one accepted, one declined, one waiting.
    matches = [
        match_services.match_express_interest(
            need=need, offer=offer, actor=initiative_owner, proposal="Panels"
        )
        for need in needs
    ]
    match_services.match_accept(match=matches[0], actor=company_owner)
    match_services.match_decline(match=matches[1], actor=company_owner)
    now = timezone.now()
    # Interest two and four hours before the answers: the median wait is three hours.
    for match, hours in ((matches[0], 2), (matches[1], 4)):
        match.events.filter(to_status="interested").update(
            created_at=now - datetime.timedelta(hours=hours))
        match.events.exclude(to_status="interested").update(created_at=now)

    record = selectors.organisation_track_record(organisation=company)

    assert record.interest_received == 3
    assert record.interest_answered == 2
    assert record.answered_percent == 67
    assert record.median_answer == datetime.timedelta(hours=3)
    # The initiative sent the interest: it received none, answered none.
    theirs = selectors.organisation_track_record(organisation=initiative)
    assert theirs.interest_received == 0 and theirs.answered_percent is None


def test_track_record_counts_fulfilled_deals(deal, company, initiative):
    deal(indicators=[kwh(1)])
    deal(indicators=[], visibility="private")
    assert selectors.organisation_track_record(organisation=company).deals_done == 2
    assert selectors.organisation_track_record(organisation=initiative).deals_done == 2


def test_viewer_is_member(initiative, initiative_owner, company_owner):
    from django.contrib.auth.models import AnonymousUser

    assert selectors.viewer_is_member(organisation=initiative, user=initiative_owner)
    assert not selectors.viewer_is_member(organisation=initiative, user=company_owner)
    assert not selectors.viewer_is_member(organisation=initiative, user=AnonymousUser())


def test_an_outcome_of_another_pair_does_not_reach_the_handprint(deal, initiative, company,
                                                                company_owner):
    other = InitiativeFactory()
    other_owner = MembershipFactory(organisation=other).user
    fulfil(need=NeedFactory(organisation=other, published=True),
           offer=OfferFactory(organisation=company, published=True),
           need_owner=other_owner, offer_owner=company_owner, indicators=[kwh(5)],
           visibility="public")
    assert selectors.organisation_handprint(organisation=initiative).is_empty
    assert selectors.organisation_handprint(organisation=company).deals_counted == 1
