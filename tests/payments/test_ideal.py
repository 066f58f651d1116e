"""iDEAL: the request shapes at Stripe's HTTP edge (localstripe has no iDEAL nor return_url),
the redirect to the bank, and the payer's return to the result page, where the server asks."""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from django.urls import reverse

from payments import payout_selectors
from payments.models import Payment, PaymentStatus

pytestmark = pytest.mark.django_db

BANK = "https://hooks.stripe.com/redirect/authenticate/src_stub"


class _Stripe(BaseHTTPRequestHandler):
    """Plays Stripe for one iDEAL PaymentIntent: created, confirmed (to the bank), then paid."""

    requests: list = []
    paid = False

    def _answer(self, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _intent(self, **extra) -> dict:
        amount = int(type(self).amount)
        return {
            "id": "pi_ideal", "object": "payment_intent", "amount": amount, "currency": "eur",
            "client_secret": "pi_ideal_secret_x", "metadata": type(self).metadata,
            "payment_method_types": ["ideal"], "last_payment_error": None, **extra,
        }

    def do_POST(self):  # noqa: N802
        body = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
        type(self).requests.append(("POST", urlsplit(self.path).path, body))
        if self.path == "/v1/payment_intents":
            type(self).amount = body["amount"][0]
            type(self).metadata = {"payment": body["metadata[payment]"][0]}
            self._answer(self._intent(status="requires_payment_method", next_action=None))
        else:
            self._answer(self._intent(
                status="requires_action",
                next_action={"type": "redirect_to_url", "redirect_to_url": {"url": BANK}},
            ))

    def do_GET(self):  # noqa: N802
        type(self).requests.append(("GET", urlsplit(self.path).path, {}))
        amount = int(type(self).amount)
        charge = {"id": "ch_ideal", "amount_refunded": 0, "balance_transaction": {"fee": 29}}
        if type(self).paid:
            self._answer(self._intent(status="succeeded", next_action=None, latest_charge=charge))
        else:
            self._answer(self._intent(
                status="requires_action", latest_charge=None,
                next_action={"type": "redirect_to_url", "redirect_to_url": {"url": BANK}},
            ))
        assert amount

    def log_message(self, *args):
        pass


@pytest.fixture
def stripe_stub(settings):
    server = HTTPServer(("127.0.0.1", 0), _Stripe)
    _Stripe.requests, _Stripe.paid = [], False
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{server.server_port}"
    settings.STRIPE_SECRET_KEY = "sk_test_stub"
    yield _Stripe
    server.shutdown()
    server.server_close()


def test_an_ideal_contribution_goes_to_the_bank_and_is_recorded_on_return(
    client, stripe_stub, need_with_goal
):
    client.get(reverse("payments:need_contribute", args=[need_with_goal.slug]))
    response = client.post(
        reverse("payments:need_contribute", args=[need_with_goal.slug]),
        {"amount": "15.00", "email": "gever@example.nl", "name": "Gerrit Gever",
         "attempt": uuid.uuid4().hex, "method": "ideal"},
        HTTP_ACCEPT="application/json",
    )
    data = response.json()
    assert data == {"status": "redirect", "message": "", "redirect_url": BANK}
    payment = Payment.objects.get()
    assert payment.method == "ideal" and payment.status == PaymentStatus.REQUIRES_ACTION

    (_m, create_path, create), (_m2, confirm_path, confirm) = stripe_stub.requests[:2]
    assert create_path == "/v1/payment_intents"
    assert create["payment_method_types[0]"] == ["ideal"] and "payment_method_types[1]" not in create
    assert create["amount"] == ["1500"] and create["currency"] == ["eur"]
    assert confirm_path == "/v1/payment_intents/pi_ideal/confirm"
    assert confirm["payment_method_data[type]"] == ["ideal"]
    assert confirm["payment_method_data[billing_details][name]"] == ["Gerrit Gever"]
    result_path = reverse("payments:payment_result", args=[payment.public_id])
    assert confirm["return_url"] == [f"http://testserver{result_path}"]

    # Back from the bank: the result page only reads (still open), its button asks Stripe.
    stripe_stub.paid = True
    page = client.get(result_path + "?payment_intent=pi_ideal&redirect_status=succeeded")
    assert page.status_code == 200 and b"data-payment-check" in page.content
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REQUIRES_ACTION
    response = client.post(
        reverse("payments:payment_refresh", args=[payment.public_id]), {"then": "result"}
    )
    assert response.status_code == 302 and response["Location"] == result_path
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    # The ledger: € 15 in, Stripe's fee of € 0.29 from the balance transaction.
    account = payout_selectors.ledger_account(need=need_with_goal)
    assert (account.raised_cents, account.fees_cents, account.balance_cents) == (1500, 29, 1471)


def test_card_payments_still_ask_only_for_cards(client, stripe_stub, need_with_goal):
    client.post(
        reverse("payments:need_contribute", args=[need_with_goal.slug]),
        {"amount": "15.00", "email": "gever@example.nl", "attempt": uuid.uuid4().hex,
         "method": "card", "payment_method": "pm_card_visa"},
        HTTP_ACCEPT="application/json",
    )
    (_m, _path, create) = stripe_stub.requests[0]
    assert create["payment_method_types[0]"] == ["card"]


def test_an_unknown_method_is_refused(client, stripe_stub, need_with_goal):
    response = client.post(
        reverse("payments:need_contribute", args=[need_with_goal.slug]),
        {"amount": "15.00", "email": "gever@example.nl", "attempt": uuid.uuid4().hex,
         "method": "bitcoin"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400
    assert stripe_stub.requests == []
