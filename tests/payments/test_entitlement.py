"""Payments sets the organisation's plan through a marketplace service; the marketplace never asks payments."""

import ast
import importlib
import pathlib
import time

import pytest
import requests

from django.apps import apps
from django.urls import reverse

from marketplace import services as marketplace_services
from marketplace.models import ListingStatus, Organisation, Plan
from payments.models import PartnerSubscription
from tests.factories import OfferFactory, OrganisationFactory
from tests.payments.conftest import GOOD_CARD, post_webhook, signed

pytestmark = pytest.mark.django_db

MARKETPLACE = pathlib.Path(__file__).resolve().parents[2] / "marketplace"


def _plan(organisation: Organisation) -> str:
    return Organisation.objects.values_list("plan", flat=True).get(pk=organisation.pk)


def test_the_marketplace_imports_nothing_from_payments():
    for path in MARKETPLACE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            assert not any(name.split(".")[0] == "payments" for name in names), path


def test_a_subscription_sets_the_plan_and_its_end_returns_to_free(
    client, owner_client, stripe_server, company, company_owner, settings
):
    settings.PAYMENTS_FREE_OFFER_LIMIT = 1
    OfferFactory(organisation=company, published=True)
    draft = OfferFactory(organisation=company)
    assert _plan(company) == Plan.FREE
    response = owner_client.post(
        reverse("payments:plan_upgrade"),
        {"interval": "monthly", "payment_method": stripe_server.token(GOOD_CARD)},
        HTTP_ACCEPT="application/json",
    )
    assert response.json()["status"] == "succeeded"
    assert _plan(company) == Plan.PARTNER
    # The marketplace reads the entitlement from the organisation: no limit for a Partner.
    submitted = marketplace_services.listing_submit(listing=draft, actor=company_owner)
    assert submitted.status == ListingStatus.SUBMITTED

    record = PartnerSubscription.objects.get(organisation=company)
    ended = stripe_server.get(f"/v1/subscriptions/{record.stripe_subscription_id}")
    requests.delete(
        f"{stripe_server.url}/v1/subscriptions/{record.stripe_subscription_id}",
        auth=("sk_test_tests", ""),
        timeout=5,
    ).raise_for_status()
    event = {
        "id": f"evt_entitlement_{record.pk}_{int(time.time())}",
        "object": "event",
        "type": "customer.subscription.deleted",
        "created": int(time.time()),
        "data": {"object": {**ended, "status": "canceled"}},
    }
    assert post_webhook(client, *signed(event)).status_code == 200
    assert _plan(company) == Plan.FREE
    another = OfferFactory(organisation=company)
    with pytest.raises(marketplace_services.TransitionNotAllowed):
        marketplace_services.listing_submit(listing=another, actor=company_owner)


def test_the_data_migration_fills_the_plan_from_active_subscriptions():
    partner, lapsed, free = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    PartnerSubscription.objects.create(
        organisation=partner, stripe_customer_id="cus_p", stripe_subscription_id="sub_p",
        status="active",
    )
    PartnerSubscription.objects.create(
        organisation=lapsed, stripe_customer_id="cus_l", stripe_subscription_id="sub_l",
        status="canceled",
    )
    migration = importlib.import_module(
        "payments.migrations.0002_organisation_plan_from_subscriptions"
    )
    migration.fill_plans(apps, None)
    assert [_plan(o) for o in (partner, lapsed, free)] == [Plan.PARTNER, Plan.FREE, Plan.FREE]
