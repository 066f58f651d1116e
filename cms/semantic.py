"""The hub's articles as an embedding source (named in settings.SEMANTIC["SOURCES"])."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import ArticlePage


class ArticleSource:
    """Live articles, as their title, introduction and body in plain text."""

    model = ArticlePage

    def queryset(self) -> QuerySet:
        return ArticlePage.objects.live().order_by("pk")

    def text(self, instance: ArticlePage) -> str:
        return instance.plain_text()
