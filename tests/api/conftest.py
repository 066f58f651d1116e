"""Fixtures of the API tests: organisations with keys, and a client that presents one."""

from __future__ import annotations

from typing import Any

import pytest

from django.test import Client

from api import services as api_services
from api.models import ApiKey


def make_key(owner, organisation, scope: str = ApiKey.Scope.READ_WRITE, name: str = "CRM"):
    """(the key row, the full key) made through the service, as the dashboard does."""
    return api_services.api_key_create(organisation=organisation, actor=owner, name=name,
                                       scope=scope)


class ApiClient:
    """A test client that sends `Authorization: Bearer <key>` (or nothing) and JSON bodies."""

    def __init__(self, key: str | None = None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {key}"} if key else {}

    def get(self, path: str, **params: Any):
        return self.client.get(f"/api/v1{path}", params, headers=self.headers)

    def post(self, path: str, data: Any = None):
        return self.client.post(f"/api/v1{path}", data or {}, content_type="application/json",
                                headers=self.headers)

    def patch(self, path: str, data: Any):
        return self.client.patch(f"/api/v1{path}", data, content_type="application/json",
                                 headers=self.headers)


@pytest.fixture
def company_key(company, company_owner):
    return make_key(company_owner, company)[1]


@pytest.fixture
def initiative_key(initiative, initiative_owner):
    return make_key(initiative_owner, initiative)[1]


@pytest.fixture
def no_plan_limit(settings):
    settings.PAYMENTS_FREE_OFFER_LIMIT = None
