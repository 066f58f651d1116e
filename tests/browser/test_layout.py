"""In real Chromium: no public page type and no dashboard is wider than the screen, at 390 and 1280 px.

Long Dutch compounds are the usual culprit: a listing and an organisation carry one.
"""

import pytest

from demo.hub import hub_seed
from tests.factories import (
    PASSWORD,
    MembershipFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "Bestuurdersaansprakelijkheidsverzekeringsvoorwaardenoverzicht"
WIDTHS = (390, 1280)


def _overflow(page) -> int:
    """How many pixels the page is wider than the viewport (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


@pytest.fixture
def long_words():
    hub_seed()
    company = OrganisationFactory(name=f"Verzekeraar {LONG} U.A.", slug="verzekeraar")
    offer = OfferFactory(
        published=True, organisation=company, slug="lange-woorden",
        title=f"{LONG} voor coöperaties", description=f"{LONG} " * 3,
    )
    need = NeedFactory(published=True, slug="lange-behoefte", title=f"Wij zoeken een {LONG}",
                       description=f"{LONG}. " * 3)
    user = UserFactory(email="breed@example.nl")
    MembershipFactory(user=user, organisation=company)
    return {"offer": offer, "need": need, "company": company, "user": user}


def test_no_page_is_wider_than_the_screen(chromium_browser, live_server, long_words):
    public = [
        "/", "/en/", "/offers/", "/needs/", "/organisations/", "/search/?q=verzekering",
        "/offers/lange-woorden/", "/needs/lange-behoefte/", "/organisations/verzekeraar/",
        "/kennisbank/", "/kennisbank/energy-cooperative/", "/kennisbank/thema-energy/",
        "/over-ons/", "/accounts/login/", "/accounts/signup/", "/en/offers/", "/en/needs/",
    ]
    private = ["/dashboard/", "/dashboard/matches/", "/dashboard/members/"]
    too_wide = []
    for width in WIDTHS:
        context = chromium_browser.new_context(
            base_url=live_server.url, locale="nl-NL", viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        for url in public:
            assert page.goto(url).status == 200, url
            if (extra := _overflow(page)) > 0:
                too_wide.append((width, url, extra))
        page.goto("/accounts/login/")
        page.fill('input[name="username"]', "breed@example.nl")
        page.fill('input[name="password"]', PASSWORD)
        page.locator('main form[action="/accounts/login/"] button[type=submit]').click()
        page.wait_for_url("**/dashboard/")
        for url in private:
            assert page.goto(url).status == 200, url
            if (extra := _overflow(page)) > 0:
                too_wide.append((width, url, extra))
        context.close()
    assert too_wide == [], f"pages wider than the screen (width, url, extra px): {too_wide}"


def test_no_results_help_takes_the_whole_width(chromium_browser, live_server, db):
    context = chromium_browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    assert page.goto("/search/?q=xyzzyqwv").status == 200
    help_width = page.locator(".search-empty").bounding_box()["width"]
    main_width = page.locator("main").bounding_box()["width"]
    context.close()
    assert help_width > 0.8 * (main_width - 32), (help_width, main_width)


def test_the_language_switch_works_on_every_page_type(chromium_browser, live_server, long_words):
    """One click on "English" (and back on "Nederlands") lands on the same page, never a 404."""
    pages = [
        "/", "/offers/", "/needs/", "/organisations/", "/search/?q=verzekering",
        "/offers/lange-woorden/", "/needs/lange-behoefte/", "/organisations/verzekeraar/",
        "/kennisbank/", "/kennisbank/energy-cooperative/", "/kennisbank/thema-energy/",
        "/over-ons/", "/impact/", "/impact/map/", "/accounts/login/",
    ]
    context = chromium_browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    broken = []
    for url in pages:
        page.goto(url)
        with page.expect_navigation() as english:
            page.locator('.language-switcher a[lang="en"]').click()
        if english.value.status != 200 or "/en/" not in page.url:
            broken.append((url, page.url, english.value.status))
            continue
        with page.expect_navigation() as dutch:
            page.locator('.language-switcher a[lang="nl"]').click()
        if dutch.value.status != 200 or "/en/" in page.url:
            broken.append((url, page.url, dutch.value.status))
    context.close()
    assert broken == [], broken
