"""Pure text helpers for matching: tokens and euro amounts (folding in core, sentences in semantic)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.text import fold
from semantic.texts import Span, split_sentences

__all__ = ["Price", "Span", "parse_prices", "split_sentences", "tokenize"]

_TOKEN = re.compile(r"\w+")


def tokenize(text: str) -> list[str]:
    """Word tokens of two or more characters, folded."""
    return [token for token in _TOKEN.findall(fold(text)) if len(token) > 1]


@dataclass(frozen=True, slots=True)
class Price:
    """A euro amount and how often it is paid: "once", "month" or "year"."""

    amount: float
    period: str


_AMOUNT = re.compile(
    r"€\s?(\d{1,3}(?:[.,]\d{3})+|\d+)(?:[.,](\d{1,2}))?(?!\d)(\s?(?:miljoen|million|mln))?",
    re.IGNORECASE,
)
_PER_MONTH = re.compile(r"\s*(?:per\s+(?:maand|month)|/\s?(?:maand|month|mnd)\b|p/m\b|a month)")
_PER_YEAR = re.compile(r"\s*(?:per\s+(?:jaar|year)|/\s?(?:jaar|year|jr)\b|a year)")
_MONTHLY_BEFORE = re.compile(r"(?:monthly|maandelijks)\s*$")
_YEARLY_BEFORE = re.compile(r"(?:annual|annually|yearly|jaarlijks)\s*$")
_PER_UNIT = re.compile(r"\s*(?:per\s|/)")


def parse_prices(text: str) -> list[Price]:
    """Euro amounts in a free-text price or budget note; unit prices (per m², per hour) are skipped.

    Conservative on purpose: "€0,95 per Wp" or "€8,75 per maaltijd" cannot be compared with a
    budget, so they are left out rather than guessed.
    """
    prices = []
    for match in _AMOUNT.finditer(text):
        whole, cents, million = match.groups()
        amount = float(re.sub(r"[.,]", "", whole)) + (float(f"0.{cents}") if cents else 0.0)
        if million:
            amount *= 1_000_000
        after = text[match.end() : match.end() + 30].lower()
        before = text[max(0, match.start() - 14) : match.start()].lower()
        if _PER_MONTH.match(after) or _MONTHLY_BEFORE.search(before):
            period = "month"
        elif _PER_YEAR.match(after) or _YEARLY_BEFORE.search(before):
            period = "year"
        elif _PER_UNIT.match(after):
            continue
        else:
            period = "once"
        prices.append(Price(amount, period))
    return prices
