"""Meaning as a consumer of marketplace changes (named in settings.MARKETPLACE_CHANGE_CONSUMERS).

It runs before search and the matcher, so both find fresh vectors for what changed.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType

from marketplace.models import Change, Need, Offer

from .encoders import EncoderUnavailable
from .models import Embedding
from .services import embeddings_refresh
from .sources import source_for

logger = logging.getLogger(__name__)

MODELS = {Change.Subject.OFFER: Offer, Change.Subject.NEED: Need}


def marketplace_changes(changes: Sequence[Change]) -> None:
    """Embed the changed offers and needs (one batch per kind); forget removed ones."""
    changed: dict[str, set[int]] = {}
    removed: dict[str, set[int]] = {}
    for change in changes:
        if change.subject in MODELS:
            (removed if change.removed else changed).setdefault(change.subject, set()).add(
                change.object_id
            )
    for subject, ids in removed.items():
        content_type = ContentType.objects.get_for_model(MODELS[subject])
        Embedding.objects.filter(content_type=content_type, object_id__in=ids).delete()
    for subject, ids in changed.items():
        source = source_for(MODELS[subject])
        texts = {item.pk: source.text(item) for item in source.queryset().filter(pk__in=ids)}
        try:
            embeddings_refresh(model=source.model, texts=texts)
        except EncoderUnavailable:
            # The matcher then ranks by words and says so; `rebuild_embeddings` catches up.
            logger.warning("encoder unavailable: %s %s keep their old vectors", subject, sorted(ids))
