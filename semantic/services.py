"""Writes of meaning: produce and refresh the stored vectors of any objects, in batches.

A row is (re)computed only when its object has no vectors under the encoder's model or its text
hash changed; everything else is skipped. Texts are encoded many at a time (one passage and one
query call per batch), which is what makes bulk embedding fast.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from core.text import text_hash

from .bundles import BundleEntry, VectorBundle
from .encoders import Encoder, get_encoder
from .models import Embedding
from .sources import EmbeddingSource, embedding_sources, source_for
from .texts import split_sentences
from .vectors import pack

logger = logging.getLogger(__name__)

BATCH_SIZE = 64  # objects per encoder call; their sentences ride along in the same call
_LOOKUP_CHUNK = 500  # ids per IN (...) query (SQLite's variable limit)


@dataclass
class RefreshReport:
    """How many objects were embedded and how many were already up to date."""

    embedded: int = 0
    skipped: int = 0

    def __iadd__(self, other: RefreshReport) -> RefreshReport:
        self.embedded += other.embedded
        self.skipped += other.skipped
        return self


def _stored(content_type: ContentType, model: str, ids: Sequence[int]) -> dict[int, Embedding]:
    found: dict[int, Embedding] = {}
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        for row in Embedding.objects.filter(
            content_type=content_type, model=model, object_id__in=ids[start : start + _LOOKUP_CHUNK]
        ):
            found[row.object_id] = row
    return found


def _embed_batch(
    content_type: ContentType, texts: Mapping[int, str], encoder: Encoder
) -> dict[int, Embedding]:
    """Encode these texts (and their sentences) in one passage and one query call, and store them."""
    ids = list(texts)
    spans = {pk: split_sentences(texts[pk]) for pk in ids}
    sentences = [span.text for pk in ids for span in spans[pk]]
    passages = encoder.encode_passages([texts[pk] for pk in ids] + sentences)
    queries = encoder.encode_queries([texts[pk] for pk in ids])
    now = timezone.now()
    rows: dict[int, Embedding] = {}
    offset = len(ids)
    for index, pk in enumerate(ids):
        count = len(spans[pk])
        rows[pk] = Embedding(
            content_type=content_type,
            object_id=pk,
            model=encoder.name,
            text_hash=text_hash(texts[pk]),
            dim=encoder.dim,
            passage=pack(passages[index]),
            query=pack(queries[index]),
            sentences=pack(passages[offset : offset + count]) if count else None,
            sentence_spans=[[span.start, span.end] for span in spans[pk]],
            updated_at=now,
        )
        offset += count
    with transaction.atomic():
        Embedding.objects.bulk_create(
            list(rows.values()),
            update_conflicts=True,
            unique_fields=["content_type", "object_id", "model"],
            update_fields=[
                "text_hash", "dim", "passage", "query", "sentences", "sentence_spans", "updated_at",
            ],
        )
    return rows


def embeddings_refresh(
    *,
    model: type[Model],
    texts: Mapping[int, str],
    encoder: Encoder | None = None,
    batch_size: int = BATCH_SIZE,
    report: RefreshReport | None = None,
) -> dict[int, Embedding]:
    """The vectors of these objects (id -> text) under the encoder, embedding only what is stale."""
    encoder = encoder or get_encoder()
    if not texts:
        return {}
    content_type = ContentType.objects.get_for_model(model)
    stored = _stored(content_type, encoder.name, list(texts))
    stale = [
        pk for pk, text in texts.items()
        if pk not in stored or stored[pk].text_hash != text_hash(text)
    ]
    for start in range(0, len(stale), max(1, batch_size)):
        batch = stale[start : start + batch_size]
        stored.update(_embed_batch(content_type, {pk: texts[pk] for pk in batch}, encoder))
    if report is not None:
        report += RefreshReport(embedded=len(stale), skipped=len(texts) - len(stale))
    return {pk: stored[pk] for pk in texts}


def embeddings_refresh_objects(
    *, objects: Sequence[Model], encoder: Encoder | None = None
) -> dict[tuple[type[Model], int], Embedding]:
    """The vectors of these objects, with the text their source (SEMANTIC["SOURCES"]) gives them."""
    by_source: dict[type[Model], tuple[EmbeddingSource, dict[int, str]]] = {}
    for instance in objects:
        source = source_for(type(instance))
        by_source.setdefault(source.model, (source, {}))[1][instance.pk] = source.text(instance)
    output: dict[tuple[type[Model], int], Embedding] = {}
    for model, (_source, texts) in by_source.items():
        for pk, row in embeddings_refresh(model=model, texts=texts, encoder=encoder).items():
            output[(model, pk)] = row
    return output


def embeddings_rebuild(
    *,
    encoder: Encoder | None = None,
    batch_size: int = BATCH_SIZE,
    drop: bool = False,
    progress: Callable[[int], None] | None = None,
) -> RefreshReport:
    """Embed every object of every source whose text or model changed; forget vanished objects."""
    encoder = encoder or get_encoder()
    report = RefreshReport()
    for source in embedding_sources():
        content_type = ContentType.objects.get_for_model(source.model)
        rows = Embedding.objects.filter(content_type=content_type, model=encoder.name)
        if drop:
            rows.delete()
        queryset = source.queryset()
        ids = list(queryset.values_list("pk", flat=True))
        present = set(ids)
        gone = [pk for pk in rows.values_list("object_id", flat=True) if pk not in present]
        for start in range(0, len(gone), _LOOKUP_CHUNK):
            rows.filter(object_id__in=gone[start : start + _LOOKUP_CHUNK]).delete()
        for start in range(0, len(ids), batch_size):
            chunk = queryset.filter(pk__in=ids[start : start + batch_size])
            texts = {instance.pk: source.text(instance) for instance in chunk}
            embeddings_refresh(
                model=source.model, texts=texts, encoder=encoder, batch_size=batch_size,
                report=report,
            )
            if progress:
                progress(len(texts))
    return report


def embedding_refresh_enqueue(*, instance: Model) -> None:
    """After commit, refresh one object's vectors through the task queue (never in a request)."""
    from .tasks import refresh_embedding

    label = instance._meta.label_lower
    pk = instance.pk

    def enqueue() -> None:
        try:
            refresh_embedding.enqueue(label, pk)
        except Exception:  # noqa: BLE001 - a queue outage must never break a save or a publish
            logger.exception("could not enqueue the embedding of %s %s", label, pk)

    transaction.on_commit(enqueue)


def embedding_refresh(*, label: str, pk: int) -> bool:
    """(Re)compute one object's vectors from its current text; False when it no longer exists."""
    from django.apps import apps

    model = apps.get_model(label)
    source = source_for(model)
    instance = source.queryset().filter(pk=pk).first()
    if instance is None:
        return False
    embeddings_refresh(model=source.model, texts={pk: source.text(instance)})
    return True


# Shipped vectors (semantic.bundles): keyed by model name and text hash, never by database id ---

@dataclass
class ImportReport:
    """What `embeddings_import` did: stored from the bundle, already current, left to embed."""

    model: str
    imported: int = 0
    current: int = 0
    missing: int = 0


def _current_texts(source: EmbeddingSource):
    """(object id, text hash) of every object of a source, from its current text."""
    for instance in source.queryset().iterator(chunk_size=_LOOKUP_CHUNK):
        yield instance.pk, text_hash(source.text(instance))


def embeddings_export(*, model: str) -> tuple[VectorBundle, int]:
    """The stored vectors under `model` of every object of every source whose current text they
    encode, as a bundle keyed by text hash; and how many objects had none (not embedded yet)."""
    bundle: VectorBundle | None = None
    missing = 0
    for source in embedding_sources():
        content_type = ContentType.objects.get_for_model(source.model)
        rows = {
            row.object_id: row
            for row in Embedding.objects.filter(content_type=content_type, model=model)
        }
        for pk, digest in _current_texts(source):
            row = rows.get(pk)
            if row is None or row.text_hash != digest:
                missing += 1
                continue
            bundle = bundle or VectorBundle(model=model, dim=row.dim)
            sentences = row.vector("sentences")
            bundle.add(BundleEntry(
                text_hash=digest,
                passage=row.vector("passage"),
                query=row.vector("query"),
                sentences=sentences if sentences is not None else np.empty((0, row.dim), np.float32),
                spans=[list(span) for span in row.sentence_spans],
            ))
    return bundle or VectorBundle(model=model, dim=0), missing


def embeddings_import(*, bundle: VectorBundle, model: str | None = None) -> ImportReport:
    """Store the bundle's vectors for every object of every source whose current text it knows.

    `model` is the configured encoder's name (asked of the encoder when not given); a bundle of
    another model imports nothing. Objects whose stored row is already current are left alone;
    objects whose text the bundle does not know are left for `embeddings_rebuild`. Idempotent."""
    model = model or get_encoder().name
    report = ImportReport(model=model)
    if bundle.model != model:
        return report
    now = timezone.now()
    for source in embedding_sources():
        content_type = ContentType.objects.get_for_model(source.model)
        stored = dict(
            Embedding.objects.filter(content_type=content_type, model=model).values_list(
                "object_id", "text_hash"
            )
        )
        rows = []
        for pk, digest in _current_texts(source):
            entry = bundle.get(digest)
            if stored.get(pk) == digest:
                report.current += 1
            elif entry is None:
                report.missing += 1
            else:
                rows.append(Embedding(
                    content_type=content_type, object_id=pk, model=model, text_hash=digest,
                    dim=bundle.dim, passage=pack(entry.passage), query=pack(entry.query),
                    sentences=pack(entry.sentences) if len(entry.spans) else None,
                    sentence_spans=entry.spans, updated_at=now,
                ))
        with transaction.atomic():
            Embedding.objects.bulk_create(
                rows,
                batch_size=100,
                update_conflicts=True,
                unique_fields=["content_type", "object_id", "model"],
                update_fields=[
                    "text_hash", "dim", "passage", "query", "sentences", "sentence_spans",
                    "updated_at",
                ],
            )
        report.imported += len(rows)
    return report
