"""The shape of an API key: `b2c_<prefix>_<secret>`; only the prefix and sha256(secret) are kept.

The secret has 256 bits of randomness, so one sha256 is enough (no slow password hash: there is
nothing to guess); the comparison is constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

KEY_PREFIX = "b2c"


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_key() -> tuple[str, str, str]:
    """(prefix, secret, the full key shown once)."""
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    return prefix, secret, f"{KEY_PREFIX}_{prefix}_{secret}"


def split_key(token: str) -> tuple[str, str] | None:
    """(prefix, secret) of a presented key, or None when it does not have the shape."""
    parts = (token or "").strip().split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1] or not parts[2]:
        return None
    return parts[1], parts[2]


def secret_matches(secret: str, stored_hash: str) -> bool:
    return hmac.compare_digest(secret_hash(secret), stored_hash)
