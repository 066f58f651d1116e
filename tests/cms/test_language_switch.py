"""The language switch: one link per language, to the same page in that language, on every page type."""

import re

import pytest

from django.urls import reverse

from cms.models import HubIndexPage
from demo.hub import hub_seed
from tests.factories import NeedFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<nav class="language-switcher".*?</nav>', re.S)


def _switch_links(html: str) -> dict[str, str]:
    nav = LINK.search(html)
    assert nav, "no language switch on the page"
    return {code: url for url, code in re.findall(r'href="([^"]+)" lang="(nl|en)"', nav.group(0))}


@pytest.fixture
def hub(db):
    hub_seed()
    return HubIndexPage.objects.get(locale__language_code="nl")


def _page_types(hub) -> list[str]:
    offer = OfferFactory(published=True)
    need = NeedFactory(published=True)
    organisation = OrganisationFactory()
    return [
        "/", "/kennisbank/", "/kennisbank/energy-cooperative/", "/kennisbank/thema-energy/",
        "/over-ons/",
        reverse("marketplace:offer_list"), reverse("marketplace:need_list"),
        reverse("marketplace:organisation_list"), reverse("search:search") + "?q=zon",
        reverse("marketplace:offer_detail", args=[offer.slug]),
        reverse("marketplace:need_detail", args=[need.slug]),
        reverse("marketplace:organisation_detail", args=[organisation.slug]),
        reverse("login"), reverse("signup"),
    ]


def test_switch_leads_to_the_same_page_in_the_other_language_and_back(hub, client):
    for dutch_url in _page_types(hub):
        dutch = client.get(dutch_url)
        assert dutch.status_code == 200, dutch_url
        links = _switch_links(dutch.content.decode())
        assert set(links) == {"nl", "en"}, dutch_url
        english = client.get(links["en"])
        assert english.status_code == 200, (dutch_url, links["en"])
        assert links["en"].startswith("/en/"), links["en"]
        back = _switch_links(english.content.decode())["nl"]
        assert client.get(back).status_code == 200, (links["en"], back)
        assert back.split("?")[0] == dutch_url.split("?")[0], (dutch_url, back)


def test_hub_pages_switch_to_their_translation_with_its_own_slug(hub, client):
    links = _switch_links(client.get("/over-ons/").content.decode())
    assert links["en"] == "/en/about-us/" or client.get(links["en"]).status_code == 200
    assert links["en"] != "/en/over-ons/"
    english_article = _switch_links(client.get("/kennisbank/energy-cooperative/").content.decode())
    assert english_article["en"] == "/en/hub/energy-cooperative/"


def test_query_string_is_kept(client, db):
    url = reverse("marketplace:offer_list") + "?theme=energy"
    links = _switch_links(client.get(url).content.decode())
    assert links["en"].endswith("?theme=energy")


def test_the_current_language_is_marked(client, db):
    html = client.get(reverse("marketplace:offer_list")).content.decode()
    nav = LINK.search(html).group(0)
    assert re.search(r'lang="nl"[^>]*aria-current="true"', nav)
    assert not re.search(r'lang="en"[^>]*aria-current', nav)
