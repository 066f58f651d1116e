"""Search as a consumer of marketplace changes (named in settings.MARKETPLACE_CHANGE_CONSUMERS)."""

from __future__ import annotations

from collections.abc import Sequence

from marketplace.models import Change

from .models import SearchOutbox
from .services import organisations_listing_keys, outbox_write


def marketplace_changes(changes: Sequence[Change]) -> None:
    """Queue the changed documents for every engine; an organisation brings its listings along."""
    index: set[tuple[str, int]] = set()
    remove: set[tuple[str, int]] = set()
    organisations = set()
    for change in changes:
        (remove if change.removed else index).add((change.subject, change.object_id))
        if change.subject == Change.Subject.ORGANISATION and not change.removed:
            organisations.add(change.object_id)
    if organisations:
        # Listing documents carry their organisation's name and kind.
        index |= set(organisations_listing_keys(organisations))
    if index - remove:
        outbox_write(sorted(index - remove), action=SearchOutbox.Action.INDEX)
    if remove:
        outbox_write(sorted(remove), action=SearchOutbox.Action.REMOVE)
