"""Stripe events: one handler per event type, each event handled once (its id is unique).

The view hands the request to `webhook_receive`, which verifies the signature
(stripe_api.webhook_event_construct) and records a validly signed body it cannot read;
`stripe_reconcile` feeds `event_process` with events fetched from Stripe. Every handler is
idempotent and safe when events come twice, late or out of order: it reads the object's current
state from Stripe (a PaymentIntent with its charge, a subscription) and records that, so the
order in which events arrive does not matter.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import IntegrityError, transaction

from . import services, stripe_api
from .models import MalformedStripeEvent, StripeEvent

logger = logging.getLogger(__name__)


class WebhookRefused(Exception):
    """The request is not a webhook we accept (answered 400)."""


def _payment_intent_changed(intent: dict) -> None:
    services.payment_sync(
        payment_intent_id=intent["id"], payment_public_id=_metadata_payment(intent)
    )


def _charge_refunded(charge: dict) -> None:
    intent_id = charge.get("payment_intent")
    if isinstance(intent_id, dict):
        intent_id = intent_id.get("id")
    if intent_id:
        services.payment_sync(payment_intent_id=intent_id)


def _metadata_payment(intent: dict) -> str | None:
    metadata = intent.get("metadata")
    value = metadata.get("payment") if isinstance(metadata, dict) else None
    return value if isinstance(value, str) else None


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


def _id_or_object(value: object) -> bool:
    return (
        value is None
        or isinstance(value, str)
        or (isinstance(value, dict) and isinstance(value.get("id"), str))
    )


def event_problem(event: dict) -> str:
    """Why a handled event cannot be read (empty when it can): the shape the handlers rely on."""
    if len(event["id"]) > 255 or len(event["type"]) > 100:
        return "id or type too long"
    created = event.get("created")
    if created is not None and (
        not isinstance(created, int) or isinstance(created, bool) or created < 0
    ):
        return "created is not a Unix time"
    data = event.get("data")
    obj = data.get("object") if isinstance(data, dict) else None
    if not isinstance(obj, dict):
        return "data.object is not an object"
    kind = event["type"].split(".")[0]
    if kind in ("payment_intent", "customer") and not isinstance(obj.get("id"), str):
        return "data.object.id is not a string"
    if (
        kind == "payment_intent"
        and obj.get("metadata") is not None
        and not isinstance(obj.get("metadata"), dict)
    ):
        return "data.object.metadata is not an object"
    if kind == "charge" and not _id_or_object(obj.get("payment_intent")):
        return "data.object.payment_intent is not an id"
    if kind == "invoice":
        if not _id_or_object(obj.get("subscription")):
            return "data.object.subscription is not an id"
        parent = obj.get("parent")
        if parent is not None and not (
            isinstance(parent, dict)
            and isinstance(parent.get("subscription_details") or {}, dict)
            and _id_or_object((parent.get("subscription_details") or {}).get("subscription"))
        ):
            return "data.object.parent is not a subscription parent"
    return ""


def _record_malformed(*, payload: bytes, reason: str, event: dict | None = None) -> None:
    event = event or {}
    logger.error("Malformed Stripe webhook (%s): %s", event.get("id", "?"), reason)
    MalformedStripeEvent.objects.create(
        reason=reason[:300],
        stripe_id=str(event.get("id") or "")[:255],
        type=str(event.get("type") or "")[:100],
        payload=payload.decode("utf-8", errors="replace")[:100_000],
    )


def webhook_receive(*, payload: bytes, signature: str) -> bool:
    """A webhook request: verify, refuse (WebhookRefused) or handle it; True when handled now.

    A body signed with our secret that is not an event we can read is recorded
    (MalformedStripeEvent) before it is refused. May raise stripe_api.PaymentProviderError when
    Stripe cannot be reached to read the object's current state: nothing is stored then, and
    Stripe delivers again.
    """
    try:
        event = stripe_api.webhook_event_construct(payload=payload, signature=signature)
    except stripe_api.MalformedWebhook as exc:
        _record_malformed(payload=payload, reason=str(exc))
        raise WebhookRefused(str(exc)) from exc
    except stripe_api.InvalidWebhook as exc:
        raise WebhookRefused(str(exc)) from exc
    if event["type"] in HANDLERS:
        problem = event_problem(event)
        if problem:
            _record_malformed(payload=payload, reason=problem, event=event)
            raise WebhookRefused(problem)
    return event_process(event=event, source=StripeEvent.Source.WEBHOOK)


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
