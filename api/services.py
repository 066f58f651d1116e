"""Writes of the API app: keys (created, revoked) and webhook endpoints of an organisation.

Only an organisation's owners manage its keys and webhooks; a key is shown once, when it is made.
"""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Iterable
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace import selectors as marketplace_selectors
from marketplace.models import Organisation

from . import keys
from .models import ApiKey, WebhookEndpoint, WebhookEvent

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


def _require_owner(actor: AbstractBaseUser, organisation: Organisation) -> None:
    if not marketplace_selectors.user_is_owner(actor, organisation):
        raise PermissionDenied(_("Only an owner of the organisation may manage API keys and webhooks."))


@transaction.atomic
def api_key_create(
    *, organisation: Organisation, actor: AbstractBaseUser, name: str, scope: str
) -> tuple[ApiKey, str]:
    """A new key acting as `actor` for `organisation`; the full key is returned once, never kept."""
    _require_owner(actor, organisation)
    prefix, secret, full_key = keys.new_key()
    key = ApiKey(
        organisation=organisation, name=name.strip(), scope=scope, prefix=prefix,
        secret_hash=keys.secret_hash(secret), created_by=actor,
    )
    key.full_clean()
    key.save()
    return key, full_key


@transaction.atomic
def api_key_revoke(*, key: ApiKey, actor: AbstractBaseUser) -> ApiKey:
    """Switch a key off for good (revoking twice keeps the first time)."""
    _require_owner(actor, key.organisation)
    key = ApiKey.objects.select_for_update().get(pk=key.pk)
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    return key


def api_key_mark_used(*, key: ApiKey) -> None:
    """Record the key's last use; called by requests that write anyway (reads use the cache)."""
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())


def webhook_url_check(url: str) -> None:
    """An endpoint is https; plain http only to this machine, and only where settings allow it."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme == "https" and host:
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return
        if address.is_global:
            return
        raise ValidationError({"url": _("Use a public address for the webhook.")})
    loopback_ok = settings.API.get("WEBHOOK_ALLOW_LOOPBACK_HTTP", False)
    if parts.scheme == "http" and host in LOOPBACK_HOSTS and loopback_ok:
        return
    raise ValidationError({"url": _("The webhook address must start with https://.")})


@transaction.atomic
def webhook_endpoint_create(
    *, organisation: Organisation, actor: AbstractBaseUser, url: str, events: Iterable[str]
) -> WebhookEndpoint:
    """An endpoint for the chosen events, with a new signing secret (shown once)."""
    _require_owner(actor, organisation)
    events = sorted(set(events))
    if not events or not set(events) <= set(WebhookEvent.values):
        raise ValidationError({"events": _("Choose at least one event.")})
    url = url.strip()
    endpoint = WebhookEndpoint(
        organisation=organisation, url=url, events=events,
        secret=_new_webhook_secret(), created_by=actor,
    )
    endpoint.full_clean()
    webhook_url_check(url)
    endpoint.save()
    return endpoint


WEBHOOK_SECRET_GRACE = timedelta(hours=24)


def _new_webhook_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


@transaction.atomic
def webhook_secret_roll(
    *, endpoint: WebhookEndpoint, actor: AbstractBaseUser, grace: timedelta = WEBHOOK_SECRET_GRACE
) -> WebhookEndpoint:
    """A new signing secret (shown once); the old one keeps signing beside it for `grace`.

    A leaked secret is rolled with `grace=timedelta(0)`: the old one stops at once.
    """
    _require_owner(actor, endpoint.organisation)
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    now = timezone.now()
    if grace > timedelta(0):
        endpoint.previous_secret = endpoint.secret
        endpoint.previous_secret_expires_at = now + grace
    else:
        endpoint.previous_secret = ""
        endpoint.previous_secret_expires_at = None
    endpoint.secret = _new_webhook_secret()
    endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at"])
    return endpoint


@transaction.atomic
def webhook_endpoint_delete(*, endpoint: WebhookEndpoint, actor: AbstractBaseUser) -> None:
    """Stop sending to an endpoint; its delivery log goes with it."""
    _require_owner(actor, endpoint.organisation)
    endpoint.delete()
