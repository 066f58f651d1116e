"""Elasticsearch 8 behind the search protocol: lexical and kNN requests in one round trip, fused here.

Reciprocal rank fusion is a paid Elasticsearch feature, so the engine returns two rankings (words
with highlights, nearest vectors) and the fusion happens in `reciprocal_rank_fusion`. A third
request of the same msearch counts the facets over the union, each facet with every filter but its
own. Requests time out after at most 2 seconds; a failure opens a circuit breaker, so that for a
while searches go straight to the fallback (the embedded backend) without waiting on the network.
Writes go to aliases; a rebuild fills new indices and swaps the aliases in one step.
"""

from __future__ import annotations

import datetime
import logging
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import elastic_transport
import elasticsearch
from elasticsearch import helpers
from elasticsearch.dsl import Q, Search

from django.utils import timezone

from ..documents import DOCUMENT_CLASSES, HIGHLIGHT_FIELDS, SEARCH_FIELDS, index_body, to_source
from ..text import mark_terms, query_terms, snippet
from .base import (
    FACETS,
    MARK_END,
    MARK_START,
    ProgressCallback,
    QueryVector,
    SearchBackend,
    SearchBackendUnavailable,
    SearchDocument,
    SearchHit,
    SearchQuery,
    SearchResults,
    mode_weights,
    reciprocal_rank_fusion,
)

logger = logging.getLogger(__name__)
T = TypeVar("T")
MAX_TIMEOUT = 2.0
SOURCE_FIELDS = ["doc_type", "object_id", "title", "body", "published_at"]


class CircuitBreaker:
    """Closed: calls go through. After `threshold` failures: open, calls fail at once for
    `reset_seconds`. Then one trial call may go through (half open); its success closes it."""

    def __init__(
        self,
        *,
        threshold: int = 1,
        reset_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.threshold = max(1, threshold)
        self.reset_seconds = reset_seconds
        self.clock = clock
        self.failures = 0
        self.opened_at: float | None = None
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None and self.clock() - self.opened_at < self.reset_seconds

    def allow(self) -> bool:
        with self._lock:
            if self.opened_at is None:
                return True
            if self.clock() - self.opened_at >= self.reset_seconds:
                # Half open: this caller tries; everybody else waits for another period.
                self.opened_at = self.clock()
                return True
            return False

    def success(self) -> None:
        with self._lock:
            self.failures = 0
            self.opened_at = None

    def failure(self) -> None:
        with self._lock:
            self.failures += 1
            if self.failures >= self.threshold:
                self.opened_at = self.clock()


class ElasticsearchBackend(SearchBackend):
    """Elasticsearch 8 through the official client; bodies built with elasticsearch.dsl."""

    def __init__(self, alias: str, params: Mapping[str, Any]) -> None:
        super().__init__(alias, params)
        self.urls = list(params.get("URLS") or ["http://localhost:9200"])
        self.prefix = params.get("INDEX_PREFIX", "b2c")
        self.timeout = min(float(params.get("TIMEOUT", MAX_TIMEOUT)), MAX_TIMEOUT)
        self.breaker = CircuitBreaker(
            threshold=int(params.get("BREAKER_THRESHOLD", 1)),
            reset_seconds=float(params.get("BREAKER_RESET_SECONDS", 30)),
        )
        # "wait_for" makes writes visible to the next search (tests); production leaves it off.
        self.refresh = self.options.get("REFRESH", False)
        self.shards = int(self.options.get("SHARDS", 1))
        self.replicas = int(self.options.get("REPLICAS", 0))
        self._client: elasticsearch.Elasticsearch | None = None
        self._ensured = False

    # Connection ----------------------------------------------------------------------------

    @property
    def client(self) -> elasticsearch.Elasticsearch:
        if self._client is None:
            self._client = elasticsearch.Elasticsearch(
                self.urls,
                request_timeout=self.timeout,
                max_retries=0,
                retry_on_timeout=False,
            )
        return self._client

    def _call(self, action: Callable[[], T]) -> T:
        """Run one request through the circuit breaker; any failure becomes SearchBackendUnavailable."""
        if not self.breaker.allow():
            raise SearchBackendUnavailable(f"{self.alias}: circuit breaker open")
        try:
            result = action()
        except elasticsearch.ApiError as exc:
            if exc.meta.status >= 500 or exc.meta.status == 429:
                self.breaker.failure()
            else:
                # A refused request is our bug, not an outage: log it, answer from the fallback.
                logger.exception("Elasticsearch refused a request")
                self.breaker.success()
            raise SearchBackendUnavailable(f"{self.alias}: {exc}") from exc
        except helpers.BulkIndexError as exc:
            # Documents refused one by one (a mapping conflict): the engine itself is up.
            logger.error("Elasticsearch refused documents: %s", exc.errors[:3])
            raise SearchBackendUnavailable(f"{self.alias}: {exc}") from exc
        except (elastic_transport.TransportError, OSError) as exc:
            self.breaker.failure()
            raise SearchBackendUnavailable(f"{self.alias}: {exc}") from exc
        self.breaker.success()
        return result

    def alias_name(self, doc_type: str) -> str:
        return f"{self.prefix}-{doc_type}"

    @property
    def read_aliases(self) -> str:
        return ",".join(self.alias_name(doc_type) for doc_type in DOCUMENT_CLASSES)

    def _dims(self, vectors: Mapping[str, QueryVector] | None = None) -> int | None:
        for vector in (vectors or {}).values():
            return int(vector.vector.shape[-1])
        try:
            from semantic.encoders import EncoderUnavailable, get_encoder

            return get_encoder().dim
        except EncoderUnavailable:
            return None

    def _new_index_name(self, doc_type: str) -> str:
        return f"{self.alias_name(doc_type)}-{timezone.now():%Y%m%d%H%M%S%f}"

    def _create_index(self, name: str, doc_type: str, dims: int | None) -> None:
        body = index_body(doc_type, dims=dims or 0, shards=self.shards, replicas=self.replicas)
        if not dims:
            del body["mappings"]["properties"]["vector"]["dims"]
        self.client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])

    def ensure_indices(self, vectors: Mapping[str, QueryVector] | None = None) -> None:
        """Create each type's index and alias the first time anything is written."""
        if self._ensured:
            return

        def create_missing() -> None:
            for doc_type in DOCUMENT_CLASSES:
                alias = self.alias_name(doc_type)
                if not self.client.indices.exists_alias(name=alias):
                    name = self._new_index_name(doc_type)
                    self._create_index(name, doc_type, self._dims(vectors))
                    self.client.indices.put_alias(index=name, name=alias)

        self._call(create_missing)
        self._ensured = True

    # Writing -------------------------------------------------------------------------------

    def _actions(
        self,
        documents: Sequence[SearchDocument],
        vectors: Mapping[str, QueryVector] | None,
        index_for: Callable[[str], str],
    ) -> list[dict[str, Any]]:
        actions = []
        for document in documents:
            vector = (vectors or {}).get(document.key)
            actions.append(
                {
                    "_op_type": "index",
                    "_index": index_for(document.doc_type),
                    "_id": document.key,
                    "_source": to_source(
                        document,
                        vector=vector.vector.astype(float).tolist() if vector else None,
                        encoder=vector.encoder if vector else "",
                    ),
                }
            )
        return actions

    def index_documents(
        self, documents: Sequence[SearchDocument], vectors: Mapping[str, QueryVector] | None = None
    ) -> None:
        if not documents:
            return
        self.ensure_indices(vectors)
        actions = self._actions(documents, vectors, self.alias_name)
        self._call(lambda: helpers.bulk(self.client, actions, refresh=self.refresh))

    def delete_documents(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if not keys:
            return
        self.ensure_indices()
        actions = [
            {"_op_type": "delete", "_index": self.alias_name(key.partition(":")[0]), "_id": key}
            for key in keys
        ]

        def delete() -> None:
            _ok, errors = helpers.bulk(
                self.client, actions, refresh=self.refresh, raise_on_error=False
            )
            real = [e for e in errors if e.get("delete", {}).get("status") != 404]
            if real:
                raise helpers.BulkIndexError(f"{len(real)} document(s) failed to delete", real)

        self._call(delete)

    def rebuild(
        self,
        batches: Iterable[tuple[Sequence[SearchDocument], Mapping[str, QueryVector]]],
        *,
        total: int,
        progress: ProgressCallback | None = None,
    ) -> int:
        """Fill fresh indices, then point the aliases at them in one atomic step and drop the old."""
        names = {doc_type: self._new_index_name(doc_type) for doc_type in DOCUMENT_CLASSES}
        dims = self._dims()
        self._call(
            lambda: [self._create_index(names[t], t, dims) for t in DOCUMENT_CLASSES]
        )
        done = 0
        for documents, vectors in batches:
            actions = self._actions(documents, vectors, names.__getitem__)
            self._call(lambda actions=actions: helpers.bulk(self.client, actions))
            done += len(documents)
            if progress:
                progress(done, total)

        def swap() -> None:
            self.client.indices.refresh(index=",".join(names.values()))
            actions: list[dict[str, Any]] = []
            old: list[str] = []
            for doc_type, name in names.items():
                alias = self.alias_name(doc_type)
                if self.client.indices.exists_alias(name=alias):
                    current = list(self.client.indices.get_alias(name=alias).keys())
                    old.extend(current)
                    actions.extend({"remove": {"index": i, "alias": alias}} for i in current)
                actions.append({"add": {"index": name, "alias": alias}})
            self.client.indices.update_aliases(actions=actions)
            for index in old:
                self.client.indices.delete(index=index, ignore_unavailable=True)

        self._call(swap)
        self._ensured = True
        return done

    def count(self) -> int:
        response = self._call(
            lambda: self.client.count(index=self.read_aliases, ignore_unavailable=True)
        )
        return int(response["count"])

    def clear(self) -> None:
        def delete_all() -> None:
            for doc_type in DOCUMENT_CLASSES:
                alias = self.alias_name(doc_type)
                if self.client.indices.exists_alias(name=alias):
                    for index in self.client.indices.get_alias(name=alias):
                        self.client.indices.delete(index=index, ignore_unavailable=True)

        self._call(delete_all)
        self._ensured = False

    # Reading -------------------------------------------------------------------------------

    def public_filters(self, query: SearchQuery, *, today: datetime.date) -> list[Q]:
        """Only published, unexpired documents, whatever the index holds (defence in depth)."""
        filters = [
            Q("term", status="published"),
            Q(
                "bool",
                should=[
                    Q("range", expires_on={"gte": today.isoformat()}),
                    Q("bool", must_not=[Q("exists", field="expires_on")]),
                ],
                minimum_should_match=1,
            ),
        ]
        if query.published_after is not None:
            filters.append(Q("range", published_at={"gt": query.published_after.isoformat()}))
        if query.keys is not None:
            filters.append(Q("ids", values=sorted(query.keys)))
        return filters

    @staticmethod
    def facet_filters(filters: Mapping[str, str]) -> dict[str, Q]:
        return {
            name: Q("term", **{name: str(value)})
            for name, value in sorted(filters.items())
            if value and name in FACETS
        }

    @staticmethod
    def lexical_query(text: str, mode: str) -> Q:
        """Words mode: every word must occur. A description: any word may (it only helps ranking)."""
        return Q(
            "multi_match",
            query=text,
            fields=SEARCH_FIELDS,
            type="cross_fields",
            operator="or" if mode == "describe" else "and",
        )

    def _knn(
        self, search: Search, vector: QueryVector, filters: list[Q], k: int | None = None
    ) -> Search:
        k = k or self.vector_candidates
        return search.knn(
            field="vector",
            k=k,
            num_candidates=max(100, 2 * k),
            query_vector=[float(x) for x in vector.vector.reshape(-1)],
            filter=Q("bool", filter=[*filters, Q("term", encoder=vector.encoder)]),
        )

    def search_bodies(
        self, query: SearchQuery, *, vector: QueryVector | None, today: datetime.date
    ) -> dict[str, dict[str, Any]]:
        """The request bodies of one search: "lexical", "facets" and, with a vector, "knn".

        Words mode: the words decide the matches (lexical, facets), the nearest vectors among
        those matches help order them (knn filtered by the words). A description: the nearest
        vectors are the matches (knn, facets over the knn hits), its words help order them."""
        text = query.text.strip()
        public = self.public_filters(query, today=today)
        facet_filters = self.facet_filters(query.filters)
        all_filters = [*public, *facet_filters.values()]
        use_vector = bool(text) and vector is not None and (
            query.mode == "describe" or query.with_vectors
        )
        by_meaning = use_vector and query.mode == "describe"
        words = self.lexical_query(text, query.mode) if text else None
        bodies: dict[str, dict[str, Any]] = {}

        lexical = Search().source(SOURCE_FIELDS).extra(track_total_hits=True)
        if words is not None:
            lexical = lexical.query(Q("bool", must=[words], filter=all_filters))
            lexical = lexical.highlight_options(
                pre_tags=[MARK_START],
                post_tags=[MARK_END],
                number_of_fragments=1,
                fragment_size=220,
                no_match_size=0,
            ).highlight(*HIGHLIGHT_FIELDS)
            lexical = lexical.extra(size=min(query.window, self.max_window))
        else:
            lexical = lexical.query(Q("bool", filter=all_filters))
            lexical = lexical.extra(from_=query.offset, size=query.per_page)
        if not text or query.sort == "newest":
            lexical = lexical.sort({"published_at": {"order": "desc"}}, "_doc")
        bodies["lexical"] = lexical.to_dict()

        if use_vector:
            assert vector is not None  # noqa: S101 - narrowed by use_vector
            knn_filters = all_filters if by_meaning else [*all_filters, words]
            knn = self._knn(Search().source(SOURCE_FIELDS), vector, knn_filters)
            bodies["knn"] = knn.extra(size=self.vector_candidates).to_dict()

        if query.with_facets or text:
            facets = Search().extra(size=0, track_total_hits=True)
            if by_meaning:
                assert vector is not None  # noqa: S101 - narrowed by by_meaning
                # The nearest vectors under every filter: unlike the embedded engine, a facet's
                # other values are not counted here (docs/search.md, "Differences").
                facets = self._knn(facets, vector, all_filters)
            elif words is not None:
                facets = facets.query(Q("bool", must=[words], filter=public))
            else:
                facets = facets.query(Q("bool", filter=public))
            facets.aggs.bucket("all", "filter", Q("bool", filter=list(facet_filters.values())))
            if query.with_facets:
                for name in FACETS:
                    others = [f for other, f in facet_filters.items() if other != name]
                    facets.aggs.bucket(f"facet_{name}", "filter", Q("bool", filter=others)).bucket(
                        "values", "terms", field=name, size=100
                    )
            bodies["facets"] = facets.to_dict()
        return bodies

    def search(self, query: SearchQuery, *, vector: QueryVector | None = None) -> SearchResults:
        bodies = self.search_bodies(query, vector=vector, today=timezone.localdate())
        names = list(bodies)
        searches: list[dict[str, Any]] = []
        for name in names:
            searches.append({"index": self.read_aliases, "ignore_unavailable": True})
            searches.append(bodies[name])
        response = self._call(lambda: self.client.msearch(searches=searches))
        answers = dict(zip(names, response["responses"], strict=True))
        for answer in answers.values():
            if "error" in answer:
                raise SearchBackendUnavailable(f"{self.alias}: {answer['error']}")
        return self._results(query, answers)

    def _results(self, query: SearchQuery, answers: dict[str, Any]) -> SearchResults:
        text = query.text.strip()
        terms = query_terms(text) if text else []
        lexical_hits = answers["lexical"]["hits"]["hits"]
        knn_hits = answers.get("knn", {}).get("hits", {}).get("hits", [])
        by_meaning = query.mode == "describe" and "knn" in answers
        sources = {h["_id"]: h for h in [*knn_hits, *lexical_hits]}
        # Prefer the lexical copy of a hit: it carries the highlights.
        sources.update({h["_id"]: h for h in lexical_hits})
        if not text:
            ranked = [(h["_id"], 0.0) for h in lexical_hits]
            total = answers["lexical"]["hits"]["total"]["value"]
        else:
            lexical_ranking = [h["_id"] for h in lexical_hits]
            vector_ranking = [h["_id"] for h in knn_hits]
            if by_meaning:
                candidates = set(vector_ranking)
                lexical_ranking = [key for key in lexical_ranking if key in candidates]
            fused = reciprocal_rank_fusion(
                [lexical_ranking, vector_ranking], weights=mode_weights(query.mode)
            )
            if query.sort == "newest":
                order = sorted(
                    fused, key=lambda key: sources[key]["_source"].get("published_at") or "",
                    reverse=True,
                )
            else:
                order = sorted(fused, key=lambda key: -fused[key])
            ranked = [(key, fused[key]) for key in order[query.offset : query.window]]
            if "facets" in answers:
                total = answers["facets"]["aggregations"]["all"]["doc_count"]
            else:
                total = len(fused)
        hits = [self._hit(key, score, sources[key], terms) for key, score in ranked]
        facets: dict[str, dict[str, int]] = {}
        aggregations = answers.get("facets", {}).get("aggregations", {})
        if query.with_facets:
            for name in FACETS:
                buckets = aggregations.get(f"facet_{name}", {}).get("values", {}).get("buckets", [])
                facets[name] = {str(b["key"]): int(b["doc_count"]) for b in buckets if b["doc_count"]}
        return SearchResults(hits=hits, total=int(total), facets=facets, backend=self.alias)

    @staticmethod
    def _hit(key: str, score: float, hit: dict[str, Any], terms: list[str]) -> SearchHit:
        source = hit.get("_source", {})
        highlight = hit.get("highlight", {})
        title = next(
            (highlight[f][0] for f in ("title", "title_nl", "title_en") if highlight.get(f)),
            mark_terms(source.get("title", ""), terms),
        )
        body = next(
            (highlight[f][0] for f in ("body", "body_nl", "body_en") if highlight.get(f)),
            None,
        )
        published = source.get("published_at")
        return SearchHit(
            key=key,
            score=score,
            title=title,
            snippet=body if body is not None else snippet(source.get("body", ""), terms),
            published_at=datetime.datetime.fromisoformat(published) if published else None,
        )

    def vector_search(
        self,
        vector: QueryVector,
        *,
        k: int = 50,
        filters: Mapping[str, str] | None = None,
    ) -> list[tuple[str, float]]:
        query = SearchQuery(filters=filters or {})
        filter_list = [
            *self.public_filters(query, today=timezone.localdate()),
            *self.facet_filters(query.filters).values(),
        ]
        body = self._knn(Search().source(False), vector, filter_list, k).extra(size=k).to_dict()
        response = self._call(
            lambda: self.client.search(index=self.read_aliases, ignore_unavailable=True, body=body)
        )
        # Elasticsearch scores cosine as (1 + cos) / 2; turn it back into the similarity.
        return [(h["_id"], 2.0 * float(h["_score"]) - 1.0) for h in response["hits"]["hits"]]
