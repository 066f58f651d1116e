"""Pure text helpers of meaning: the text a listing is embedded as, sentences with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass


def listing_text(title: str, description: str) -> str:
    """The text that is embedded and shown: the title on its own line, then the description."""
    return f"{title}\n{description}" if description else title


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


