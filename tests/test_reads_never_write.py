"""Reads never write: no GET or HEAD inserts, updates or deletes a row, or sends mail.

Every GET URL of the authorization matrix is walked as every actor (in Dutch and English), plus
the pages of the other apps (search, payments, health). Suggestions, vectors and notifications
are recorded by the background work after a change, never by the page that shows them.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.marketplace.test_authorization import ACTORS, MATRIX, World, _log_in, build_world

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _no_plan_limit(settings):
    settings.PAYMENTS_FREE_OFFER_LIMIT = None


def _other_app_urls(world: World) -> list[tuple[str, str]]:
    """(label, url) of the GET pages outside the marketplace matrix."""
    need, offer = world.need_published, world.offer_published
    return [
        ("health", reverse("health")),
        ("search", reverse("search:search") + "?q=panels"),
        ("search describe", reverse("search:search") + "?q=solar+panels+for+a+village&mode=describe"),
        ("saved searches", reverse("search:saved_search_list")),
        ("plan", reverse("payments:plan")),
        ("plan_cancel", reverse("payments:plan_renewal", args=["cancel"])),
        ("contribute", reverse("payments:need_contribute", args=[need.slug])),
        ("funding goal", reverse("payments:funding_goal", args=[need.pk])),
        ("feature offer", reverse("payments:offer_feature", args=[offer.pk])),
        ("need manage published", reverse("marketplace:need_manage", args=[need.pk])),
        ("offer manage published", reverse("marketplace:offer_manage", args=[offer.pk])),
    ]


def _get_urls(world: World) -> list[tuple[str, str, str]]:
    """(label, org, url) for every page a GET may be sent to."""
    urls = [(row.label, row.org, row.url(world)) for row in MATRIX]
    urls += [(label, "initiative", url) for label, url in _other_app_urls(world)]
    return urls


def _writes(queries: list[dict[str, Any]]) -> list[str]:
    return [q["sql"][:160] for q in queries if WRITE.match(q["sql"])]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_get_writes_or_mails(language: str):
    world = build_world()
    with translation.override(language):
        urls = _get_urls(world)
    problems = []
    for who in ACTORS:
        for label, org, url in urls:
            client = Client()
            _log_in(client, world.actor(who, org))
            mail.outbox = []
            for method in (client.get, client.head):
                with CaptureQueriesContext(connection) as queries:
                    response = method(url)
                if response.status_code >= 500:
                    problems.append(f"{who} {method.__name__.upper()} {label} {url}: 500")
                written = _writes(queries.captured_queries)
                if written:
                    problems.append(f"{who} {method.__name__.upper()} {label} {url}: {written}")
            if mail.outbox:
                problems.append(f"{who} GET {label} {url}: sent {len(mail.outbox)} mail(s)")
    assert not problems, "\n".join(problems)


def test_the_check_sees_a_write():
    """The detector above is not blind: a page that writes is caught."""
    with CaptureQueriesContext(connection) as queries:
        from marketplace.models import Theme

        theme = Theme.objects.first()
        theme.save(update_fields=["name_nl"])
    assert _writes(queries.captured_queries)
