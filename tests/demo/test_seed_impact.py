"""`seed_demo` fills /impact/ and the handprints: deals at every stage, outcomes, goals, Partners.

Seeds the whole demo once for the module, in a transaction rolled back afterwards (as
tests/demo/test_seed_demo.py does).
"""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest

from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import translation

from demo.impact import load_impact
from impact import selectors
from marketplace.models import (
    Match,
    MatchStatus,
    Organisation,
    OutcomeIndicator,
    OutcomeReport,
    Plan,
)
from payments.models import FundingGoal

DATA = load_impact()


@pytest.fixture(scope="module")
def seed_output(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        with translation.override("nl"):
            call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seed_output, db):
    return seed_output


def test_the_impact_file_names_deals_at_every_stage():
    stages = {deal.stage for deal in DATA.deals}
    assert stages == {"interested", "introduced", "declined", "agreed", "fulfilled", "closed"}
    fulfilled = [deal for deal in DATA.deals if deal.stage == "fulfilled"]
    assert len({deal.need.organisation for deal in fulfilled}) >= 5
    assert {deal.outcome.visibility for deal in fulfilled} == {"public", "totals", "private"}


def test_seed_creates_deals_at_every_stage_with_outcomes(seeded):
    statuses = set(Match.objects.values_list("status", flat=True))
    assert {
        MatchStatus.INTERESTED, MatchStatus.INTRODUCED, MatchStatus.AGREED,
        MatchStatus.FULFILLED, MatchStatus.DECLINED, MatchStatus.CLOSED,
    } <= statuses
    fulfilled = Match.objects.filter(status=MatchStatus.FULFILLED)
    assert fulfilled.count() == sum(deal.stage == "fulfilled" for deal in DATA.deals)
    assert OutcomeReport.objects.count() == fulfilled.count()
    organisations = set(fulfilled.values_list("need__organisation", flat=True))
    assert len(organisations) >= 5
    assert OutcomeIndicator.objects.values("sdg").distinct().count() >= 5
    # every month of fulfilment is in the past, spread over several months
    months = {report.created_at.strftime("%Y-%m") for report in OutcomeReport.objects.all()}
    assert len(months) >= 4
    assert "Deals:" in seeded


def test_seeded_figures_are_the_sums_of_the_file(seeded):
    expected: dict[str, Decimal] = {}
    for deal in DATA.deals:
        if deal.stage == "fulfilled" and deal.outcome.visibility != "private":
            for item in deal.outcome.indicators:
                expected[item["indicator"]] = (
                    expected.get(item["indicator"], Decimal(0)) + Decimal(item["value"])
                )
    impact = selectors.platform_impact()
    assert {item.indicator: item.value for item in impact.indicators} == expected
    assert len(impact.by_sdg) >= 5 and len(impact.by_province) >= 4
    assert sum(1 for month in impact.by_month if month.deals) >= 4


def test_impact_page_and_handprints_are_full_on_first_run(seeded):
    client = Client()
    page = client.get("/impact/")
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('<svg class="chart ') == 4 and "230.000" in html
    deal = next(d for d in DATA.deals if d.stage == "fulfilled" and d.outcome.visibility == "public")
    organisation = Match.objects.filter(
        status=MatchStatus.FULFILLED, need__organisation__memberships__isnull=False,
        need__title=deal.need.title,
    ).first().need.organisation
    html = client.get(f"/en/organisations/{organisation.slug}/").content.decode()
    assert "Social handprint" in html and deal.need.title in html


def test_seed_sets_funding_goals_and_partners_and_is_idempotent(seeded):
    assert FundingGoal.objects.count() == len(DATA.funding_goals)
    assert Organisation.objects.filter(plan=Plan.PARTNER).count() >= len(DATA.partners)
    before = (Match.objects.count(), OutcomeReport.objects.count(), FundingGoal.objects.count())
    out = StringIO()
    call_command("seed_demo", stdout=out)
    assert (Match.objects.count(), OutcomeReport.objects.count(),
            FundingGoal.objects.count()) == before
    assert "Created now: 0 deal(s), 0 funding goal(s), 0 Partner(s)." in out.getvalue()


def test_every_seeded_deal_pairs_an_offer_that_serves_the_needs_province(seeded):
    deals = Match.objects.exclude(status=MatchStatus.SUGGESTED).select_related(
        "need__province", "offer")
    assert deals.count() == len(DATA.deals)
    for match in deals:
        assert match.offer.serves_province(match.need.province), match


def test_the_demo_company_login_can_publish_another_offer(seeded):
    """The demo's company login has more offers than the free plan allows: it is a Partner, so a
    newcomer trying the demo can publish (issue #14, defect 6)."""
    from marketplace import selectors as marketplace_selectors

    company = Organisation.objects.get(memberships__user__email="company@demo.business2community.nl")
    assert company.plan == Plan.PARTNER
    assert not marketplace_selectors.offer_limit_reached(organisation=company)
