"""The seeded demo gives the map something to show: supply deserts, and an answering page."""

from __future__ import annotations

from io import StringIO

import pytest

from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from impact import demand

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _seeded(django_db_setup, django_db_blocker):
    """Seed once for the module and roll it all back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        with translation.override("nl"):
            call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def seeded(_seeded, db):
    for cache in caches.all():
        cache.clear()


def test_the_demo_has_a_supply_desert(seeded):
    deserts = {slug: [t.slug for t in themes] for slug, themes in demand.supply_deserts().items()}
    assert any(deserts.values()), "the demo should show at least one theme without an offer"


def test_the_demo_map_shows_the_desert_of_its_theme(seeded, client):
    province, themes = next((p, t) for p, t in demand.supply_deserts().items() if t)
    response = client.get(reverse("impact:map"), {"theme": themes[0].slug})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-province="{province}"' in html
    side = html[html.index('id="deserts-title"'):html.index('id="table-title"')]
    assert f"province={province}" in side
