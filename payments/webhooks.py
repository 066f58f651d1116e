"""Stripe events: one handler per event type, each event handled once (its id is unique).

The view verifies the signature (stripe_api.webhook_event_construct); `stripe_reconcile`
feeds the same function with events fetched from Stripe. Every handler is idempotent and
safe when events come twice, late or out of order: payment handlers never move a payment
back to an earlier state, subscription handlers fetch the subscription's current state.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import IntegrityError, transaction

from . import services
from .models import StripeEvent

logger = logging.getLogger(__name__)


def _payment_intent_changed(intent: dict) -> None:
    services.payment_intent_apply(intent=intent)


def _charge_refunded(charge: dict) -> None:
    services.payment_refund_apply(charge=charge)


def _subscription_changed(subscription: dict) -> None:
    services.partner_subscription_sync(subscription_id=subscription["id"])


def _invoice_changed(invoice: dict) -> None:
    subscription_id = invoice.get("subscription")
    if not subscription_id:
        # API versions from 2025 name the subscription under `parent`.
        details = (invoice.get("parent") or {}).get("subscription_details") or {}
        subscription_id = details.get("subscription")
    if isinstance(subscription_id, dict):
        subscription_id = subscription_id.get("id")
    if subscription_id:
        services.partner_subscription_sync(subscription_id=subscription_id)


HANDLERS: dict[str, Callable[[dict], None]] = {
    "payment_intent.succeeded": _payment_intent_changed,
    "payment_intent.payment_failed": _payment_intent_changed,
    "payment_intent.processing": _payment_intent_changed,
    "payment_intent.requires_action": _payment_intent_changed,
    "payment_intent.canceled": _payment_intent_changed,
    "charge.refunded": _charge_refunded,
    "customer.subscription.created": _subscription_changed,
    "customer.subscription.updated": _subscription_changed,
    "customer.subscription.deleted": _subscription_changed,
    "invoice.paid": _invoice_changed,
    "invoice.payment_succeeded": _invoice_changed,
    "invoice.payment_failed": _invoice_changed,
}


def event_process(*, event: dict, source: str) -> bool:
    """Handle a verified Stripe event unless it was handled before; True when handled now."""
    handler = HANDLERS.get(event["type"])
    if handler is None:
        logger.info("Stripe event %s (%s) needs no handling", event["id"], event["type"])
        return False
    with transaction.atomic():
        # The unique event id, written first: a second delivery, even a simultaneous one, stops
        # here. The row and the handler's changes commit together, or neither does and Stripe
        # delivers the event again.
        try:
            with transaction.atomic():
                StripeEvent.objects.create(
                    stripe_id=event["id"],
                    type=event["type"],
                    stripe_created=int(event.get("created") or 0),
                    source=source,
                    payload=event,
                )
        except IntegrityError:
            return False
        handler(event["data"]["object"])
    return True
