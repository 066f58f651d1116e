"""Reads of search: run a query (with the fallback), turn hits into public objects, saved searches."""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.http import Http404
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from marketplace.models import SDG, Language, Need, Offer, Organisation, Province, Theme
from semantic.encoders import EncoderUnavailable, get_encoder

from .backends import get_search_backend
from .backends.base import (
    QueryVector,
    SearchBackendUnavailable,
    SearchHit,
    SearchQuery,
    SearchResults,
)
from .models import SavedSearch
from .sources import SOURCES
from .text import render_marked

logger = logging.getLogger(__name__)

QUERY_VECTOR_CACHE_SIZE = 1024
_query_vectors: OrderedDict[tuple[str, str], QueryVector] = OrderedDict()
_query_vectors_lock = threading.Lock()

KIND_LABELS = {
    "offer": _("Offers"),
    "need": _("Needs"),
    "organisation": _("Organisations"),
}


def search_encode_query(text: str) -> QueryVector | None:
    """The query's vector from the configured encoder, or None without an encoder."""

    if not text.strip():
        return None
    try:
        encoder = get_encoder()
    except EncoderUnavailable:
        logger.warning("No text encoder: searching by words only", exc_info=True)
        return None
    key = (encoder.name, text)
    with _query_vectors_lock:
        vector = _query_vectors.get(key)
    if vector is None:
        # Encoding is the dearest part of a search; paging and repeated queries reuse it.
        try:
            vector = QueryVector(encoder.name, encoder.encode_queries([text])[0])
        except EncoderUnavailable:
            logger.warning("Text encoder failed: searching by words only", exc_info=True)
            return None
        with _query_vectors_lock:
            _query_vectors[key] = vector
            while len(_query_vectors) > QUERY_VECTOR_CACHE_SIZE:
                _query_vectors.popitem(last=False)
    return vector


def search_run(*, query: SearchQuery) -> SearchResults:
    """Run a query on the default backend, or on its fallback (degraded) when it cannot be reached."""
    wants_vector = query.mode == "describe" or query.with_vectors
    vector = search_encode_query(query.text) if wants_vector else None
    # Meaning was wanted but the encoder is down: words only, and the page says so.
    words_only = wants_vector and vector is None and bool(query.text.strip())
    backend = get_search_backend()
    try:
        results = backend.search(query, vector=vector)
        results.degraded = results.degraded or words_only
        return results
    except SearchBackendUnavailable:
        logger.warning("Search backend %r unavailable; answering from the fallback", backend.alias)
        if not backend.fallback:
            return SearchResults(hits=[], total=0, backend=backend.alias, degraded=True)
        results = get_search_backend(backend.fallback).search(query, vector=vector)
        results.degraded = True
        return results


@dataclass
class SearchItem:
    """One result as the page shows it: the public object, its link and highlighted text."""

    hit: SearchHit
    doc_type: str
    object: Any
    url: str
    title_html: SafeString
    snippet_html: SafeString


@dataclass
class SearchPage:
    """A page of results: the items, the counts and whether the answer may be incomplete."""

    query: SearchQuery
    items: list[SearchItem]
    total: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    degraded: bool = False

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


def search_page(*, query: SearchQuery) -> SearchPage:
    """Search the public offers, needs and organisations; every hit is checked against the
    marketplace's public selectors before it is shown, so a stale index shows nothing private."""
    results = search_run(query=query)
    ids: dict[str, list[int]] = defaultdict(list)
    for hit in results.hits:
        ids[hit.doc_type].append(hit.object_id)
    objects = {
        doc_type: SOURCES[doc_type].public_by_id(pks)
        for doc_type, pks in ids.items()
        if doc_type in SOURCES
    }
    items = []
    dropped = 0
    for hit in results.hits:
        obj = objects.get(hit.doc_type, {}).get(hit.object_id)
        if obj is None:
            # Indexed while public, private since, its outbox row not drained yet: never shown.
            dropped += 1
            continue
        items.append(
            SearchItem(
                hit=hit,
                doc_type=hit.doc_type,
                object=obj,
                url=SOURCES[hit.doc_type].url(obj),
                title_html=render_marked(hit.title or str(obj)),
                snippet_html=render_marked(hit.snippet),
            )
        )
    return SearchPage(
        query=query,
        items=items,
        total=max(0, results.total - dropped),
        facets=results.facets,
        degraded=results.degraded,
    )


def search_facet_labels() -> dict[str, dict[str, str]]:
    """Readable names of every facet value, in the active language."""
    return {
        "kind": {key: str(label) for key, label in KIND_LABELS.items()},
        "theme": {t.slug: t.name for t in Theme.objects.all()},
        "type": {
            **{value: str(label) for value, label in Need.NeedType.choices},
            **{value: str(label) for value, label in Offer.OfferType.choices},
        },
        "province": {p.slug: p.name for p in Province.objects.all()},
        "sdg": {str(s.number): str(s) for s in SDG.objects.all()},
        "organisation_kind": {value: str(label) for value, label in Organisation.Kind.choices},
        "language": {value: str(label) for value, label in Language.choices},
    }


def saved_search_list(*, user: AbstractBaseUser) -> QuerySet[SavedSearch]:
    """A person's saved searches, newest first."""
    return SavedSearch.objects.filter(user=user)


def saved_search_get(*, user: AbstractBaseUser, pk: int) -> SavedSearch:
    """One of the person's own saved searches; 404 for anybody else's."""
    try:
        return SavedSearch.objects.get(user=user, pk=pk)
    except SavedSearch.DoesNotExist as exc:
        raise Http404 from exc
