"""The access policy of the API as a table, like tests/marketplace/test_authorization.py.

The same world (a company with a draft, a published and a submitted offer, an initiative with
its needs, a match where the initiative said it is interested) is asked through /api/v1/ by:

    anonymous  no key              revoked  the row's organisation's key, revoked
    stranger   Other BV's key      read     the row's organisation's read-only key
    write      the row's organisation's read-write key

A cell gives the status; 2xx write cells must change the database, every other cell must not
(GETs run no INSERT, UPDATE or DELETE at all), and every refusal is an RFC 9457 problem.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from api import services as api_services
from api.v1 import api
from tests.api.conftest import ApiClient
from tests.marketplace.test_authorization import World, build_world, snapshot

pytestmark = pytest.mark.django_db
ACTORS = ("anonymous", "revoked", "stranger", "read", "write")
WRITE_SQL = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
FUTURE = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()


@pytest.fixture(autouse=True)
def _no_plan_limit(settings):
    settings.PAYMENTS_FREE_OFFER_LIMIT = None


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


@dataclass(frozen=True)
class Row:
    label: str
    operation: str  # "METHOD /api/v1/path/{param}" as the OpenAPI schema names it
    url: Callable[[World], str]
    expect: tuple[int, ...]
    org: str = "company"
    body: dict[str, Any] | None = None

    @property
    def method(self) -> str:
        return self.operation.split()[0]


def u(template: str, **attrs: str) -> Callable[[World], str]:
    """The URL of `template` with each {param} taken from an attribute of the world."""
    def build(world: World) -> str:
        values = {}
        for param, spec in attrs.items():
            name, _, field = spec.partition(".")
            values[param] = getattr(getattr(world, name), field or "pk")
        return template.format(**values)
    return build


ALL_200 = (200,) * 5
HIDDEN = (404,) * 5
OWN_READ = (401, 401, 404, 200, 200)
OWN_WRITE = (401, 401, 404, 403, 200)
NEED = {"title": "Nieuwe behoefte", "description": "Een tekst.", "theme": "energy",
        "need_type": "money", "province": "utrecht", "deadline": FUTURE}
OFFER = {"title": "Nieuw aanbod", "description": "Een tekst.", "theme": "mobility",
         "offer_type": "service", "is_national": True, "valid_until": FUTURE}

# fmt: off
MATRIX: list[Row] = [
    #  label                            operation                                  url                                                     anonymous revoked stranger read write
    # -- Public: everybody reads what is published, nobody reads a draft or a submitted item.
    Row("themes",                       "GET /api/v1/themes",                      u("/themes"),                                          ALL_200),
    Row("sdgs",                         "GET /api/v1/sdgs",                        u("/sdgs"),                                            ALL_200),
    Row("impact totals",                "GET /api/v1/impact",                      u("/impact"),                                          ALL_200),
    Row("provinces",                    "GET /api/v1/provinces",                   u("/provinces"),                                       ALL_200),
    Row("offers",                       "GET /api/v1/offers",                      u("/offers"),                                          ALL_200),
    Row("offer published",              "GET /api/v1/offers/{slug}",               u("/offers/{s}", s="offer_published.slug"),             ALL_200),
    Row("offer draft",                  "GET /api/v1/offers/{slug}",               u("/offers/{s}", s="offer_draft.slug"),                 HIDDEN),
    Row("offer submitted",              "GET /api/v1/offers/{slug}",               u("/offers/{s}", s="offer_submitted.slug"),             HIDDEN),
    Row("needs",                        "GET /api/v1/needs",                       u("/needs"),                                           ALL_200, org="initiative"),
    Row("need published",               "GET /api/v1/needs/{slug}",                u("/needs/{s}", s="need_published.slug"),               ALL_200, org="initiative"),
    Row("need draft",                   "GET /api/v1/needs/{slug}",                u("/needs/{s}", s="need_draft.slug"),                   HIDDEN, org="initiative"),
    Row("organisations",                "GET /api/v1/organisations",               u("/organisations"),                                   ALL_200),
    Row("organisation",                 "GET /api/v1/organisations/{slug}",        u("/organisations/{s}", s="company.slug"),              ALL_200),
    # -- The key's own organisation. Lists are always one's own (the stranger sees Other BV's).
    Row("me",                           "GET /api/v1/me",                          u("/me"),                                              (401, 401, 200, 200, 200)),
    Row("own offers",                   "GET /api/v1/me/offers",                   u("/me/offers"),                                       (401, 401, 200, 200, 200)),
    Row("own needs",                    "GET /api/v1/me/needs",                    u("/me/needs"),                                        (401, 401, 200, 200, 200), org="initiative"),
    Row("own matches",                  "GET /api/v1/me/matches",                  u("/me/matches"),                                      (401, 401, 200, 200, 200)),
    Row("own contributions",            "GET /api/v1/me/contributions",            u("/me/contributions"),                                (401, 401, 200, 200, 200), org="initiative"),
    Row("offer draft, own",             "GET /api/v1/me/offers/{offer_id}",        u("/me/offers/{i}", i="offer_draft"),                   OWN_READ),
    Row("need draft, own",              "GET /api/v1/me/needs/{need_id}",          u("/me/needs/{i}", i="need_draft"),                     OWN_READ, org="initiative"),
    Row("leads of an offer",            "GET /api/v1/me/offers/{offer_id}/leads",  u("/me/offers/{i}/leads", i="offer_published"),         OWN_READ),
    Row("recommendations of a need",    "GET /api/v1/me/needs/{need_id}/recommendations", u("/me/needs/{i}/recommendations", i="need_published"), OWN_READ, org="initiative"),
    Row("match, provider side",         "GET /api/v1/me/matches/{match_id}",       u("/me/matches/{i}", i="match"),                        OWN_READ),
    Row("match, initiative side",       "GET /api/v1/me/matches/{match_id}",       u("/me/matches/{i}", i="match"),                        OWN_READ, org="initiative"),
    Row("messages",                     "GET /api/v1/me/matches/{match_id}/messages", u("/me/matches/{i}/messages", i="match"),            OWN_READ),
    # -- Writes: read-write keys of the organisation only; the services' rules still apply.
    Row("create offer",                 "POST /api/v1/me/offers",                  u("/me/offers"),                                       (401, 401, 201, 403, 201), body=OFFER),
    Row("create offer, initiative",     "POST /api/v1/me/offers",                  u("/me/offers"),                                       (401, 401, 201, 403, 403), org="initiative", body=OFFER),
    Row("create need",                  "POST /api/v1/me/needs",                   u("/me/needs"),                                        (401, 401, 403, 403, 201), org="initiative", body=NEED),
    Row("edit offer draft",             "PATCH /api/v1/me/offers/{offer_id}",      u("/me/offers/{i}", i="offer_draft"),                   OWN_WRITE, body={"title": "Anders"}),
    Row("edit need draft",              "PATCH /api/v1/me/needs/{need_id}",        u("/me/needs/{i}", i="need_draft"),                     OWN_WRITE, org="initiative", body={"title": "Anders"}),
    Row("submit offer",                 "POST /api/v1/me/offers/{offer_id}/submit", u("/me/offers/{i}/submit", i="offer_draft"),           OWN_WRITE),
    Row("submit need",                  "POST /api/v1/me/needs/{need_id}/submit",  u("/me/needs/{i}/submit", i="need_draft"),             OWN_WRITE, org="initiative"),
    Row("close offer",                  "POST /api/v1/me/offers/{offer_id}/close", u("/me/offers/{i}/close", i="offer_published"),         OWN_WRITE, body={"reason": "withdrawn"}),
    Row("close need",                   "POST /api/v1/me/needs/{need_id}/close",   u("/me/needs/{i}/close", i="need_published"),           OWN_WRITE, org="initiative", body={"reason": "fulfilled"}),
    # The match waits for the company's answer: no conversation yet, so even the writer gets 409.
    Row("message before introduction",  "POST /api/v1/me/matches/{match_id}/messages", u("/me/matches/{i}/messages", i="match"),          (401, 401, 404, 403, 409), body={"body": "Hallo"}),
]
# fmt: on


def _keys(world: World) -> dict[str, dict[str, str | None]]:
    """Per organisation of a row: the key each actor presents."""
    def make(org, owner, scope):
        return api_services.api_key_create(organisation=org, actor=owner, name=scope, scope=scope)

    stranger = world.people["stranger"]
    stranger_key = make(world.other, stranger, "read-write")[1]
    output = {}
    for name in ("company", "initiative"):
        org = getattr(world, name)
        owner = world.org_people[name]["owner"]
        revoked_row, revoked = make(org, owner, "read-write")
        api_services.api_key_revoke(key=revoked_row, actor=owner)
        output[name] = {
            "anonymous": None,
            "revoked": revoked,
            "stranger": stranger_key,
            "read": make(org, owner, "read")[1],
            "write": make(org, owner, "read-write")[1],
        }
    return output


def _call(client: ApiClient, row: Row, url: str):
    if row.method == "GET":
        return client.get(url)
    if row.method == "PATCH":
        return client.patch(url, row.body or {})
    return client.post(url, row.body)


@pytest.mark.parametrize("row", MATRIX, ids=[row.label for row in MATRIX])
def test_api_access_policy(row: Row):
    world = build_world()
    keys = _keys(world)
    url = row.url(world)
    problems = []
    for who, expected in zip(ACTORS, row.expect, strict=True):
        with transaction.atomic():
            before = snapshot()
            with CaptureQueriesContext(connection) as queries:
                response = _call(ApiClient(keys[row.org][who]), row, url)
            changed = snapshot() != before
            transaction.set_rollback(True)
        got = response.status_code
        writes = [q["sql"][:120] for q in queries.captured_queries if WRITE_SQL.match(q["sql"])]
        if got != expected:
            problems.append(f"{who}: expected {expected}, got {got} {response.content[:160]!r}")
        elif got >= 400 and response["Content-Type"] != "application/problem+json":
            problems.append(f"{who}: {got} is not a problem ({response['Content-Type']})")
        elif row.method == "GET" and writes:
            problems.append(f"{who}: a GET wrote {writes}")
        elif row.method != "GET" and changed != (200 <= got < 300):
            problems.append(f"{who}: " + ("the database changed" if changed else "nothing was saved"))
    assert not problems, f"{row.operation} {row.label} ({url}):\n  " + "\n  ".join(problems)


def test_every_operation_is_in_the_matrix():
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    operations = {
        f"{method.upper()} {path}" for path, methods in schema["paths"].items() for method in methods
    }
    covered = {row.operation for row in MATRIX}
    assert operations - covered == set(), "add these operations to MATRIX"
    assert covered - operations == set(), "MATRIX names operations that do not exist"
