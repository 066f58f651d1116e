"""A new organisation's profile text is public only once a hub editor has verified it.

Issue 10, finding 6: a spam link in a new organisation's description was live and searchable
8 s after sign-up. Until verification the site shows the name (its listings go through review
anyway); the description, website and logo appear after `organisation_verify`.
"""

from __future__ import annotations

import pytest

from django.urls import reverse

from marketplace import services
from search.models import SearchOutbox
from tests.factories import OrganisationFactory
from tests.search.conftest import index_now

pytestmark = pytest.mark.django_db

SPAM = "Cheap pills at spamlink.example"
WEBSITE = "https://spamlink.example/"


@pytest.fixture
def newcomer(db):
    return OrganisationFactory(
        name="Brand New BV", slug="brand-new", description=SPAM, website=WEBSITE
    )


def _search(client, q: str) -> list:
    response = client.get("/search/", {"q": q, "kind": "organisation"})
    assert response.status_code == 200
    return [item.object for item in response.context["page"].items]


def test_an_unverified_profile_shows_only_the_name(client, newcomer):
    page = client.get(reverse("marketplace:organisation_detail", args=[newcomer.slug]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Brand New BV" in html
    assert "spamlink" not in html
    assert '<meta name="robots" content="noindex">' in html
    listing = client.get(reverse("marketplace:organisation_list"))
    assert "Brand New BV" in listing.content.decode()
    assert "spamlink" not in listing.content.decode()
    # The directory's own filter does not search the unreviewed text either.
    found = client.get(reverse("marketplace:organisation_list"), {"q": "spamlink"})
    assert list(found.context["page_obj"]) == []


def test_an_unverified_profile_is_searchable_by_name_only(client, newcomer):
    index_now(newcomer)
    assert _search(client, "spamlink") == []
    assert _search(client, "Brand New") == [newcomer]


def test_verification_makes_the_profile_public_and_searchable(
    client, newcomer, editor, django_capture_on_commit_callbacks
):
    index_now(newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_verify(organisation=newcomer, actor=editor, verified=True)
    # The change travelled to search (marketplace Change -> search consumer -> outbox).
    assert SearchOutbox.objects.filter(doc_type="organisation", object_id=newcomer.pk).exists()
    index_now()  # drain, as the task would
    html = client.get(reverse("marketplace:organisation_detail", args=[newcomer.slug])).content
    assert b"spamlink.example" in html and WEBSITE.encode() in html
    assert b'content="noindex"' not in html
    assert _search(client, "spamlink") == [newcomer]
    found = client.get(reverse("marketplace:organisation_list"), {"q": "spamlink"})
    assert list(found.context["page_obj"]) == [newcomer]
