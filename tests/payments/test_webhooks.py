"""Stripe webhooks: verified, each event once, safe when repeated, late or out of order."""

import http.server
import json
import threading
import time
import uuid

import pytest

from django.core import mail
from django.urls import reverse

from payments.models import FeaturedPlacement, Payment, PaymentStatus, StripeEvent
from tests.payments.conftest import (
    THREE_D_SECURE_CARD,
    charge_refunded_event,
    post_webhook,
    signed,
)

pytestmark = pytest.mark.django_db


def feature(client, offer, *, token, days=7):
    return client.post(
        reverse("payments:offer_feature", args=[offer.pk]),
        {"days": str(days), "attempt": uuid.uuid4().hex, "payment_method": token},
        HTTP_ACCEPT="application/json",
    )


@pytest.fixture
def paid_behind_our_back(owner_client, stripe_server, published_offer):
    """A featured-offer payment the bank completed while we heard nothing yet (3-D Secure done
    in the browser, which never came back): locally still waiting, at Stripe succeeded."""
    data = feature(
        owner_client, published_offer, token=stripe_server.token(THREE_D_SECURE_CARD)
    ).json()
    assert data["status"] == "requires_action"
    stripe_server.authenticate(data["client_secret"])
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.REQUIRES_ACTION
    event = stripe_server.event_for("payment_intent.succeeded", payment.stripe_payment_intent_id)
    return payment, event


def test_the_same_webhook_five_times_in_a_row_fulfils_once(
    client, paid_behind_our_back, django_capture_on_commit_callbacks
):
    payment, event = paid_behind_our_back
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            body, header = signed(event)
            assert post_webhook(client, body, header).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert FeaturedPlacement.objects.filter(payment=payment).count() == 1
    assert StripeEvent.objects.filter(stripe_id=event["id"]).count() == 1
    assert len(mail.outbox) == 1


def test_forged_tampered_and_replayed_webhooks_are_refused_and_change_nothing(
    client, paid_behind_our_back
):
    payment, event = paid_behind_our_back
    body, header = signed(event)
    forged = signed(event, secret="whsec_somebody_else")
    tampered = body.replace(b'"succeeded"', b'"succeeded" ', 1)
    replayed = signed(event, timestamp=int(time.time()) - 3600)
    attempts = [
        forged,
        (tampered, header),
        replayed,
        (body, None),
        (body, "t=abc,v1=def"),
        (b"not json", signed(b"not json")[1]),
    ]
    for attempt_body, attempt_header in attempts:
        assert post_webhook(client, attempt_body, attempt_header).status_code == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REQUIRES_ACTION
    assert not StripeEvent.objects.exists()
    assert not FeaturedPlacement.objects.exists()
    assert client.get("/stripe/webhook/").status_code == 405


def test_a_late_failure_event_does_not_undo_a_success(client, paid_behind_our_back):
    payment, event = paid_behind_our_back
    assert post_webhook(client, *signed(event)).status_code == 200
    stale = json.loads(json.dumps(event))
    stale["id"] = "evt_stale_failure"
    stale["type"] = "payment_intent.payment_failed"
    stale["created"] = event["created"] - 60
    stale["data"]["object"]["status"] = "requires_payment_method"
    stale["data"]["object"]["last_payment_error"] = {"message": "Your card was declined."}
    assert post_webhook(client, *signed(stale)).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert FeaturedPlacement.objects.filter(payment=payment).count() == 1


def test_an_early_snapshot_arriving_after_the_failure_keeps_the_failure(
    client, stripe_server, owner_client, published_offer
):
    data = feature(
        owner_client, published_offer, token=stripe_server.token(THREE_D_SECURE_CARD)
    ).json()
    stripe_server.authenticate(data["client_secret"], success=False)
    payment = Payment.objects.get()
    owner_client.post(data["refresh_url"], HTTP_ACCEPT="application/json")
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED
    requires_action = {
        "id": "evt_old_requires_action",
        "object": "event",
        "type": "payment_intent.requires_action",
        "created": int(time.time()) - 30,
        "data": {
            "object": {
                **stripe_server.intent(payment.stripe_payment_intent_id),
                "status": "requires_action",
                "last_payment_error": None,
            }
        },
    }
    assert post_webhook(client, *signed(requires_action)).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.FAILED


def test_an_events_snapshot_is_not_trusted_stripes_own_state_is(client, paid_behind_our_back):
    payment, event = paid_behind_our_back
    event["data"]["object"]["amount"] = 1  # signed, but the handler reads the intent from Stripe
    assert post_webhook(client, *signed(event)).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED


def test_a_payment_intent_whose_amount_does_not_match_fulfils_nothing(client, paid_behind_our_back):
    payment, event = paid_behind_our_back
    Payment.objects.filter(pk=payment.pk).update(amount_cents=payment.amount_cents + 100)
    assert post_webhook(client, *signed(event)).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REQUIRES_ACTION
    assert not FeaturedPlacement.objects.exists()


def test_events_we_do_not_handle_are_acknowledged_and_not_stored(client):
    event = {
        "id": "evt_other",
        "object": "event",
        "type": "customer.created",
        "created": int(time.time()),
        "data": {"object": {"id": "cus_x"}},
    }
    assert post_webhook(client, *signed(event)).status_code == 200
    assert not StripeEvent.objects.exists()


class _Capture(http.server.BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((body, self.headers["Stripe-Signature"]))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_localstripes_own_signed_delivery_is_accepted(
    client, stripe_server, owner_client, published_offer
):
    """The signature format localstripe (like Stripe) sends checks out with our endpoint."""
    _Capture.received = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Capture)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        stripe_server.register_webhook(
            f"http://127.0.0.1:{server.server_port}/", events=["payment_intent.succeeded"]
        )
        data = feature(
            owner_client, published_offer, token=stripe_server.token(THREE_D_SECURE_CARD)
        ).json()
        stripe_server.authenticate(data["client_secret"])
        intent_id = Payment.objects.get().stripe_payment_intent_id
        deadline = time.monotonic() + 5
        while not any(intent_id.encode() in body for body, _ in _Capture.received):
            assert time.monotonic() < deadline, "localstripe sent no webhook"
            time.sleep(0.1)
    finally:
        stripe_server.register_webhook("http://127.0.0.1:9/", events=["none"])
        server.shutdown()
    body, header = next((b, h) for b, h in _Capture.received if intent_id.encode() in b)
    assert post_webhook(client, body, header).status_code == 200
    assert Payment.objects.get().status == PaymentStatus.SUCCEEDED


def test_a_refund_made_in_stripe_is_recorded(client, stripe_server, owner_client, published_offer):
    feature(owner_client, published_offer, token=stripe_server.token())
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.SUCCEEDED
    refund = stripe_server.refund(payment.stripe_payment_intent_id)
    event = charge_refunded_event(stripe_server, payment.stripe_payment_intent_id, refund)
    for _ in range(2):
        assert post_webhook(client, *signed(event)).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    assert payment.refunded_cents == payment.amount_cents
    assert payment.placement.ends_at <= payment.refunded_at
