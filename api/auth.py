"""Who calls the API: a bearer key of an organisation, or anybody (public reads); both counted.

Rate limits reuse core.ratelimit (settings RATE_LIMITS["api"]): per key for keyed calls, per
client address for public ones. A refusal raises RateLimited inside ninja's authentication step,
so the API answers it as a 429 problem.
"""

from __future__ import annotations

from typing import Any

from ninja.security import HttpBearer

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from core import ratelimit
from marketplace.throttle import client_ip_address

from . import selectors, services
from .models import ApiKey


class ApiKeyAuth(HttpBearer):
    """`Authorization: Bearer b2c_…`: an organisation's API key."""

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        key = selectors.api_key_for_token(token=token)
        if key is None:
            return None
        ratelimit.limit("api", account=f"key:{key.pk}")
        selectors.api_key_note_use(key=key)
        return key


class PublicAccess:
    """No key needed; the caller's address is counted against the public rate."""

    def __call__(self, request: HttpRequest) -> Any:
        ratelimit.limit("api", address=client_ip_address(request) or "unknown")
        return True


def require_write(request: HttpRequest) -> ApiKey:
    """The request's key, when it may write; else 403."""
    key: ApiKey = request.auth  # type: ignore[attr-defined]
    if not key.can_write:
        raise PermissionDenied("This key may only read; create a read-write key to change data.")
    services.api_key_mark_used(key=key)
    return key
