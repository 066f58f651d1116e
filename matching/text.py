"""Pure text helpers for matching: folding, tokens, sentences with offsets, euro amounts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+")


def fold_text(text: str) -> str:
    """Lower-case and strip accents, so coöperatie and cooperatie meet."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def tokenize(text: str) -> list[str]:
    """Word tokens of two or more characters, folded."""
    return [token for token in _TOKEN.findall(fold_text(text)) if len(token) > 1]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a text: `text == source[start:end]`."""

    start: int
    end: int
    text: str


# Words that end in a full stop without ending the sentence (Dutch and English).
_ABBREVIATIONS = frozenset(
    [
        "e.g",
        "i.e",
        "etc",
        "incl",
        "excl",
        "ca",
        "bijv",
        "o.a",
        "m.b.t",
        "t.a.v",
        "z.g.a.n",
        "nr",
        "no",
        "vs",
        "resp",
        "d.w.z",
        "mr",
        "mrs",
        "dr",
        "st",
        "ir",
        "ing",
    ]
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)]*\s+|\n\s*")


def split_sentences(text: str) -> list[Span]:
    """Sentences of `text` with their character offsets (titles on their own line count as one)."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        punctuation = match.group().rstrip()
        if punctuation.startswith("."):
            before = text[start : match.start()].split()
            last_word = before[-1].lower().rstrip(".") if before else ""
            follower = text[match.end() : match.end() + 1]
            if last_word in _ABBREVIATIONS or (follower and follower.islower()):
                continue
        _append_span(spans, text, start, match.start() + len(punctuation))
        start = match.end()
    _append_span(spans, text, start, len(text))
    return spans


def _append_span(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and any(char.isalnum() for char in text[start:end]):
        spans.append(Span(start, end, text[start:end]))


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
