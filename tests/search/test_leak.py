"""Nothing private leaks: drafts, submitted, rejected, expired and closed items are never found.

Each private item carries a distinctive word, and every public way into search is tried: the
search page (words and description, both languages, browse), facet counts, the matcher's vector
search and saved-search alerts. Three routes are covered: the normal one (the outbox re-reads the
item and keeps it out), a stale index entry built from the private item (the query-time status and
date checks drop it), and an entry indexed while public whose item went private without a
re-index (the page checks every hit against the marketplace's public selectors).
"""

from __future__ import annotations

import datetime

import pytest

from django.core import mail
from django.utils import timezone

from marketplace.models import ListingStatus
from search import services
from search.backends import get_search_backend
from search.backends.base import SearchQuery
from search.selectors import search_encode_query, search_page
from search.sources import SOURCES
from tests.factories import NeedFactory, OfferFactory, UserFactory
from tests.search.conftest import index_now

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

WORD = "Xylofoonwerkplaats"


@pytest.fixture
def private_items(db):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    items = [
        OfferFactory(status=ListingStatus.DRAFT),
        NeedFactory(status=ListingStatus.SUBMITTED),
        OfferFactory(status=ListingStatus.REJECTED),
        NeedFactory(status=ListingStatus.EXPIRED),
        OfferFactory(status=ListingStatus.CLOSED),
        # Published, but its end date has passed (not yet marked expired by the nightly job).
        OfferFactory(published=True, valid_until=yesterday),
        NeedFactory(published=True, deadline=yesterday),
    ]
    for number, item in enumerate(items):
        item.title = f"{WORD} {number} voor de buurt"
        item.description = f"Geheime plannen: {WORD.lower()} met zonnepanelen."
        item.save(update_fields=["title", "description"])
    return items


def assert_nothing_found(client, items) -> None:
    public_queries = [
        ("/search/", {"q": WORD}),
        ("/search/", {"q": WORD.lower(), "sort": "newest"}),
        ("/en/search/", {"q": f"a {WORD} for the neighbourhood", "mode": "describe"}),
        ("/search/", {"q": "geheime plannen"}),
        ("/search/", {}),
        ("/search/", {"kind": "offer", "theme": "mobility"}),
    ]
    for path, params in public_queries:
        response = client.get(path, params)
        assert response.status_code == 200
        html = response.content.decode()
        assert response.context["page"].items == [], (path, params)
        assert "<mark>" not in html and "Geheime plannen:" not in html, (path, params)
        for item in items:
            assert item.title not in html and item.slug not in html, (path, params)
    for mode in ("words", "describe"):
        page = search_page(query=SearchQuery(text=WORD, mode=mode))
        assert page.items == [] and page.total == 0
    everything = search_page(query=SearchQuery())
    assert everything.total == 0
    assert all(count == 0 for counts in everything.facets.values() for count in counts.values())
    nearest = get_search_backend().vector_search(search_encode_query(f"{WORD} geheime plannen"), k=50)
    assert nearest == []


def test_private_items_are_never_indexed(client, private_items, django_capture_on_commit_callbacks):
    alert = services.saved_search_create(user=UserFactory(), query=WORD, frequency="instant")
    alert.created_at = timezone.now() - datetime.timedelta(days=1)
    alert.save(update_fields=["created_at"])
    with django_capture_on_commit_callbacks(execute=True):
        for item in private_items:
            services.search_index_enqueue(instance=item)
    assert_nothing_found(client, private_items)
    assert mail.outbox == []


def test_a_stale_entry_of_a_private_item_is_dropped_at_query_time(client, private_items):
    backend = get_search_backend()
    documents = [SOURCES[item._meta.model_name].to_document(item) for item in private_items]
    backend.index_documents(documents, services.search_encode_documents(documents))
    assert backend.count() == len(private_items)
    assert_nothing_found(client, private_items)


def test_an_item_that_went_private_without_a_reindex_is_not_shown(client):
    offer = OfferFactory(published=True, title=f"{WORD} te huur")
    index_now(offer)
    type(offer).objects.filter(pk=offer.pk).update(status=ListingStatus.DRAFT)  # no enqueue
    for params in ({"q": WORD}, {"q": WORD, "mode": "describe"}, {}):
        response = client.get("/search/", params)
        html = response.content.decode()
        assert response.context["page"].items == []
        assert offer.title not in html and offer.slug not in html
    page = search_page(query=SearchQuery(text=WORD))
    assert page.items == [] and page.total == 0
