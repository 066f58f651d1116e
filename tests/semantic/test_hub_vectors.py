"""Hub vectors: built when an article is published (a task after commit), only read by pages."""

from __future__ import annotations

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms import selectors
from cms.models import ArticlePage, HubIndexPage
from demo.hub import hub_seed
from marketplace.models import Offer
from semantic import encoders, services
from semantic.models import Embedding
from semantic.neighbours import reset_tables
from tests.factories import NeedFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def hub(db):
    reset_tables()
    hub_seed()
    return HubIndexPage.objects.get(locale__language_code="nl")


def _article_rows(article: ArticlePage):
    return Embedding.objects.filter(content_type__model="articlepage", object_id=article.pk)


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


def test_publishing_an_article_builds_its_vectors_after_commit(
    hub, django_capture_on_commit_callbacks
):
    article = ArticlePage(title="Bijenkasten voor schooltuinen", slug="bijenkasten",
                          intro="Bijen en bijenkasten in de schooltuin.", kind="guide")
    hub.add_child(instance=article)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.save_revision().publish()
    assert callbacks and not _article_rows(article).exists()  # only enqueued
    for callback in callbacks:
        callback()
    assert _article_rows(article).count() == 1

    # A new revision with other words: the next publish re-embeds it.
    first = _article_rows(article).get().text_hash
    article.intro = "Honingbijen houden met de hele klas."
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert _article_rows(article).get().text_hash != first


def test_need_page_shows_related_articles_without_writing_or_encoding(hub, client, monkeypatch):
    need = NeedFactory(published=True, title="Vrijwilligers verzekeren bij ons repair café",
                       description="Hoe verzekeren we de vrijwilligers van ons repair café?")
    services.embeddings_rebuild()
    url = reverse("marketplace:need_detail", args=[need.slug])
    client.get(url)  # warm-up: sessions, caches and lazy loads of a first request

    def must_not_encode(texts):
        raise AssertionError(f"a request encoded {texts!r}")

    encoder = encoders.get_encoder()
    monkeypatch.setattr(encoder, "encode_passages", must_not_encode)
    monkeypatch.setattr(encoder, "encode_queries", must_not_encode)
    with CaptureQueriesContext(connection) as queries:
        content = client.get(url).content.decode()
    assert "/kennisbank/insuring-volunteers/" in content or "/kennisbank/repair-cafe/" in content
    assert _writes(queries.captured_queries) == []

    with CaptureQueriesContext(connection) as queries:
        related = selectors.related_articles_for_listing(listing=need, locale=hub.locale)
    assert related and _writes(queries.captured_queries) == []

    article = related[0]
    client.get(article.url)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(article.url)
    assert page.status_code == 200
    assert _writes(queries.captured_queries) == []


def test_without_stored_vectors_related_content_is_empty_and_nothing_is_computed(hub):
    need = NeedFactory(published=True, title="Repair café", description="Vrijwilligers.")
    Embedding.objects.all().delete()
    with CaptureQueriesContext(connection) as queries:
        assert selectors.related_articles_for_listing(listing=need, locale=hub.locale) == []
        article = ArticlePage.objects.live().filter(locale=hub.locale).first()
        assert selectors.related_listings_for_article(article=article) == {"offers": [], "needs": []}
    assert _writes(queries.captured_queries) == []
    assert not Embedding.objects.exists()


def test_an_article_relates_to_the_newest_of_more_than_five_hundred_offers(hub):
    organisation = OrganisationFactory()
    Offer.objects.bulk_create([
        OfferFactory.build(organisation=organisation, published=True) for _ in range(520)
    ])
    newest = OfferFactory(
        organisation=organisation, published=True, title="Bijenkasten voor schooltuinen",
        description="Wij plaatsen bijenkasten in schooltuinen en leren de klas bijen houden.",
    )
    article = ArticlePage(title="Bijen in de schooltuin", slug="bijen-schooltuin",
                          intro="Bijenkasten in schooltuinen: bijen houden met de klas.",
                          kind="guide")
    hub.add_child(instance=article)
    article.save_revision().publish()
    services.embeddings_rebuild(batch_size=256)

    related = selectors.related_listings_for_article(article=article)
    assert related["offers"][0] == newest
