"""Offline evaluation on the documented data format (docs in ../shared/data/README.md).

Reads offers.jsonl, needs.jsonl and qrels.tsv, ranks every offer for every need in memory with
the production pipeline and with baselines, and scores the rankings with nDCG@5, nDCG@10
(gain 2^grade - 1), recall@10 of grade-2 offers and MRR of the first grade-2 offer.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from semantic.encoders import Encoder, MemoEncoder

from . import baselines
from .ranking import (
    NATIONAL,
    Bm25Index,
    Eligibility,
    NeedRecord,
    OfferRecord,
    QueryEmbedding,
    Ranker,
    RankingOptions,
    build_pool,
    embed_pool,
    embed_sentences,
    pool_vectors,
    rank_needs_for_offer,
    rank_offers_for_need,
    uses_sentences,
)

Qrels = dict[str, dict[str, int]]
# need id -> [(offer id, score)], best first, every offer once.
Run = dict[str, list[tuple[str, float]]]

METRICS = ("ndcg@5", "ndcg@10", "recall@10", "mrr")


class DatasetError(ValueError):
    """The directory does not hold the documented format."""


@dataclass(frozen=True)
class Dataset:
    """Offers, needs and graded judgements (pairs not listed are grade 0)."""

    offers: list[OfferRecord]
    needs: list[NeedRecord]
    qrels: Qrels


def offer_from_row(row: Mapping) -> OfferRecord:
    """An offer row of offers.jsonl as a ranking record (category is the theme)."""
    regions = frozenset(row.get("regions") or [])
    return OfferRecord(
        id=str(row["id"]),
        title=row.get("title", ""),
        description=row.get("description", ""),
        theme=row.get("category", ""),
        offer_type=row.get("offer_type", ""),
        regions=regions - {NATIONAL},
        national=NATIONAL in regions,
        # Free text: used as a soft "who is this for" feature, never parsed into hard rules.
        eligibility=Eligibility(text=row.get("eligible", "") or ""),
        language=row.get("language", ""),
        price_text=row.get("price_note", "") or "",
    )


def need_from_row(row: Mapping) -> NeedRecord:
    """A need row of needs.jsonl as a ranking record (region is the province)."""
    return NeedRecord(
        id=str(row["id"]),
        title=row.get("title", ""),
        description=row.get("description", ""),
        theme=row.get("category", ""),
        need_type=row.get("need_type", ""),
        province=row.get("region", ""),
        initiative_kind=row.get("initiative_kind", ""),
        language=row.get("language", ""),
        budget_text=row.get("budget_note", "") or "",
    )


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise DatasetError(f"{path.name}:{number}: invalid JSON ({exc})") from exc
            if "id" not in rows[-1]:
                raise DatasetError(f"{path.name}:{number}: no id")
    return rows


def load_dataset(directory: str | Path) -> Dataset:
    """Read offers.jsonl, needs.jsonl and qrels.tsv from `directory`."""
    directory = Path(directory)
    for name in ("offers.jsonl", "needs.jsonl", "qrels.tsv"):
        if not (directory / name).is_file():
            raise DatasetError(f"{directory} has no {name}")
    offers = [offer_from_row(row) for row in _read_jsonl(directory / "offers.jsonl")]
    needs = [need_from_row(row) for row in _read_jsonl(directory / "needs.jsonl")]
    offer_ids = {offer.id for offer in offers}
    need_ids = {need.id for need in needs}
    qrels: Qrels = {}
    with (directory / "qrels.tsv").open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or parts[0] not in need_ids or parts[1] not in offer_ids:
                raise DatasetError(f"qrels.tsv:{number}: expected need_id, offer_id, grade")
            try:
                grade = int(parts[2])
            except ValueError as exc:
                raise DatasetError(f"qrels.tsv:{number}: grade is not a number") from exc
            qrels.setdefault(parts[0], {})[parts[1]] = grade
    return Dataset(offers=offers, needs=needs, qrels=qrels)


# --------------------------------------------------------------------------------------------
# Metrics


def dcg(gains: Sequence[float]) -> float:
    """Discounted cumulative gain: sum of gain / log2(rank + 1)."""
    return float(sum(gain / math.log2(rank + 2) for rank, gain in enumerate(gains)))


def ndcg_at_k(ranked: Sequence[str], grades: Mapping[str, int], k: int) -> float | None:
    """nDCG@k with gain 2^grade - 1; None when nothing is relevant."""
    ideal = dcg(sorted((2**g - 1 for g in grades.values() if g > 0), reverse=True)[:k])
    if ideal == 0:
        return None
    return dcg([2 ** grades.get(item, 0) - 1 for item in ranked[:k]]) / ideal


def recall_at_k(
    ranked: Sequence[str], grades: Mapping[str, int], k: int, grade: int = 2
) -> float | None:
    """Share of the grade-`grade` items in the top k; None when there are none."""
    wanted = {item for item, g in grades.items() if g >= grade}
    if not wanted:
        return None
    return len(wanted & set(ranked[:k])) / len(wanted)


def reciprocal_rank(
    ranked: Sequence[str], grades: Mapping[str, int], grade: int = 2
) -> float | None:
    """1 / rank of the first item of grade `grade` (0 if absent); None when there are none."""
    if not any(g >= grade for g in grades.values()):
        return None
    for rank, item in enumerate(ranked, 1):
        if grades.get(item, 0) >= grade:
            return 1 / rank
    return 0.0


@dataclass(frozen=True)
class Scores:
    """Mean metrics over the needs where each is defined, and how many needs counted."""

    values: dict[str, float]
    needs: int


def evaluate_run(
    run: Run, qrels: Qrels, *, keep: Callable[[str, str], bool] | None = None
) -> Scores:
    """Score a run; `keep(need_id, offer_id)` restricts both the ranking and the judgements."""
    collected: dict[str, list[float]] = {name: [] for name in METRICS}
    counted = 0
    for need_id, ranked_pairs in run.items():
        ranked = [offer for offer, _ in ranked_pairs if keep is None or keep(need_id, offer)]
        grades = {
            offer: grade
            for offer, grade in qrels.get(need_id, {}).items()
            if keep is None or keep(need_id, offer)
        }
        values = {
            "ndcg@5": ndcg_at_k(ranked, grades, 5),
            "ndcg@10": ndcg_at_k(ranked, grades, 10),
            "recall@10": recall_at_k(ranked, grades, 10),
            "mrr": reciprocal_rank(ranked, grades),
        }
        if values["ndcg@10"] is not None:
            counted += 1
        for name, value in values.items():
            if value is not None:
                collected[name].append(value)
    return Scores(
        values={name: float(np.mean(v)) if v else math.nan for name, v in collected.items()},
        needs=counted,
    )


def subsets(dataset: Dataset) -> dict[str, Callable[[str, str], bool] | None]:
    """The slices reported: everything, cross-lingual pairs, and each direction of them."""
    need_language = {need.id: need.language for need in dataset.needs}
    offer_language = {offer.id: offer.language for offer in dataset.offers}

    def pair(need_lang: str | None, offer_lang: str | None) -> Callable[[str, str], bool]:
        def keep(need_id: str, offer_id: str) -> bool:
            nl, ol = need_language[need_id], offer_language[offer_id]
            if nl == ol:
                return False
            return (need_lang is None or nl == need_lang) and (
                offer_lang is None or ol == offer_lang
            )

        return keep

    return {
        "all pairs": None,
        "cross-lingual": pair(None, None),
        "nl need -> en offer": pair("nl", "en"),
        "en need -> nl offer": pair("en", "nl"),
    }


# --------------------------------------------------------------------------------------------
# Systems


def run_from_matrix(dataset: Dataset, scores: np.ndarray) -> Run:
    """Rank every offer for every need by a (needs, offers) score matrix."""
    run: Run = {}
    for row, need in enumerate(dataset.needs):
        order = np.lexsort((np.arange(len(dataset.offers)), -scores[row]))
        run[need.id] = [(dataset.offers[i].id, float(scores[row, i])) for i in order]
    return run


def matcher_run(
    dataset: Dataset, encoder: Encoder | None, *, ranker: Ranker | None = None
) -> tuple[Run, set[str]]:
    """The production pipeline: allowed offers by score, then those the hard rules exclude.

    Returns the run and the ranker versions used. Without an encoder the pipeline runs in its
    degraded mode (lexical and structured features only). With a ranker that reads sentence
    vectors (linear-v3) both sides get them as the site stores them (passages) and every offer
    is a candidate, so `sentence_max` is z-scored among all offers.
    """
    sentences = encoder is not None and uses_sentences(ranker)
    pool = build_pool(
        dataset.offers, encoder=encoder, vectors=pool_vectors(ranker), sentences=sentences
    )
    queries: list[QueryEmbedding | None] = [None] * len(dataset.needs)
    if encoder is not None:
        texts = [need.text for need in dataset.needs]
        vectors = encoder.encode_queries(texts)
        need_sentences = embed_sentences(encoder, texts) if sentences else [None] * len(texts)
        queries = [
            QueryEmbedding(model=encoder.name, vector=vector, sentences=own)
            for vector, own in zip(vectors, need_sentences, strict=True)
        ]
    options = RankingOptions(candidates=None, excluded=None)
    run: Run = {}
    versions = set()
    for need, query in zip(dataset.needs, queries, strict=True):
        ranking = rank_offers_for_need(need, pool, query=query, ranker=ranker, options=options)
        versions.add(ranking.ranker_version)
        run[need.id] = [(item.id, item.score) for item in ranking.items + ranking.excluded]
    return run, versions


def baseline_runs(dataset: Dataset, encoder: Encoder | None) -> dict[str, Run]:
    """BM25, TF-IDF over character n-grams and (with an encoder) dense cosine only."""
    runs = {
        "BM25": run_from_matrix(dataset, baselines.bm25_scores(dataset.needs, dataset.offers)),
        "TF-IDF char 3-5-grams": run_from_matrix(
            dataset, baselines.tfidf_char_scores(dataset.needs, dataset.offers)
        ),
    }
    if encoder is not None:
        runs[f"dense only ({encoder.name})"] = run_from_matrix(
            dataset, baselines.dense_scores(encoder, dataset.needs, dataset.offers)
        )
    return runs


def write_run(run: Run, path: str | Path) -> None:
    """Write a run as TSV: need_id, offer_id, rank, score (no header)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        for need_id, ranked in run.items():
            for rank, (offer_id, score) in enumerate(ranked, 1):
                writer.writerow([need_id, offer_id, rank, f"{score:.6f}"])


def format_table(results: Mapping[str, Mapping[str, Scores]], *, queries: str = "needs") -> str:
    """Systems by metrics, one block per subset, as a Markdown table (`queries`: what was
    ranked for, as counted in each heading)."""
    systems = list(results)
    subset_names = list(next(iter(results.values()))) if results else []
    width = max(len(name) for name in systems) if systems else 10
    lines = []
    for subset in subset_names:
        needs = next(iter(results.values()))[subset].needs
        lines.append(f"### {subset} ({needs} {queries})")
        lines.append("")
        lines.append(f"| {'system':<{width}} | " + " | ".join(f"{m:>9}" for m in METRICS) + " |")
        lines.append(f"|{'-' * (width + 2)}|" + "|".join("-" * 10 + ":" for _ in METRICS) + "|")
        for system in systems:
            values = results[system][subset].values
            cells = " | ".join(f"{values[m]:>9.3f}" for m in METRICS)
            lines.append(f"| {system:<{width}} | {cells} |")
        lines.append("")
    return "\n".join(lines)


def evaluate(
    dataset: Dataset, encoder: Encoder | None, *, ranker: Ranker | None = None
) -> tuple[dict[str, dict[str, Scores]], Run, set[str]]:
    """Every system on every subset; also returns the matcher's run and ranker versions."""
    if encoder is not None:
        encoder = MemoEncoder(encoder)  # the dense baseline reuses the matcher's vectors
    run, versions = matcher_run(dataset, encoder, ranker=ranker)
    runs = {"matcher": run}
    if encoder is not None and ranker is None:
        runs["matcher without model (lexical fallback)"] = matcher_run(dataset, None)[0]
    runs |= baseline_runs(dataset, encoder)
    slices = subsets(dataset)
    results = {
        system: {
            name: evaluate_run(system_run, dataset.qrels, keep=keep)
            for name, keep in slices.items()
        }
        for system, system_run in runs.items()
    }
    return results, run, versions


# --------------------------------------------------------------------------------------------
# Leads: every need ranked for every offer, the judgements read the other way


def qrels_by_offer(qrels: Qrels) -> Qrels:
    """The judgements keyed by offer: offer id -> {need id: grade}."""
    flipped: Qrels = {}
    for need_id, grades in qrels.items():
        for offer_id, grade in grades.items():
            flipped.setdefault(offer_id, {})[need_id] = grade
    return flipped


def lead_subsets(dataset: Dataset) -> dict[str, Callable[[str, str], bool] | None]:
    """The slices reported for leads; `keep(offer_id, need_id)`."""
    by_need = subsets(dataset)
    names = {
        "all pairs": "all pairs",
        "cross-lingual": "cross-lingual",
        "nl need -> en offer": "en offer -> nl need",
        "en need -> nl offer": "nl offer -> en need",
    }

    def flip(keep: Callable[[str, str], bool] | None) -> Callable[[str, str], bool] | None:
        if keep is None:
            return None
        return lambda offer_id, need_id: keep(need_id, offer_id)

    return {names[name]: flip(keep) for name, keep in by_need.items()}


def leads_run(
    dataset: Dataset, encoder: Encoder | None, *, ranker: Ranker | None = None
) -> tuple[Run, set[str]]:
    """The production leads pipeline: for each offer, allowed needs by score, then excluded ones.

    The run is keyed by offer id. Offers are queries (with their audience profile), needs the
    pool (their query vectors for linear-v2, passage vectors for linear-v1), as in the
    marketplace.
    """
    pool = build_pool(dataset.needs, encoder=encoder, vectors=pool_vectors(ranker))
    queries: list[QueryEmbedding | None] = [None] * len(dataset.offers)
    if encoder is not None:
        vectors = encoder.encode_queries([offer.text for offer in dataset.offers])
        audience = embed_pool(encoder, dataset.offers, vectors="passage").audience
        queries = [
            QueryEmbedding(
                model=encoder.name,
                vector=vector,
                audience=None if audience is None or np.isnan(audience[i]).all() else audience[i],
            )
            for i, vector in enumerate(vectors)
        ]
    options = RankingOptions(candidates=None, excluded=None)
    run: Run = {}
    versions = set()
    for offer, query in zip(dataset.offers, queries, strict=True):
        ranking = rank_needs_for_offer(offer, pool, query=query, ranker=ranker, options=options)
        versions.add(ranking.ranker_version)
        run[offer.id] = [(item.id, item.score) for item in ranking.items + ranking.excluded]
    return run, versions


def lead_baseline_runs(dataset: Dataset, encoder: Encoder | None) -> dict[str, Run]:
    """The baselines with offers as queries and needs as documents (runs keyed by offer)."""
    need_texts = [need.text for need in dataset.needs]
    offer_texts = [offer.text for offer in dataset.offers]

    def by_offer(scores: np.ndarray) -> Run:
        run: Run = {}
        for row, offer in enumerate(dataset.offers):
            order = np.lexsort((np.arange(len(dataset.needs)), -scores[row]))
            run[offer.id] = [(dataset.needs[i].id, float(scores[row, i])) for i in order]
        return run

    index = Bm25Index(need_texts)
    bm25 = np.stack([index.scores(text) for text in offer_texts]).reshape(
        len(offer_texts), len(need_texts)
    )
    runs = {
        "BM25": by_offer(bm25),
        "TF-IDF char 3-5-grams": by_offer(baselines.tfidf_char_text_scores(offer_texts, need_texts)),
    }
    if encoder is not None:
        dense = encoder.encode_queries(offer_texts) @ encoder.encode_passages(need_texts).T
        runs[f"dense only ({encoder.name})"] = by_offer(dense)
    return runs


def evaluate_leads(
    dataset: Dataset, encoder: Encoder | None, *, ranker: Ranker | None = None
) -> tuple[dict[str, dict[str, Scores]], Run, set[str]]:
    """Every system on every lead slice; also returns the matcher's lead run (by offer)."""
    if encoder is not None:
        encoder = MemoEncoder(encoder)
    run, versions = leads_run(dataset, encoder, ranker=ranker)
    runs = {"matcher": run}
    if encoder is not None and ranker is None:
        runs["matcher without model (lexical fallback)"] = leads_run(dataset, None)[0]
    runs |= lead_baseline_runs(dataset, encoder)
    qrels = qrels_by_offer(dataset.qrels)
    slices = lead_subsets(dataset)
    results = {
        system: {
            name: evaluate_run(system_run, qrels, keep=keep) for name, keep in slices.items()
        }
        for system, system_run in runs.items()
    }
    return results, run, versions


# --------------------------------------------------------------------------------------------
# Excellent pairs across languages


@dataclass(frozen=True)
class LanguageGap:
    """Mean reciprocal rank of the grade-2 pairs within a language and across languages."""

    same_language: float
    same_pairs: int
    cross_lingual: float
    cross_pairs: int

    @property
    def gap(self) -> float:
        return self.same_language - self.cross_lingual


def language_gap(
    run: Run, qrels: Qrels, query_language: Mapping[str, str], item_language: Mapping[str, str]
) -> LanguageGap:
    """MRR of every grade-2 pair, split by whether its two sides share a language.

    A pair's rank counts only the items that are not grade 2 above it, so a query's other
    excellent items do not push it down: 1 means no lesser item outranks it.
    """
    reciprocal: dict[bool, list[float]] = {True: [], False: []}
    for query_id, ranked in run.items():
        grades = qrels.get(query_id, {})
        lesser_above = 0
        for item_id, _score in ranked:
            if grades.get(item_id, 0) >= 2:
                same = query_language[query_id] == item_language[item_id]
                reciprocal[same].append(1 / (1 + lesser_above))
            else:
                lesser_above += 1
    return LanguageGap(
        same_language=float(np.mean(reciprocal[True])) if reciprocal[True] else math.nan,
        same_pairs=len(reciprocal[True]),
        cross_lingual=float(np.mean(reciprocal[False])) if reciprocal[False] else math.nan,
        cross_pairs=len(reciprocal[False]),
    )


def language_gaps(
    dataset: Dataset, runs: Mapping[str, Run], *, leads: bool = False
) -> dict[str, LanguageGap]:
    """`language_gap` of each system's run (runs keyed by need, or by offer for leads)."""
    needs = {need.id: need.language for need in dataset.needs}
    offers = {offer.id: offer.language for offer in dataset.offers}
    if leads:
        qrels, queries, items = qrels_by_offer(dataset.qrels), offers, needs
    else:
        qrels, queries, items = dataset.qrels, needs, offers
    return {
        system: language_gap(run, qrels, queries, items) for system, run in runs.items()
    }


def format_language_gaps(gaps: Mapping[str, LanguageGap]) -> str:
    """The grade-2 MRR within and across languages per system, as a Markdown table."""
    if not gaps:
        return ""
    first = next(iter(gaps.values()))
    width = max(len(name) for name in gaps)
    lines = [
        f"### grade-2 pairs: MRR within a language ({first.same_pairs}) and across languages "
        f"({first.cross_pairs})",
        "",
        f"| {'system':<{width}} | same-language | cross-lingual |       gap |",
        f"|{'-' * (width + 2)}|--------------:|--------------:|----------:|",
    ]
    for system, gap in gaps.items():
        lines.append(
            f"| {system:<{width}} | {gap.same_language:>13.3f} | {gap.cross_lingual:>13.3f} "
            f"| {gap.gap:>9.3f} |"
        )
    lines.append("")
    return "\n".join(lines)
