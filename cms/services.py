"""Writes of the hub: an article's vectors, built after it is published (never in a request)."""

from __future__ import annotations

from typing import Any

from semantic import services as semantic_services

from .models import ArticlePage


def article_refresh_enqueue(*, page: ArticlePage) -> None:
    """After commit, refresh an article's vectors through the task queue."""
    semantic_services.embedding_refresh_enqueue(instance=page)


def article_published(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Wagtail's page_published: enqueue (only) the re-embedding of a published article."""
    specific = getattr(instance, "specific", instance)
    if isinstance(specific, ArticlePage):
        article_refresh_enqueue(page=specific)
