"""How approved payouts leave the platform, chosen by settings.PAYOUTS_BACKEND.

- "sepa" (default): approved payouts are collected in a pain.001 file (payments/sepa.py) that
  the fiscal host uploads to its bank; an administrator marks them paid once the bank confirms.
- "stripe_connect": each approved payout is a Stripe Transfer to the initiative's connected
  account (`Organisation` needs one; see docs/payments.md); it is paid when Stripe accepts it.
"""

from __future__ import annotations

from django.conf import settings

SEPA = "sepa"
STRIPE_CONNECT = "stripe_connect"
BACKENDS = (SEPA, STRIPE_CONNECT)


def payouts_backend() -> str:
    """The configured payout backend; an unknown name fails loudly."""
    name = getattr(settings, "PAYOUTS_BACKEND", SEPA)
    if name not in BACKENDS:
        raise ValueError(f"PAYOUTS_BACKEND must be one of {BACKENDS}, not {name!r}")
    return name
