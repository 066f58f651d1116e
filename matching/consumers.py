"""The matcher as a consumer of marketplace changes (named in settings.MARKETPLACE_CHANGE_CONSUMERS)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from marketplace.models import Change, Need

from .services import listing_refresh, need_clusters_refresh, suggestions_forget

logger = logging.getLogger(__name__)


def marketplace_changes(changes: Sequence[Change]) -> None:
    """Re-embed changed listings and refresh their recorded suggestions.

    An organisation's profile (kind, legal form, members) is part of its needs' eligibility, so
    its needs are refreshed too. When a need or an organisation changed, the clusters of similar
    open needs (demand pooling) are recorded anew.
    """
    listings: dict[tuple[str, int], None] = {}
    organisations = set()
    for change in changes:
        if change.subject == Change.Subject.ORGANISATION:
            organisations.add(change.object_id)
        elif change.removed:
            suggestions_forget(kind=change.subject, pk=change.object_id)
        else:
            listings[(change.subject, change.object_id)] = None
    for pk in Need.objects.filter(organisation_id__in=organisations, status="published").values_list("pk", flat=True):
        listings[("need", pk)] = None
    for kind, pk in listings:
        listing_refresh(kind=kind, pk=pk)
    if any(change.subject in (Change.Subject.NEED, Change.Subject.ORGANISATION) for change in changes):
        try:
            need_clusters_refresh()
        except Exception:  # noqa: BLE001 - the suggestions above are recorded; the next change
            # of a need (or record_need_clusters) records the clusters again.
            logger.exception("need clusters could not be recorded")
