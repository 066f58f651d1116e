"""In real Chromium: axe-core finds no serious or critical violation on any public page type or the
dashboard, in Dutch and in English; posting a need works with the keyboard alone."""

import datetime
import re

import pytest

from django.urls import Resolver404, resolve
from django.utils import timezone

from demo.hub import hub_seed
from marketplace.models import Need
from tests.browser.axe import axe_violations
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


@pytest.fixture
def world():
    hub_seed()
    company = OrganisationFactory(name="Zonnestroom BV", slug="zonnestroom", is_verified=True,
                                  description="Wij leveren zonnepanelen aan coöperaties.")
    initiative = InitiativeFactory(name="Dorpscoöperatie Zonnedorp", slug="zonnedorp")
    OfferFactory(published=True, organisation=company, slug="zonnepanelen",
                 title="Zonnepanelen voor coöperaties")
    NeedFactory(published=True, organisation=initiative, slug="dak-dorpshuis",
                title="Zonnepanelen op het dorpshuis")
    user = UserFactory(email="anna@zonnedorp.nl")
    MembershipFactory(user=user, organisation=initiative)
    return {"user": user, "initiative": initiative}


def _public_urls() -> list[str]:
    urls = [
        "/", "/offers/", "/needs/", "/organisations/", "/search/?q=zonnepanelen",
        "/offers/zonnepanelen/", "/needs/dak-dorpshuis/", "/organisations/zonnestroom/",
        "/kennisbank/", "/kennisbank/energy-cooperative/", "/kennisbank/thema-energy/",
        "/accounts/login/", "/accounts/signup/", "/style/",
    ]
    try:  # the impact dashboard, once it is there (else the hub's catch-all answers)
        if resolve("/impact/").namespace == "impact":
            urls.append("/impact/")
    except Resolver404:
        pass
    return urls


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.fill('input[name="username"]', email)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main form[action="/accounts/login/"] button[type=submit]').click()
    page.wait_for_url("**/dashboard/")


def _english(page) -> str:
    """The English version of the open page, as its language link gives it."""
    return page.locator('.language-switcher a[hreflang="en"]').get_attribute("href")


def test_no_serious_accessibility_violation_in_either_language(chromium_browser, live_server, world):
    context = chromium_browser.new_context(
        base_url=live_server.url, locale="nl-NL", bypass_csp=True,
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    found = {}
    checked = []
    for url in _public_urls():
        assert page.goto(url).status == 200, url
        english = _english(page)
        for address in (url, english):
            if address != url:
                assert page.goto(address).status == 200, address
            checked.append(address)
            if violations := axe_violations(page):
                found[address] = violations
    _log_in(page, "anna@zonnedorp.nl")
    for url in ("/dashboard/", "/en/dashboard/", "/dashboard/needs/new/", "/dashboard/organisation/"):
        assert page.goto(url).status == 200, url
        checked.append(url)
        if violations := axe_violations(page):
            found[url] = violations
    context.close()
    assert len(checked) >= 30
    assert found == {}, f"serious or critical axe violations: {found}"


def _tab_to(page, selector: str, *, limit: int = 150, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def _date_keys_order(page) -> str:
    """The order in which this Chromium's date fields take typed digits: headless Chromium shows
    dates month first whatever the page's language, a person's browser as their locale says."""
    page.set_content('<input type="date" id="probe">')
    page.focus("#probe")
    page.keyboard.type("03022027")
    return "%d%m%Y" if page.evaluate("document.getElementById('probe').value") == "2027-02-03" \
        else "%m%d%Y"


def test_posting_a_need_with_the_keyboard_alone(page, world):
    date_keys = _date_keys_order(page)
    page.goto("/accounts/login/")
    _tab_to(page, 'input[name="username"]')
    page.keyboard.type("anna@zonnedorp.nl")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard/")

    _tab_to(page, 'main a[href="/dashboard/needs/new/"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard/needs/new/")

    # The section list comes first: Enter on a section link moves to that section.
    _tab_to(page, 'a[href="#section-budget"]')
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#section-budget"

    _tab_to(page, "#id_title", backwards=True)
    page.keyboard.type("Zonnepanelen voor de gymzaal")
    page.keyboard.press("Tab")
    page.keyboard.type("Veertig panelen op het dak van de gymzaal.")
    page.keyboard.press("Tab")  # theme: a select, chosen by typing
    page.keyboard.type("Energie")
    page.keyboard.press("Tab")  # what is needed
    page.keyboard.type("Geld")
    _tab_to(page, 'input[name="sdgs"]')
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked")
    _tab_to(page, "#id_budget_max")
    page.keyboard.type("15000")
    _tab_to(page, "#id_deadline")
    deadline = timezone.localdate() + datetime.timedelta(days=60)
    page.keyboard.type(deadline.strftime(date_keys))
    _tab_to(page, 'main form.form button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/dashboard/needs/\d+/"))

    need = Need.objects.get(title="Zonnepanelen voor de gymzaal")
    assert need.theme.slug == "energy"
    assert need.need_type == "money"
    assert need.budget_max == 15000
    assert need.sdgs.count() == 1
    assert need.deadline == deadline
