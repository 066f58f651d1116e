"""Signed webhooks, like Stripe's scheme: `B2C-Signature: t=<unix time>,v1=<hex HMAC-SHA256>`.

The HMAC is over `"<t>.<raw body>"` with the endpoint's secret. A receiver recomputes it,
compares in constant time and refuses a timestamp older than its tolerance (replays).
While a rolled secret is in its grace period the header carries one `v1=` per secret
(`t=...,v1=<new>,v1=<old>`); a receiver accepts the body when any of them matches its secret.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Sequence

HEADER = "B2C-Signature"
TOLERANCE = 300  # seconds


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def header_value(
    *,
    secret: str = "",
    body: bytes,
    timestamp: int | None = None,
    secrets: Sequence[str] = (),
) -> str:
    """The header for `body`, signed with `secret` or with each of `secrets` (newest first)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    keys = list(secrets) or [secret]
    signatures = ",".join(
        f"v1={signature(secret=key, timestamp=timestamp, body=body)}" for key in keys if key
    )
    return f"t={timestamp},{signatures}"


def verify(
    *, secret: str, body: bytes, header: str, tolerance: int = TOLERANCE, now: float | None = None
) -> bool:
    """Whether `header` signs `body` with `secret` within the tolerance (what a receiver does)."""
    pairs = [part.split("=", 1) for part in header.split(",") if "=" in part]
    timestamps = [value for key, value in pairs if key.strip() == "t"]
    try:
        timestamp = int(timestamps[0])
    except (IndexError, ValueError):
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret=secret, timestamp=timestamp, body=body)
    # Compare with every v1 (all of them, so the time taken does not tell which one matched).
    matches = [hmac.compare_digest(expected, value) for key, value in pairs if key.strip() == "v1"]
    return any(matches)
