"""Outgoing webhooks: a notice of a registered kind becomes a signed POST to the organisation's
endpoints, recorded as a `WebhookDelivery` and sent by a task after commit, with retries.

`notices_recorded` is named in `settings.NOTIFICATION_LISTENERS`, so the notifications app (and
the marketplace that notifies) never import this module. Events: a new lead for an offer (sent
when the offer's organisation gets lead alerts, i.e. on the Partner plan), new interest in a
match, a new message in a match.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import socket
import urllib.error
import urllib.request
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from marketplace.models import Match

from . import signing
from .models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from .services import LOOPBACK_HOSTS

logger = logging.getLogger(__name__)

# The marketplace's kinds of notice (marketplace/notifications.py) that are webhook events.
KIND_EVENTS = {
    "lead": WebhookEvent.LEAD,
    "interest": WebhookEvent.INTEREST,
    "message": WebhookEvent.MESSAGE,
}
# Seconds before attempt 2, 3, ...; after the last one the delivery is marked failed.
RETRY_DELAYS = (30, 120, 600, 3600, 6 * 3600)
USER_AGENT = "Business2Community-Webhooks/1"


def _payload(delivery: WebhookDelivery, match: Match) -> dict[str, Any]:
    return {
        "id": str(delivery.public_id),
        "type": delivery.event,
        "created": delivery.created_at.isoformat(),
        "organisation": delivery.endpoint.organisation_id,
        "data": {
            "match": {
                "id": match.pk,
                "status": match.status,
                "need": {"id": match.need_id, "title": match.need.title},
                "offer": {"id": match.offer_id, "title": match.offer.title},
            }
        },
    }


def notices_recorded(*, kind: str, target: Any, data: dict[str, Any]) -> list[WebhookDelivery]:
    """Record one delivery per endpoint that wants this event; they are sent after commit."""
    event = KIND_EVENTS.get(kind)
    organisation_id = data.get("organisation_id")
    if event is None or organisation_id is None or not isinstance(target, Match):
        return []
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(organisation_id=organisation_id)
        if event in endpoint.events
    ]
    if not endpoints:
        return []
    deliveries = []
    for endpoint in endpoints:
        delivery = WebhookDelivery(endpoint=endpoint, event=event)
        delivery.payload = _payload(delivery, target)
        deliveries.append(delivery)
    deliveries = WebhookDelivery.objects.bulk_create(deliveries)
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: _enqueue(ids), robust=True)
    return deliveries


def _enqueue(ids: list[int]) -> None:
    from .tasks import deliver_webhook

    for delivery_id in ids:
        try:
            deliver_webhook.enqueue(delivery_id)
        except Exception:  # noqa: BLE001 - a queue outage must not break the committed change
            logger.exception("webhook delivery %s could not be queued", delivery_id)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect is an answer like any non-2xx: the attempt failed


# No proxies from the environment, no redirects: the request goes where the endpoint says.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects)


class WebhookRefused(Exception):
    """The endpoint's address may not be reached from here (private network, not https)."""


def _check_address(url: str) -> None:
    """Refuse addresses inside private networks (the address is resolved again at each attempt)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme == "http":
        if host in LOOPBACK_HOSTS and settings.API.get("WEBHOOK_ALLOW_LOOPBACK_HTTP", False):
            return
        raise WebhookRefused("plain http is not allowed")
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, proto=socket.IPPROTO_TCP)
    except OSError as exc:
        raise WebhookRefused(f"cannot resolve {host}") from exc
    for info in infos:
        if not ipaddress.ip_address(info[4][0]).is_global:
            raise WebhookRefused(f"{host} resolves to a private address")


def _post(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> int:
    """POST the signed payload; the HTTP status (raises on network errors)."""
    _check_address(endpoint.url)
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "B2C-Event": delivery.event,
            "B2C-Delivery": str(delivery.public_id),
            signing.HEADER: signing.header_value(secrets=endpoint.signing_secrets(), body=body),
        },
    )
    try:
        with _opener.open(request, timeout=settings.API.get("WEBHOOK_TIMEOUT", 5)) as response:
            response.read(1024)
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def webhook_attempt(*, delivery_id: int, attempt: int, can_retry: bool) -> str:
    """One attempt at a delivery: record how it went; schedule the next one when it failed."""
    delivery = (
        WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    )
    if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
        return "nothing to do"
    now = timezone.now()
    status_code, error = None, ""
    try:
        status_code = _post(delivery.endpoint, delivery)
    except WebhookRefused as exc:
        error = str(exc)
        can_retry = False
    except (OSError, ValueError) as exc:  # connection refused, timeout, bad URL
        error = f"{type(exc).__name__}: {exc}"
    delivery.attempts = attempt
    delivery.last_attempt_at = now
    delivery.last_status_code = status_code
    if status_code is not None and 200 <= status_code < 300:
        delivery.status = WebhookDelivery.Status.SUCCEEDED
        delivery.delivered_at, delivery.next_attempt_at, delivery.last_error = now, None, ""
        outcome = "delivered"
    else:
        delivery.last_error = (error or f"HTTP {status_code}")[:300]
        if can_retry and attempt <= len(RETRY_DELAYS):
            delivery.next_attempt_at = now + timedelta(seconds=RETRY_DELAYS[attempt - 1])
            outcome = f"retry {attempt + 1} at {delivery.next_attempt_at.isoformat()}"
        else:
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.next_attempt_at = None
            outcome = "failed"
    delivery.save()
    logger.info("webhook %s attempt %d: %s", delivery.public_id, attempt, outcome)
    return outcome
