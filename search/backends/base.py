"""The search backend protocol: documents in, filtered and faceted hits out, engine-neutral."""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from semantic.texts import listing_text

# The document types the index holds; a hub article type slots in beside them (search.sources).
DOC_TYPES = ("offer", "need", "organisation")
# Facets, in the order the page shows them. Every document carries a list of values per facet.
FACETS = ("kind", "theme", "type", "province", "sdg", "organisation_kind", "language")
MODES = ("words", "describe")
SORTS = ("relevance", "newest")
# Reciprocal rank fusion constant (Cormack et al. 2009); 60 is the customary value.
RRF_K = 60
# Highlight markers: private-use characters that never occur in listing text, turned into
# <mark> only after the text around them has been HTML-escaped (search.highlight).
MARK_START = "\ue000"
MARK_END = "\ue001"


class SearchBackendUnavailable(RuntimeError):
    """The engine cannot be reached (timeout, refused connection, open circuit breaker)."""


@dataclass(frozen=True)
class SearchDocument:
    """What the index knows about one public item: its text, facet values and dates."""

    doc_type: str
    object_id: int
    title: str
    body: str
    extra: str = ""
    language: str = ""
    status: str = "published"
    published_at: datetime.datetime | None = None
    expires_on: datetime.date | None = None
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return document_key(self.doc_type, self.object_id)

    @property
    def embedding_text(self) -> str:
        """The passage the encoder turns into this document's vector (for a listing, exactly the
        text matching embeds: one row of semantic.Embedding serves both)."""
        return listing_text(self.title, self.body)


def document_key(doc_type: str, object_id: int) -> str:
    """The one string naming a document in every backend: "offer:12"."""
    return f"{doc_type}:{int(object_id)}"


def split_key(key: str) -> tuple[str, int]:
    doc_type, _, object_id = key.partition(":")
    return doc_type, int(object_id)


@dataclass(frozen=True)
class QueryVector:
    """A query embedding and the name of the encoder that made it (vectors of other encoders are ignored)."""

    encoder: str
    vector: np.ndarray


@dataclass(frozen=True)
class SearchQuery:
    """One search: words or a description, facet filters, sort and page."""

    text: str = ""
    mode: str = "words"
    filters: Mapping[str, str] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    # Only documents published after this moment (saved-search alerts).
    published_after: datetime.datetime | None = None
    # Only these documents ("offer:12"...), e.g. to test whether new listings match.
    keys: frozenset[str] | None = None
    with_facets: bool = True
    # In words mode, also take the nearest vectors as candidates (hybrid search).
    with_vectors: bool = True

    @property
    def offset(self) -> int:
        return (max(self.page, 1) - 1) * self.per_page

    @property
    def window(self) -> int:
        """How many ranked hits are needed to serve this page."""
        return self.offset + self.per_page


@dataclass
class SearchHit:
    """One result: which document, its fused score and highlighted title and snippet (marked text)."""

    key: str
    score: float = 0.0
    title: str = ""
    snippet: str = ""
    published_at: datetime.datetime | None = None

    @property
    def doc_type(self) -> str:
        return split_key(self.key)[0]

    @property
    def object_id(self) -> int:
        return split_key(self.key)[1]


@dataclass
class SearchResults:
    """A page of hits, how many there are in all, facet counts, and whether the answer is degraded."""

    hits: list[SearchHit]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    backend: str = ""
    degraded: bool = False


ProgressCallback = Callable[[int, int], None]


class SearchBackend(ABC):
    """An engine behind the search page and the matcher: index, delete, search, vector search, rebuild."""

    def __init__(self, alias: str, params: Mapping[str, Any]) -> None:
        self.alias = alias
        self.params = dict(params)
        options = dict(self.params.get("OPTIONS", {}))
        self.options = options
        # Another alias to answer from when this engine cannot be reached.
        self.fallback: str | None = self.params.get("FALLBACK")
        self.vector_candidates = int(options.get("VECTOR_CANDIDATES", 50))
        self.max_window = int(options.get("MAX_WINDOW", 1000))

    @abstractmethod
    def index_documents(
        self, documents: Sequence[SearchDocument], vectors: Mapping[str, QueryVector] | None = None
    ) -> None:
        """Add or replace documents (vectors by document key, when there are any)."""

    @abstractmethod
    def delete_documents(self, keys: Iterable[str]) -> None:
        """Remove documents; unknown keys are ignored."""

    @abstractmethod
    def search(self, query: SearchQuery, *, vector: QueryVector | None = None) -> SearchResults:
        """Public documents matching the query, ranked, with facet counts over the filtered set."""

    @abstractmethod
    def vector_search(
        self,
        vector: QueryVector,
        *,
        k: int = 50,
        filters: Mapping[str, str] | None = None,
    ) -> list[tuple[str, float]]:
        """The k public documents nearest to a vector, as (key, cosine similarity)."""

    @abstractmethod
    def rebuild(
        self,
        batches: Iterable[tuple[Sequence[SearchDocument], Mapping[str, QueryVector]]],
        *,
        total: int,
        progress: ProgressCallback | None = None,
    ) -> int:
        """Rebuild the whole index from these batches without interrupting search; returns the count."""

    @abstractmethod
    def count(self) -> int:
        """How many documents the index holds."""

    def clear(self) -> None:
        """Forget everything (tests and benchmarks)."""
        raise NotImplementedError


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[str]], *, weights: Sequence[float] | None = None, k: int = RRF_K
) -> dict[str, float]:
    """Fuse ranked lists of keys: score = sum of weight / (k + rank), ranks counted from 1."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, key in enumerate(ranking, start=1):
            scores[key] = scores.get(key, 0.0) + weight / (k + rank)
    return scores


def mode_weights(mode: str) -> tuple[float, float]:
    """Weights of (lexical, vector) rankings: words lean on words, descriptions on meaning."""
    return (1.0, 1.0) if mode == "words" else (0.5, 1.0)
