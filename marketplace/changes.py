"""The path of a change: services record it in their transaction; consumers read it after commit.

`change_record()` is called by the marketplace services inside the transaction that changes an
offer, need or organisation. After the commit one task (`dispatch_changes`) hands the new rows to
every consumer named in `settings.MARKETPLACE_CHANGE_CONSUMERS`, in that order, each from its own
cursor. A consumer that fails keeps its cursor and gets the same changes again next time
(`manage.py dispatch_changes` also runs on a schedule), so consumers must be idempotent. The
marketplace never imports its consumers: grep the setting to follow a change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.utils.module_loading import import_string

from .models import Change, ChangeCursor, Need, Offer, Organisation

logger = logging.getLogger(__name__)

BATCH = 500
SUBJECTS: dict[type[Model], str] = {
    Offer: Change.Subject.OFFER,
    Need: Change.Subject.NEED,
    Organisation: Change.Subject.ORGANISATION,
}


def change_record(*, instance: Model, removed: bool = False) -> Change:
    """Note that an offer, need or organisation changed; consumers see it after commit."""
    change = Change.objects.create(
        subject=SUBJECTS[type(instance)], object_id=instance.pk, removed=removed
    )
    # robust: a queue that cannot be reached must not turn a committed save into an error; the
    # change waits for the next dispatch.
    transaction.on_commit(_enqueue_dispatch, robust=True)
    return change


def _enqueue_dispatch() -> None:
    from .tasks import dispatch_changes

    try:
        dispatch_changes.enqueue()
    except Exception:  # noqa: BLE001 - a queue outage must never break a save
        logger.exception("could not enqueue dispatch_changes; the changes wait for the next run")


def consumers() -> list[tuple[str, Callable[[Sequence[Change]], None]]]:
    """The consumers of changes, in the order the setting names them."""
    return [(path, import_string(path)) for path in settings.MARKETPLACE_CHANGE_CONSUMERS]


def changes_dispatch() -> int:
    """Hand every consumer the changes it has not handled yet; the number of changes handed."""
    handed = 0
    for name, consumer in consumers():
        cursor, _created = ChangeCursor.objects.get_or_create(consumer=name)
        last = cursor.last_change_id
        while True:
            batch = list(Change.objects.filter(pk__gt=last).order_by("pk")[:BATCH])
            if not batch:
                break
            try:
                consumer(batch)
            except Exception:  # noqa: BLE001 - one consumer must not stop the others
                logger.exception("change consumer %s failed after change %s", name, last)
                break
            last = batch[-1].pk
            handed += len(batch)
            ChangeCursor.objects.filter(pk=cursor.pk, last_change_id__lt=last).update(
                last_change_id=last
            )
    return handed


def changes_pending() -> dict[str, int]:
    """How many changes each consumer has still to handle (for /health and operations)."""
    latest = Change.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    cursors = dict(ChangeCursor.objects.values_list("consumer", "last_change_id"))
    return {
        name: Change.objects.filter(pk__gt=cursors.get(name, 0)).count() if latest else 0
        for name in settings.MARKETPLACE_CHANGE_CONSUMERS
    }
