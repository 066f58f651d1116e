"""Query words and highlights: pure functions shared by every backend."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.text import fold

from .backends.base import MARK_END, MARK_START
from .stemming import term_alternatives

_WORD = re.compile(r"\w+", re.UNICODE)

# Words too common to narrow a search (Dutch and English); dropped unless nothing else is left.
_STOP_WORDS_TEXT = """
    a an and are as at be by for from has have in is it its of on or our that the this to was we
    were what which who will with you your
    aan al bij dan dat de die dit een en er het hij hoe in is je met na naar niet of om ons onze op
    te tot uit van voor wat we wij ze zijn
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# Plural and verb endings trimmed before prefix matching, so "panelen" also finds "panel".
_SUFFIXES = ("ingen", "ing", "en", "es", "s")
MAX_TERMS = 12


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def stem(word: str) -> str:
    """A crude, language-neutral stem for prefix matching: long words lose a plural ending."""
    if len(word) >= 6:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                return word[: -len(suffix)]
    return word


def query_terms(text: str) -> list[str]:
    """The stems a query searches for: folded, de-duplicated, stop words dropped, at most 12."""
    all_words = [w for w in words(text) if len(w) > 1 or w.isdigit()]
    kept = [w for w in all_words if w not in STOP_WORDS] or all_words
    terms: list[str] = []
    for word in kept:
        term = stem(word)
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def query_term_groups(text: str) -> list[tuple[str, ...]]:
    """For each of `query_terms(text)`, the term and the Dutch and English stems of the words it
    came from (search.stemming): a word is found when any of them matches."""
    all_words = [w for w in words(text) if len(w) > 1 or w.isdigit()]
    kept = [w for w in all_words if w not in STOP_WORDS] or all_words
    groups: dict[str, list[str]] = {}
    for word in kept:
        term = stem(word)
        if term not in groups:
            if len(groups) == MAX_TERMS:
                continue
            groups[term] = [term]
        for alternative in (*term_alternatives(word), *term_alternatives(term)):
            if alternative not in groups[term]:
                groups[term].append(alternative)
    return [tuple(group) for group in groups.values()]


def term_matches(word: str, terms: Sequence[str]) -> bool:
    """Whether a folded word is found by one of the terms (terms of four letters or more are prefixes)."""
    return any(word == term or (len(term) >= 4 and word.startswith(term)) for term in terms)


def _fold_char(char: str) -> str:
    decomposed = unicodedata.normalize("NFKD", char)
    return decomposed[0] if decomposed else char


# Accented Latin letters to their base letter, one character for one, so positions stay put.
_ALIGNED_FOLD = {
    code: _fold_char(chr(code)) for code in range(0xC0, 0x250) if _fold_char(chr(code)) != chr(code)
}


def fold_aligned(text: str) -> str:
    """Lower case without accents, with every character where it was (for highlighting)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer: go one by one
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_ALIGNED_FOLD)


@functools.lru_cache(maxsize=256)
def term_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """Words found by the terms: a whole word for short terms, any word they begin for longer ones."""
    prefixes = [re.escape(t) for t in terms if len(t) >= 4]
    wholes = [re.escape(t) for t in terms if 0 < len(t) < 4]
    parts = []
    if prefixes:
        parts.append(rf"(?<!\w)(?:{'|'.join(prefixes)})\w*")
    if wholes:
        parts.append(rf"(?<!\w)(?:{'|'.join(wholes)})(?!\w)")
    return re.compile("|".join(parts)) if parts else None


def _matches(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    pattern = term_pattern(tuple(terms))
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(fold_aligned(text))]


def mark_terms(text: str, terms: Sequence[str]) -> str:
    """The text with every matching word wrapped in the highlight markers."""
    out: list[str] = []
    last = 0
    for start, end in _matches(text, terms):
        out.append(text[last:start])
        out.append(MARK_START + text[start:end] + MARK_END)
        last = end
    out.append(text[last:])
    return "".join(out)


def snippet(text: str, terms: Sequence[str], *, length: int = 220) -> str:
    """A window of the text around its densest stretch of matches, with the matches marked."""
    text = " ".join(text.split())
    if len(text) <= length:
        return mark_terms(text, terms)
    positions = [start for start, _ in _matches(text, terms)]
    start = 0
    if positions:
        best, best_count, right = positions[0], 0, 0
        for left, position in enumerate(positions):
            while right < len(positions) and positions[right] < position + length:
                right += 1
            if right - left > best_count:
                best, best_count = position, right - left
        start = max(0, best - length // 4)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < best else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return prefix + mark_terms(text[start:end], terms) + suffix


def render_marked(text: str) -> SafeString:
    """HTML for marked text: everything escaped, then the markers turned into <mark>."""
    text = text.replace(MARK_END + MARK_START, "")
    if not _balanced(text):
        text = text.replace(MARK_START, "").replace(MARK_END, "")
    escaped = escape(text)
    return mark_safe(  # noqa: S308 - the only unescaped parts are our own <mark> tags
        escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        if char == MARK_START:
            depth += 1
            if depth > 1:
                return False
        elif char == MARK_END:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0
