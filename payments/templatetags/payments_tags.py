"""Template helpers for payments: money, a need's funding progress, featured offers."""

from __future__ import annotations

from django import template
from django.db.models import QuerySet

from marketplace.models import Need, Offer, Theme

from .. import selectors
from ..pricing import format_money

register = template.Library()


@register.filter
def money(cents: int | None, currency: str = "eur") -> str:
    """Cents as an amount in euros: {{ payment.amount_cents|money }}."""
    return format_money(int(cents or 0), currency)


@register.simple_tag
def need_funding(need: Need) -> selectors.FundingProgress | None:
    """{% need_funding need as funding %}: the need's goal and what was raised, or None."""
    return selectors.need_funding(need=need)


@register.simple_tag
def featured_offers(theme: Theme | None = None, limit: int = 6) -> QuerySet[Offer]:
    """{% featured_offers theme=theme as offers %}: offers in a paid featured period."""
    return selectors.featured_offers(theme=theme or None, limit=int(limit))
