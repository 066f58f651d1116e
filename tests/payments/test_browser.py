"""In real Chromium: a citizen contributes to a need with a test card and the progress bar moves."""

import pytest

from payments.models import Payment, PaymentStatus
from tests.browser.conftest import chromium_browser, page  # noqa: F401  (the browser fixtures)
from tests.payments.conftest import GOOD_CARD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_citizen_contributes_and_the_progress_bar_moves(page, stripe_server, need_with_goal):  # noqa: F811
    policy_errors = []
    page.on(
        "console",
        lambda message: (
            policy_errors.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )

    page.goto(f"/payments/needs/{need_with_goal.slug}/contribute/")
    bar = page.locator("progress.funding__bar")
    assert bar.get_attribute("value") == "0"

    page.fill("#id_amount", "25")
    page.fill("#id_name", "Carla Burger")
    page.fill("#id_email", "carla@example.nl")
    # The card field Stripe.js (here localstripe's stand-in) mounted in the form.
    card = page.locator("[data-card-element]")
    card.locator('input[placeholder="number"]').fill(GOOD_CARD)
    card.locator('input[placeholder="exp_month"]').fill("12")
    card.locator('input[placeholder="exp_year"]').fill("34")
    card.locator('input[placeholder="cvc"]').fill("123")
    card.locator('input[placeholder="postal_code"]').fill("1234AB")
    page.locator("[data-payment-submit]").click()

    page.wait_for_url("**/payments/*-*-*-*-*/")
    assert page.locator("progress.funding__bar").get_attribute("value") == "2500"
    assert "25,00" in page.locator("main").inner_text()
    assert policy_errors == []
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.SUCCEEDED and payment.payer_name == "Carla Burger"
