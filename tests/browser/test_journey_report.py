"""In real Chromium: a visitor is asked to log in to report; a member reports a listing."""

import pytest

from marketplace.models import ContentReport
from tests.factories import PASSWORD, MembershipFactory, OfferFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_reports_a_listing_and_it_leaves_the_site(page, settings):
    settings.MARKETPLACE_REPORTS_TO_HIDE = 1
    offer = OfferFactory(published=True, slug="gratis-geld", title="Gratis geld voor iedereen")
    member = MembershipFactory(organisation=OrganisationFactory(name="Dorpshuis")).user

    page.goto("/offers/gratis-geld/")
    page.get_by_role("link", name="Log in om te melden").click()
    page.wait_for_url("**/accounts/login/?next=/offers/gratis-geld/")
    page.fill('input[name="username"]', member.email)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main form[action^="/accounts/login/"] button[type=submit]').click()
    page.wait_for_url("**/offers/gratis-geld/")

    page.get_by_text("Melden", exact=True).click()
    form = page.locator("[data-report-form]")
    form.get_by_label("Waarom meld je dit?").select_option("scam")
    form.get_by_label("Wat moet de moderator nog weten? (optioneel)").fill("Vraagt om inloggegevens.")
    form.get_by_role("button", name="Melding versturen").click()
    # One report is enough here: the offer is hidden, so the reporter lands on the list.
    page.wait_for_url("**/offers/")
    assert "Een moderator bekijkt je melding" in page.locator("body").inner_text()
    assert "Gratis geld voor iedereen" not in page.locator("main").inner_text()

    report = ContentReport.objects.get()
    assert (report.reporter, report.target, report.reason) == (member, offer, "scam")
    assert report.note == "Vraagt om inloggegevens."
    response = page.goto("/offers/gratis-geld/")
    assert response.status == 404


def test_a_member_follows_an_organisation_and_its_new_offer_is_in_the_weekly_digest(
    page, mailoutbox
):
    from django.core.management import call_command

    from notifications.models import NotificationPreference

    supplier = OrganisationFactory(name="Windkracht BV", slug="windkracht")
    member = MembershipFactory(organisation=OrganisationFactory(name="Dorpshuis")).user
    NotificationPreference.objects.create(user=member, email_frequency="weekly", language="nl")

    page.goto("/accounts/login/")
    page.fill('input[name="username"]', member.email)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main form[action="/accounts/login/"] button[type=submit]').click()
    page.wait_for_url("**/dashboard/")
    assert "Je volgt nog geen organisaties" in page.locator("[data-follows]").inner_text()

    page.goto("/organisations/windkracht/")
    page.get_by_role("button", name="Windkracht BV volgen").click()
    page.wait_for_url("**/organisations/windkracht/")
    assert page.get_by_role("button", name="Windkracht BV niet meer volgen").is_visible()
    page.goto("/dashboard/")
    assert "Windkracht BV" in page.locator("[data-follows]").inner_text()

    OfferFactory(organisation=supplier, published=True, title="Kleine windmolens voor dorpen")
    call_command("send_digests", frequency="weekly")
    mail = next(m for m in mailoutbox if m.to == [member.email])
    assert "wekelijkse" in mail.subject
    assert "Kleine windmolens voor dorpen (Windkracht BV)" in mail.body
