"""Dutch and English stems (Snowball), the same at index and at query time.

The embedded engine's full-text table gets each entry's stems beside its words (in the entry's
language; both languages when it has none), and a query word also looks for its Dutch and its
English stem, so "zonnepaneel" finds "zonnepanelen" and "panels" finds "panel". Dutch stems
also lose any doubled vowel Snowball keeps: a long vowel is spelled twice in a closed syllable
and once in an open one (paneel, panelen), so both become "panel". The Elasticsearch mapping
(search.documents) uses the same Snowball stemmers and the same vowel rule.
"""

from __future__ import annotations

import functools
import re

import snowballstemmer

from core.text import fold

LANGUAGES = ("nl", "en")
# The Snowball algorithms Lucene's snowball filter runs for "Dutch" and "English", so that the
# Elasticsearch analyzers (search.documents) stem alike.
_ALGORITHMS = {"nl": "dutch_porter", "en": "english"}
_WORD = re.compile(r"\w+", re.UNICODE)
_DOUBLE_VOWEL = re.compile(r"([aeou])\1")


@functools.cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(_ALGORITHMS[language])


@functools.lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    """The stem of one folded word in `language` ("nl" or "en")."""
    stemmed = _stemmer(language).stemWord(word)
    if language == "nl":
        stemmed = _DOUBLE_VOWEL.sub(r"\1", stemmed)
    return stemmed


def stems(word: str, languages: tuple[str, ...] = LANGUAGES) -> list[str]:
    """The word's stems in these languages that differ from it, without repeats."""
    found: list[str] = []
    for language in languages:
        stemmed = stem(word, language)
        if stemmed != word and stemmed not in found:
            found.append(stemmed)
    return found


def index_stems(text: str, language: str = "") -> str:
    """The stems to index beside a text's words: in its language, in both when unknown."""
    languages = (language,) if language in LANGUAGES else LANGUAGES
    seen: dict[str, None] = {}
    for word in _WORD.findall(fold(text)):
        if len(word) > 3 and not word.isdigit():
            for stemmed in stems(word, languages):
                seen.setdefault(stemmed)
    return " ".join(seen)


def with_stems(text: str, language: str = "") -> str:
    """The folded text followed by its stems (what the full-text table holds)."""
    folded = fold(text)
    extra = index_stems(folded, language)
    return f"{folded} {extra}" if extra else folded


def term_alternatives(term: str) -> tuple[str, ...]:
    """A query term and its Dutch and English stems: any of them may match."""
    if len(term) <= 3 or term.isdigit():
        return (term,)
    return (term, *stems(term))
