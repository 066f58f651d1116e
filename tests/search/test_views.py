"""The search page and the saved-search pages."""

from __future__ import annotations

import re

import pytest

from django.urls import reverse

from search import services
from search.models import SavedSearch
from tests.factories import UserFactory
from tests.search.conftest import elasticsearch_settings
from tests.search.fake_elasticsearch import free_port

pytestmark = pytest.mark.django_db


def test_search_page_shows_highlighted_results_facets_and_counts(client, listings):
    response = client.get("/search/", {"q": "zonnepanelen"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>Zonnepanelen</mark> op het dorpshuis" in html
    assert 'href="/needs/' in html and 'href="/offers/' in html
    assert "search.css" in html
    # Facets link to the same search with one more filter, back on page 1.
    assert re.search(r'href="\?q=zonnepanelen&amp;theme=energy"', html)
    # Strict CSP: no inline styles or scripts on the page.
    assert "style=" not in html and "<style" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)


def test_filters_live_in_the_url(client, listings):
    response = client.get("/search/", {"kind": "need", "province": "groningen"})
    items = response.context["page"].items
    assert [item.object for item in items] == [listings["repair"]]
    html = response.content.decode()
    assert 'aria-current="true"' in html  # the chosen facet values are marked


def test_english_page_and_description_mode(client, listings):
    response = client.get(
        "/en/search/", {"q": "residents share electric cars nearby", "mode": "describe"}
    )
    assert response.status_code == 200
    assert response.context["page"].items[0].object == listings["cars"]
    assert "<textarea" in response.content.decode()


def test_empty_state_offers_relaxed_filters_and_description_mode(client, listings):
    response = client.get("/en/search/", {"q": "zonnepanelen", "theme": "mobility", "language": "en"})
    html = response.content.decode()
    assert response.context["page"].total == 0
    assert "Some suggestions" in html
    assert 'href="?q=zonnepanelen&amp;language=en"' in html  # without the theme
    assert 'href="?q=zonnepanelen&amp;theme=mobility"' in html  # without the language
    assert "mode=describe" in html


def test_unknown_or_malformed_parameters_do_not_break_the_page(client, listings):
    response = client.get("/search/", {"page": "x", "sort": "sideways", "theme": "<b>", "mode": "?"})
    assert response.status_code == 200
    assert response.context["page"].total == 4


def test_page_says_results_may_be_incomplete_when_elasticsearch_is_down(client, settings, listings):
    # Nothing listens there; the fallback (embedded) already holds the listings.
    settings.SEARCH_BACKENDS = elasticsearch_settings(f"http://127.0.0.1:{free_port()}")
    response = client.get("/en/search/", {"q": "zonnepanelen"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "results may be incomplete" in html
    assert response.context["page"].total == 2


def test_saving_a_search_needs_a_login(client):
    response = client.post(reverse("search:saved_search_create"), {"q": "zon"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not SavedSearch.objects.exists()


def test_save_list_update_and_delete_a_search(client, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("search:saved_search_create"),
        {"q": "zonnepanelen", "mode": "words", "theme": "energy", "name": "Zon",
         "frequency": "instant", "email_language": "en", "language": "nl"},
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get()
    assert (saved.user, saved.query, saved.filters, saved.frequency, saved.language) == (
        outsider, "zonnepanelen", {"theme": "energy", "language": "nl"}, "instant", "en",
    )
    page = client.get("/en" + reverse("search:saved_search_list"))
    html = page.content.decode()
    assert "Theme: Energy" in html and "Language: Dutch" in html
    assert 'href="/en/search/?q=zonnepanelen&amp;mode=words&amp;theme=energy&amp;language=nl"' in html
    client.post(
        reverse("search:saved_search_update", args=[saved.pk]),
        {f"s{saved.pk}-name": "Zon", f"s{saved.pk}-frequency": "daily", f"s{saved.pk}-language": "nl"},
    )
    saved.refresh_from_db()
    assert (saved.frequency, saved.language) == ("daily", "nl")
    client.post(reverse("search:saved_search_delete", args=[saved.pk]))
    assert not SavedSearch.objects.exists()


def test_nobody_touches_another_persons_saved_search(client, outsider):
    saved = services.saved_search_create(user=outsider, query="zon")
    client.force_login(UserFactory())
    assert client.post(reverse("search:saved_search_delete", args=[saved.pk])).status_code == 404
    assert client.post(
        reverse("search:saved_search_update", args=[saved.pk]), {}
    ).status_code == 404
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_unsubscribe_link_asks_then_stops_the_emails_without_login(client, outsider):
    saved = services.saved_search_create(user=outsider, query="zon", frequency="instant")
    token = services.saved_search_unsubscribe_token(saved_search=saved)
    url = reverse("search:saved_search_unsubscribe", args=[token])
    assert client.get(url).status_code == 200
    saved.refresh_from_db()
    assert saved.frequency == "instant"  # a GET (a link checker) changes nothing
    response = client.post(url)
    assert response.status_code == 200
    saved.refresh_from_db()
    assert saved.frequency == "never"


def test_a_forged_unsubscribe_link_is_refused(client, outsider):
    saved = services.saved_search_create(user=outsider, query="zon", frequency="instant")
    url = reverse("search:saved_search_unsubscribe", args=[f"{saved.pk}:forged"])
    assert client.post(url).status_code == 400
    saved.refresh_from_db()
    assert saved.frequency == "instant"


def test_mail_clients_can_unsubscribe_in_one_click(outsider):
    from django.test import Client

    saved = services.saved_search_create(user=outsider, query="zon", frequency="daily")
    token = services.saved_search_unsubscribe_token(saved_search=saved)
    response = Client(enforce_csrf_checks=True).post(
        reverse("search:saved_search_unsubscribe", args=[token]),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    saved.refresh_from_db()
    assert saved.frequency == "never"


def test_a_description_nothing_comes_close_to_says_so(client, listings):
    response = client.get("/en/search/", {"q": "xyzzy", "mode": "describe"})
    content = response.content.decode()
    assert "0 results" in content
    assert "No listing comes close enough in meaning" in content
    dutch = client.get("/search/", {"q": "xyzzy", "mode": "describe"}).content.decode()
    assert "Geen aanbod of vraag komt qua betekenis dichtbij genoeg" in dutch
