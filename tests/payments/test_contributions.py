"""Contributions to a need, end to end through the views against localstripe."""

import uuid

import pytest

from django.core import mail
from django.urls import reverse

from payments import selectors
from payments.models import Payment, PaymentStatus
from tests.factories import NeedFactory, UserFactory
from tests.payments.conftest import DECLINED_CARD, GOOD_CARD, THREE_D_SECURE_CARD

pytestmark = pytest.mark.django_db


def contribute(client, need, *, token, amount="25.00", attempt=None, **extra):
    data = {
        "amount": amount,
        "email": "gever@example.nl",
        "name": "Gerrit Gever",
        "attempt": attempt or uuid.uuid4().hex,
        "payment_method": token,
        **extra,
    }
    return client.post(
        reverse("payments:need_contribute", args=[need.slug]), data, HTTP_ACCEPT="application/json"
    )


def raised(need) -> int:
    return selectors.need_funding(need=need).raised_cents


def test_the_contribution_page_loads_stripe_js_under_a_strict_policy(
    client, stripe_server, need_with_goal
):
    response = client.get(reverse("payments:need_contribute", args=[need_with_goal.slug]))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'src="{stripe_server.url}/js.stripe.com/v3/"' in html
    assert 'name="attempt"' in html and "<script>" not in html
    policy = response.headers["Content-Security-Policy"]
    assert f"script-src 'self' {stripe_server.url};" in policy
    assert stripe_server.url in policy.split("connect-src")[1].split(";")[0]
    assert "'unsafe-inline'" not in policy
    # Other pages keep the policy without Stripe.
    assert stripe_server.url not in client.get("/").headers["Content-Security-Policy"]


def test_a_successful_contribution_is_recorded_once_with_a_receipt(
    client, stripe_server, need_with_goal, django_capture_on_commit_callbacks
):
    client.get(reverse("payments:need_contribute", args=[need_with_goal.slug]))
    with django_capture_on_commit_callbacks(execute=True):
        response = contribute(client, need_with_goal, token=stripe_server.token(GOOD_CARD))
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "succeeded"
    payment = Payment.objects.get()
    assert data["redirect_url"] == reverse("payments:payment_result", args=[payment.public_id])
    assert payment.status == PaymentStatus.SUCCEEDED and payment.amount_cents == 2500
    intent = stripe_server.intent(payment.stripe_payment_intent_id)
    assert intent["status"] == "succeeded" and intent["amount"] == 2500
    assert raised(need_with_goal) == 2500
    # The giver's receipt; the initiative's members are told as well (a notice and its e-mail).
    [receipt] = [m for m in mail.outbox if m.to == ["gever@example.nl"]]
    assert "€" in receipt.body and "gift" in receipt.body.lower()
    initiative_mail = [m for m in mail.outbox if m is not receipt]
    assert [m.to for m in initiative_mail] == [[need_with_goal.organisation.memberships.get().user.email]]
    assert "25" in initiative_mail[0].subject

    page = client.get(data["redirect_url"])
    assert page.status_code == 200
    assert b'<progress class="funding__bar" max="100000" value="2500"' in page.content


def test_a_declined_card_records_nothing_paid(client, stripe_server, need_with_goal):
    response = contribute(client, need_with_goal, token=stripe_server.token(DECLINED_CARD))
    data = response.json()
    assert data["status"] == "failed"
    assert data["message"] == "Your card was declined. Nothing was paid; try another card."
    assert len(data["attempt"]) == 32  # the next try is a new payment
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.FAILED
    assert raised(need_with_goal) == 0
    assert not mail.outbox

    # Trying again with another card on the new attempt works.
    retry = contribute(client, need_with_goal, token=stripe_server.token(), attempt=data["attempt"])
    assert retry.json()["status"] == "succeeded"
    assert raised(need_with_goal) == 2500


def test_a_decline_speaks_the_payers_language_not_stripes(client, stripe_server, need_with_goal):
    from django.utils import translation

    with translation.override("nl"):
        url = reverse("payments:need_contribute", args=[need_with_goal.slug])
    assert not url.startswith("/en/")  # the Dutch page: Stripe's decline is English only
    data = client.post(url, {
        "amount": "25.00", "email": "payer@example.org", "name": "Pat Payer",
        "attempt": uuid.uuid4().hex, "payment_method": stripe_server.token(DECLINED_CARD),
    }, HTTP_ACCEPT="application/json").json()
    assert data["message"] == "Je kaart is geweigerd. Er is niets betaald; probeer een andere kaart."
    payment = Payment.objects.get()
    assert payment.failure_message.startswith("stripe:")  # a code, translated when shown
    with translation.override("nl"):
        assert payment.failure_text.startswith("Je kaart is geweigerd")
    with translation.override("en"):
        assert payment.failure_text.startswith("Your card was declined")


def test_3d_secure_waits_for_the_bank_then_the_server_checks_with_stripe(
    client, stripe_server, need_with_goal
):
    response = contribute(client, need_with_goal, token=stripe_server.token(THREE_D_SECURE_CARD))
    data = response.json()
    assert data["status"] == "requires_action"
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.REQUIRES_ACTION
    assert data["client_secret"].startswith(payment.stripe_payment_intent_id)
    assert raised(need_with_goal) == 0

    # Asking before the payer authenticated changes nothing.
    early = client.post(data["refresh_url"], HTTP_ACCEPT="application/json").json()
    assert early["status"] == "requires_action"

    stripe_server.authenticate(data["client_secret"], success=True)
    after = client.post(data["refresh_url"], HTTP_ACCEPT="application/json").json()
    assert after["status"] == "succeeded"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert raised(need_with_goal) == 2500


def test_failed_3d_secure_is_a_failed_payment(client, stripe_server, need_with_goal):
    data = contribute(client, need_with_goal, token=stripe_server.token(THREE_D_SECURE_CARD)).json()
    stripe_server.authenticate(data["client_secret"], success=False)
    after = client.post(data["refresh_url"], HTTP_ACCEPT="application/json").json()
    assert after["status"] == "failed"
    assert Payment.objects.get().status == PaymentStatus.FAILED
    assert raised(need_with_goal) == 0


def test_a_double_click_is_one_payment(client, stripe_server, need_with_goal):
    attempt = uuid.uuid4().hex
    first = contribute(client, need_with_goal, token=stripe_server.token(), attempt=attempt)
    # The second click made its own token, and even claims another amount: same payment, no charge.
    second = contribute(client, need_with_goal, token=stripe_server.token(), attempt=attempt)
    assert first.json()["status"] == "succeeded"
    assert second.status_code == 200 and second.json()["status"] == "succeeded"
    payment = Payment.objects.get()
    assert len(stripe_server.intents_with("payment", str(payment.public_id))) == 1
    assert raised(need_with_goal) == 2500


def test_the_amount_is_checked_on_the_server(client, stripe_server, need_with_goal):
    too_small = contribute(client, need_with_goal, token=stripe_server.token(), amount="1.00")
    too_big = contribute(client, need_with_goal, token=stripe_server.token(), amount="999999")
    assert too_small.status_code == too_big.status_code == 400
    assert not Payment.objects.exists()


def test_a_need_without_goal_takes_no_contributions(client, stripe_server, initiative):
    need = NeedFactory(organisation=initiative, published=True)
    page = client.get(reverse("payments:need_contribute", args=[need.slug]))
    assert b"does not accept contributions" in page.content
    response = contribute(client, need, token=stripe_server.token())
    assert response.status_code == 400
    assert not Payment.objects.exists()


def test_unpublished_needs_have_no_contribution_page(client, initiative):
    need = NeedFactory(organisation=initiative)
    assert client.get(reverse("payments:need_contribute", args=[need.slug])).status_code == 404


def test_only_the_payer_sees_the_result_page(client, stripe_server, need_with_goal):
    data = contribute(client, need_with_goal, token=stripe_server.token()).json()
    assert client.get(data["redirect_url"]).status_code == 200
    client.cookies.clear()
    assert client.get(data["redirect_url"]).status_code == 404


def test_the_initiative_sees_its_contributors_but_not_the_anonymous_ones(
    client, stripe_server, need_with_goal, initiative_owner
):
    contribute(
        client,
        need_with_goal,
        token=stripe_server.token(),
        name="Open Olga",
        email="olga@example.nl",
    )
    contribute(
        client,
        need_with_goal,
        token=stripe_server.token(),
        name="Stille Sjaak",
        email="sjaak@example.nl",
        anonymous="on",
    )
    client.force_login(initiative_owner)
    page = client.get(reverse("payments:funding_goal", args=[need_with_goal.pk])).content.decode()
    assert "Open Olga" in page and "olga@example.nl" in page
    assert "Sjaak" not in page and "sjaak@example.nl" not in page
    assert "Anonymous" in page or "Anoniem" in page


def test_members_set_the_goal_others_cannot(client, need_with_goal, initiative_owner, stranger):
    url = reverse("payments:funding_goal", args=[need_with_goal.pk])
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(initiative_owner)
    assert client.post(url, {"goal": "50"}).status_code == 200  # below the minimum: form error
    response = client.post(url, {"goal": "2500"})
    assert response.status_code == 302
    assert selectors.need_funding(need=need_with_goal).goal_cents == 250_000


def test_a_logged_in_contributor_is_the_payer(client, stripe_server, need_with_goal):
    person = UserFactory(email="lid@example.nl")
    client.force_login(person)
    assert (
        contribute(client, need_with_goal, token=stripe_server.token()).json()["status"]
        == "succeeded"
    )
    assert Payment.objects.get().payer == person


def test_the_need_page_include_shows_progress_and_a_contribute_button(
    client, stripe_server, need_with_goal, initiative
):
    from django.template import Context, Template

    template = Template('{% include "payments/includes/need_funding.html" with need=need %}')
    contribute(client, need_with_goal, token=stripe_server.token(), amount="100")
    html = template.render(Context({"need": need_with_goal}))
    assert 'value="10000"' in html and 'max="100000"' in html
    assert reverse("payments:need_contribute", args=[need_with_goal.slug]) in html
    assert "no shares" in html
    without_goal = NeedFactory(organisation=initiative, published=True)
    assert template.render(Context({"need": without_goal})).strip() == ""
