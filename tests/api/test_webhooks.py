"""Outgoing webhooks: signed like Stripe's, sent after commit, retried, logged in the dashboard."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from django.core.exceptions import ValidationError
from django.test import override_settings

from api import services as api_services
from api import signing
from api.models import WebhookDelivery, WebhookEndpoint
from api.tasks import deliver_webhook
from marketplace import match_services
from marketplace.models import Plan
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


class Receiver:
    """An HTTP server on 127.0.0.1 that records what it is sent and answers the given codes."""

    def __init__(self, codes: list[int]) -> None:
        self.codes = list(codes)
        self.requests: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                code = receiver.codes.pop(0) if receiver.codes else 200
                self.send_response(code)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_signature_round_trip_and_refusals():
    body = b'{"type":"interest.created"}'
    header = signing.header_value(secret="whsec_x", body=body, timestamp=1_700_000_000)
    assert header.startswith("t=1700000000,v1=")
    assert signing.verify(secret="whsec_x", body=body, header=header, now=1_700_000_010)
    assert not signing.verify(secret="whsec_y", body=body, header=header, now=1_700_000_010)
    assert not signing.verify(secret="whsec_x", body=body + b" ", header=header, now=1_700_000_010)
    # A replay after the tolerance is refused.
    assert not signing.verify(secret="whsec_x", body=body, header=header, now=1_700_001_000)
    assert not signing.verify(secret="whsec_x", body=body, header="garbage")


def test_endpoint_addresses(company, company_owner, settings):
    def create(url):
        return api_services.webhook_endpoint_create(
            organisation=company, actor=company_owner, url=url, events=["interest.created"]
        )

    assert create("https://crm.example.nl/hooks").secret.startswith("whsec_")
    assert create("http://127.0.0.1:9999/hooks")  # tests allow the loopback, like DEBUG
    for url in ("http://crm.example.nl/hooks", "https://10.0.0.8/hooks", "ftp://x.nl/"):
        with pytest.raises(ValidationError):
            create(url)
    settings.API = {**settings.API, "WEBHOOK_ALLOW_LOOPBACK_HTTP": False}
    with pytest.raises(ValidationError):
        create("http://127.0.0.1:9999/hooks")
    with pytest.raises(ValidationError):
        api_services.webhook_endpoint_create(organisation=company, actor=company_owner,
                                             url="https://crm.example.nl/", events=[])


def _interest(company, initiative, initiative_owner):
    offer = OfferFactory(organisation=company, published=True)
    need = NeedFactory(organisation=initiative, published=True)
    return match_services.match_express_interest(need=need, offer=offer, actor=initiative_owner,
                                                 proposal="Forty panels")


def test_new_interest_is_delivered_signed_after_commit_and_logged(
    client, company, company_owner, initiative, initiative_owner, django_capture_on_commit_callbacks
):
    with Receiver([200]) as receiver:
        client.force_login(company_owner)
        response = client.post("/en/dashboard/webhooks/",
                               {"url": receiver.url, "events": ["interest.created", "message.created"]})
        assert response.status_code == 200
        endpoint = WebhookEndpoint.objects.get()
        assert endpoint.secret in response.content.decode()  # shown once, here
        with django_capture_on_commit_callbacks(execute=True):
            match = _interest(company, initiative, initiative_owner)
        assert len(receiver.requests) == 1
        headers, body = receiver.requests[0]
    assert signing.verify(secret=endpoint.secret, body=body, header=headers["B2C-Signature"])
    payload = json.loads(body)
    assert payload["type"] == "interest.created" == headers["B2C-Event"]
    assert payload["data"]["match"]["id"] == match.pk
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("succeeded", 1, 200)
    assert str(delivery.public_id) == payload["id"] == headers["B2C-Delivery"]
    page = client.get("/en/dashboard/webhooks/").content.decode()
    assert "interest.created" in page and "Delivered" in page
    assert endpoint.secret not in page


def test_the_initiative_side_does_not_hear_of_its_own_interest(
    company, initiative, initiative_owner, django_capture_on_commit_callbacks
):
    api_services.webhook_endpoint_create(organisation=initiative, actor=initiative_owner,
                                         url="https://crm.example.nl/", events=["interest.created"])
    with django_capture_on_commit_callbacks(execute=False):
        _interest(company, initiative, initiative_owner)
    assert not WebhookDelivery.objects.exists()


def test_a_failed_delivery_is_retried_later_then_delivered(
    company, company_owner, initiative, initiative_owner, django_capture_on_commit_callbacks
):
    with Receiver([500, 200]) as receiver, override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    ):
        api_services.webhook_endpoint_create(organisation=company, actor=company_owner,
                                             url=receiver.url, events=["interest.created"])
        with django_capture_on_commit_callbacks(execute=True):
            _interest(company, initiative, initiative_owner)
        delivery = WebhookDelivery.objects.get()
        backend = deliver_webhook.get_backend()
        queued = [r for r in backend.results if r.task.name == "deliver_webhook"]
        assert [r.args for r in queued] == [[delivery.pk]]  # queued, not yet sent
        assert deliver_webhook.call(delivery.pk).startswith("retry 2")
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
        assert delivery.next_attempt_at is not None
        retry = backend.results[-1]
        assert retry.args == [delivery.pk, 2] and retry.task.run_after == delivery.next_attempt_at
        assert deliver_webhook.call(delivery.pk, 2) == "delivered"
        assert len(receiver.requests) == 2
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("succeeded", 2, None)
    # Sent again (a duplicate task), a delivered event is not sent twice.
    assert deliver_webhook.call(delivery.pk, 3) == "nothing to do"


def test_without_a_queue_that_can_wait_a_failure_is_final(
    company, company_owner, initiative, initiative_owner, django_capture_on_commit_callbacks
):
    api_services.webhook_endpoint_create(organisation=company, actor=company_owner,
                                         url="http://127.0.0.1:9/closed", events=["interest.created"])
    with django_capture_on_commit_callbacks(execute=True):
        _interest(company, initiative, initiative_owner)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and delivery.attempts == 1 and delivery.last_error


def test_a_lead_and_a_message_are_events_too(
    company, company_owner, initiative, initiative_owner, django_capture_on_commit_callbacks
):
    company.plan = Plan.PARTNER  # lead alerts are a Partner benefit
    company.save()
    with Receiver([]) as receiver:
        api_services.webhook_endpoint_create(organisation=company, actor=company_owner,
                                             url=receiver.url,
                                             events=["lead.created", "message.created"])
        offer = OfferFactory(organisation=company, published=True)
        need = NeedFactory(organisation=initiative, published=True)
        with django_capture_on_commit_callbacks(execute=True):
            match = match_services.match_suggest(need=need, offer=offer, score=0.8)
        with django_capture_on_commit_callbacks(execute=True):
            match = match_services.match_express_interest(need=need, offer=offer,
                                                          actor=initiative_owner, proposal="Yes")
            match_services.match_accept(match=match, actor=company_owner)
            match_services.match_message_send(match=match, actor=initiative_owner, body="Hallo")
        deadline = time.time() + 5
        while len(receiver.requests) < 2 and time.time() < deadline:
            time.sleep(0.05)
        events = [json.loads(body)["type"] for _headers, body in receiver.requests]
    assert events == ["lead.created", "message.created"]  # no interest.created: not chosen


def test_a_header_carries_one_signature_per_secret_and_either_verifies():
    body = b'{"id":"x"}'
    header = signing.header_value(secrets=["whsec_new", "whsec_old"], body=body, timestamp=1_700_000_000)
    assert header.count("v1=") == 2
    for secret in ("whsec_new", "whsec_old"):
        assert signing.verify(secret=secret, body=body, header=header, now=1_700_000_001)
    assert not signing.verify(secret="whsec_other", body=body, header=header, now=1_700_000_001)


def test_rolling_a_secret_signs_with_both_during_the_grace_then_the_new_one_only(
    client, company, company_owner, initiative, initiative_owner, django_capture_on_commit_callbacks
):
    with Receiver([200, 200]) as receiver:
        endpoint = api_services.webhook_endpoint_create(
            organisation=company, actor=company_owner, url=receiver.url, events=["interest.created"])
        old = endpoint.secret
        client.force_login(company_owner)
        response = client.post(f"/en/dashboard/webhooks/{endpoint.pk}/roll-secret/")
        assert response.status_code == 200
        endpoint.refresh_from_db()
        page = response.content.decode()
        assert endpoint.secret != old and endpoint.secret in page  # the new one, shown once
        assert old not in page
        assert endpoint.previous_secret == old and endpoint.previous_secret_expires_at is not None
        with django_capture_on_commit_callbacks(execute=True):
            _interest(company, initiative, initiative_owner)
        headers, body = receiver.requests[0]
        assert signing.verify(secret=old, body=body, header=headers["B2C-Signature"])
        assert signing.verify(secret=endpoint.secret, body=body, header=headers["B2C-Signature"])
        assert endpoint.secret not in client.get("/en/dashboard/webhooks/").content.decode()

        # A leaked secret: roll with no grace, the old one stops signing at once.
        client.post(f"/en/dashboard/webhooks/{endpoint.pk}/roll-secret/", {"now": "1"})
        endpoint.refresh_from_db()
        assert endpoint.signing_secrets() == [endpoint.secret]
        second = OfferFactory(organisation=company, published=True)
        need = NeedFactory(organisation=initiative, published=True)
        with django_capture_on_commit_callbacks(execute=True):
            match_services.match_express_interest(need=need, offer=second, actor=initiative_owner,
                                                  proposal="Twenty panels")
        headers, body = receiver.requests[1]
    assert headers["B2C-Signature"].count("v1=") == 1
    assert signing.verify(secret=endpoint.secret, body=body, header=headers["B2C-Signature"])
    assert not signing.verify(secret=old, body=body, header=headers["B2C-Signature"])


def test_only_an_owner_of_the_same_organisation_rolls_a_secret(
    client, company, company_owner, initiative, initiative_owner, django_user_model
):
    endpoint = api_services.webhook_endpoint_create(
        organisation=company, actor=company_owner, url="https://crm.example.nl/hooks",
        events=["lead.created"])
    secret = endpoint.secret
    client.force_login(initiative_owner)
    assert client.post(f"/en/dashboard/webhooks/{endpoint.pk}/roll-secret/").status_code == 404
    endpoint.refresh_from_db()
    assert endpoint.secret == secret
