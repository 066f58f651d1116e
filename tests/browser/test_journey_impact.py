"""In real Chromium: the public impact page and an organisation's handprint, in both languages."""

import pytest

from marketplace import match_services
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_impact_page_and_handprint(page, live_server):
    company = OrganisationFactory(name="Zon op Dak BV", is_verified=True)
    initiative = InitiativeFactory(name="Dorpsenergie Oost", is_verified=True)
    company_owner = MembershipFactory(organisation=company).user
    initiative_owner = MembershipFactory(organisation=initiative).user
    need = NeedFactory(organisation=initiative, published=True, title="Zonnedak voor de school")
    offer = OfferFactory(organisation=company, published=True)
    match = match_services.match_express_interest(
        need=need, offer=offer, actor=initiative_owner, proposal="Panels")
    match_services.match_accept(match=match, actor=company_owner)
    match_services.match_agree(match=match, actor=company_owner)
    match = match_services.match_agree(match=match, actor=initiative_owner)
    match_services.match_fulfil(
        match=match, actor=initiative_owner, delivered="120 panels",
        indicators=[{"indicator": "kwh", "value": "230000", "sdg": 7}], visibility="public",
    )

    # The Dutch impact page, reached from the site header.
    page.goto("/")
    page.locator("header a[href='/impact/']").click()
    page.wait_for_url("**/impact/")
    main = page.locator("main")
    assert "230.000" in main.inner_text()
    assert page.locator("main svg[role=img]").count() == 4
    assert page.locator("main svg title").first.text_content()
    # The charts' figures as a table too.
    assert "Utrecht" in page.locator("main table").first.inner_text()

    # The English page formats the same figure the English way.
    page.goto("/en/impact/")
    assert "230,000" in page.locator("main").inner_text()

    # The initiative's page shows its handprint with the deal behind it.
    page.goto(f"/en/organisations/{initiative.slug}/")
    handprint = page.locator("section.handprint")
    text = handprint.inner_text()
    assert "Social handprint" in text and "230,000" in text
    assert "Zonnedak voor de school" in text and "Zon op Dak BV" in text
    handprint.locator("a", has_text="Printable handprint").click()
    page.wait_for_url(f"**/impact/organisations/{initiative.slug}/")
    page.emulate_media(media="print")
    assert page.locator("header.site-header").is_hidden()
    assert page.locator("section.handprint").is_visible()
