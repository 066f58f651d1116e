"""Elasticsearch without a server: mapping and query snapshots, response handling, outages.

Snapshots live in tests/search/snapshots/; after a deliberate change rewrite them with
`SEARCH_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/search/test_elasticsearch.py` and review the diff.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import time
from pathlib import Path

import numpy as np
import pytest

from django.core.management import call_command
from django.urls import get_resolver

from search.backends import get_search_backend, reset_search_backends
from search.backends.base import (
    MARK_END,
    MARK_START,
    QueryVector,
    SearchBackendUnavailable,
    SearchQuery,
)
from search.backends.elasticsearch import CircuitBreaker, ElasticsearchBackend
from search.documents import DOCUMENT_CLASSES, index_body, to_source
from search.models import SearchOutbox
from search.selectors import search_page
from search.services import search_index_enqueue
from tests.factories import NeedFactory, OfferFactory
from tests.search.conftest import elasticsearch_settings
from tests.search.fake_elasticsearch import BlackHole, FakeElasticsearch, free_port

SNAPSHOTS = Path(__file__).parent / "snapshots"
TODAY = datetime.date(2025, 1, 15)


def assert_snapshot(name: str, value: dict) -> None:
    path = SNAPSHOTS / f"{name}.json"
    text = json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    if os.environ.get("SEARCH_UPDATE_SNAPSHOTS"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}: run with SEARCH_UPDATE_SNAPSHOTS=1 and review it"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from {path}"


def offline_backend(**options) -> ElasticsearchBackend:
    return ElasticsearchBackend(
        "default",
        {"URLS": ["http://127.0.0.1:9"], "INDEX_PREFIX": "b2c", "OPTIONS": options},
    )


# Snapshots of what we send -------------------------------------------------------------------


@pytest.mark.parametrize("doc_type", sorted(DOCUMENT_CLASSES))
def test_index_mapping_snapshot(doc_type):
    assert_snapshot(f"mapping_{doc_type}", index_body(doc_type, dims=384))


def test_mapping_has_dutch_and_english_fields_and_a_knn_vector():
    properties = index_body("need", dims=384)["mappings"]["properties"]
    assert properties["title_nl"]["analyzer"] == "dutch_folded"
    assert properties["body_en"]["analyzer"] == "english_folded"
    assert properties["vector"] == {
        "type": "dense_vector", "dims": 384, "index": True, "similarity": "cosine",
    }
    assert properties["province"]["type"] == "keyword"


VECTOR = QueryVector("fake/hashed-ngrams-256", np.array([0.6, 0.8], dtype=np.float32))


@pytest.mark.parametrize(
    ("name", "query", "vector"),
    [
        ("query_words", SearchQuery(text="zonnepanelen dak", filters={"theme": "energy", "province": "utrecht"}), VECTOR),
        ("query_describe", SearchQuery(text="a loan for solar panels on our village hall", mode="describe", page=2), VECTOR),
        ("query_browse", SearchQuery(filters={"kind": "need"}, sort="newest"), None),
        ("query_words_without_vector", SearchQuery(text="repair café", sort="newest"), None),
    ],
)
def test_query_body_snapshot(name, query, vector):
    assert_snapshot(name, offline_backend().search_bodies(query, vector=vector, today=TODAY))


@pytest.mark.parametrize("mode", ["words", "describe"])
def test_every_request_keeps_to_published_unexpired_documents(mode):
    bodies = offline_backend().search_bodies(
        SearchQuery(text="zon", mode=mode), vector=VECTOR, today=TODAY
    )
    public = {"term": {"status": "published"}}
    for name, body in bodies.items():
        retrievers = [body[key] for key in ("query", "knn") if key in body]
        assert retrievers, name
        for retriever in retrievers:
            filters = retriever.get("bool", retriever).get("filter")
            filters = filters["bool"]["filter"] if isinstance(filters, dict) else filters
            assert public in filters, name


@pytest.mark.django_db
def test_source_puts_text_in_the_field_of_its_language():
    from search.sources import SOURCES

    need = NeedFactory(published=True, language="nl")
    source = to_source(SOURCES["need"].to_document(need), vector=[0.1, 0.2], encoder="fake")
    assert source["title_nl"] == need.title and "title_en" not in source
    assert source["province"] == ["utrecht"] and source["kind"] == ["need"]
    assert source["vector"] == [0.1, 0.2] and source["encoder"] == "fake"


# Reading answers -----------------------------------------------------------------------------


def test_answers_are_fused_in_our_code_and_highlights_escaped():
    backend = offline_backend()
    query = SearchQuery(text="zonnepanelen", per_page=3)

    def hit(key, title, highlight=None):
        return {
            "_id": key,
            "_source": {"title": title, "body": "Zonnepanelen <b>goedkoop</b>", "published_at": "2025-01-01T10:00:00+00:00"},
            **({"highlight": highlight} if highlight else {}),
        }

    answers = {
        "lexical": {"hits": {"total": {"value": 2}, "hits": [
            hit("need:1", "A", {"title_nl": [f"{MARK_START}Zonnepanelen{MARK_END} <script>"]}),
            hit("offer:2", "B"),
        ]}},
        "knn": {"hits": {"hits": [hit("offer:2", "B"), hit("offer:3", "C")]}},
        "facets": {"aggregations": {
            "all": {"doc_count": 3},
            "facet_kind": {"doc_count": 3, "values": {"buckets": [{"key": "offer", "doc_count": 2}, {"key": "need", "doc_count": 1}]}},
        }},
    }
    results = backend._results(query, answers)
    assert [h.key for h in results.hits] == ["offer:2", "need:1", "offer:3"]
    assert results.total == 3
    assert results.facets["kind"] == {"offer": 2, "need": 1}
    from search.text import render_marked

    need = results.hits[1]
    assert render_marked(need.title) == "<mark>Zonnepanelen</mark> &lt;script&gt;"
    assert render_marked(results.hits[2].snippet) == "<mark>Zonnepanelen</mark> &lt;b&gt;goedkoop&lt;/b&gt;"


def test_circuit_breaker_opens_then_lets_one_trial_through():
    now = [100.0]
    breaker = CircuitBreaker(threshold=2, reset_seconds=30, clock=lambda: now[0])
    breaker.failure()
    assert breaker.allow()
    breaker.failure()
    assert not breaker.allow() and breaker.is_open
    now[0] += 31
    assert breaker.allow()  # the trial
    assert not breaker.allow()  # everybody else keeps waiting
    breaker.success()
    assert breaker.allow() and not breaker.is_open


def test_timeout_is_capped_at_two_seconds():
    backend = ElasticsearchBackend("default", {"URLS": ["http://127.0.0.1:9"], "TIMEOUT": 30})
    assert backend.timeout == 2.0


# Outages -------------------------------------------------------------------------------------


@pytest.fixture
def published_offer(db, django_capture_on_commit_callbacks):
    """An offer saved and enqueued as a marketplace service would, with the tasks run."""
    def make(**fields):
        offer = OfferFactory(published=True, **fields)
        with django_capture_on_commit_callbacks(execute=True):
            search_index_enqueue(instance=offer)
        return offer
    return make


def pending(alias: str) -> int:
    return SearchOutbox.objects.filter(backend=alias, processed_at__isnull=True).count()


@pytest.mark.django_db
def test_closed_port_saves_succeed_search_falls_back_and_outbox_drains_on_return(
    settings, published_offer
):
    port = free_port()
    settings.SEARCH_BACKENDS = elasticsearch_settings(
        f"http://127.0.0.1:{port}", BREAKER_RESET_SECONDS=60
    )
    reset_search_backends()

    offer = published_offer(title="Kringloopwinkel zoekt bakfiets", language="nl")
    assert pending("default") == 1 and pending("embedded") == 0
    row = SearchOutbox.objects.get(backend="default")
    assert row.attempts == 1 and row.last_error

    get_resolver().resolve("/")  # import the URLconf first: a one-time cost, not the outage
    started = time.monotonic()
    page = search_page(query=SearchQuery(text="bakfiets"))
    assert time.monotonic() - started < 2.0
    assert page.degraded
    assert [item.object for item in page.items] == [offer]

    second = published_offer(title="Tweede bakfiets voor de buurt", language="nl")
    assert pending("default") == 2  # the breaker is open: no new attempt, nothing lost

    with FakeElasticsearch(port=port) as engine:
        get_search_backend().breaker.success()  # the engine is back: as if the breaker's time ran out
        call_command("replay_search_outbox", stdout=open(os.devnull, "w"))  # noqa: SIM115
        assert pending("default") == 0
        assert set(engine.documents) == {f"offer:{offer.pk}", f"offer:{second.pk}"}
        page = search_page(query=SearchQuery(text="bakfiets"))
        assert not page.degraded
        assert {item.object for item in page.items} == {offer, second}


@pytest.mark.django_db
def test_server_that_never_answers_costs_one_timeout_then_the_breaker_answers_at_once(
    settings, published_offer
):
    with BlackHole() as hole:
        settings.SEARCH_BACKENDS = elasticsearch_settings(hole.url, TIMEOUT=0.5)
        reset_search_backends()
        published_offer(title="Deelauto voor het dorp", language="nl")  # the save itself succeeds
        assert pending("default") == 1 and pending("embedded") == 0
        reset_search_backends()  # a fresh process: the breaker is closed again
        started = time.monotonic()
        page = search_page(query=SearchQuery(text="deelauto"))
        first = time.monotonic() - started
        assert page.degraded and len(page.items) == 1
        assert 0.4 < first < 1.5
        attempts = hole.accepted

        started = time.monotonic()
        page = search_page(query=SearchQuery(text="deelauto"))
        assert time.monotonic() - started < 0.3
        assert page.degraded and len(page.items) == 1
        assert hole.accepted == attempts  # no new connection while the breaker is open


@pytest.mark.django_db
def test_engine_errors_leave_rows_pending_and_replay_applies_them(settings, published_offer):
    with FakeElasticsearch() as engine:
        settings.SEARCH_BACKENDS = elasticsearch_settings(engine.url, BREAKER_RESET_SECONDS=0)
        reset_search_backends()
        engine.unavailable = True
        offer = published_offer(language="en")
        assert pending("default") == 1
        with pytest.raises(SearchBackendUnavailable):
            get_search_backend().count()
        engine.unavailable = False
        call_command("replay_search_outbox", stdout=open(os.devnull, "w"))  # noqa: SIM115
        assert pending("default") == 0
        assert list(engine.documents) == [f"offer:{offer.pk}"]
        assert engine.documents[f"offer:{offer.pk}"]["status"] == "published"


@pytest.mark.django_db
def test_rebuild_fills_new_indices_then_swaps_the_aliases(settings):
    with FakeElasticsearch() as engine:
        settings.SEARCH_BACKENDS = elasticsearch_settings(engine.url)
        reset_search_backends()
        stale = OfferFactory(published=True, title="Verouderd")
        backend = get_search_backend()
        from search.sources import SOURCES

        backend.index_documents([SOURCES["offer"].to_document(stale)])
        old_indices = set(engine.indices)
        assert f"offer:{stale.pk}" in engine.documents
        stale.status = "closed"
        stale.save(update_fields=["status"])
        offer = OfferFactory(published=True, title="Nieuw aanbod")

        out = io.StringIO()
        call_command("rebuild_search_index", "--backend", "default", stdout=out)
        assert "default: 3 document(s) indexed." in out.getvalue()
        assert not old_indices & set(engine.indices)  # the old indices are gone
        alias = backend.alias_name("offer")
        (new_index,) = engine.aliases[alias]
        assert new_index.startswith(f"{alias}-") and new_index not in old_indices
        assert set(engine.indices[new_index]) == {f"offer:{offer.pk}"}
        assert backend.count() == 3  # the offer and two organisations
        assert ("POST", "/_aliases") in engine.requests
