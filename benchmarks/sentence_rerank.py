"""What linear-v3's sentence re-ranking costs at query time (docs/matching.md, "After linear-v1").

    .venv/bin/python benchmarks/sentence_rerank.py [--sizes 1000 10000] [--queries 200]

Ranks one need against pools of synthetic offers (benchmarks/matching.py's listing texts) with
linear-v2 and with linear-v3, the site's options (CANDIDATES 100 per retriever, 20 near
misses, 10 shown). Vectors are random unit vectors (the cost does not depend on their values);
every offer has 6 sentence vectors stored as float32 bytes and read the way the site reads
them (`Embedding.vector("sentences")`: np.frombuffer per candidate), the need has 6 too.
Prints wall and CPU milliseconds per query (p50 / p95) and the listings scored.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from benchmarks.matching import percentiles, synthetic_need, synthetic_offer  # noqa: E402
from matching.ranking import (  # noqa: E402
    LINEAR_V2,
    LINEAR_V3,
    PoolEmbeddings,
    QueryEmbedding,
    RankingOptions,
    build_pool,
    rank_offers_for_need,
)

DIM = 384
SENTENCES = 6


def unit_rows(rng: np.random.Generator, n: int) -> np.ndarray:
    rows = rng.normal(size=(n, DIM)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng, noise = random.Random(7), np.random.default_rng(3)
    needs = [synthetic_need(rng, i) for i in range(40)]
    queries = [
        QueryEmbedding(model="bench", vector=unit_rows(noise, 1)[0],
                       sentences=unit_rows(noise, SENTENCES))
        for _ in needs
    ]
    options = RankingOptions(candidates=100, excluded=20, limit=10)
    for size in args.sizes:
        offers = [synthetic_offer(rng, i) for i in range(size)]
        stored = [unit_rows(noise, SENTENCES).tobytes() for _ in range(size)]

        def sentences(position: int, stored=stored) -> np.ndarray:
            return np.frombuffer(bytes(stored[position]), dtype=np.float32).reshape(-1, DIM)

        pool = build_pool(offers, embeddings=PoolEmbeddings(
            model="bench", vectors=unit_rows(noise, size), sentences=sentences,
        ))
        everything = RankingOptions(candidates=100, excluded=20, limit=None)
        candidates = np.mean([
            len(rank_offers_for_need(need, pool, query=query, options=everything).items)
            for need, query in zip(needs, queries, strict=True)
        ])
        for ranker in (LINEAR_V2, LINEAR_V3, LINEAR_V2, LINEAR_V3):
            wall, cpu, scored = [], [], []
            for i in range(args.queries + 5):
                need, query = needs[i % len(needs)], queries[i % len(queries)]
                started, cpu_started = time.perf_counter(), time.process_time()
                result = rank_offers_for_need(need, pool, query=query, ranker=ranker,
                                              options=options)
                if i >= 5:
                    wall.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - cpu_started)
                    scored.append(len(result.excluded))
            w, c = percentiles(wall), percentiles(cpu)
            print(f"{size:>6} offers, {ranker.version}: wall p50 {w['p50']:.2f} ms, "
                  f"p95 {w['p95']:.2f} ms; CPU p50 {c['p50']:.2f} ms, p95 {c['p95']:.2f} ms; "
                  f"{candidates:.0f} candidates + {np.mean(scored):.0f} near misses scored")


if __name__ == "__main__":
    main()
