"""In real Chromium: a company finds a need by browsing and offers help from its page."""

import pytest

from marketplace.models import Match, MatchStatus
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_company_offers_help_from_a_need_it_found(page):
    need = NeedFactory(published=True, slug="deelauto-dorp", title="Deelauto voor het dorp")
    company = OrganisationFactory(name="Deelmobiel B.V.")
    offer = OfferFactory(organisation=company, published=True, title="Elektrische deelauto's")
    user = UserFactory(email="verkoop@deelmobiel.nl")
    MembershipFactory(user=user, organisation=company)

    page.goto("/accounts/login/")
    page.fill('input[name="username"]', "verkoop@deelmobiel.nl")
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main form[action="/accounts/login/"] button[type=submit]').click()
    page.wait_for_url("**/dashboard/")

    page.goto("/needs/")
    page.get_by_role("link", name="Deelauto voor het dorp").first.click()
    page.wait_for_url("**/needs/deelauto-dorp/")
    section = page.locator("[data-respond]")
    assert "Kan je organisatie helpen?" in section.inner_text()
    section.get_by_label("Welk aanbod van jullie past?").select_option(str(offer.pk))
    section.get_by_label("Wat stel je voor?").fill("Twee elektrische deelauto's bij het dorpshuis.")
    section.get_by_role("button", name="Hulp aanbieden").click()
    page.wait_for_url("**/matches/*/")

    match = Match.objects.get(need=need, offer=offer)
    assert match.status == MatchStatus.INTERESTED and match.interested_side == "offer"
    assert "Twee elektrische deelauto's bij het dorpshuis." in page.locator("main").inner_text()
