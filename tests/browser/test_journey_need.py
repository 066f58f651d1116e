"""In real Chromium: an initiative signs up, posts a need, a hub editor approves it, the public sees it."""

import datetime

import pytest

from django.utils import timezone

from marketplace.models import ListingStatus, Need, Theme
from tests.factories import hub_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EDITOR_EMAIL = "redacteur@example.nl"
EDITOR_PASSWORD = "Hub-editor-reviews-42"
NEED_TITLE = "Zonnepanelen op het dak van het dorpshuis"
SCREENSHOT = "/tmp/journey.png"


def _visible_need_titles(browser, base_url):
    """The need titles an anonymous visitor sees on /needs/ (a fresh context: no session)."""
    context = browser.new_context(base_url=base_url, locale="nl-NL")
    try:
        visitor = context.new_page()
        response = visitor.goto("/needs/")
        assert response.status == 200
        return visitor.locator("main").inner_text()
    finally:
        context.close()


def test_initiative_need_from_signup_to_public(page, chromium_browser, live_server):
    editor = hub_editor(email=EDITOR_EMAIL)
    editor.set_password(EDITOR_PASSWORD)
    editor.save()

    # Sign up as an initiative: the side is chosen by the link, the company-only field is hidden.
    page.goto("/accounts/signup/?as=initiative")
    assert page.locator('input[name="side"][value="initiative"]').is_checked()
    assert page.locator("#id_kind").is_hidden()
    page.fill("#id_first_name", "Anna")
    page.fill("#id_last_name", "de Vries")
    page.fill("#id_email", "anna@zonnedorp.nl")
    page.fill("#id_password1", "Wind-mills-4-the-village")
    page.fill("#id_password2", "Wind-mills-4-the-village")
    page.fill("#id_name", "Energiecoöperatie Zonnedorp")
    page.select_option("#id_legal_form", "cooperatie_ua")
    page.fill("#id_kvk_number", "87654321")
    page.select_option("#id_province", label="Friesland")
    page.fill("#id_municipality", "Leeuwarden")
    page.select_option("#id_initiative_kind", "energy_coop")
    page.fill("#id_member_count", "85")
    page.locator("form[data-signup-form] button[type=submit]").click()

    # The dashboard of the new organisation.
    page.wait_for_url("**/dashboard/")
    assert "Energiecoöperatie Zonnedorp" in page.locator("main").inner_text()

    # A need, saved as a draft, then submitted for review.
    page.locator('main a[href="/dashboard/needs/new/"]').first.click()
    page.wait_for_url("**/dashboard/needs/new/")
    assert page.locator("#id_province").input_value()  # the organisation's province, prefilled
    page.fill("#id_title", NEED_TITLE)
    page.fill(
        "#id_description",
        "Ons dorpshuis wil 40 zonnepanelen op het dak.\nSamen met de buurt betalen we ze terug.",
    )
    page.select_option("#id_theme", str(Theme.objects.get(slug="energy").pk))
    page.select_option("#id_need_type", "money")
    page.locator('input[name="sdgs"]').first.check()
    page.fill("#id_budget_min", "5000")
    page.fill("#id_budget_max", "15000")
    deadline = timezone.localdate() + datetime.timedelta(days=60)
    page.fill("#id_deadline", deadline.isoformat())
    page.locator("main form.form button[type=submit]").click()

    page.wait_for_url("**/dashboard/needs/*/")
    need = Need.objects.get(title=NEED_TITLE)
    assert need.status == ListingStatus.DRAFT
    page.locator('form[action$="/submit/"] button[type=submit]').click()
    page.wait_for_url(f"**/dashboard/needs/{need.pk}/")
    need.refresh_from_db()
    assert need.status == ListingStatus.SUBMITTED

    # Log out; the need is not public before a hub editor approved it.
    page.locator('form[action="/accounts/logout/"] button[type=submit]').click()
    page.wait_for_url(f"{live_server.url}/")
    assert NEED_TITLE not in _visible_need_titles(chromium_browser, live_server.url)

    # The hub editor logs in to the Wagtail admin, opens the review queue and approves.
    page.goto("/admin/login/")
    page.fill('input[name="username"]', EDITOR_EMAIL)
    page.fill('input[name="password"]', EDITOR_PASSWORD)
    page.locator('form button[type="submit"]').first.click()
    page.wait_for_url("**/admin/")
    page.goto("/admin/marketplace/review/")
    page.get_by_role("link", name=NEED_TITLE).click()
    page.wait_for_url(f"**/admin/marketplace/review/needs/{need.pk}/")
    page.locator('form[action$="/approve/"] button[type=submit]').click()
    page.wait_for_url("**/admin/marketplace/review/")
    need.refresh_from_db()
    assert need.status == ListingStatus.PUBLISHED

    # Anybody now finds it on /needs/ and on its own page.
    assert NEED_TITLE in _visible_need_titles(chromium_browser, live_server.url)
    context = chromium_browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    try:
        visitor = context.new_page()
        visitor.goto("/needs/")
        visitor.get_by_role("link", name=NEED_TITLE).first.click()
        visitor.wait_for_url(f"**/needs/{need.slug}/")
        assert NEED_TITLE in visitor.locator("h1").inner_text()
        visitor.goto("/needs/")
        visitor.screenshot(path=SCREENSHOT, full_page=True)
    finally:
        context.close()
