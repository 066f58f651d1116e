"""stripe_reconcile repairs what lost webhooks left behind; a second run changes nothing."""

import io
import uuid

import pytest

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from payments import selectors, services
from payments.models import (
    FeaturedPlacement,
    PartnerSubscription,
    Payment,
    PaymentStatus,
    StripeEvent,
)
from tests.payments.conftest import THREE_D_SECURE_CARD

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        sorted(Payment.objects.values_list("pk", "status", "refunded_cents", "succeeded_at")),
        sorted(FeaturedPlacement.objects.values_list("pk", "starts_at", "ends_at")),
        sorted(
            PartnerSubscription.objects.values_list(
                "pk", "status", "current_period_end", "cancel_at_period_end"
            )
        ),
        StripeEvent.objects.count(),
    )


def reconcile() -> str:
    out = io.StringIO()
    call_command("stripe_reconcile", "--days", "1", stdout=out)
    return out.getvalue()


def test_a_lost_webhook_is_repaired_and_a_second_run_changes_nothing(
    owner_client, stripe_server, published_offer, django_capture_on_commit_callbacks
):
    data = owner_client.post(
        reverse("payments:offer_feature", args=[published_offer.pk]),
        {
            "days": "14",
            "attempt": uuid.uuid4().hex,
            "payment_method": stripe_server.token(THREE_D_SECURE_CARD),
        },
        HTTP_ACCEPT="application/json",
    ).json()
    # The payer passes 3-D Secure, then the browser never comes back and the webhook is lost.
    stripe_server.authenticate(data["client_secret"])
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.REQUIRES_ACTION
    assert list(selectors.featured_offers()) == []

    with django_capture_on_commit_callbacks(execute=True):
        first = reconcile()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    placement = FeaturedPlacement.objects.get(payment=payment)
    assert (placement.ends_at - placement.starts_at).days == 14
    assert list(selectors.featured_offers()) == [published_offer]
    assert "Events handled: 0" not in first
    assert len(mail.outbox) == 1

    before = snapshot()
    with django_capture_on_commit_callbacks(execute=True):
        second = reconcile()
    assert snapshot() == before
    assert "Events handled: 0; payments changed: 0; subscriptions changed: 0" in second
    assert len(mail.outbox) == 1


def test_a_subscription_paid_behind_our_back_is_picked_up(owner_client, stripe_server, company):
    data = owner_client.post(
        reverse("payments:plan_upgrade"),
        {"interval": "yearly", "payment_method": stripe_server.token(THREE_D_SECURE_CARD)},
        HTTP_ACCEPT="application/json",
    ).json()
    assert data["status"] == "requires_action"
    stripe_server.authenticate(data["client_secret"])
    assert not selectors.organisation_is_partner(organisation=company)

    report = services.stripe_reconcile(since=PartnerSubscription.objects.get().created_at)
    assert report.changed_anything
    assert selectors.organisation_is_partner(organisation=company)
    assert PartnerSubscription.objects.get().interval == "yearly"
    assert not services.stripe_reconcile(
        since=PartnerSubscription.objects.get().created_at
    ).changed_anything
