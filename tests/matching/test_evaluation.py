"""Metrics against hand-computed values, the data format, and the evaluate_matching command."""

import csv
import io
import math
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command

from matching.evaluation import (
    DatasetError,
    evaluate,
    evaluate_run,
    language_gap,
    lead_subsets,
    load_dataset,
    ndcg_at_k,
    qrels_by_offer,
    recall_at_k,
    reciprocal_rank,
    subsets,
)
from semantic.encoders import FakeEncoder

DATA = Path(__file__).parent / "data"
RANKED = ["x", "a", "b", "y"]
GRADES = {"a": 2, "b": 1, "c": 2}


def test_ndcg_by_hand():
    # Gains 2^g - 1: a=3, b=1, c=3. DCG@5 = 0 + 3/log2(3) + 1/log2(4); ideal = 3 + 3/log2(3) + 1/2.
    expected = (3 / math.log2(3) + 1 / 2) / (3 + 3 / math.log2(3) + 1 / 2)
    assert ndcg_at_k(RANKED, GRADES, 5) == pytest.approx(expected)
    # @1: nothing relevant at rank 1.
    assert ndcg_at_k(RANKED, GRADES, 1) == 0.0
    assert ndcg_at_k(["a", "c", "b"], GRADES, 10) == pytest.approx(1.0)
    assert ndcg_at_k(RANKED, {}, 10) is None


def test_recall_and_reciprocal_rank_by_hand():
    assert recall_at_k(RANKED, GRADES, 2) == 0.5  # a of {a, c}
    assert recall_at_k(RANKED, GRADES, 10) == 0.5
    assert reciprocal_rank(RANKED, GRADES) == 0.5  # a at rank 2
    assert reciprocal_rank(["x"], GRADES) == 0.0
    assert reciprocal_rank(RANKED, {"b": 1}) is None
    assert recall_at_k(RANKED, {"b": 1}, 10) is None


def test_evaluate_run_averages_where_defined_and_filters_pairs():
    run = {"n1": [("x", 3.0), ("a", 2.0), ("b", 1.0)], "n2": [("b", 1.0), ("a", 0.5)]}
    qrels = {"n1": GRADES, "n2": {"b": 1}}

    scores = evaluate_run(run, qrels)

    assert scores.needs == 2
    assert scores.values["mrr"] == 0.5  # only n1 has a grade-2 offer
    assert scores.values["ndcg@10"] == pytest.approx(
        (ndcg_at_k(["x", "a", "b"], GRADES, 10) + 1.0) / 2
    )
    only_a = evaluate_run(run, qrels, keep=lambda need, offer: offer == "a")
    assert only_a.needs == 1 and only_a.values["mrr"] == 1.0


def test_load_dataset_maps_fields_to_records():
    dataset = load_dataset(DATA)

    assert len(dataset.offers) == 6 and len(dataset.needs) == 4
    offer = next(o for o in dataset.offers if o.id == "t-o1")
    assert (
        offer.national
        and offer.theme == "energy"
        and offer.eligibility.text == "Energiecoöperaties"
    )
    regional = next(o for o in dataset.offers if o.id == "t-o2")
    assert regional.regions == {"Utrecht", "Noord-Holland"} and not regional.national
    need = dataset.needs[0]
    assert (need.province, need.initiative_kind, need.theme) == ("Utrecht", "energy_coop", "energy")
    assert dataset.qrels["t-n1"] == {"t-o1": 2, "t-o2": 1, "t-o3": 1}


def test_load_dataset_refuses_a_folder_without_the_files(tmp_path):
    with pytest.raises(DatasetError, match="offers.jsonl"):
        load_dataset(tmp_path)


def test_cross_lingual_subsets_keep_only_pairs_across_languages():
    dataset = load_dataset(DATA)
    keep = subsets(dataset)

    assert keep["cross-lingual"]("t-n1", "t-o1")  # en need, nl offer
    assert not keep["cross-lingual"]("t-n1", "t-o2")  # both English
    assert keep["en need -> nl offer"]("t-n1", "t-o1")
    assert not keep["nl need -> en offer"]("t-n1", "t-o1")


def test_evaluate_reports_every_system_on_every_subset():
    results, run, versions = evaluate(load_dataset(DATA), FakeEncoder())

    assert set(results) == {
        "matcher",
        "matcher without model (lexical fallback)",
        "BM25",
        "TF-IDF char 3-5-grams",
        "dense only (fake/hashed-ngrams-256)",
    }
    assert set(results["matcher"]) == {
        "all pairs",
        "cross-lingual",
        "nl need -> en offer",
        "en need -> nl offer",
    }
    assert versions == {"linear-v2"}
    assert results["matcher"]["all pairs"].values["recall@10"] == 1.0


def read_run(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.reader(handle, delimiter="\t"))


def test_evaluate_matching_command_writes_a_complete_run_file(tmp_path):
    run_file = tmp_path / "run.tsv"
    out = io.StringIO()

    call_command(
        "evaluate_matching",
        str(DATA),
        "--encoder",
        "semantic.encoders.FakeEncoder",
        "--run-file",
        str(run_file),
        stdout=out,
        stderr=io.StringIO(),
    )

    output = out.getvalue()
    for label in ("matcher", "BM25", "TF-IDF", "dense only", "cross-lingual", "ndcg@10", "mrr"):
        assert label in output
    rows = read_run(run_file)
    dataset = load_dataset(DATA)
    assert len(rows) == len(dataset.needs) * len(dataset.offers)
    offers = {offer.id: offer for offer in dataset.offers}
    for need in dataset.needs:
        ranked = [row for row in rows if row[0] == need.id]
        assert [int(row[2]) for row in ranked] == list(range(1, len(offers) + 1))
        assert {row[1] for row in ranked} == set(offers)
        # Offers that do not serve the need's province come after every offer that does.
        serves = [
            offers[row[1]].national or need.province in offers[row[1]].regions for row in ranked
        ]
        assert serves == sorted(serves, reverse=True), need.id
        float(ranked[0][3])
    # t-n1 (Utrecht): the Drenthe-only installer and the Gelderland loan are excluded: last.
    assert set([row[1] for row in rows if row[0] == "t-n1"][-2:]) == {"t-o3", "t-o6"}


def test_evaluate_matching_without_a_model_and_with_bad_input(tmp_path):
    out = io.StringIO()
    call_command(
        "evaluate_matching", str(DATA), "--encoder", "none", stdout=out, stderr=io.StringIO()
    )
    assert "linear-v1-lexical" in out.getvalue()
    assert "dense only" not in out.getvalue()

    with pytest.raises(CommandError, match="no offers.jsonl"):
        call_command("evaluate_matching", str(tmp_path), stdout=io.StringIO())
    with pytest.raises(CommandError, match="cannot load the encoder"):
        call_command(
            "evaluate_matching",
            str(DATA),
            "--encoder",
            "semantic.encoders.Missing",
            stdout=io.StringIO(),
        )


def test_leads_read_the_judgements_the_other_way():
    dataset = load_dataset(DATA)

    assert qrels_by_offer(dataset.qrels)["t-o1"] == {"t-n1": 2}
    keep = lead_subsets(dataset)
    assert keep["cross-lingual"]("t-o1", "t-n1")  # nl offer, en need
    assert keep["nl offer -> en need"]("t-o1", "t-n1")
    assert not keep["en offer -> nl need"]("t-o1", "t-n1")
    assert not keep["cross-lingual"]("t-o2", "t-n1")  # both English


def test_evaluate_matching_leads_ranks_every_need_for_every_offer(tmp_path):
    run_file = tmp_path / "leads.tsv"
    out = io.StringIO()

    call_command(
        "evaluate_matching",
        str(DATA),
        "--direction",
        "leads",
        "--encoder",
        "semantic.encoders.FakeEncoder",
        "--run-file",
        str(run_file),
        stdout=out,
        stderr=io.StringIO(),
    )

    output = out.getvalue()
    assert "needs ranked for each offer (leads)" in output
    assert "### all pairs (6 offers)" in output and "nl offer -> en need" in output
    assert "same-language" in output and "cross-lingual" in output
    rows = read_run(run_file)
    dataset = load_dataset(DATA)
    assert len(rows) == len(dataset.offers) * len(dataset.needs)
    needs = {need.id: need for need in dataset.needs}
    offers = {offer.id: offer for offer in dataset.offers}
    for offer_id, offer in offers.items():
        ranked = [row for row in rows if row[0] == offer_id]
        assert [int(row[2]) for row in ranked] == list(range(1, len(needs) + 1))
        assert {row[1] for row in ranked} == set(needs)
        # Needs in a province the offer does not serve come after every need it serves.
        served = [offer.national or needs[row[1]].province in offer.regions for row in ranked]
        assert served == sorted(served, reverse=True), offer_id
    first = {offer_id: [r[1] for r in rows if r[0] == offer_id][0] for offer_id in offers}
    # By hand: the Drenthe-only installer's one Drenthe need; the Gelderland loan's one
    # Gelderland need; the cold rooms for the food cooperative; the Utrecht battery for the
    # Utrecht solar need.
    assert first["t-o3"] == "t-n2"
    assert first["t-o6"] == "t-n3"
    assert first["t-o5"] == "t-n3"
    assert first["t-o2"] == "t-n1"


def test_language_gap_counts_only_lesser_items_above_an_excellent_pair():
    run = {"q1": [("a", 3.0), ("x", 2.0), ("b", 1.0)], "q2": [("y", 1.0), ("c", 0.5)]}
    qrels = {"q1": {"a": 2, "b": 2}, "q2": {"c": 2, "y": 1}}
    queries = {"q1": "nl", "q2": "en"}
    items = {"a": "nl", "b": "en", "c": "nl", "x": "nl", "y": "en"}

    gap = language_gap(run, qrels, queries, items)

    # a (same language) at 1; b (across) has one lesser item above: 1/2; c (across): 1/2.
    assert (gap.same_language, gap.same_pairs) == (1.0, 1)
    assert (gap.cross_lingual, gap.cross_pairs) == (0.5, 2)
    assert gap.gap == 0.5


def test_evaluate_can_rank_with_linear_v1_by_name():
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("evaluate_matching", str(DATA), "--encoder", "semantic.encoders.FakeEncoder",
                 "--ranker", "linear-v1", stdout=out, stderr=io.StringIO())
    assert "ranker linear-v1," in out.getvalue()
