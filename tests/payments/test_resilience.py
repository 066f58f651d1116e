"""Stripe down or hanging: a clear message within seconds, and nothing marked paid."""

import socket
import threading
import time
import uuid

import pytest

from django.core import mail
from django.urls import reverse

from payments.models import FeaturedPlacement, Payment, PaymentStatus, StripeEvent
from tests.payments.conftest import GOOD_CARD, free_port, post_webhook, signed

pytestmark = pytest.mark.django_db


@pytest.fixture
def hanging_server():
    """A loopback server that accepts connections and never answers."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    held, stop = [], threading.Event()

    def accept_forever():
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(timeout=2)
    for connection in held:
        connection.close()
    listener.close()


def contribute(client, need, token):
    return client.post(
        reverse("payments:need_contribute", args=[need.slug]),
        {
            "amount": "25",
            "email": "gever@example.nl",
            "attempt": uuid.uuid4().hex,
            "payment_method": token,
        },
        HTTP_ACCEPT="application/json",
    )


def feature(client, offer, token):
    return client.post(
        reverse("payments:offer_feature", args=[offer.pk]),
        {"days": "7", "attempt": uuid.uuid4().hex, "payment_method": token},
        HTTP_ACCEPT="application/json",
    )


def assert_clear_refusal(response, started: float, bound: float):
    elapsed = time.monotonic() - started
    assert elapsed < bound, f"took {elapsed:.1f}s"
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "unavailable"
    assert "did not answer" in data["message"] or "niet" in data["message"]


def test_stripe_unreachable_gives_a_clear_message_at_once(
    client, stripe_server, settings, need_with_goal
):
    token = stripe_server.token(GOOD_CARD)
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"  # nobody listens there
    started = time.monotonic()
    response = contribute(client, need_with_goal, token)
    assert_clear_refusal(response, started, bound=3)
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.PENDING and not payment.is_paid
    assert not mail.outbox


def test_stripe_hanging_gives_a_clear_message_within_seconds(
    owner_client, stripe_server, settings, hanging_server, published_offer
):
    token = stripe_server.token(GOOD_CARD)
    settings.STRIPE_API_BASE = hanging_server
    settings.STRIPE_READ_TIMEOUT = 1
    settings.STRIPE_MAX_NETWORK_RETRIES = 1
    started = time.monotonic()
    response = feature(owner_client, published_offer, token)
    assert_clear_refusal(response, started, bound=6)
    assert not Payment.objects.filter(status=PaymentStatus.SUCCEEDED).exists()
    assert not FeaturedPlacement.objects.exists()


def test_after_an_outage_the_same_form_completes_the_same_payment(
    client, stripe_server, settings, need_with_goal
):
    token = stripe_server.token(GOOD_CARD)
    attempt = uuid.uuid4().hex
    data = {"amount": "25", "email": "g@example.nl", "attempt": attempt, "payment_method": token}
    url = reverse("payments:need_contribute", args=[need_with_goal.slug])
    client.get(url)
    real_base = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"
    assert client.post(url, data).status_code == 503
    settings.STRIPE_API_BASE = real_base
    assert client.post(url, data).json()["status"] == "succeeded"
    assert Payment.objects.get().status == PaymentStatus.SUCCEEDED


def test_a_webhook_that_needs_stripe_while_it_is_down_is_left_for_a_retry(client, settings):
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"
    event = {
        "id": "evt_subscription",
        "object": "event",
        "type": "customer.subscription.updated",
        "created": int(time.time()),
        "data": {"object": {"id": "sub_123", "object": "subscription"}},
    }
    assert post_webhook(client, *signed(event)).status_code == 503
    assert not StripeEvent.objects.exists()  # so Stripe's next delivery is handled


def test_the_plan_page_still_works_when_invoices_cannot_be_read(
    owner_client, company, settings, stripe_server
):
    from payments.models import PartnerSubscription

    PartnerSubscription.objects.create(organisation=company, stripe_customer_id="cus_gone")
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"
    response = owner_client.get(reverse("payments:plan"))
    assert response.status_code == 200
    assert b"cannot be shown right now" in response.content
