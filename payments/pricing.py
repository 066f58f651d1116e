"""What can be bought and for how much: decided here, on the server, never by the browser."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

CURRENCY = "eur"

# The free plan's limit of live offers is the organisation's entitlement, kept by the marketplace
# (Organisation.offer_limit, setting PAYMENTS_FREE_OFFER_LIMIT); payments sets the plan.

# A contribution is a gift to an initiative; the contributor chooses the amount within these bounds.
CONTRIBUTION_MIN_CENTS = 500
CONTRIBUTION_MAX_CENTS = 500_000

# A funding goal an initiative sets on a need.
FUNDING_GOAL_MIN_CENTS = 10_000
FUNDING_GOAL_MAX_CENTS = 10_000_000


@dataclass(frozen=True)
class PartnerPrice:
    """One way to pay for the Partner plan: a Stripe plan with a fixed id, amount and interval."""

    key: str
    label: str
    interval: str
    amount_cents: int
    stripe_plan_id: str


PARTNER_PRODUCT_ID = "b2c-partner"
PARTNER_PRODUCT_NAME = "Business2Community Partner"
PARTNER_PRICES: dict[str, PartnerPrice] = {
    "monthly": PartnerPrice("monthly", _("Monthly"), "month", 4_900, "b2c-partner-monthly"),
    "yearly": PartnerPrice("yearly", _("Yearly"), "year", 49_000, "b2c-partner-yearly"),
}

# Featuring an offer on the home and theme pages: days -> price in cents.
FEATURE_PRICES: dict[int, int] = {7: 1_900, 14: 2_900, 30: 4_900}


def partner_price_for_plan(stripe_plan_id: str | None) -> PartnerPrice | None:
    """The Partner price a Stripe plan id stands for, if any."""
    for price in PARTNER_PRICES.values():
        if price.stripe_plan_id == stripe_plan_id:
            return price
    return None


def format_money(cents: int, currency: str = CURRENCY) -> str:
    """An amount in cents as people read it in the active language: € 1.234,50 or € 1,234.50."""
    from decimal import Decimal

    from django.utils.formats import number_format

    symbol = "€" if currency.lower() == "eur" else currency.upper()
    amount = number_format(Decimal(cents) / 100, decimal_pos=2, use_l10n=True, force_grouping=True)
    return f"{symbol}\u00a0{amount}"
