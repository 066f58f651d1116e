"""Signed webhooks, like Stripe's scheme: `B2C-Signature: t=<unix time>,v1=<hex HMAC-SHA256>`.

The HMAC is over `"<t>.<raw body>"` with the endpoint's secret. A receiver recomputes it,
compares in constant time and refuses a timestamp older than its tolerance (replays).
"""

from __future__ import annotations

import hashlib
import hmac
import time

HEADER = "B2C-Signature"
TOLERANCE = 300  # seconds


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def header_value(*, secret: str, body: bytes, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    return f"t={timestamp},v1={signature(secret=secret, timestamp=timestamp, body=body)}"


def verify(
    *, secret: str, body: bytes, header: str, tolerance: int = TOLERANCE, now: float | None = None
) -> bool:
    """Whether `header` signs `body` with `secret` within the tolerance (what a receiver does)."""
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(fields.get("t", ""))
    except ValueError:
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret=secret, timestamp=timestamp, body=body)
    return hmac.compare_digest(expected, fields.get("v1", ""))
