"""Abuse limits: how often one account or one address may do an action, counted in the cache.

`limit(action, account=..., address=...)` counts one attempt in a fixed window per key and raises
`RateLimited` once a key is over the rate that `settings.RATE_LIMITS[action]` gives ("5/h",
"30/10m"; a dict {"account": ..., "address": ...} when the two differ; missing or None: no
limit). The counters live in the default cache, so every worker shares them (Redis in production).

When the cache is down the limits fail open to a small in-process counter: each worker then
counts on its own (a client can do up to rate × workers), the site keeps answering and never
refuses everybody because Redis is away. `RateLimitMiddleware` answers `RateLimited` with 429,
a readable page (templates/429.html) and Retry-After.
"""

from __future__ import annotations

import hashlib
import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
# The in-process fallback forgets its oldest windows beyond this many keys.
LOCAL_MAX_KEYS = 10_000


@dataclass(frozen=True)
class Rate:
    """At most `count` attempts per `period` seconds."""

    count: int
    period: int


class RateLimited(Exception):
    """Too many attempts at an action; `retry_after` seconds until the window ends."""

    def __init__(self, *, action: str, scope: str, retry_after: int) -> None:
        super().__init__(f"rate limit for {action} by {scope}")
        self.action = action
        self.scope = scope
        self.retry_after = retry_after


def parse_rate(text: str) -> Rate:
    """'5/h' → 5 per 3600 s; '30/10m' → 30 per 600 s."""
    count, _, per = text.partition("/")
    per = per.strip()
    if not per or per[-1] not in UNITS:
        raise ValueError(f"rate {text!r}: expected like '5/h' or '30/10m'")
    return Rate(count=int(count), period=int(per[:-1] or 1) * UNITS[per[-1]])


def rate_for(action: str, scope: str) -> Rate | None:
    """The configured rate of an action for "account" or "address"; None when unlimited."""
    value = getattr(settings, "RATE_LIMITS", {}).get(action)
    if isinstance(value, dict):
        value = value.get(scope)
    return parse_rate(value) if value else None


def _now() -> float:
    return time.time()


class _LocalCounter:
    """Per-process counts for when the shared cache cannot be reached."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}

    def incr(self, key: str) -> int:
        with self._lock:
            if len(self._counts) >= LOCAL_MAX_KEYS:
                # Keys carry their window, so the oldest entries are the first inserted.
                for old in list(self._counts)[: LOCAL_MAX_KEYS // 2]:
                    del self._counts[old]
            self._counts[key] = self._counts.get(key, 0) + 1
            return self._counts[key]

    def clear(self) -> None:
        with self._lock:
            self._counts.clear()


local_counter = _LocalCounter()


def _cache_incr(key: str, timeout: int) -> int | None:
    """The count after this attempt in the shared cache; None when the cache is unavailable."""
    try:
        cache.add(key, 0, timeout)
        try:
            count = cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout)
            count = 1
    except Exception:  # noqa: BLE001 - a cache that raises must not turn into a 500
        logger.warning("ratelimit: cache unavailable, counting in this process", exc_info=True)
        return None
    # config.cache.FailSoftRedisCache absorbs outages (incr then answers 1); it says so here.
    if not getattr(cache, "available", True):
        return None
    return int(count)


def _hit(action: str, scope: str, ident: str, rate: Rate) -> int | None:
    """Count one attempt; the seconds to wait when over the rate, else None."""
    now = _now()
    window = int(now // rate.period)
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
    key = f"ratelimit:{action}:{scope}:{digest}:{rate.period}:{window}"
    count = _cache_incr(key, rate.period + 1)
    if count is None:
        count = local_counter.incr(key)
    if count <= rate.count:
        return None
    return max(1, math.ceil((window + 1) * rate.period - now))


def limit(action: str, *, account: object = None, address: str | None = None) -> None:
    """Count one attempt at `action` by this account and this address; RateLimited when over."""
    waits: list[tuple[int, str]] = []
    for scope, ident in (("account", account), ("address", address)):
        if ident is None or ident == "":
            continue
        rate = rate_for(action, scope)
        if rate is None:
            continue
        wait = _hit(action, scope, str(ident), rate)
        if wait is not None:
            waits.append((wait, scope))
    if waits:
        retry_after, scope = max(waits)
        logger.info("ratelimit: %s refused (%s), retry after %d s", action, scope, retry_after)
        raise RateLimited(action=action, scope=scope, retry_after=retry_after)


def rate_limited_message(error: RateLimited) -> str:
    """What the person reads: they did this too often, and how long to wait."""
    minutes = max(1, math.ceil(error.retry_after / 60))
    return ngettext(
        "You have done this too often in a short time. Please try again in %(minutes)d minute.",
        "You have done this too often in a short time. Please try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


def rate_limited_response(request: HttpRequest, error: RateLimited) -> HttpResponse:
    """429 with a page that says how long to wait, and Retry-After."""
    response = render(
        request, "429.html", {"message": rate_limited_message(error)}, status=429
    )
    response["Retry-After"] = str(error.retry_after)
    return response


class RateLimitMiddleware:
    """Turn `RateLimited` raised by a view (or the service it calls) into the 429 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RateLimited):
            return rate_limited_response(request, exception)
        return None
