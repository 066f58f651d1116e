"""Candidates for the matcher from the search engine: nearest vectors plus words.

The matcher names this function in settings (MATCHING["CANDIDATES_SOURCE"]) instead of importing
search, so the two apps stay side by side in their layer.
"""

from __future__ import annotations

import logging

from .backends import get_search_backend
from .backends.base import QueryVector, SearchBackendUnavailable, SearchQuery

logger = logging.getLogger(__name__)


def candidate_ids(*, kind: str, title: str, model: str, vector, k: int) -> set[int] | None:
    """Ids of up to 2k listings of `kind` near the vector or sharing words with the title.

    None when the engine is unavailable: the matcher then ranks its whole in-process pool."""
    try:
        backend = get_search_backend()
        keys = [key for key, _score in backend.vector_search(
            QueryVector(model, vector), k=k, filters={"kind": kind}
        )]
        words = backend.search(SearchQuery(
            text=title, filters={"kind": kind}, per_page=k, with_facets=False, with_vectors=False,
        ))
        keys += [hit.key for hit in words.hits]
    except SearchBackendUnavailable:
        logger.warning("search backend unavailable: ranking the whole in-process pool")
        return None
    return {int(key.split(":", 1)[1]) for key in keys if key.startswith(f"{kind}:")}
