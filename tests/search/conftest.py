"""Search fixtures: the fake encoder, a fresh embedded backend per test, listings in the index."""

from __future__ import annotations

import os
import uuid

import pytest

from search import selectors, services
from search.backends import get_search_backend, reset_search_backends
from semantic.encoders import reset_encoders
from semantic.neighbours import reset_tables
from tests.factories import NeedFactory, OfferFactory

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
FAKE_ENCODER = {"ENCODER": {"BACKEND": "semantic.encoders.FakeEncoder", "OPTIONS": {}}}
EMBEDDED = {"BACKEND": "search.backends.embedded.EmbeddedBackend"}


@pytest.fixture(autouse=True)
def _search_settings(settings):
    """Every search test: the deterministic fake encoder and a fresh embedded backend."""
    settings.SEMANTIC = {**getattr(settings, "SEMANTIC", {}), **FAKE_ENCODER}
    settings.SEARCH_BACKENDS = {"default": EMBEDDED}
    reset_search_backends()
    reset_encoders()
    reset_tables()
    selectors._query_vectors.clear()
    yield
    reset_search_backends()


def elasticsearch_settings(url: str, **params) -> dict:
    """SEARCH_BACKENDS with Elasticsearch as default and the embedded backend as its fallback."""
    return {
        "default": {
            "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
            "URLS": [url],
            "INDEX_PREFIX": f"b2ctest-{uuid.uuid4().hex[:8]}",
            "TIMEOUT": 2,
            "FALLBACK": "embedded",
            "OPTIONS": {"REFRESH": "wait_for"},
            **params,
        },
        "embedded": EMBEDDED,
    }


@pytest.fixture(
    params=[
        "embedded",
        pytest.param(
            "elasticsearch",
            marks=pytest.mark.skipif(
                not ELASTICSEARCH_URL,
                reason="ELASTICSEARCH_URL is not set: the live Elasticsearch run is skipped "
                "(start one with `docker compose up -d elasticsearch` and publish port 9200)",
            ),
        ),
    ]
)
def engine(request, settings):
    """The behavioural suite runs once per available engine."""
    if request.param == "elasticsearch":
        settings.SEARCH_BACKENDS = elasticsearch_settings(ELASTICSEARCH_URL)
        reset_search_backends()
        yield request.param
        get_search_backend().clear()
    else:
        yield request.param


def index_now(*instances) -> None:
    """Enqueue these objects and drain the outbox of every backend, as the task would."""
    for instance in instances:
        services.search_index_enqueue(instance=instance)
    for alias in ("default", "embedded"):
        from django.conf import settings

        if alias in settings.SEARCH_BACKENDS:
            services.search_outbox_drain(backend_alias=alias)


@pytest.fixture
def listings(db):
    """A small public corpus in Dutch and English, indexed."""
    from marketplace.models import Province, Theme

    energy = Theme.objects.get(slug="energy")
    mobility = Theme.objects.get(slug="mobility")
    items = {
        "cars": OfferFactory(
            published=True,
            title="Shared electric cars for neighbourhoods",
            description="Electric cars shared by residents, with a booking app and insurance.",
            theme=mobility,
            language="en",
        ),
        "solar_loan": OfferFactory(
            published=True,
            title="Lening voor zonnepanelen op daken van verenigingen",
            description="Een voordelige lening voor coöperaties die zonnepanelen op een dak leggen.",
            theme=energy,
            language="nl",
            is_national=False,
        ),
        "village": NeedFactory(
            published=True,
            title="Zonnepanelen op het dorpshuis",
            description="Ons dorpshuis wil 40 zonnepanelen op het dak, samen met de buurt.",
            theme=energy,
            language="nl",
        ),
        "repair": NeedFactory(
            published=True,
            title="Volunteers for our repair café",
            description="We repair bikes, toasters and clothes every Saturday and need volunteers.",
            theme=Theme.objects.get(slug="circular"),
            language="en",
            province=Province.objects.get(slug="groningen"),
        ),
    }
    items["solar_loan"].regions.set([Province.objects.get(slug="utrecht")])
    index_now(*items.values())
    return items
