"""One behavioural suite for every available engine: the embedded one always, Elasticsearch when set."""

from __future__ import annotations

import pytest

from marketplace.models import ListingStatus
from search.backends.base import SearchQuery
from search.selectors import search_page, search_run
from tests.factories import OfferFactory
from tests.search.conftest import index_now

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def keys(results) -> list[str]:
    return [hit.key for hit in results.hits]


def test_words_find_dutch_and_english_listings(engine, listings):
    dutch = search_run(query=SearchQuery(text="zonnepanelen"))
    assert set(keys(dutch)[:2]) == {
        f"offer:{listings['solar_loan'].pk}",
        f"need:{listings['village'].pk}",
    }
    english = search_run(query=SearchQuery(text="electric cars"))
    assert keys(english)[0] == f"offer:{listings['cars'].pk}"


def test_every_word_must_occur_in_words_mode(engine, listings):
    results = search_run(query=SearchQuery(text="zonnepanelen dorpshuis", with_vectors=False))
    assert keys(results) == [f"need:{listings['village'].pk}"]


def test_accents_and_case_do_not_matter(engine, listings):
    results = search_run(query=SearchQuery(text="COOPERATIES", with_vectors=False))
    assert keys(results) == [f"offer:{listings['solar_loan'].pk}"]


def test_description_finds_by_meaning(engine, listings):
    results = search_run(
        query=SearchQuery(
            text="we would like residents to share electric cars in our neighbourhood",
            mode="describe",
        )
    )
    assert keys(results)[0] == f"offer:{listings['cars'].pk}"


def test_facets_count_the_filtered_public_set(engine, listings):
    results = search_run(query=SearchQuery(text="", filters={}))
    assert results.total == 4
    assert results.facets["kind"] == {"offer": 2, "need": 2}
    assert results.facets["language"] == {"nl": 2, "en": 2}
    assert results.facets["theme"] == {"energy": 2, "mobility": 1, "circular": 1}
    # A nationwide offer counts in every province.
    assert results.facets["province"]["groningen"] == 2
    assert results.facets["province"]["utrecht"] == 3


def test_a_filter_narrows_results_but_its_own_facet_keeps_the_alternatives(engine, listings):
    results = search_run(query=SearchQuery(filters={"theme": "energy"}))
    assert results.total == 2
    assert results.facets["theme"] == {"energy": 2, "mobility": 1, "circular": 1}
    assert results.facets["kind"] == {"offer": 1, "need": 1}


def test_province_filter_includes_nationwide_offers(engine, listings):
    results = search_run(query=SearchQuery(filters={"province": "groningen"}))
    assert set(keys(results)) == {
        f"offer:{listings['cars'].pk}",
        f"need:{listings['repair'].pk}",
    }


def test_an_unknown_filter_value_finds_nothing(engine, listings):
    assert search_run(query=SearchQuery(filters={"theme": "no-such-theme"})).total == 0


def test_newest_first_and_pages(engine, listings):
    first = search_run(query=SearchQuery(sort="newest", per_page=3))
    second = search_run(query=SearchQuery(sort="newest", per_page=3, page=2))
    assert first.total == second.total == 4
    assert len(first.hits) == 3 and len(second.hits) == 1
    ordered = [h.published_at for h in first.hits + second.hits]
    assert ordered == sorted(ordered, reverse=True)
    assert keys(second)[0] == f"offer:{listings['cars'].pk}"


def test_hits_are_highlighted_and_escaped(engine, listings):
    OfferFactory(
        published=True,
        title="Zonnepanelen <script>alert(1)</script>",
        description="Goedkope zonnepanelen & <b>meer</b>.",
        language="nl",
    )
    offer = OfferFactory._meta.model.objects.get(title__startswith="Zonnepanelen <script>")
    index_now(offer)
    page = search_page(query=SearchQuery(text="zonnepanelen", with_vectors=False))
    item = next(i for i in page.items if i.object == offer)
    assert "<mark>Zonnepanelen</mark> &lt;script&gt;" in item.title_html
    assert "<script>" not in item.title_html
    assert "<mark>zonnepanelen</mark> &amp; &lt;b&gt;meer&lt;/b&gt;" in item.snippet_html


def test_a_listing_that_leaves_the_public_set_leaves_the_index(engine, listings):
    need = listings["village"]
    need.status = ListingStatus.CLOSED
    need.save(update_fields=["status"])
    index_now(need)
    results = search_run(query=SearchQuery(text="dorpshuis"))
    assert f"need:{need.pk}" not in keys(results)
    assert search_run(query=SearchQuery()).total == 3


def test_vector_search_returns_the_nearest_public_documents(engine, listings):
    from search.backends import get_search_backend
    from search.selectors import search_encode_query

    vector = search_encode_query("electric cars shared by residents")
    nearest = get_search_backend().vector_search(vector, k=2)
    assert nearest[0][0] == f"offer:{listings['cars'].pk}"
    assert len(nearest) == 2
    assert nearest[0][1] >= nearest[1][1]
    only_needs = get_search_backend().vector_search(vector, k=5, filters={"kind": "need"})
    assert {key.split(":")[0] for key, _ in only_needs} == {"need"}


def test_organisations_are_found_by_name_and_shown_with_their_kind(engine, listings):
    organisation = listings["repair"].organisation
    organisation.name = "Repaircollectief Groningen"
    organisation.save()
    index_now(organisation)
    page = search_page(query=SearchQuery(text="repaircollectief"))
    assert page.items[0].object == organisation
    assert page.items[0].url == f"/organisations/{organisation.slug}/"
    # Its need carries the organisation's name too.
    assert {item.doc_type for item in page.items} == {"organisation", "need"}


def test_postgresql_stems_dutch_words(engine, listings):
    from django.db import connection

    if connection.vendor != "postgresql" and engine == "embedded":
        pytest.skip("SQLite FTS5 has no Dutch stemmer: only PostgreSQL and Elasticsearch stem")
    results = search_run(query=SearchQuery(text="zonnepaneel", with_vectors=False))
    assert f"need:{listings['village'].pk}" in keys(results)
