"""The map of unmet demand: its selectors against the database, the drawn SVG, the filtered list."""

from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest

from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone, translation

from impact import demand, geo
from marketplace.models import ListingStatus, Province, Theme
from tests.factories import NeedFactory, OfferFactory
from tests.impact.conftest import record_match_result, unmet_need

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _fresh_caches():
    for cache in caches.all():
        cache.clear()


def _offer(theme: str, *, national: bool = False, regions: tuple[str, ...] = (), **kwargs):
    offer = OfferFactory(
        published=True, theme=Theme.objects.get(slug=theme), is_national=national, **kwargs
    )
    offer.regions.set(Province.objects.filter(slug__in=regions))
    return offer


# Selectors -----------------------------------------------------------------------------------


def test_unmet_counts_only_needs_recorded_without_a_good_match():
    unmet_need(province="utrecht")
    unmet_need(province="utrecht", theme="mobility")
    unmet_need(province="zeeland")
    matched = NeedFactory(published=True)
    record_match_result(matched, good=True)
    NeedFactory(published=True)  # no recorded list yet: neither met nor unmet
    draft = NeedFactory()  # not public
    record_match_result(draft, good=False)
    expired = NeedFactory(
        published=True, deadline=timezone.localdate() - datetime.timedelta(days=1)
    )
    record_match_result(expired, good=False)
    closed = NeedFactory(status=ListingStatus.CLOSED)
    record_match_result(closed, good=False)

    counts = demand.unmet_counts_by_province()
    assert len(counts) == 12
    assert counts["utrecht"] == 2
    assert counts["zeeland"] == 1
    assert sum(counts.values()) == 3
    assert demand.unmet_counts_by_province(theme="mobility") == {
        **dict.fromkeys(counts, 0), "utrecht": 1,
    }


def test_a_need_that_gets_a_good_match_leaves_the_count():
    need = unmet_need(province="limburg")
    assert demand.unmet_counts_by_province()["limburg"] == 1
    record_match_result(need, good=True)
    assert demand.unmet_counts_by_province()["limburg"] == 0


def test_unmet_need_list_filters_on_province_and_theme():
    a = unmet_need(province="utrecht", theme="energy")
    b = unmet_need(province="utrecht", theme="care")
    c = unmet_need(province="drenthe", theme="energy")
    assert set(demand.unmet_need_list(province="utrecht")) == {a, b}
    assert list(demand.unmet_need_list(province="utrecht", theme="energy")) == [a]
    assert set(demand.unmet_need_list(theme="energy")) == {a, c}


def test_supply_deserts_follow_regions_and_nationwide_offers():
    _offer("energy", regions=("utrecht", "gelderland"))
    _offer("mobility", national=True)
    _offer("care", regions=("zeeland",), status=ListingStatus.DRAFT, published_at=None)
    _offer("food", regions=("limburg",), valid_until=timezone.localdate() - datetime.timedelta(days=1))

    deserts = {slug: {t.slug for t in themes} for slug, themes in demand.supply_deserts().items()}
    all_themes = set(Theme.objects.values_list("slug", flat=True))
    assert len(deserts) == 12
    assert deserts["utrecht"] == all_themes - {"energy", "mobility"}
    assert deserts["gelderland"] == all_themes - {"energy", "mobility"}
    assert deserts["zeeland"] == all_themes - {"mobility"}  # a draft serves nobody
    assert deserts["limburg"] == all_themes - {"mobility"}  # nor does an expired offer
    assert deserts["groningen"] == all_themes - {"mobility"}


def test_desert_cells_need_the_threshold():
    for _ in range(3):
        unmet_need(province="friesland", theme="energy")
    unmet_need(province="friesland", theme="care")
    cells = demand.desert_cells(min_needs=3)
    assert [(c.theme.slug, c.province.slug, len(c.needs)) for c in cells] == [
        ("energy", "friesland", 3)
    ]
    assert len(demand.desert_cells(min_needs=1)) == 2
    assert demand.desert_cells(min_needs=4) == []


# Geometry ------------------------------------------------------------------------------------


def test_packaged_geometry_names_every_province_of_the_database():
    data = json.loads(geo.DATA_FILE.read_text(encoding="utf-8"))
    assert set(data["provinces"]) == set(Province.objects.values_list("slug", flat=True))
    assert "CBS" in data["source"] and "CC BY 4.0" in data["licence"]
    assert geo.DATA_FILE.stat().st_size < 40_000  # a few KB per province


def test_provinces_lie_where_they_should():
    """Groningen is north-east of Zeeland, Limburg the southernmost: the drawing is not mirrored."""
    shapes = geo.country().by_slug()
    assert shapes["groningen"].label_x > shapes["zeeland"].label_x
    assert shapes["groningen"].label_y < shapes["zeeland"].label_y  # SVG y grows downwards
    assert max(s.label_y for s in shapes.values()) == shapes["limburg"].label_y


# The page ------------------------------------------------------------------------------------


def _svg(html: str) -> ET.Element:
    match = re.search(r"<svg class=\"unmet-map__svg\".*?</svg>", html, re.S)
    assert match, "no map in the page"
    return ET.fromstring(match.group(0))  # noqa: S314 (our own page, in a test)


def test_the_map_draws_all_twelve_provinces_coloured_by_unmet_needs(client):
    for _ in range(5):
        unmet_need(province="zeeland")
    unmet_need(province="utrecht")
    response = client.get(reverse("impact:map"))
    assert response.status_code == 200
    svg = _svg(response.content.decode())
    links = svg.findall(f"{SVG}a")
    assert len(links) == 12
    by_province = {a.get("data-province"): a for a in links}
    assert set(by_province) == set(Province.objects.values_list("slug", flat=True))
    for slug, link in by_province.items():
        path = link.find(f"{SVG}path").get("d")
        assert path.startswith("M") and path.count("L") > 20, slug
        assert link.find(f"{SVG}title").text
        assert f"province={slug}" in link.get("href")
    assert "unmet-4" in by_province["zeeland"].get("class")
    assert "unmet-1" in by_province["utrecht"].get("class")
    assert "unmet-0" in by_province["drenthe"].get("class")
    assert svg.find(f"{SVG}title").text  # the map has a title for assistive technology


def test_the_table_gives_the_same_figures(client):
    unmet_need(province="noord-brabant")
    unmet_need(province="noord-brabant")
    html = client.get(reverse("impact:map")).content.decode()
    table = re.search(r"<table class=\"table unmet-table\".*?</table>", html, re.S).group(0)
    row = re.search(r"Noord-Brabant</a></th>\s*<td>(\d+)</td>", table)
    assert row and row.group(1) == "2"
    assert len(re.findall(r"<th scope=\"row\">", table)) == 13  # 12 provinces and the total


def test_clicking_a_province_lists_its_unmet_needs_for_the_theme(client):
    wanted = unmet_need(province="utrecht", theme="energy", title="Laadpalen bij de molen")
    other_theme = unmet_need(province="utrecht", theme="care", title="Zorgbus voor het dorp")
    elsewhere = unmet_need(province="drenthe", theme="energy", title="Warmtenet in Assen")
    matched = NeedFactory(
        published=True, province=Province.objects.get(slug="utrecht"), title="Al geholpen"
    )
    record_match_result(matched, good=True)

    response = client.get(reverse("impact:map"), {"province": "utrecht", "theme": "energy"})
    html = response.content.decode()
    needs = html[html.index('id="needs"'):]
    assert wanted.title in needs
    for absent in (other_theme, elsewhere, matched):
        assert absent.title not in needs
    link = _svg(html).find(f"{SVG}a[@data-province='utrecht']")
    assert "is-selected" in link.get("class")

    all_themes = client.get(reverse("impact:map"), {"province": "utrecht"}).content.decode()
    assert wanted.title in all_themes and other_theme.title in all_themes
    assert elsewhere.title not in all_themes


def test_the_theme_selector_shows_supply_deserts(client):
    _offer("energy", regions=("utrecht",))
    html = client.get(reverse("impact:map"), {"theme": "energy"}).content.decode()
    svg = _svg(html)
    hatched = {
        a.get("data-province") for a in svg.findall(f"{SVG}a")
        if a.find(f"{SVG}path[@class='desert']") is not None
    }
    assert hatched == set(Province.objects.exclude(slug="utrecht").values_list("slug", flat=True))
    side = html[html.index('id="deserts-title"'):html.index('id="table-title"')]
    assert "Zeeland" in side and ">Utrecht<" not in side


def test_unknown_filters_are_refused_politely(client):
    response = client.get(reverse("impact:map"), {"theme": "nonsense", "province": "atlantis"})
    assert response.status_code == 200
    assert len(_svg(response.content.decode()).findall(f"{SVG}a")) == 12


def test_the_map_answers_in_english_too(client):
    with translation.override("en"):
        url = reverse("impact:map")
    assert url == "/en/impact/map/"
    response = client.get(url)
    assert response.status_code == 200
    assert "Map of unmet demand" in response.content.decode()
    dutch = client.get("/impact/map/").content.decode()
    assert "Kaart van onvervulde vraag" in dutch


def test_the_map_takes_few_queries_and_refuses_a_post(client, django_assert_max_num_queries):
    unmet_need(province="utrecht")
    with django_assert_max_num_queries(20):
        response = client.get(reverse("impact:map"), {"province": "utrecht", "theme": "energy"})
    assert response.status_code == 200
    assert client.post(reverse("impact:map")).status_code == 405
