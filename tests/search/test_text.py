"""Query words, highlights and rank fusion: pure functions."""

from search.backends.base import MARK_END, MARK_START, reciprocal_rank_fusion
from search.text import mark_terms, query_terms, render_marked, snippet


def test_query_terms_fold_trim_and_drop_stop_words():
    assert query_terms("De Zonnepanelen op het dak van de Coöperatie") == [
        "zonnepanel", "dak", "cooperatie",
    ]
    # Only stop words: keep them rather than search for nothing.
    assert query_terms("de het") == ["de", "het"]
    assert query_terms("") == []


def test_mark_terms_marks_words_found_by_prefix():
    marked = mark_terms("Zonnepanelen, één zonnepanel; geen zonnepaneel", ["zonnepanel"])
    assert marked == (
        f"{MARK_START}Zonnepanelen{MARK_END}, één {MARK_START}zonnepanel{MARK_END}; geen zonnepaneel"
    )
    # Short terms match whole words only.
    assert mark_terms("cars care car", ["car"]) == f"cars care {MARK_START}car{MARK_END}"


def test_render_marked_escapes_everything_but_our_marks():
    html = render_marked(f"<img src=x onerror=alert(1)> {MARK_START}zon & maan{MARK_END}")
    assert html == "&lt;img src=x onerror=alert(1)&gt; <mark>zon &amp; maan</mark>"


def test_unbalanced_marks_are_dropped_not_rendered():
    assert render_marked(f"{MARK_START}a {MARK_START}b{MARK_END}") == "a b"
    assert render_marked(f"a{MARK_END} b") == "a b"


def test_snippet_centres_on_the_matches():
    text = ("Inleiding zonder iets bijzonders. " * 20) + "Hier staan de zonnepanelen. " + ("Slot. " * 30)
    cut = snippet(text, ["zonnepanel"], length=120)
    assert cut.startswith("… ") and cut.endswith(" …")
    assert f"{MARK_START}zonnepanelen{MARK_END}" in cut
    assert len(cut) < 140


def test_reciprocal_rank_fusion_rewards_agreement():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["d", "b", "e"]], k=60)
    order = sorted(fused, key=lambda key: -fused[key])
    assert order[0] == "b"  # second in both beats first in one
    assert set(order) == {"a", "b", "c", "d", "e"}
    assert fused["b"] == 2 / 62
    weighted = reciprocal_rank_fusion([["a"], ["d"]], weights=[0.5, 1.0])
    assert weighted["d"] > weighted["a"]
