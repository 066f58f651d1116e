"""A localstripe for the payments tests: started once on a free port, stopped at the end.

Each test points the Stripe settings at it through the `stripe_server` fixture, which also gives
helpers to do what a browser or Stripe would do: make card tokens, pass 3-D Secure, read events
and sign webhooks.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import stripe as stripe_sdk

from django.conf import settings as django_settings
from django.utils import translation

from payments import services
from tests.factories import MembershipFactory, NeedFactory, OfferFactory, OrganisationFactory

SECRET_KEY = "sk_test_tests"
PUBLISHABLE_KEY = "pk_test_tests"
WEBHOOK_SECRET = "whsec_tests"

GOOD_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000341"  # localstripe: the charge is declined
ATTACH_DECLINED_CARD = "4000000000000002"  # localstripe: refused when saved for a subscription
THREE_D_SECURE_CARD = "4000002500003155"  # localstripe: requires_action until authenticated


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def _english():
    """These tests read English texts: reverse() gives the /en/ pages (Dutch is the default)."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def localstripe_url(tmp_path_factory):
    """The address of a localstripe of this test session (its own port, no shared state file)."""
    port = free_port()
    private_tmp = tmp_path_factory.mktemp("localstripe")
    log = (private_tmp / "localstripe.log").open("wb")
    process = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "payments.localstripe_server",
            "--port",
            str(port),
            "--from-scratch",
        ],
        cwd=Path(django_settings.BASE_DIR),
        env={**os.environ, "TMPDIR": str(private_tmp)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            requests.get(f"{url}/js.stripe.com/v3/", timeout=1).raise_for_status()
            break
        except requests.RequestException:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"localstripe did not start; see {log.name}") from None
            time.sleep(0.1)
    yield url
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@dataclass
class LocalStripe:
    """What a browser (Stripe.js) or Stripe itself would do, against the test localstripe."""

    url: str

    def get(self, path: str, **params) -> dict:
        response = requests.get(
            f"{self.url}{path}", params=params, auth=(SECRET_KEY, ""), timeout=5
        )
        response.raise_for_status()
        return response.json()

    def token(self, number: str = GOOD_CARD) -> str:
        """A card token, made the way the Stripe.js stand-in makes it."""
        response = requests.post(
            f"{self.url}/v1/tokens",
            data={
                "card[number]": number,
                "card[exp_month]": "12",
                "card[exp_year]": "2034",
                "card[cvc]": "123",
                "key": PUBLISHABLE_KEY,
            },
            timeout=5,
        )
        response.raise_for_status()
        return response.json()["id"]

    def authenticate(self, client_secret: str, *, success: bool = True) -> dict:
        """Pass (or fail) 3-D Secure, as the Stripe.js stand-in does in the payer's browser."""
        intent_id = client_secret.split("_secret_")[0]
        response = requests.post(
            f"{self.url}/v1/payment_intents/{intent_id}/_authenticate",
            params={"success": "true" if success else "false"},
            data=json.dumps({"key": PUBLISHABLE_KEY, "client_secret": client_secret}),
            timeout=5,
        )
        response.raise_for_status()
        return response.json()

    def intent(self, intent_id: str) -> dict:
        return self.get(f"/v1/payment_intents/{intent_id}")

    def intents_with(self, key: str, value: str) -> list[dict]:
        """Every PaymentIntent whose metadata has key=value."""
        found, after = [], None
        while True:
            params = {"limit": 100, **({"starting_after": after} if after else {})}
            page = self.get("/v1/payment_intents", **params)
            found += [i for i in page["data"] if (i.get("metadata") or {}).get(key) == value]
            if not page["has_more"]:
                return found
            after = page["data"][-1]["id"]

    def event_for(self, event_type: str, object_id: str, *, timeout: float = 3) -> dict:
        """The event of a type about an object (localstripe records it at once)."""
        deadline = time.monotonic() + timeout
        while True:
            events = self.get("/v1/events", type=event_type, limit=100)["data"]
            for event in events:
                if event["data"]["object"].get("id") == object_id:
                    return event
            if time.monotonic() > deadline:
                raise AssertionError(f"no {event_type} event for {object_id}")
            time.sleep(0.1)

    def refund(self, intent_id: str, *, amount: int | None = None) -> dict:
        """A refund made at Stripe (the dashboard), behind our back; localstripe sends no event."""
        data = {"payment_intent": intent_id, **({"amount": amount} if amount else {})}
        response = requests.post(
            f"{self.url}/v1/refunds", data=data, auth=(SECRET_KEY, ""), timeout=5
        )
        response.raise_for_status()
        return response.json()

    def register_webhook(self, url: str, *, events: list[str] | None = None) -> None:
        data = {"url": url, "secret": WEBHOOK_SECRET}
        if events is not None:
            data["events"] = events
        requests.post(f"{self.url}/_config/webhooks/test", json=data, timeout=5).raise_for_status()


def signed(event: dict | bytes, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None):
    """A webhook body and its Stripe-Signature header, as Stripe would send them."""
    body = event if isinstance(event, bytes) else json.dumps(event).encode()
    header = stripe_sdk.WebhookSignature.generate_signature_header(
        body.decode(), secret, timestamp=timestamp
    )
    return body, header


def charge_refunded_event(stripe: LocalStripe, intent_id: str, refund: dict) -> dict:
    """The charge.refunded event Stripe sends after a refund (localstripe sends none)."""
    charge = stripe.intent(intent_id)["latest_charge"]
    return {
        "id": f"evt_refund_{refund['id']}",
        "object": "event",
        "type": "charge.refunded",
        "created": int(time.time()),
        "data": {"object": {**charge, "payment_intent": intent_id}},
    }


def post_webhook(client, body: bytes, header: str | None):
    extra = {"HTTP_STRIPE_SIGNATURE": header} if header is not None else {}
    return client.post("/stripe/webhook/", data=body, content_type="application/json", **extra)


@pytest.fixture
def stripe_server(localstripe_url, settings) -> LocalStripe:
    """Point the Stripe settings at the test localstripe, with the Partner plans in place."""
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_JS_URL = f"{localstripe_url}/js.stripe.com/v3/"
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_SUBSCRIPTION_PRICE_PARAM = "plan"
    services.partner_plans_ensure()
    return LocalStripe(localstripe_url)


# The marketplace side of payments -----------------------------------------------------------


@pytest.fixture
def need_with_goal(initiative, initiative_owner):
    """A published need of the initiative with a funding goal of € 1,000."""
    need = NeedFactory(organisation=initiative, published=True)
    services.funding_goal_set(need=need, actor=initiative_owner, goal_cents=100_000)
    return need


@pytest.fixture
def published_offer(company):
    return OfferFactory(organisation=company, published=True)


@pytest.fixture
def owner_client(client, company_owner):
    client.force_login(company_owner)
    return client


@pytest.fixture
def other_company_owner(db):
    return MembershipFactory(organisation=OrganisationFactory(name="Someone Else BV")).user
