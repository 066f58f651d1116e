"""Sentence splitting with offsets and euro amounts read from free text."""

import pytest

from core.text import fold
from matching.text import Price, parse_prices, split_sentences, tokenize


def test_sentences_keep_their_offsets_and_skip_abbreviations():
    text = "Title line\nFirst sentence, e.g. with an abbreviation. Second one!  Third?"

    spans = split_sentences(text)

    assert [span.text for span in spans] == [
        "Title line",
        "First sentence, e.g. with an abbreviation.",
        "Second one!",
        "Third?",
    ]
    assert all(text[span.start : span.end] == span.text for span in spans)


def test_dutch_abbreviations_and_empty_text():
    spans = split_sentences("Wij leveren o.a. panelen, bijv. op scholen. Klaar.")

    assert [span.text for span in spans] == [
        "Wij leveren o.a. panelen, bijv. op scholen.",
        "Klaar.",
    ]
    assert split_sentences("   ") == []


def test_folding_meets_accented_and_plain_spellings():
    assert fold("Coöperatie Café") == "cooperatie cafe"
    assert tokenize("De coöperatie, a co-op!") == ["de", "cooperatie", "co", "op"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Maximaal €2.500 per maand", [Price(2500, "month")]),
        ("From €2,100 per month for 200 kWh", [Price(2100, "month")]),
        ("Lening van circa €1,2 miljoen", [Price(1_200_000, "once")]),
        ("Annual €240; single event from €65", [Price(240, "year"), Price(65, "once")]),
        ("€8,75 per maaltijd; €0,95 per Wp", []),  # unit prices cannot meet a budget
        ("€4.50/hour", []),
        ("Vanaf €45 per maand; jaarrekening €350", [Price(45, "month"), Price(350, "once")]),
        ("6% rente", []),
    ],
)
def test_parse_prices(text, expected):
    assert parse_prices(text) == expected
