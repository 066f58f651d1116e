"""Rendered pages (no page cache: members, the first visitor after a change) keep their costly
parts as fragments keyed by language, query string and content version: a repeat view skips
the queries, a content change shows at once."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.models import ArticlePage, HubIndexPage
from demo.hub import hub_seed
from tests.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _queries_on(table: str, client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    count = sum(f'"{table}"' in query["sql"] for query in captured.captured_queries)
    return count, response.content.decode()


@pytest.fixture
def hub(db):
    hub_seed()
    return HubIndexPage.objects.get(locale__language_code="nl")


def test_offer_list_cards_are_kept_until_an_offer_is_published(client):
    OfferFactory(published=True, title="Bike repair workshops")
    url = reverse("marketplace:offer_list")
    first, html = _queries_on("marketplace_offer", client, url)
    assert first and "Bike repair workshops" in html
    again, html = _queries_on("marketplace_offer", client, url)
    assert again == 0 and "Bike repair workshops" in html
    OfferFactory(published=True, title="Solar roof advice")  # approved: the version moves on
    _count, html = _queries_on("marketplace_offer", client, url)
    assert "Solar roof advice" in html and "Bike repair workshops" in html
    # Each query string has its own entry.
    _count, html = _queries_on("marketplace_offer", client, url + "?q=solar")
    assert "Solar roof advice" in html and "Bike repair workshops" not in html


def test_hub_index_shows_a_published_article_at_once(hub, client):
    url = hub.url
    first, html = _queries_on("cms_articlepage", client, url)
    assert first
    again, _html = _queries_on("cms_articlepage", client, url)
    assert again == 0
    article = ArticlePage(title="Rendered fragments explained", slug="fragments", intro="Why.",
                          kind="guide")
    hub.add_child(instance=article)
    article.save_revision().publish()
    _count, html = _queries_on("cms_articlepage", client, url)
    assert "Rendered fragments explained" in html


def test_article_related_listings_are_kept_until_listings_change(hub, client):
    url = "/kennisbank/energy-cooperative/"
    with CaptureQueriesContext(connection) as first:
        html = client.get(url).content.decode()
    assert 'id="related-listings"' in html
    with CaptureQueriesContext(connection) as again:
        assert 'id="related-listings"' in client.get(url).content.decode()
    assert len(again) < len(first)
    OfferFactory(published=True)  # a listing approved: the aside is read again
    with CaptureQueriesContext(connection) as moved:
        client.get(url)
    assert len(moved) > len(again)
