"""schemathesis against /api/v1/openapi.json, in process over WSGI: for every operation a few
generated requests, without a key and with a read-write key; no answer may be a server error or
disagree with the schema (status code, content type, body)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections

from tests.api.conftest import make_key
from tests.factories import MembershipFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Like Django's test client: a request must not close the test's connection."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def world(initiative, initiative_owner, company):
    """A verified initiative with a published need and a draft, a company with an offer."""
    initiative.is_verified = True
    initiative.save()
    OfferFactory(organisation=company, published=True)
    NeedFactory(organisation=initiative, published=True)
    NeedFactory(organisation=initiative)
    MembershipFactory(organisation=company)
    return {"Authorization": f"Bearer {make_key(initiative_owner, initiative)[1]}"}


# The schema as the app serves it (loading it reads no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@schema.parametrize()
@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_without_a_key_conforms_to_its_schema(case, world):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@settings(max_examples=4, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_api_with_a_key_conforms_to_its_schema(case, world):
    case.call_and_validate(headers=world, checks=CHECKS)
