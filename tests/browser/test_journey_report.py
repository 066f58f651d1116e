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
