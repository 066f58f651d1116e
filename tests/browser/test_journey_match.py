"""In real Chromium: an initiative shows interest in a recommended offer, the company accepts,
they talk, both confirm the deal, and the initiative reports the outcome."""

from decimal import Decimal

import pytest

from marketplace.models import (
    Match,
    MatchEvent,
    MatchMessage,
    MatchStatus,
    OutcomeIndicator,
    Theme,
)
from matching import services as matching_services
from notifications.models import Notification
from tests.factories import (
    PASSWORD,
    InitiativeFactory,
    MembershipFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INITIATIVE_EMAIL = "anna@zonnedorp.nl"
COMPANY_EMAIL = "piet@zonnebouw.nl"
PROPOSAL = "Een offerte voor 40 panelen op het dak van het dorpshuis."
TIMING = "Voor de zomer van 2027"
QUESTION = "Kunnen jullie ook het onderhoud doen?"
MESSAGE = "Goed plan! Wij komen graag langs om het dak te bekijken."
DELIVERED = "40 zonnepanelen geplaatst op het dorpshuis."
SCREENSHOT = "/tmp/match.png"


@pytest.fixture(autouse=True)
def _fresh_pools(settings, tmp_path):
    """The matcher caches its pools in the process (the live server's thread shares them)."""
    settings.MATCHING = {**settings.MATCHING, "ARTIFACT_DIR": str(tmp_path)}
    matching_services.reset_pools()
    yield
    matching_services.reset_pools()


def _log_in(page, email):
    page.goto("/accounts/login/")
    page.fill('input[name="username"]', email)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main form[action="/accounts/login/"] button[type=submit]').click()
    page.wait_for_url("**/dashboard/")


def _log_out(page, live_server):
    page.locator('form[action="/accounts/logout/"] button[type=submit]').click()
    page.wait_for_url(f"{live_server.url}/")


def _action(page, match, action):
    """Click the submit button of one of the match's action forms and wait for the reload."""
    with page.expect_navigation():
        page.locator(f'form[action="/matches/{match.pk}/{action}/"] button[type=submit]').click()
    page.wait_for_url(f"**/matches/{match.pk}/")


def test_match_from_interest_to_fulfilled_outcome(page, live_server):
    energy = Theme.objects.get(slug="energy")
    initiative = InitiativeFactory(name="Energiecoöperatie Zonnedorp")
    anna = UserFactory(email=INITIATIVE_EMAIL, first_name="Anna", last_name="de Vries")
    MembershipFactory(user=anna, organisation=initiative)
    need = NeedFactory(
        organisation=initiative,
        published=True,
        title="Solar panels for the village hall",
        description="We want forty solar panels on the roof of our village hall. "
        "The energy cooperative will own the installation.",
    )
    company = OrganisationFactory(name="Zonnebouw BV")
    piet = UserFactory(email=COMPANY_EMAIL, first_name="Piet", last_name="Bakker")
    MembershipFactory(user=piet, organisation=company)
    offer = OfferFactory(
        organisation=company,
        published=True,
        theme=energy,
        title="Collective rooftop solar installation",
        description="We install solar panels on village halls and schools for energy "
        "cooperatives. Maintenance for ten years is included.",
    )

    # The background work after publishing records the suggestions that the page then shows.
    matching_services.suggestions_refresh(listing=need)

    # The initiative sees the offer recommended on its need, with the passage and the reasons.
    _log_in(page, INITIATIVE_EMAIL)
    page.goto(f"/dashboard/needs/{need.pk}/")
    recommendation = page.locator("li.recommendation").filter(
        has=page.locator(f'input[name="offer"][value="{offer.pk}"]')
    )
    assert recommendation.count() == 1
    assert "solar" in recommendation.locator("blockquote mark").inner_text().lower()
    assert recommendation.locator("ul.reason-list li.reason--theme").count() == 1
    assert Match.objects.get(need=need, offer=offer).status == MatchStatus.SUGGESTED

    # "I'm interested": proposal, timing and question, sent to match_start.
    interest = recommendation.locator("details.interest")
    interest.locator("summary").click()
    form = interest.locator('form[action="/matches/start/"]')
    form.locator('textarea[name="proposal"]').fill(PROPOSAL)
    form.locator('input[name="timing"]').fill(TIMING)
    form.locator('textarea[name="question"]').fill(QUESTION)
    form.locator("button[type=submit]").click()
    match = Match.objects.get(need=need, offer=offer)
    page.wait_for_url(f"**/matches/{match.pk}/")
    match.refresh_from_db()
    assert match.status == MatchStatus.INTERESTED
    assert match.interested_side == "need"
    assert PROPOSAL in page.locator("main").inner_text()
    # Not introduced yet: no contact details, no way to accept one's own interest.
    assert page.locator(f'a[href="mailto:{COMPANY_EMAIL}"]').count() == 0
    assert page.locator(f'form[action="/matches/{match.pk}/accept/"]').count() == 0
    _log_out(page, live_server)

    # The company finds the waiting match, reads the proposal and accepts.
    _log_in(page, COMPANY_EMAIL)
    assert page.locator(f'main a[href="/matches/{match.pk}/"]').count() >= 1  # the dashboard
    page.goto("/dashboard/matches/")
    waiting = page.locator('section[aria-labelledby="waiting-for-me"]')
    waiting.locator(f'a[href="/matches/{match.pk}/"]').click()
    page.wait_for_url(f"**/matches/{match.pk}/")
    main = page.locator("main").inner_text()
    assert PROPOSAL in main and TIMING in main and QUESTION in main
    _action(page, match, "accept")
    match.refresh_from_db()
    assert match.status == MatchStatus.INTRODUCED
    assert page.locator(f'a[href="mailto:{INITIATIVE_EMAIL}"]').count() == 1

    # A message in the thread, then "We have a deal" for the company's side.
    page.fill("#id_body", MESSAGE)
    _action(page, match, "message")
    assert MESSAGE in page.locator("section[aria-labelledby=thread]").inner_text()
    _action(page, match, "agree")
    match.refresh_from_db()
    assert match.agreed_by_offer and not match.agreed_by_need
    assert match.status == MatchStatus.INTRODUCED
    assert page.locator(f'form[action="/matches/{match.pk}/agree/"]').count() == 0
    _log_out(page, live_server)

    # The initiative reads the answer, sees whom to contact, confirms, and reports the outcome.
    _log_in(page, INITIATIVE_EMAIL)
    page.goto("/dashboard/matches/")
    page.locator(f'section[aria-labelledby="conversations"] a[href="/matches/{match.pk}/"]').click()
    page.wait_for_url(f"**/matches/{match.pk}/")
    assert MESSAGE in page.locator("section[aria-labelledby=thread]").inner_text()
    assert page.locator(f'a[href="mailto:{COMPANY_EMAIL}"]').count() == 1
    _action(page, match, "agree")
    match.refresh_from_db()
    assert match.status == MatchStatus.AGREED

    outcome = page.locator(f'form[action="/matches/{match.pk}/fulfil/"]')
    outcome.locator("#id_delivered").fill(DELIVERED)
    outcome.locator("#id_indicator_0").select_option("kwh")
    outcome.locator("#id_value_0").fill("12500")
    outcome.locator("#id_sdg_0").select_option("7")
    _action(page, match, "fulfil")
    match.refresh_from_db()
    assert match.status == MatchStatus.FULFILLED
    main = page.locator("main").inner_text()
    assert DELIVERED in main and "12.500" in main  # grouped the Dutch way
    assert page.locator(f'form[action="/matches/{match.pk}/fulfil/"]').count() == 0
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=SCREENSHOT, full_page=True)

    # The database holds the whole story.
    assert match.outcome.delivered == DELIVERED
    assert match.outcome.reported_by == anna
    indicator = OutcomeIndicator.objects.get(report__match=match)
    assert (indicator.indicator, indicator.value, indicator.sdg.number) == (
        "kwh",
        Decimal("12500"),
        7,
    )
    assert [
        (e.from_status, e.to_status, e.side) for e in MatchEvent.objects.filter(match=match)
    ] == [
        ("", MatchStatus.SUGGESTED, ""),
        (MatchStatus.SUGGESTED, MatchStatus.INTERESTED, "need"),
        (MatchStatus.INTERESTED, MatchStatus.INTRODUCED, "offer"),
        (MatchStatus.INTRODUCED, MatchStatus.AGREED, "need"),
        (MatchStatus.AGREED, MatchStatus.FULFILLED, "need"),
    ]
    first, second = MatchMessage.objects.filter(match=match).order_by("created_at", "pk")
    assert (first.side, first.proposal, first.timing, first.question) == (
        "need",
        PROPOSAL,
        TIMING,
        QUESTION,
    )
    assert (second.side, second.author, second.body) == ("offer", piet, MESSAGE)
    kinds = {
        user: set(
            Notification.objects.filter(target_object_id=match.pk, recipient=user)
            .values_list("kind", flat=True)
        )
        for user in (anna, piet)
    }
    assert kinds[piet] == {"interest", "agreed", "fulfilled"}
    assert kinds[anna] == {"accepted", "message"}
    # Acting on the match after them marked the initiative's notifications read.
    assert not Notification.objects.filter(recipient=anna, read_at__isnull=True).exists()
