"""The only module that talks to Stripe: its calls, timeouts, errors and webhook verification.

Everything returns plain dicts and raises this module's exceptions, so the rest of the code
base never imports `stripe` and never waits on it longer than the configured timeouts.
In development, the demo and the tests `STRIPE_API_BASE` points at localstripe; the few
places where localstripe differs from Stripe are handled here and marked.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import stripe

from django.conf import settings
from django.utils.translation import gettext as _

from core.budget import Budget, request_budget

from .declines import decline_message, failure_code

logger = logging.getLogger(__name__)

# Responses and webhook payloads are read in the shape of this API version, whatever version
# the account's dashboard defaults to. Change it only together with the code that reads them.
STRIPE_API_VERSION = "2024-06-20"


class PaymentProviderError(Exception):
    """Stripe refused a request: a bug or a configuration problem on our side."""

    def __init__(self, message: str = "", *, code: str = "", http_status: int | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.http_status = http_status


class PaymentProviderUnavailable(PaymentProviderError):
    """Stripe could not be reached, did not answer in time or failed on its side."""


class PaymentsNotConfigured(PaymentProviderUnavailable):
    """No Stripe secret key is configured, so nothing can be paid."""


class CardDeclined(PaymentProviderError):
    """The card or the bank refused; `message` is safe to show to the payer."""


class NotFound(PaymentProviderError):
    """Stripe does not know the object asked for."""


class InvalidWebhook(Exception):
    """A webhook whose signature, timestamp or body does not check out."""


class MalformedWebhook(InvalidWebhook):
    """A webhook validly signed with our secret whose body is not an event we can read."""


def is_configured() -> bool:
    """Whether a Stripe secret key is set."""
    return bool(getattr(settings, "STRIPE_SECRET_KEY", ""))


# Within a web request every Stripe attempt, retry and pause is cut to what is left of the
# request's Stripe budget (settings.STRIPE_REQUEST_BUDGET, core.budget): a hanging Stripe costs the
# payer that long in all, whatever the per-attempt timeouts and retries say.
_attempt_timeout: ContextVar[tuple[float, float] | None] = ContextVar(
    "stripe_attempt_timeout", default=None
)
# Below this many seconds left, no new attempt is started.
MIN_ATTEMPT_SECONDS = 0.1


def _request_budget() -> Budget | None:
    return request_budget("stripe", float(getattr(settings, "STRIPE_REQUEST_BUDGET", 3)))


class _BudgetedRequestsClient(stripe.RequestsClient):
    """Stripe's requests-based HTTP client, held to the request's Stripe budget."""

    @property
    def _timeout(self):  # read by RequestsClient for every attempt
        return _attempt_timeout.get() or self._configured_timeout

    @_timeout.setter
    def _timeout(self, value) -> None:
        self._configured_timeout = value

    def _within_budget(self, send, *args):
        budget = _request_budget()
        if budget is None:
            return send(*args)
        remaining = budget.remaining()
        if remaining < MIN_ATTEMPT_SECONDS:
            raise stripe.APIConnectionError(
                "Stripe did not answer within this request's budget.", should_retry=False
            )
        connect, read = self._configured_timeout
        token = _attempt_timeout.set((min(connect, remaining), min(read, remaining)))
        try:
            with budget.timed():
                return send(*args)
        finally:
            _attempt_timeout.reset(token)

    def request(self, method, url, headers, post_data=None):
        return self._within_budget(super().request, method, url, headers, post_data)

    def request_stream(self, method, url, headers, post_data=None):
        return self._within_budget(super().request_stream, method, url, headers, post_data)

    def _should_retry(self, response, api_connection_error, num_retries, max_network_retries):
        budget = _request_budget()
        if budget is not None and budget.remaining() < stripe.HTTPClient.INITIAL_DELAY + 0.5:
            return False
        return super()._should_retry(
            response, api_connection_error, num_retries, max_network_retries
        )

    def _sleep_time_seconds(self, num_retries: int) -> float:
        seconds = super()._sleep_time_seconds(num_retries)
        budget = _request_budget()
        if budget is not None:
            seconds = min(seconds, budget.remaining())
            budget.spent += seconds
        return seconds


@functools.lru_cache(maxsize=8)
def _client_for(
    api_key: str, api_base: str, connect_timeout: float, read_timeout: float, retries: int
) -> stripe.StripeClient:
    return stripe.StripeClient(
        api_key,
        stripe_version=STRIPE_API_VERSION,
        base_addresses={"api": api_base},
        max_network_retries=retries,
        http_client=_BudgetedRequestsClient(timeout=(connect_timeout, read_timeout)),
    )


def _client() -> stripe.StripeClient:
    if not is_configured():
        raise PaymentsNotConfigured(_("Payments are not configured on this site."))
    return _client_for(
        settings.STRIPE_SECRET_KEY,
        settings.STRIPE_API_BASE.rstrip("/"),
        float(settings.STRIPE_CONNECT_TIMEOUT),
        float(settings.STRIPE_READ_TIMEOUT),
        int(settings.STRIPE_MAX_NETWORK_RETRIES),
    )


@contextmanager
def _translated_errors():
    """Turn the SDK's exceptions into ours, with messages fit for people."""
    try:
        yield
    except stripe.CardError as exc:
        # Stripe's own message is English whatever the payer reads: ours, by code, in their language.
        decline_code = getattr(getattr(exc, "error", None), "decline_code", None) or ""
        code = exc.code or "card_declined"
        raise CardDeclined(
            decline_message(code, decline_code), code=failure_code(code, decline_code)
        ) from exc
    except (stripe.APIConnectionError, stripe.RateLimitError, stripe.APIError) as exc:
        logger.warning("Stripe unavailable: %s", exc)
        raise PaymentProviderUnavailable(
            _("The payment service is not answering right now."), http_status=exc.http_status
        ) from exc
    except stripe.InvalidRequestError as exc:
        error = NotFound if exc.http_status == 404 else PaymentProviderError
        raise error(
            str(exc.user_message or exc), code=exc.code or "", http_status=exc.http_status
        ) from exc
    except stripe.StripeError as exc:
        logger.error("Stripe error: %s", exc)
        raise PaymentProviderError(str(exc), http_status=exc.http_status) from exc


def _plain(obj: Any) -> dict:
    return obj.to_dict(for_json=True)


def _options(idempotency_key: str | None) -> dict:
    return {"idempotency_key": idempotency_key} if idempotency_key else {}


# One-off payments: PaymentIntents ----------------------------------------------------------


def payment_intent_create(
    *,
    amount_cents: int,
    currency: str,
    metadata: dict[str, str],
    idempotency_key: str,
    payment_method_types: tuple[str, ...] = ("card",),
) -> dict:
    """Create a PaymentIntent (card, or iDEAL) for an amount decided on the server."""
    with _translated_errors():
        intent = _client().v1.payment_intents.create(
            params={
                "amount": amount_cents,
                "currency": currency,
                "metadata": metadata,
                "payment_method_types": list(payment_method_types),
            },
            options=_options(idempotency_key),
        )
    return _plain(intent)


def payment_intent_retrieve(*, payment_intent_id: str) -> dict:
    """Stripe's current view of a PaymentIntent, with its latest charge (and what was refunded)
    and the charge's balance transaction (Stripe's fee, for the ledger)."""
    with _translated_errors():
        return _plain(
            _client().v1.payment_intents.retrieve(
                payment_intent_id,
                params={"expand": ["latest_charge", "latest_charge.balance_transaction"]},
            )
        )


def payment_intent_cancel(*, payment_intent_id: str) -> dict:
    """Cancel a PaymentIntent that has not moved money (Stripe refuses once it has)."""
    with _translated_errors():
        return _plain(_client().v1.payment_intents.cancel(payment_intent_id))


def _chargeable(payment_method: str) -> str:
    # localstripe's Stripe.js stand-in only makes card tokens; a PaymentIntent takes the token's
    # card. Real Stripe.js gives a PaymentMethod (pm_...), used as it is.
    if payment_method.startswith("tok_"):
        token = _client().v1.tokens.retrieve(payment_method)
        return token["card"]["id"]
    return payment_method


def payment_intent_confirm(*, payment_intent_id: str, payment_method: str) -> dict:
    """Attach the payer's card to a PaymentIntent and confirm it."""
    with _translated_errors():
        client = _client()
        # Two calls rather than confirm(payment_method=...): localstripe only supports this way.
        client.v1.payment_intents.update(
            payment_intent_id, params={"payment_method": _chargeable(payment_method)}
        )
        return _plain(client.v1.payment_intents.confirm(payment_intent_id))


def payment_intent_confirm_redirect(
    *, payment_intent_id: str, method_type: str, return_url: str, billing_name: str, email: str
) -> dict:
    """Confirm a PaymentIntent with a redirect method (iDEAL): Stripe answers `requires_action`
    with `next_action.redirect_to_url.url`, the bank's page; the payer comes back to return_url.

    localstripe has neither iDEAL PaymentMethods nor return_url; tests check this request's shape.
    """
    with _translated_errors():
        return _plain(
            _client().v1.payment_intents.confirm(
                payment_intent_id,
                params={
                    "payment_method_data": {
                        "type": method_type,
                        "billing_details": {"name": billing_name, "email": email},
                    },
                    "return_url": return_url,
                },
            )
        )


def refund_create(*, payment_intent_id: str, idempotency_key: str) -> dict:
    """Refund what is left of a PaymentIntent's charge."""
    with _translated_errors():
        refund = _client().v1.refunds.create(
            params={"payment_intent": payment_intent_id}, options=_options(idempotency_key)
        )
    return _plain(refund)


# Customers and subscriptions ---------------------------------------------------------------


def customer_create(
    *, email: str, name: str, metadata: dict[str, str], idempotency_key: str
) -> dict:
    """Create the Stripe customer an organisation's subscription and invoices belong to."""
    with _translated_errors():
        customer = _client().v1.customers.create(
            params={"email": email, "name": name, "metadata": metadata},
            options=_options(idempotency_key),
        )
    return _plain(customer)


def customer_set_payment_method(*, customer_id: str, payment_method: str) -> None:
    """Make a card the customer's default for subscription invoices."""
    with _translated_errors():
        client = _client()
        if payment_method.startswith("tok_"):
            # localstripe's stand-in: a card token becomes the customer's default source.
            source = client.v1.customers.payment_sources.create(
                customer_id, params={"source": payment_method}
            )
            client.v1.customers.update(customer_id, params={"default_source": source["id"]})
            return
        client.v1.payment_methods.attach(payment_method, params={"customer": customer_id})
        client.v1.customers.update(
            customer_id, params={"invoice_settings": {"default_payment_method": payment_method}}
        )


def subscription_create(*, customer_id: str, stripe_plan_id: str, metadata: dict[str, str]) -> dict:
    """Start a subscription; its first invoice is charged to the customer's default card."""
    # Real Stripe takes plan ids as prices; localstripe only knows `plan`.
    item_param = getattr(settings, "STRIPE_SUBSCRIPTION_PRICE_PARAM", "price")
    with _translated_errors():
        subscription = _client().v1.subscriptions.create(
            params={
                "customer": customer_id,
                "items": [{item_param: stripe_plan_id}],
                "metadata": metadata,
                "expand": ["latest_invoice.payment_intent"],
            }
        )
    return _plain(subscription)


def subscription_retrieve(*, subscription_id: str) -> dict:
    """Stripe's current view of a subscription, with its latest invoice's PaymentIntent."""
    with _translated_errors():
        subscription = _client().v1.subscriptions.retrieve(
            subscription_id, params={"expand": ["latest_invoice.payment_intent"]}
        )
    return _plain(subscription)


def subscription_set_cancel_at_period_end(*, subscription_id: str, cancel: bool) -> dict:
    """Stop (or resume) renewal; the subscription stays active until the paid period ends."""
    with _translated_errors():
        subscription = _client().v1.subscriptions.update(
            subscription_id, params={"cancel_at_period_end": cancel}
        )
    return _plain(subscription)


def subscription_cancel_now(*, subscription_id: str) -> dict:
    """End a subscription at once (used for first payments that failed)."""
    with _translated_errors():
        return _plain(_client().v1.subscriptions.cancel(subscription_id))


def invoice_list(*, customer_id: str, limit: int = 24) -> list[dict]:
    """The customer's most recent invoices."""
    with _translated_errors():
        invoices = _client().v1.invoices.list(params={"customer": customer_id, "limit": limit})
        return [_plain(invoice) for invoice in invoices.data]


# Products and plans (set up once by `manage.py stripe_setup_plans`) -------------------------


def product_retrieve(*, product_id: str) -> dict | None:
    """A product, or None when Stripe does not have it."""
    try:
        with _translated_errors():
            return _plain(_client().v1.products.retrieve(product_id))
    except NotFound:
        return None


def product_create(*, product_id: str, name: str) -> dict:
    """Create a product with a fixed id."""
    with _translated_errors():
        return _plain(_client().v1.products.create(params={"id": product_id, "name": name}))


def plan_retrieve(*, plan_id: str) -> dict | None:
    """A plan, or None when Stripe does not have it."""
    try:
        with _translated_errors():
            return _plain(_client().v1.plans.retrieve(plan_id))
    except NotFound:
        return None


def plan_create(
    *, plan_id: str, product_id: str, amount_cents: int, currency: str, interval: str, nickname: str
) -> dict:
    """Create a recurring plan with a fixed id."""
    with _translated_errors():
        plan = _client().v1.plans.create(
            params={
                "id": plan_id,
                "product": product_id,
                "amount": amount_cents,
                "currency": currency,
                "interval": interval,
                "nickname": nickname,
            }
        )
    return _plain(plan)


# Events and webhooks -----------------------------------------------------------------------


def event_list(*, event_type: str, created_gte: int) -> Iterator[dict]:
    """Every event of one type created since a Unix time (Stripe keeps them for 30 days)."""
    with _translated_errors():
        events = _client().v1.events.list(
            params={"type": event_type, "created": {"gte": created_gte}, "limit": 100}
        )
        for event in events.auto_paging_iter():
            yield _plain(event)


def _signature_timestamp(signature: str) -> int | None:
    for item in signature.split(","):
        key, _sep, value = item.strip().partition("=")
        if key == "t":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def webhook_event_construct(*, payload: bytes, signature: str) -> dict:
    """The event in a webhook request, after checking its signature and age.

    InvalidWebhook: not signed with our secret, or signed too long ago or too far ahead (the
    SDK checks only the past). MalformedWebhook: signed by us but not an event (bad JSON, no
    id or type): worth recording, since only Stripe (or someone with the secret) can send it.
    """
    secret = getattr(settings, "STRIPE_WEBHOOK_SECRET", "")
    if not secret:
        raise InvalidWebhook("No webhook secret configured.")
    tolerance = int(settings.STRIPE_WEBHOOK_TOLERANCE)
    try:
        text = payload.decode("utf-8")
        stripe.WebhookSignature.verify_header(text, signature, secret, tolerance=tolerance)
    except (ValueError, IndexError, stripe.SignatureVerificationError) as exc:
        # ValueError: not UTF-8; IndexError: a signature header without a timestamp.
        raise InvalidWebhook(str(exc)) from exc
    timestamp = _signature_timestamp(signature)
    if timestamp is None or timestamp > time.time() + tolerance:
        raise InvalidWebhook("Timestamp outside the tolerance zone (in the future).")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise MalformedWebhook(f"Not JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise MalformedWebhook("Not a JSON object.")
    event_data = _plain(stripe.Event.construct_from(data, None))
    if not isinstance(event_data.get("id"), str) or not isinstance(event_data.get("type"), str):
        raise MalformedWebhook("Not an event: no id or type.")
    return event_data


def transfer_create(
    *,
    amount_cents: int,
    currency: str,
    destination_account: str,
    metadata: dict[str, str],
    idempotency_key: str,
) -> dict:
    """Move money to a Connect account (a payout when PAYOUTS_BACKEND is "stripe_connect").

    localstripe has no Connect; the tests check the request this makes at the HTTP edge.
    """
    with _translated_errors():
        transfer = _client().v1.transfers.create(
            params={
                "amount": amount_cents,
                "currency": currency,
                "destination": destination_account,
                "metadata": metadata,
            },
            options=_options(idempotency_key),
        )
    return _plain(transfer)
