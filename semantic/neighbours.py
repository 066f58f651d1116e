"""Reads of meaning: stored vectors and the ONE nearest-neighbour function.

Matching's pools, search's vector leg and the hub's related content read vectors through here.
Nothing in this module encodes text or writes a row: objects without stored vectors are skipped.
Each process keeps one matrix per (kind of object, model, field), reloaded when the table changed.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Model

from .models import Embedding
from .vectors import cosine, top_k, unpack

VECTOR_FIELDS = ("passage", "query")


@dataclass(frozen=True)
class VectorTable:
    """Every stored vector of one kind of object under one model: ids and a (n, dim) matrix."""

    ids: np.ndarray
    matrix: np.ndarray
    position: dict[int, int] = field(repr=False)

    def rows(self, ids: Sequence[int]) -> tuple[list[int], np.ndarray]:
        """The ids that have a vector, and their rows, in the order asked."""
        found = [pk for pk in ids if pk in self.position]
        return found, self.matrix[[self.position[pk] for pk in found]]


_tables: dict[tuple[int, str, str], tuple[tuple, VectorTable]] = {}
_tables_lock = threading.Lock()


def vector_table(model: type[Model], *, encoder_name: str, field: str = "passage") -> VectorTable:
    """The stored `passage` or `query` vectors of every `model` object (one cheap query when unchanged)."""
    if field not in VECTOR_FIELDS:
        raise ValueError(f"field must be one of {VECTOR_FIELDS}")
    content_type = ContentType.objects.get_for_model(model)
    rows = Embedding.objects.filter(content_type=content_type, model=encoder_name)
    state = tuple(rows.aggregate(n=Count("pk"), last=Max("pk"), changed=Max("updated_at")).values())
    key = (content_type.pk, encoder_name, field)
    cached = _tables.get(key)
    if cached and cached[0] == state:
        return cached[1]
    with _tables_lock:
        ids, vectors = [], []
        for object_id, dim, raw in rows.order_by("object_id").values_list("object_id", "dim", field):
            ids.append(object_id)
            vectors.append(unpack(raw, dim))
        matrix = np.stack(vectors) if vectors else np.empty((0, 0), dtype=np.float32)
        table = VectorTable(
            ids=np.asarray(ids, dtype=np.int64),
            matrix=np.ascontiguousarray(matrix, dtype=np.float32),
            position={pk: index for index, pk in enumerate(ids)},
        )
        _tables[key] = (state, table)
        return table


def stored_embeddings(
    model: type[Model], ids: Collection[int], *, encoder_name: str
) -> dict[int, Embedding]:
    """The stored rows (all vectors, sentences too) of these objects under one model."""
    content_type = ContentType.objects.get_for_model(model)
    ids = list(ids)
    found: dict[int, Embedding] = {}
    for start in range(0, len(ids), 500):
        for row in Embedding.objects.filter(
            content_type=content_type, model=encoder_name, object_id__in=ids[start : start + 500]
        ):
            found[row.object_id] = row
    return found


def stored_vector(
    instance: Model, *, encoder_name: str, field: str = "query"
) -> np.ndarray | None:
    """One object's stored vector, None when it has none under this model (never computed here)."""
    row = stored_embeddings(type(instance), [instance.pk], encoder_name=encoder_name).get(instance.pk)
    return row.vector(field) if row is not None else None


def nearest(
    vector: np.ndarray,
    *,
    model: type[Model],
    encoder_name: str,
    k: int,
    among: Collection[int] | None = None,
    boost: Mapping[int, float] | None = None,
    field: str = "passage",
) -> list[tuple[int, float]]:
    """The k `model` objects whose stored vectors are closest (cosine) to `vector`, best first.

    `among` restricts the candidates (e.g. to public listings); `boost` adds to some objects'
    scores (e.g. a shared theme). Objects without a stored vector are not candidates.
    """
    table = vector_table(model, encoder_name=encoder_name, field=field)
    if table.ids.size == 0 or k <= 0:
        return []
    vector = np.asarray(vector, dtype=np.float32).reshape(-1)
    if vector.shape[0] != table.matrix.shape[1]:
        return []
    scores = cosine(table.matrix, vector)
    if boost:
        for pk, extra in boost.items():
            position = table.position.get(pk)
            if position is not None:
                scores[position] += extra
    mask = np.isin(table.ids, np.fromiter(among, dtype=np.int64)) if among is not None else None
    return [(int(table.ids[i]), float(scores[i])) for i in top_k(scores, k, mask)]


def reset_tables() -> None:
    """Forget the cached matrices (tests)."""
    with _tables_lock:
        _tables.clear()
