"""Writes of the hub: article vectors (lazily, or after publish through the task queue)."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence

import numpy as np

from django.db import transaction

from matching.encoders import Encoder, EncoderUnavailable, get_encoder

from .models import ArticleEmbedding, ArticlePage

logger = logging.getLogger(__name__)


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def article_vectors(
    *, articles: Sequence[ArticlePage], encoder: Encoder
) -> dict[int, dict[str, np.ndarray]]:
    """Stored passage and query vectors of the articles, computing what is missing or stale."""
    if not articles:
        return {}
    texts = {article.pk: article.plain_text() for article in articles}
    stored = {
        row.page_id: row
        for row in ArticleEmbedding.objects.filter(model=encoder.name, page__in=list(texts))
    }
    stale = [pk for pk, text in texts.items()
             if pk not in stored or stored[pk].text_hash != _text_hash(text)]
    if stale:
        passages = encoder.encode_passages([texts[pk] for pk in stale])
        queries = encoder.encode_queries([texts[pk] for pk in stale])
        for index, pk in enumerate(stale):
            row, _created = ArticleEmbedding.objects.update_or_create(
                page_id=pk,
                model=encoder.name,
                defaults={
                    "text_hash": _text_hash(texts[pk]),
                    "dim": encoder.dim,
                    "passage": np.ascontiguousarray(passages[index], dtype=np.float32).tobytes(),
                    "query": np.ascontiguousarray(queries[index], dtype=np.float32).tobytes(),
                },
            )
            stored[pk] = row
    return {pk: {"passage": row.vector("passage"), "query": row.vector("query")}
            for pk, row in stored.items()}


def article_refresh(*, page_id: int) -> None:
    """(Re)compute one article's vectors from its live content."""
    article = ArticlePage.objects.filter(pk=page_id).first()
    if article is None:
        return
    try:
        article_vectors(articles=[article], encoder=get_encoder())
    except EncoderUnavailable:
        logger.warning("encoder unavailable: article %s keeps its old vectors", page_id)


def article_refresh_enqueue(*, page_id: int) -> None:
    """After commit, refresh an article's vectors through the task queue."""
    from .tasks import refresh_article

    def enqueue() -> None:
        try:
            refresh_article.enqueue(page_id)
        except Exception:  # noqa: BLE001 - a queue outage must never break a publish
            logger.exception("could not enqueue the refresh of article %s", page_id)

    transaction.on_commit(enqueue)
