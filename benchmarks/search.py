"""Embedded search benchmark: indexing throughput and query latency (p50/p95) on synthetic listings.

    .venv/bin/python benchmarks/search.py                      # 10k and 100k listings, writes docs
    .venv/bin/python benchmarks/search.py --sizes 2000 --no-write
    .venv/bin/python benchmarks/search.py --database-url postgresql://postgres@127.0.0.1:5432/bench

Each size gets a fresh database (a temporary SQLite file unless --database-url is given), migrated,
then filled through the embedded backend in batches of 500 with synthetic Dutch and English
listings: facet values drawn at random and 384-dimensional random unit vectors (the engine's cost
does not depend on what the vectors mean; the encoder's own cost is measured apart, with
--encoder). Queries are a fixed mix of words, words with filters, descriptions and filtered
browsing, timed end to end through `EmbeddedBackend.search` (hits and snippets included). The
figures are printed and, unless --no-write, written into docs/search.md between the benchmark
markers.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DOCS = ROOT / "docs" / "search.md"
START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"
DIMS = 384
ENCODER = f"bench/random-{DIMS}"

_WORDS_NL = (
    "zonnepanelen dorpshuis buurt energie coöperatie lening subsidie warmtepomp isolatie dak "
    "fiets deelauto laadpaal moestuin voedselbank zorg wonen huurders vrijwilligers school "
    "sporthal bibliotheek kringloop repaircafé windmolen batterij groen water klimaat wijk "
    "gemeente vereniging stichting bewoners advies verzekering financiering digitaal jongeren"
)
_WORDS_EN = (
    "solar panels village hall neighbourhood energy cooperative loan grant heat pump insulation "
    "roof bicycle car sharing charging garden food bank care housing tenants volunteers school "
    "library repair cafe wind battery green water climate district council association "
    "residents advice insurance finance digital youth"
)
WORDS_NL, WORDS_EN = _WORDS_NL.split(), _WORDS_EN.split()
THEMES = [
    "energy",
    "mobility",
    "care",
    "housing",
    "food",
    "circular",
    "community",
    "digital",
    "finance",
    "legal_admin",
    "insurance",
]
PROVINCES = [
    "drenthe",
    "flevoland",
    "friesland",
    "gelderland",
    "groningen",
    "limburg",
    "noord-brabant",
    "noord-holland",
    "overijssel",
    "utrecht",
    "zeeland",
    "zuid-holland",
]
OFFER_TYPES = ["product", "service", "loan", "grant", "subscription", "advice"]
NEED_TYPES = ["money", "product", "service", "knowledge", "volunteers"]


_SYLLABLES = "ba be bo da de di do ga ge ko la le lo ma me mo na ne no pa pe ra re ro sa se so ta te to va ve wa we zo"
SYLLABLES = _SYLLABLES.split()


def vocabulary(
    words: list[str], *, size: int = 3000, seed: int = 3
) -> tuple[list[str], list[float]]:
    """Topical words plus made-up ones, with Zipf weights: a few common words, a long tail."""
    rng = random.Random(seed)
    made_up = {"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(size)}
    vocabulary = list(words) + sorted(made_up - set(words))
    rng.shuffle(vocabulary)
    return vocabulary, [1 / (rank + 1) for rank in range(len(vocabulary))]


VOCABULARY = {"nl": vocabulary(WORDS_NL), "en": vocabulary(WORDS_EN, seed=4)}
# People do not search for the commonest words (they work like stop words): queries skip the
# 20 most frequent and lean less steeply towards the frequent rest.
QUERY_VOCABULARY = {
    language: (words[20:], [1 / (rank + 21) ** 0.5 for rank in range(len(words) - 20)])
    for language, (words, _) in VOCABULARY.items()
}


def setup_django(database_url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["TEST_DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.conf import settings

    settings.SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.embedded.EmbeddedBackend"}}
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def synthetic_documents(n: int, *, seed: int = 7):
    """n listings with text, facets, dates and a random unit vector each, deterministic per seed."""
    import numpy as np

    from search.backends.base import QueryVector, SearchDocument

    rng = random.Random(seed)
    vectors = np.random.default_rng(seed).standard_normal((n, DIMS)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    now = datetime.datetime.now(datetime.UTC)
    documents, by_key = [], {}
    for i in range(n):
        language = "nl" if rng.random() < 0.7 else "en"
        words, weights = VOCABULARY[language]
        kind = "offer" if i % 2 else "need"
        title = " ".join(rng.choices(words, weights, k=rng.randint(3, 7))).capitalize()
        body = ". ".join(
            " ".join(rng.choices(words, weights, k=rng.randint(8, 16))).capitalize()
            for _ in range(rng.randint(3, 8))
        )
        provinces = PROVINCES if kind == "offer" and rng.random() < 0.3 else [rng.choice(PROVINCES)]
        document = SearchDocument(
            doc_type=kind,
            object_id=i + 1,
            title=title,
            body=body,
            extra=f"Organisatie {rng.randint(1, n // 10 + 1)}",
            language=language,
            status="published",
            published_at=now - datetime.timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60)),
            expires_on=None
            if rng.random() < 0.5
            else (now + datetime.timedelta(days=rng.randint(1, 365))).date(),
            facets={
                "kind": (kind,),
                "theme": (rng.choice(THEMES),),
                "type": (rng.choice(OFFER_TYPES if kind == "offer" else NEED_TYPES),),
                "province": tuple(provinces),
                "sdg": tuple(str(s) for s in rng.sample(range(1, 18), rng.randint(0, 3))),
                "organisation_kind": (
                    rng.choice(["company", "fund", "public_body"])
                    if kind == "offer"
                    else "initiative",
                ),
                "language": (language,),
            },
        )
        documents.append(document)
        by_key[document.key] = QueryVector(ENCODER, vectors[i])
    return documents, by_key


def query_mix(count: int, *, seed: int = 11):
    """A fixed mix of the searches people make, with a random query vector for each."""
    import numpy as np

    from search.backends.base import QueryVector, SearchQuery

    rng = random.Random(seed)
    vectors = np.random.default_rng(seed).standard_normal((count, DIMS)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    mix = []
    for i in range(count):
        words, weights = QUERY_VOCABULARY["nl" if rng.random() < 0.7 else "en"]
        kind = i % 5
        if kind == 0:
            query, label = SearchQuery(text=rng.choices(words, weights)[0]), "one word"
        elif kind == 1:
            query = SearchQuery(text=" ".join(rng.choices(words, weights, k=2)))
            label = "two words"
        elif kind == 2:
            query = SearchQuery(
                text=rng.choices(words, weights)[0],
                filters={"theme": rng.choice(THEMES), "province": rng.choice(PROVINCES)},
            )
            label = "word + 2 filters"
        elif kind == 3:
            query = SearchQuery(text=" ".join(rng.choices(words, weights, k=12)), mode="describe")
            label = "description"
        else:
            query = SearchQuery(
                filters={"kind": "need", "theme": rng.choice(THEMES)}, sort="newest"
            )
            label = "browse + filters"
        mix.append((label, query, QueryVector(ENCODER, vectors[i])))
    return mix


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run_size(n: int, *, queries: int, database_url: str | None, batch_size: int = 500) -> dict:
    """Fill a fresh index with n listings and time indexing and queries; returns the figures."""
    from django.db import connection

    from search.backends import get_search_backend, reset_search_backends

    reset_search_backends()
    backend = get_search_backend()
    backend.clear()
    documents, vectors = synthetic_documents(n)
    started = time.perf_counter()
    for start in range(0, n, batch_size):
        batch = documents[start : start + batch_size]
        backend.index_documents(batch, {d.key: vectors[d.key] for d in batch})
    indexing = time.perf_counter() - started
    reset_search_backends()
    backend = get_search_backend()
    started = time.perf_counter()
    backend.search(query_mix(1)[0][1])
    cold = time.perf_counter() - started

    timings: dict[str, list[float]] = {}
    for label, query, vector in query_mix(queries):
        started = time.perf_counter()
        backend.search(query, vector=vector)
        timings.setdefault(label, []).append((time.perf_counter() - started) * 1000)
    every = [t for values in timings.values() for t in values]
    figures = {
        "n": n,
        "database": connection.vendor,
        "indexing_seconds": indexing,
        "docs_per_second": n / indexing,
        "cold_load_seconds": cold,
        "p50": percentile(every, 50),
        "p95": percentile(every, 95),
        "by_kind": {label: (percentile(v, 50), percentile(v, 95)) for label, v in timings.items()},
        "vector_mb": n * DIMS * 4 / 1e6,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    backend.clear()
    return figures


def encoder_latency(count: int = 30) -> str:
    """Per-query cost of the configured encoder (the matcher's), when it loads."""
    from semantic.encoders import EncoderUnavailable, get_encoder

    try:
        encoder = get_encoder()
    except EncoderUnavailable as exc:
        return f"encoder unavailable: {exc}"
    texts = [" ".join(random.Random(i).sample(WORDS_NL, 8)) for i in range(count)]
    encoder.encode_queries(texts[:1])
    timings = []
    for text in texts:
        started = time.perf_counter()
        encoder.encode_queries([text])
        timings.append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    encoder.encode_passages(texts)
    passages = count / (time.perf_counter() - started)
    return (
        f"{encoder.name}: query p50 {percentile(timings, 50):.0f} ms, "
        f"p95 {percentile(timings, 95):.0f} ms; passages {passages:.0f}/s"
    )


def report(results: list[dict], encoder_line: str | None) -> str:
    lines = [
        f"Measured {datetime.date.today().isoformat()} with `benchmarks/search.py` on "
        f"{os.cpu_count()} CPU(s), database: {results[0]['database'] if results else '?'}. "
        "Synthetic listings (70 % Dutch) drawn from a 3,000-word vocabulary with Zipf weights; "
        "query words from the same vocabulary without its 20 commonest words, weighted by "
        "1/√rank (common words are asked for more often). Latency is "
        "one `EmbeddedBackend.search` call end to end (filters, disjunctive facets, ranking, one "
        "page of 20 hits with snippets), the query vector given; indexing includes the full-text "
        "table and the vectors, not the encoder.",
        "",
        "| listings | indexing | cold load | p50 | p95 | vectors in memory | peak RSS |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['n']:,} | {r['docs_per_second']:,.0f} docs/s ({r['indexing_seconds']:.1f} s) "
            f"| {r['cold_load_seconds']:.2f} s | {r['p50']:.1f} ms | {r['p95']:.1f} ms "
            f"| {r['vector_mb']:.0f} MB | {r['max_rss_mb']:.0f} MB |"
        )
    lines += ["", "| listings | query kind | p50 | p95 |", "|---:|---|---:|---:|"]
    for r in results:
        for label, (p50, p95) in r["by_kind"].items():
            lines.append(f"| {r['n']:,} | {label} | {p50:.1f} ms | {p95:.1f} ms |")
    if encoder_line:
        lines += ["", f"Query encoder (added to every search with words): {encoder_line}."]
    return "\n".join(lines)


def write_docs(text: str) -> None:
    content = DOCS.read_text(encoding="utf-8")
    if START not in content or END not in content:
        raise SystemExit(f"{DOCS} lacks the {START} / {END} markers")
    before, rest = content.split(START, 1)
    _, after = rest.split(END, 1)
    DOCS.write_text(f"{before}{START}\n{text}\n{END}{after}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--encoder", action="store_true", help="also time the configured encoder")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs alone")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        setup_django(args.database_url or f"sqlite:///{tmp}/bench.sqlite3")
        results = []
        for n in args.sizes:
            figures = run_size(n, queries=args.queries, database_url=args.database_url)
            print(
                f"{n:>8,} listings: index {figures['docs_per_second']:,.0f} docs/s, "
                f"cold load {figures['cold_load_seconds']:.2f} s, "
                f"p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms"
            )
            for label, (p50, p95) in figures["by_kind"].items():
                print(f"{'':>10}{label:<18} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms")
            results.append(figures)
        encoder_line = encoder_latency() if args.encoder else None
        if encoder_line:
            print(encoder_line)
        text = report(results, encoder_line)
        if not args.no_write:
            write_docs(text)
            print(f"Figures written to {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
