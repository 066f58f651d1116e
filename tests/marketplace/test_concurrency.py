"""Lifecycle steps under real concurrency: two people acting on one item at the same moment."""

import threading

import pytest

from django.core.exceptions import ValidationError
from django.db import connection, connections

from marketplace import services
from marketplace.models import ListingStatus, ListingTransition, Offer
from tests.factories import OfferFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _run_concurrently(actions):
    barrier = threading.Barrier(len(actions))
    outcomes = [None] * len(actions)

    def worker(index, action):
        try:
            barrier.wait(timeout=10)
            outcomes[index] = action()
        except ValidationError as exc:
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.fixture(autouse=True)
def _needs_real_concurrency():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; real concurrency is checked on PostgreSQL")


def test_two_editors_approving_at_once_publish_once(company, editor):
    from tests.factories import hub_editor

    other_editor = hub_editor(email="second-editor@example.nl")
    offer = OfferFactory(organisation=company, status=ListingStatus.SUBMITTED)
    outcomes = _run_concurrently(
        [
            lambda: services.listing_approve(listing=offer, actor=editor),
            lambda: services.listing_approve(listing=offer, actor=other_editor),
        ]
    )
    assert sum(isinstance(o, Offer) for o in outcomes) == 1
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1
    assert ListingTransition.objects.filter(object_id=offer.pk, to_status="published").count() == 1


def test_approve_and_reject_race_has_one_winner(company, editor):
    from tests.factories import hub_editor

    other_editor = hub_editor(email="third-editor@example.nl")
    offer = OfferFactory(organisation=company, status=ListingStatus.SUBMITTED)
    _run_concurrently(
        [
            lambda: services.listing_approve(listing=offer, actor=editor),
            lambda: services.listing_reject(listing=offer, actor=other_editor, reason="No."),
        ]
    )
    offer.refresh_from_db()
    steps = ListingTransition.objects.filter(object_id=offer.pk).exclude(from_status="")
    assert steps.count() == 1
    assert steps.get().to_status == offer.status
