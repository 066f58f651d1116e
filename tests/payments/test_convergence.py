"""Payments converge on Stripe's state (issue 10): events in any order, lost events repaired by
stripe_reconcile, malformed signed webhooks refused and recorded, no PaymentIntent left without
its payment when the database refuses a write, and contributions that stop at the goal."""

import datetime
import io
import json
import time
import uuid

import pytest

from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, connection
from django.urls import reverse
from django.utils import timezone

from payments import selectors, services
from payments.models import (
    FeaturedPlacement,
    MalformedStripeEvent,
    Payment,
    PaymentStatus,
    StripeEvent,
)
from tests.payments.conftest import (
    THREE_D_SECURE_CARD,
    charge_refunded_event,
    post_webhook,
    signed,
)

pytestmark = pytest.mark.django_db


def feature(client, offer, token, days=7):
    return client.post(
        reverse("payments:offer_feature", args=[offer.pk]),
        {"days": str(days), "attempt": uuid.uuid4().hex, "payment_method": token},
        HTTP_ACCEPT="application/json",
    )


def contribute(client, need, token, amount="25"):
    return client.post(
        reverse("payments:need_contribute", args=[need.slug]),
        {
            "amount": amount,
            "email": "gever@example.nl",
            "attempt": uuid.uuid4().hex,
            "payment_method": token,
        },
        HTTP_ACCEPT="application/json",
    )


def running_placements():
    now = time.time()
    return [p for p in FeaturedPlacement.objects.all() if p.ends_at.timestamp() > now]


# Finding 3: out-of-order events and stripe_reconcile -------------------------------------------


def test_a_refund_delivered_before_the_success_ends_refunded(
    client, owner_client, stripe_server, published_offer, django_capture_on_commit_callbacks
):
    """At Stripe: paid (3-D Secure in the browser, which never came back), then refunded. The
    events arrive the other way round; the payment ends refunded, nothing stays featured."""
    data = feature(owner_client, published_offer, stripe_server.token(THREE_D_SECURE_CARD)).json()
    stripe_server.authenticate(data["client_secret"])
    payment = Payment.objects.get()
    intent_id = payment.stripe_payment_intent_id
    succeeded = stripe_server.event_for("payment_intent.succeeded", intent_id)
    refunded = charge_refunded_event(stripe_server, intent_id, stripe_server.refund(intent_id))

    with django_capture_on_commit_callbacks(execute=True):
        assert post_webhook(client, *signed(refunded)).status_code == 200
        assert post_webhook(client, *signed(succeeded)).status_code == 200
        # and a stale failure snapshot afterwards changes nothing either
        failed = json.loads(json.dumps(succeeded))
        failed.update(id="evt_late_failure", type="payment_intent.payment_failed")
        failed["data"]["object"].update(
            status="requires_payment_method", last_payment_error={"message": "declined"}
        )
        assert post_webhook(client, *signed(failed)).status_code == 200

    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    assert payment.refunded_cents == payment.amount_cents
    assert running_placements() == []
    assert list(selectors.featured_offers()) == []
    assert not mail.outbox  # no receipt for what was given back before we knew of it


def test_reconcile_repairs_a_refund_whose_event_never_came(
    client, owner_client, stripe_server, published_offer, need_with_goal
):
    """Locally paid, at Stripe refunded, no event at all: `stripe_reconcile` re-reads paid
    payments too, ends the featured period and takes the gift off the need's total."""
    assert feature(owner_client, published_offer, stripe_server.token()).json()["status"] == (
        "succeeded"
    )
    assert contribute(client, need_with_goal, stripe_server.token()).json()["status"] == (
        "succeeded"
    )
    assert selectors.need_funding(need=need_with_goal).raised_cents == 2500
    assert list(selectors.featured_offers()) == [published_offer]
    for payment in Payment.objects.all():
        stripe_server.refund(payment.stripe_payment_intent_id)

    # No events to replay (as when they are older than Stripe keeps them): the payments
    # touched in the window are re-read, paid ones included.
    now = timezone.now()
    report = services.stripe_reconcile(
        since=now + datetime.timedelta(minutes=1), payments_since=now - datetime.timedelta(days=30)
    )
    assert (report.events_handled, report.payments_changed) == (0, 2)
    assert set(Payment.objects.values_list("status", flat=True)) == {PaymentStatus.REFUNDED}
    assert list(selectors.featured_offers()) == []
    assert selectors.need_funding(need=need_with_goal).raised_cents == 0

    again = io.StringIO()
    call_command("stripe_reconcile", "--days", "1", "--payments-days", "30", stdout=again)
    assert "payments changed: 0;" in again.getvalue()


# Finding 8: malformed signed webhooks, signatures from the future ------------------------------


@pytest.mark.parametrize(
    "body",
    [
        b'{"id": "evt_1", "type": "payment_intent.succeeded"}',  # no data
        b'{"id": "evt_2", "type": "payment_intent.succeeded", "data": {"object": "pi_1"}}',
        b'{"id": "evt_3", "type": "charge.refunded", "data": {"object": {"payment_intent": 5}}}',
        b'{"id": "evt_4", "type": "invoice.paid", "created": "yesterday", "data": {"object": {}}}',
        b'{"id": "evt_5", "type": "invoice.paid", "data": {"object": {"parent": "x"}}}',
        b'["a", "list"]',
        b'{"id": 5, "type": "payment_intent.succeeded"}',
        b"not json",
    ],
)
def test_a_malformed_signed_webhook_is_recorded_and_refused(client, stripe_server, body):
    assert post_webhook(client, *signed(body)).status_code == 400
    record = MalformedStripeEvent.objects.get()
    assert record.payload == body.decode() and record.reason
    assert not StripeEvent.objects.exists()


def test_an_unsigned_malformed_body_is_refused_and_not_recorded(client):
    assert post_webhook(client, b'{"id": "evt_1"}', "t=1,v1=00").status_code == 400
    assert not MalformedStripeEvent.objects.exists()


def test_a_signature_dated_in_the_future_is_refused(client, stripe_server):
    event = {
        "id": "evt_future",
        "object": "event",
        "type": "customer.subscription.updated",
        "created": int(time.time()),
        "data": {"object": {"id": "sub_x"}},
    }
    for ahead in (86_400, 3_600):
        response = post_webhook(client, *signed(event, timestamp=int(time.time()) + ahead))
        assert response.status_code == 400
    assert not StripeEvent.objects.exists() and not MalformedStripeEvent.objects.exists()


# Finding 13: no orphan PaymentIntents when the database refuses a write -----------------------


class RefuseWrites:
    """Make the database refuse UPDATEs of payments matching a piece of SQL, as a locked
    SQLite (`database is locked`) or a dropped connection would."""

    def __init__(self, fragment: str):
        self.fragment = fragment
        self.refused = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.startswith('UPDATE "payments_payment"') and self.fragment in sql.split("WHERE")[0]:
            self.refused += 1
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)


def test_when_the_payment_intent_cannot_be_stored_it_is_cancelled_at_stripe(
    client, stripe_server, need_with_goal
):
    refuse = RefuseWrites('"stripe_payment_intent_id" =')
    with connection.execute_wrapper(refuse):
        response = contribute(client, need_with_goal, stripe_server.token())
    assert refuse.refused == 1
    data = response.json()
    assert response.status_code == 200 and data["status"] == "failed"
    assert "nothing was charged" in data["message"] and len(data["attempt"]) == 32
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.CANCELED and not payment.stripe_payment_intent_id
    intents = stripe_server.intents_with("payment", str(payment.public_id))
    assert [intent["status"] for intent in intents] == ["canceled"]


def test_a_charge_the_database_could_not_record_is_linked_by_the_webhook(
    client, stripe_server, need_with_goal, django_capture_on_commit_callbacks
):
    refuse = RefuseWrites('"succeeded_at" =')
    with connection.execute_wrapper(refuse):
        data = contribute(client, need_with_goal, stripe_server.token()).json()
    assert refuse.refused == 1
    assert data["status"] == "processing"  # charged; the result page follows the webhook
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.PENDING and not payment.stripe_payment_intent_id
    (intent,) = stripe_server.intents_with("payment", str(payment.public_id))
    assert intent["status"] == "succeeded"

    event = stripe_server.event_for("payment_intent.succeeded", intent["id"])
    with django_capture_on_commit_callbacks(execute=True):
        assert post_webhook(client, *signed(event)).status_code == 200
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert payment.stripe_payment_intent_id == intent["id"]
    assert selectors.need_funding(need=need_with_goal).raised_cents == 2500
    assert len([m for m in mail.outbox if m.to == [payment.payer_email]]) == 1


# Finding 11: contributions stop at the goal -----------------------------------------------------


def test_a_contribution_beyond_what_is_still_needed_is_refused(
    client, stripe_server, need_with_goal
):
    # The goal is € 1,000.
    assert contribute(client, need_with_goal, stripe_server.token(), "900").json()["status"] == (
        "succeeded"
    )
    too_much = contribute(client, need_with_goal, stripe_server.token(), "150")
    assert too_much.status_code == 400
    assert "100" in too_much.json()["message"]
    rest = contribute(client, need_with_goal, stripe_server.token(), "100")
    assert rest.json()["status"] == "succeeded"
    progress = selectors.need_funding(need=need_with_goal)
    assert progress.raised_cents == progress.goal_cents == 100_000
    assert contribute(client, need_with_goal, stripe_server.token(), "5").status_code == 400
    assert Payment.objects.count() == 2  # the refused ones never reached Stripe


def test_a_payment_on_its_way_holds_its_share_of_the_goal(client, stripe_server, need_with_goal):
    data = contribute(
        client, need_with_goal, stripe_server.token(THREE_D_SECURE_CARD), "800"
    ).json()
    assert data["status"] == "requires_action"
    assert contribute(client, need_with_goal, stripe_server.token(), "300").status_code == 400
    stripe_server.authenticate(data["client_secret"])
    assert client.post(data["refresh_url"]).json()["status"] == "succeeded"
    assert selectors.need_funding(need=need_with_goal).raised_cents == 80_000
