"""A Redis cache that fails soft: when Redis is down the site answers uncached instead of failing.

Every operation of Django's cache API (the page cache, template fragments, Wagtail's site-root
lookup, axes and our own `cache.get` calls all go through it) turns any Redis error into a miss
or a no-op. A failure marks the server down for `RETRY_AFTER_SECONDS` in the whole process:
Django makes one cache object per thread, so the mark is kept per server address, not per object.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# After a failure Redis is left alone this long, so a dead server costs one timeout, not one per call.
RETRY_AFTER_SECONDS = 30.0
# Connect and read timeouts (seconds) unless the cache's OPTIONS say otherwise.
SOCKET_TIMEOUT = 0.25


# Server address -> (monotonic time until which it counts as down, the error), for all threads.
_outages: dict[str, tuple[float, str]] = {}
_outages_lock = threading.Lock()


def reset_outages() -> None:
    """Forget every recorded outage (tests)."""
    with _outages_lock:
        _outages.clear()


class FailSoftRedisCache(RedisCache):
    """Django's RedisCache; any Redis error reads as a miss and a write as a no-op."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        params = {**params, "OPTIONS": {**params.get("OPTIONS", {})}}
        params["OPTIONS"].setdefault("socket_connect_timeout", SOCKET_TIMEOUT)
        params["OPTIONS"].setdefault("socket_timeout", SOCKET_TIMEOUT)
        super().__init__(server, params)
        self._outage_key = str(server)

    def outage(self) -> tuple[float, str] | None:
        """(seconds until the next try, the error) while Redis counts as down; else None."""
        until, error = _outages.get(self._outage_key, (0.0, ""))
        left = until - time.monotonic()
        return (left, error) if left > 0 else None

    def _failed(self, error: BaseException) -> None:
        with _outages_lock:
            _outages[self._outage_key] = (time.monotonic() + RETRY_AFTER_SECONDS, str(error))
        logger.warning(
            "cache: Redis unavailable (%s); serving uncached for %d s", error, RETRY_AFTER_SECONDS
        )

    @property
    def available(self) -> bool:
        """False while Redis is left alone after a failure (core/ratelimit.py then counts locally)."""
        return self.outage() is None

    def _call(self, operation: str, default: Any, *args: Any, **kwargs: Any) -> Any:
        import redis

        if self.outage():
            return default
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except (redis.exceptions.RedisError, OSError) as error:
            # Connection refused, timeouts, but also a full (OOM) or read-only server.
            self._failed(error)
            return default

    def health(self) -> dict[str, Any]:
        """For /health: `ok` when Redis answers a PING, else `down` (and marked down)."""
        import redis

        outage = self.outage()
        if outage:
            return {"status": "down", "detail": f"{outage[1]} (next try in {outage[0]:.0f} s)",
                    "fallback": "uncached pages"}
        try:
            self._cache.get_client().ping()
        except (redis.exceptions.RedisError, OSError) as error:
            self._failed(error)
            return {"status": "down", "detail": str(error), "fallback": "uncached pages"}
        return {"status": "ok", "backend": "redis"}

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        # A missing key still raises ValueError, as Django documents; only an outage is absorbed.
        return self._call("incr", delta, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", False)
