"""In real Chromium: a visitor opens the map of unmet demand, picks a theme, clicks a province."""

import pytest

from marketplace.models import Province
from tests.factories import NeedFactory
from tests.impact.conftest import record_match_result, unmet_need

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = "/tmp/impact-map.png"


def test_visitor_clicks_a_province_and_sees_its_unmet_needs(chromium_browser, live_server):
    unmet_need(province="zeeland", theme="energy", title="Zonnepark op de dijk bij Zierikzee")
    unmet_need(province="zeeland", theme="care", title="Buurtzorg op Schouwen")
    unmet_need(province="limburg", theme="energy", title="Warmtenet in Heerlen")
    helped = NeedFactory(
        published=True, province=Province.objects.get(slug="zeeland"), title="Al goed geholpen"
    )
    record_match_result(helped, good=True)

    context = chromium_browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        response = page.goto("/impact/map/")
        assert response.status == 200
        assert page.locator("svg.unmet-map__svg a.province").count() == 12
        # Nothing wider than the phone's screen.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390

        # The theme selector is a plain form: choose energy and show.
        page.select_option("#id_theme", "energy")
        page.locator("form.map-filter button[type=submit]").click()
        page.wait_for_url("**/impact/map/?theme=energy*")

        # Click Zeeland on the map: its energy need is listed, the others are not.
        page.locator('svg a[data-province="zeeland"]').click()
        page.wait_for_url("**province=zeeland*")
        needs = page.locator("#needs").inner_text()
        assert "Zonnepark op de dijk bij Zierikzee" in needs
        assert "Buurtzorg op Schouwen" not in needs
        assert "Warmtenet in Heerlen" not in needs
        assert "Al goed geholpen" not in needs
        assert page.locator('svg a[data-province="zeeland"]').get_attribute("aria-current") == "true"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.screenshot(path=SCREENSHOT, full_page=True)

        # From the list to the need itself.
        page.locator("#needs a", has_text="Zonnepark op de dijk bij Zierikzee").click()
        page.wait_for_url("**/needs/**")
        assert "Zonnepark op de dijk bij Zierikzee" in page.locator("h1").inner_text()
    finally:
        context.close()
