"""The impact totals over the API are the figures of /impact/, moved by every fulfilment."""

import pytest

from tests.factories import NeedFactory, OfferFactory
from tests.impact.conftest import fulfil

pytestmark = pytest.mark.django_db


def _kwh(data) -> float:
    return sum(item["value"] for item in data["indicators"] if item["indicator"] == "kwh")


def test_impact_totals_follow_the_recorded_outcomes(
    client, company, company_owner, initiative, initiative_owner
):
    before = client.get("/api/v1/impact")
    assert before.status_code == 200 and before["Content-Type"].startswith("application/json")
    start = before.json()
    fulfil(
        need=NeedFactory(organisation=initiative, published=True),
        offer=OfferFactory(organisation=company, published=True),
        need_owner=initiative_owner, offer_owner=company_owner,
        indicators=[{"indicator": "kwh", "value": "12500", "sdg": 7}],
    )
    after = client.get("/api/v1/impact").json()
    assert after["deals"] == start["deals"] + 1
    assert _kwh(after) == _kwh(start) + 12500
    sdg7 = next(group for group in after["by_sdg"] if group["key"] == "7")
    assert sdg7["deals"] >= 1 and any(i["indicator"] == "kwh" for i in sdg7["indicators"])


def test_private_outcomes_stay_out_of_the_api_totals(
    client, company, company_owner, initiative, initiative_owner
):
    start = client.get("/api/v1/impact").json()
    fulfil(
        need=NeedFactory(organisation=initiative, published=True),
        offer=OfferFactory(organisation=company, published=True),
        need_owner=initiative_owner, offer_owner=company_owner,
        indicators=[{"indicator": "kwh", "value": "500", "sdg": 7}], visibility="private",
    )
    assert client.get("/api/v1/impact").json() == start
