"""Real concurrency on PostgreSQL: parallel requests start one payment, parallel webhooks fulfil once.

TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/pytest -m postgres tests/payments
"""

import threading
import uuid

import pytest

from django.core import mail
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from payments.models import FeaturedPlacement, Payment, PaymentStatus, StripeEvent
from tests.payments.conftest import THREE_D_SECURE_CARD, post_webhook, signed

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_real_concurrency():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; real concurrency is checked on PostgreSQL")


def run_in_parallel(action, times: int) -> list:
    barrier = threading.Barrier(times)
    results = [None] * times

    def worker(index):
        try:
            barrier.wait(timeout=10)
            results[index] = action()
        except Exception as error:  # noqa: BLE001  (reported through the results)
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_ten_parallel_requests_start_one_payment_intent(
    stripe_server, need_with_goal, initiative_owner
):
    payer = initiative_owner  # anybody logged in may contribute
    attempt = uuid.uuid4().hex
    token = stripe_server.token()
    url = reverse("payments:need_contribute", args=[need_with_goal.slug])

    def submit():
        client = Client()
        client.force_login(payer)
        response = client.post(
            url,
            {"amount": "30", "email": "g@example.nl", "attempt": attempt, "payment_method": token},
            HTTP_ACCEPT="application/json",
        )
        return response.status_code, response.json()["status"]

    results = run_in_parallel(submit, 10)
    assert results == [(200, "succeeded")] * 10, results
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert len(stripe_server.intents_with("need", str(need_with_goal.pk))) == 1


def test_the_same_webhook_five_times_at_once_fulfils_once(
    stripe_server, published_offer, company_owner
):
    owner = Client()
    owner.force_login(company_owner)
    data = owner.post(
        reverse("payments:offer_feature", args=[published_offer.pk]),
        {
            "days": "7",
            "attempt": uuid.uuid4().hex,
            "payment_method": stripe_server.token(THREE_D_SECURE_CARD),
        },
        HTTP_ACCEPT="application/json",
    ).json()
    stripe_server.authenticate(data["client_secret"])
    payment = Payment.objects.get()
    event = stripe_server.event_for("payment_intent.succeeded", payment.stripe_payment_intent_id)
    body, header = signed(event)

    results = run_in_parallel(lambda: post_webhook(Client(), body, header).status_code, 5)
    assert results == [200] * 5, results
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED
    assert FeaturedPlacement.objects.filter(payment=payment).count() == 1
    assert StripeEvent.objects.filter(stripe_id=event["id"]).count() == 1
    assert len(mail.outbox) == 1


def test_parallel_contributions_stop_at_the_goal(stripe_server, initiative, initiative_owner):
    """Five people give € 30 at once to a € 100 goal: three are accepted, the others refused
    (the goal's row lock makes them take turns), and the need never raises more than its goal."""
    from payments import selectors, services
    from tests.factories import NeedFactory

    need = NeedFactory(organisation=initiative, published=True)
    services.funding_goal_set(need=need, actor=initiative_owner, goal_cents=10_000)
    url = reverse("payments:need_contribute", args=[need.slug])
    tokens = [stripe_server.token() for _ in range(5)]

    def give():
        token = tokens.pop()
        response = Client().post(
            url,
            {
                "amount": "30",
                "email": "g@example.nl",
                "attempt": uuid.uuid4().hex,
                "payment_method": token,
            },
            HTTP_ACCEPT="application/json",
        )
        return response.json()["status"]

    results = run_in_parallel(give, 5)
    # Refused under the lock ("failed", a new attempt) or, once the others were paid, by the
    # form's check before any payment starts ("invalid").
    assert results.count("succeeded") == 3, results
    assert set(results) <= {"succeeded", "failed", "invalid"}, results
    progress = selectors.need_funding(need=need)
    assert progress.raised_cents == 9_000 <= progress.goal_cents
    assert Payment.objects.filter(need=need, status=PaymentStatus.SUCCEEDED).count() == 3
