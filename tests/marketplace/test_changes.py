"""A change is recorded in its transaction and reaches every consumer once, even after a failure."""

import pytest

from django.db import transaction

from marketplace import changes, services
from marketplace.models import Change, ChangeCursor
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db

seen: list[tuple[str, int]] = []


def recording_consumer(batch):
    seen.extend((change.subject, change.object_id) for change in batch)


def failing_consumer(batch):
    raise RuntimeError("down")


@pytest.fixture(autouse=True)
def _clear():
    seen.clear()


def test_a_rolled_back_change_leaves_no_record(initiative, initiative_owner):
    need = NeedFactory(organisation=initiative)
    before = Change.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.listing_submit(listing=need, actor=initiative_owner)
        raise RuntimeError("roll back")
    assert Change.objects.count() == before


def test_the_consumers_in_settings_get_each_change_once(
    settings, initiative, initiative_owner, django_capture_on_commit_callbacks
):
    settings.MARKETPLACE_CHANGE_CONSUMERS = [f"{__name__}.recording_consumer"]
    need = NeedFactory(organisation=initiative)
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_submit(listing=need, actor=initiative_owner)
    assert ("need", need.pk) in seen
    count = len(seen)
    assert changes.changes_dispatch() == 0  # nothing new
    assert len(seen) == count


def test_a_failing_consumer_keeps_its_cursor_and_does_not_stop_the_others(
    settings, initiative, initiative_owner, django_capture_on_commit_callbacks
):
    failing, recording = f"{__name__}.failing_consumer", f"{__name__}.recording_consumer"
    settings.MARKETPLACE_CHANGE_CONSUMERS = [failing, recording]
    need = NeedFactory(organisation=initiative)
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_submit(listing=need, actor=initiative_owner)
    assert ("need", need.pk) in seen
    assert changes.changes_pending()[failing] >= 1
    assert changes.changes_pending()[recording] == 0
    settings.MARKETPLACE_CHANGE_CONSUMERS = [f"{__name__}.recording_consumer"]
    ChangeCursor.objects.filter(consumer=recording).update(last_change_id=0)
    seen.clear()
    changes.changes_dispatch()
    assert ("need", need.pk) in seen


def test_a_queue_outage_loses_no_change(
    settings, monkeypatch, initiative, initiative_owner, django_capture_on_commit_callbacks
):
    from marketplace import tasks

    class QueueDown:
        def enqueue(self, *args, **kwargs):
            raise ConnectionError("queue down")

    settings.MARKETPLACE_CHANGE_CONSUMERS = [f"{__name__}.recording_consumer"]
    monkeypatch.setattr(tasks, "dispatch_changes", QueueDown())
    need = NeedFactory(organisation=initiative)
    with django_capture_on_commit_callbacks(execute=True):
        need = services.listing_submit(listing=need, actor=initiative_owner)  # the save succeeds
    assert need.status == "submitted"
    assert seen == []
    changes.changes_dispatch()  # what `manage.py dispatch_changes` does on its schedule
    assert ("need", need.pk) in seen


def test_search_and_the_matcher_are_the_configured_consumers(settings):
    assert [path for path, _consumer in changes.consumers()] == [
        "semantic.consumers.marketplace_changes",
        "search.consumers.marketplace_changes",
        "matching.consumers.marketplace_changes",
    ]


def test_search_queues_removal_of_a_deleted_listing_and_its_organisations_listings():
    from search.consumers import marketplace_changes
    from search.models import SearchOutbox
    from tests.factories import OfferFactory

    offer = OfferFactory()
    gone = Change(subject="need", object_id=4242, removed=True)
    renamed = Change(subject="organisation", object_id=offer.organisation_id)
    marketplace_changes([gone, renamed])
    queued = set(SearchOutbox.objects.values_list("doc_type", "object_id", "action"))
    assert ("need", 4242, SearchOutbox.Action.REMOVE) in queued
    assert ("offer", offer.pk, SearchOutbox.Action.INDEX) in queued
    assert ("organisation", offer.organisation_id, SearchOutbox.Action.INDEX) in queued
