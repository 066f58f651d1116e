"""The free plan's limit and the Partner plan: upgrade, 3-D Secure, decline, cancel, invoices."""

import io
import time

import pytest

from django.core.management import call_command
from django.urls import reverse

from marketplace.models import ListingStatus
from payments import selectors, services
from payments.models import PartnerSubscription, StripeEvent
from tests.factories import InitiativeFactory, MembershipFactory, OfferFactory
from tests.payments.conftest import (
    ATTACH_DECLINED_CARD,
    DECLINED_CARD,
    GOOD_CARD,
    THREE_D_SECURE_CARD,
    post_webhook,
    signed,
)

pytestmark = pytest.mark.django_db


def upgrade(client, token, interval="monthly"):
    return client.post(
        reverse("payments:plan_upgrade"),
        {"interval": interval, "payment_method": token},
        HTTP_ACCEPT="application/json",
    )


def test_the_free_plan_allows_a_few_live_offers(company, settings):
    settings.PAYMENTS_FREE_OFFER_LIMIT = 3
    assert selectors.organisation_offer_limit(organisation=company) == 3
    OfferFactory.create_batch(2, organisation=company, published=True)
    OfferFactory(organisation=company, status=ListingStatus.SUBMITTED)
    OfferFactory(organisation=company, status=ListingStatus.DRAFT)
    OfferFactory(organisation=company, status=ListingStatus.CLOSED)
    draft = OfferFactory(organisation=company)
    assert selectors.organisation_live_offer_count(organisation=company) == 3
    assert selectors.offer_limit_reached(organisation=company, exclude_offer=draft)
    assert not selectors.offer_limit_reached(
        organisation=company, exclude_offer=company.offer_set.filter(status="published").first()
    )
    assert selectors.organisation_offer_limit(organisation=InitiativeFactory()) is None


def test_upgrading_makes_a_partner_without_limit_and_shows_the_invoice(
    owner_client, stripe_server, company
):
    response = upgrade(owner_client, stripe_server.token(GOOD_CARD), interval="yearly")
    assert response.json() == {
        "status": "succeeded",
        "message": "",
        "redirect_url": reverse("payments:plan"),
    }
    record = PartnerSubscription.objects.get(organisation=company)
    assert record.status == "active" and record.interval == "yearly"
    assert record.current_period_end is not None
    assert selectors.organisation_is_partner(organisation=company)
    assert selectors.organisation_offer_limit(organisation=company) is None
    page = owner_client.get(reverse("payments:plan")).content.decode()
    assert "Partner" in page
    assert "490,00" in page or "490.00" in page  # the paid yearly invoice


def test_upgrading_twice_is_one_subscription(owner_client, stripe_server, company):
    upgrade(owner_client, stripe_server.token())
    again = upgrade(owner_client, stripe_server.token())
    assert again.json()["status"] == "succeeded"
    record = PartnerSubscription.objects.get(organisation=company)
    subscriptions = stripe_server.get("/v1/subscriptions", customer=record.stripe_customer_id)[
        "data"
    ]
    assert [s["id"] for s in subscriptions] == [record.stripe_subscription_id]


@pytest.mark.parametrize("card", [ATTACH_DECLINED_CARD, DECLINED_CARD])
def test_a_declined_card_leaves_the_free_plan(owner_client, stripe_server, company, card):
    data = upgrade(owner_client, stripe_server.token(card)).json()
    assert data["status"] == "failed"
    assert "declined" in data["message"].lower()
    assert not selectors.organisation_is_partner(organisation=company)
    record = PartnerSubscription.objects.get(organisation=company)
    assert record.stripe_subscription_id == ""
    # No half-started subscription is left at Stripe either.
    assert stripe_server.get("/v1/subscriptions", customer=record.stripe_customer_id)["data"] == []
    # And a good card afterwards works.
    assert upgrade(owner_client, stripe_server.token(GOOD_CARD)).json()["status"] == "succeeded"


def test_3d_secure_on_the_first_invoice(owner_client, stripe_server, company):
    data = upgrade(owner_client, stripe_server.token(THREE_D_SECURE_CARD)).json()
    assert data["status"] == "requires_action"
    assert not selectors.organisation_is_partner(organisation=company)
    # A second click while the bank asks: the same subscription, the same question.
    again = upgrade(owner_client, stripe_server.token(THREE_D_SECURE_CARD)).json()
    assert again["client_secret"] == data["client_secret"]
    stripe_server.authenticate(data["client_secret"])
    after = owner_client.post(data["refresh_url"], HTTP_ACCEPT="application/json").json()
    assert after["status"] == "succeeded"
    assert selectors.organisation_is_partner(organisation=company)


def test_cancel_keeps_partner_until_the_period_ends_and_can_be_undone(
    owner_client, stripe_server, company
):
    upgrade(owner_client, stripe_server.token())
    plan_page = owner_client.get(reverse("payments:plan"))
    assert b"Welcome as a Partner" in plan_page.content  # the upgrade is confirmed
    cancel_url = reverse("payments:plan_renewal", args=["cancel"])
    # One click is not enough: the button leads to a page that says what cancelling means.
    confirm_page = owner_client.get(cancel_url)
    assert confirm_page.status_code == 200
    assert b"You keep the Partner plan until" in confirm_page.content
    assert b"free plan allows 3 offers" in confirm_page.content
    owner_client.post(cancel_url)  # without the confirmation: nothing changes
    record = PartnerSubscription.objects.get(organisation=company)
    assert not record.cancel_at_period_end
    owner_client.post(cancel_url, {"confirm": "yes"})
    record.refresh_from_db()
    assert record.cancel_at_period_end and record.is_active
    assert b"ends on" in owner_client.get(reverse("payments:plan")).content
    owner_client.post(reverse("payments:plan_renewal", args=["resume"]))
    record.refresh_from_db()
    assert not record.cancel_at_period_end


def test_a_subscription_ended_at_stripe_returns_to_the_free_plan(
    client, owner_client, stripe_server, company
):
    upgrade(owner_client, stripe_server.token())
    record = PartnerSubscription.objects.get(organisation=company)
    ended = stripe_server.get(f"/v1/subscriptions/{record.stripe_subscription_id}")
    # Stripe ends it (e.g. at the end of a cancelled period) and tells us by webhook.
    import requests

    requests.delete(
        f"{stripe_server.url}/v1/subscriptions/{record.stripe_subscription_id}",
        auth=("sk_test_tests", ""),
        timeout=5,
    ).raise_for_status()
    event = {
        "id": f"evt_deleted_{record.pk}_{int(time.time())}",
        "object": "event",
        "type": "customer.subscription.deleted",
        "created": int(time.time()),
        "data": {"object": {**ended, "status": "canceled"}},
    }
    for _ in range(2):
        assert post_webhook(client, *signed(event)).status_code == 200
    assert StripeEvent.objects.filter(stripe_id=event["id"]).count() == 1
    assert not selectors.organisation_is_partner(organisation=company)
    assert selectors.organisation_offer_limit(organisation=company) is not None


def test_only_owners_of_providers_change_the_plan(client, stripe_server, company, initiative_owner):
    member = MembershipFactory(organisation=company, role="member").user
    client.force_login(member)
    assert client.get(reverse("payments:plan")).status_code == 200
    assert upgrade(client, stripe_server.token()).status_code == 403
    client.force_login(initiative_owner)
    assert client.get(reverse("payments:plan")).status_code == 404
    assert not PartnerSubscription.objects.filter(stripe_subscription_id__gt="").exists()


def test_the_partner_plans_are_set_up_once(stripe_server):
    out = io.StringIO()
    call_command("stripe_setup_plans", stdout=out)
    assert "already exist" in out.getvalue()
    assert services.partner_plans_ensure() == []
    plan = stripe_server.get("/v1/plans/b2c-partner-monthly")
    assert (plan["amount"], plan["currency"], plan["interval"]) == (4900, "eur", "month")


def test_the_free_limit_can_be_lifted_by_setting(company, settings):
    settings.PAYMENTS_FREE_OFFER_LIMIT = None
    OfferFactory.create_batch(5, organisation=company, published=True)
    assert selectors.organisation_offer_limit(organisation=company) is None
    assert not selectors.offer_limit_reached(organisation=company)


def test_waiting_for_a_starting_stripe_is_calm(settings, caplog):
    """make run starts localstripe beside stripe_setup_plans: waiting is said once, calmly."""
    from django.core.management.base import CommandError

    from tests.payments.conftest import free_port

    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"  # nobody listens
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
    out = io.StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("stripe_setup_plans", "--wait", "1", stdout=out)
    assert out.getvalue().count("Waiting up to 1 s for Stripe") == 1
    assert "support" not in out.getvalue().lower()
    assert not [r for r in caplog.records if r.levelname == "WARNING" and "Stripe" in r.message]
    assert settings.STRIPE_API_BASE in str(failed.value)
