"""In real Chromium: a contribution, the initiative's payout request, four-eyes approval in the
Django admin, a SEPA file that validates, and the public page showing the euros paid out."""

import pytest

from django.conf import settings
from django.test import Client

from marketplace.models import Membership
from payments import sepa
from payments.models import Payout, PayoutStatus
from tests.browser.conftest import chromium_browser, page  # noqa: F401  (the browser fixtures)
from tests.factories import MembershipFactory, UserFactory
from tests.payments.conftest import (  # noqa: F401  (localstripe and the need with a goal)
    GOOD_CARD,
    localstripe_url,
    need_with_goal,
    stripe_server,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def logged_in(browser, live_server, user):
    """A browser context with the user's session (logged in the way Django's test client does)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", accept_downloads=True)
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
          "url": live_server.url}]
    )
    new_page = context.new_page()
    new_page.set_default_timeout(15_000)
    return context, new_page


def test_from_a_contribution_to_a_paid_out_euro_on_the_public_page(  # noqa: PLR0915
    page, chromium_browser, live_server, stripe_server, need_with_goal, initiative_owner, tmp_path  # noqa: F811
):
    need = need_with_goal
    # 1. A citizen contributes € 25 and agrees to be named.
    page.goto(f"/payments/needs/{need.slug}/contribute/")
    page.fill("#id_amount", "25")
    page.fill("#id_name", "Carla Burger")
    page.fill("#id_email", "carla@example.nl")
    page.check("#id_show_on_wall")
    card = page.locator("[data-card-element]")
    card.locator('input[placeholder="number"]').fill(GOOD_CARD)
    card.locator('input[placeholder="exp_month"]').fill("12")
    card.locator('input[placeholder="exp_year"]').fill("34")
    card.locator('input[placeholder="cvc"]').fill("123")
    card.locator('input[placeholder="postal_code"]').fill("1234AB")
    page.locator("[data-payment-submit]").click()
    page.wait_for_url("**/payments/*-*-*-*-*/")

    # 2. The initiative sees the contribution and registers its bank account.
    owner_context, owner = logged_in(chromium_browser, live_server, initiative_owner)
    owner.goto("/finance/")
    assert "Carla Burger" in owner.locator("[data-contributions]").inner_text()
    assert "25,00" in owner.locator("[data-raised]").inner_text()
    owner.fill("#id_iban", "NL91 ABNA 0417 1643 01")  # mistyped
    owner.fill("#id_holder_name", "Dorpscoöperatie Zon")
    owner.get_by_role("button", name="Bankrekening registreren").click()
    assert "controlecijfers kloppen niet" in owner.locator("main").inner_text()
    owner.fill("#id_iban", "NL91 ABNA 0417 1643 00")
    owner.fill("#id_holder_name", "Dorpscoöperatie Zon")
    owner.get_by_role("button", name="Bankrekening registreren").click()
    owner.wait_for_url("**/finance/")
    assert owner.locator("[data-confirm-bank-account]").count() == 0  # not by the same person

    # 3. A second member confirms it.
    second = MembershipFactory(organisation=need.organisation, role=Membership.Role.MEMBER).user
    second_context, second_page = logged_in(chromium_browser, live_server, second)
    second_page.goto("/finance/")
    second_page.locator("[data-confirm-bank-account]").click()
    second_page.wait_for_url("**/finance/")
    assert "bevestigd" in second_page.locator("[data-bank-account]").inner_text()
    second_context.close()

    # 4. The owner requests € 20 for the solar panels.
    owner.goto("/finance/")
    owner.fill("#id_amount", "20")
    owner.fill("#id_note", "Zonnepanelen dorpshuis")
    owner.select_option("#id_need", label=need.title)
    owner.get_by_role("button", name="Uitbetaling aanvragen").click()
    owner.wait_for_url("**/finance/")
    assert "Zonnepanelen dorpshuis" in owner.locator("[data-payouts]").inner_text()
    payout = Payout.objects.get()
    assert payout.status == PayoutStatus.REQUESTED

    # 5. An administrator approves and exports the SEPA file in the Django admin.
    admin = UserFactory(is_staff=True, is_superuser=True)
    admin_context, admin_page = logged_in(chromium_browser, live_server, admin)
    admin_page.goto("/django-admin/payments/payout/")
    admin_page.locator(f'input[name="_selected_action"][value="{payout.pk}"]').check()
    admin_page.select_option('select[name="action"]', "approve_payouts")
    admin_page.locator('button[name="index"]').click()
    admin_page.wait_for_url("**/django-admin/payments/payout/")
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.APPROVED

    admin_page.locator(f'input[name="_selected_action"][value="{payout.pk}"]').check()
    admin_page.select_option('select[name="action"]', "export_sepa")
    with admin_page.expect_download() as download_info:
        admin_page.locator('button[name="index"]').click()
    path = tmp_path / "batch.xml"
    download_info.value.save_as(path)
    xml = path.read_text()
    sepa.validate(xml)
    assert "NL91ABNA0417164300" in xml and ">20.00</InstdAmt>" in xml

    # 6. The bank confirmed: marked paid.
    admin_page.goto("/django-admin/payments/payout/")
    admin_page.locator(f'input[name="_selected_action"][value="{payout.pk}"]').check()
    admin_page.select_option('select[name="action"]', "mark_paid")
    admin_page.locator('button[name="index"]').click()
    admin_page.wait_for_url("**/django-admin/payments/payout/")
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.PAID
    admin_context.close()
    owner_context.close()

    # 7. Anyone sees every euro: raised, paid out, remaining, and the named contributor.
    page.goto(f"/finance/needs/{need.slug}/")
    assert "20,00" in page.locator("[data-paid-out]").inner_text()
    assert "5,00" in page.locator("[data-remaining]").inner_text()
    assert "Carla Burger" in page.locator("[data-contributor-wall]").inner_text()
    assert "Zonnepanelen dorpshuis" in page.locator("main").inner_text()
