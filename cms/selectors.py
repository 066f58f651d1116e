"""Reads of the hub: live public articles, hub search, and the matcher's links both ways."""

from __future__ import annotations

import logging

import numpy as np

from django.core.cache import cache
from django.db.models import QuerySet

from wagtail.models import Locale

from marketplace import selectors as marketplace_selectors
from marketplace.models import Listing, Need, Offer, Organisation
from matching.encoders import EncoderUnavailable, get_encoder

from .models import ArticlePage, HubIndexPage, ThemePage

logger = logging.getLogger(__name__)

RELATED_ARTICLES = 3
RELATED_LISTINGS = 4
SAME_THEME_BONUS = 0.1
# Ranking every live listing against an article costs ~1 s; a new listing shows up within this.
RELATED_CACHE_SECONDS = 300


def _locale(locale: Locale | None) -> Locale:
    return locale or Locale.get_active()


def articles_live(*, locale: Locale | None = None) -> QuerySet[ArticlePage]:
    """Live, public (no view restriction) articles of one language, newest first."""
    return (
        ArticlePage.objects.live()
        .public()
        .filter(locale=_locale(locale))
        .prefetch_related("themes")
        .order_by("-first_published_at", "-pk")
    )


def hub_index(*, locale: Locale | None = None) -> HubIndexPage | None:
    """The live hub index page of one language."""
    return HubIndexPage.objects.live().filter(locale=_locale(locale)).first()


def theme_pages(*, locale: Locale | None = None) -> QuerySet[ThemePage]:
    """The live theme pages of one language, in theme order."""
    return (
        ThemePage.objects.live().public().filter(locale=_locale(locale))
        .select_related("theme").order_by("theme__position", "pk")
    )


def hub_search(*, query: str, locale: Locale | None = None) -> list[ArticlePage]:
    """Articles matching a search, only live and public ones, of one language."""
    allowed = set(articles_live(locale=locale).values_list("pk", flat=True))
    if not query or not allowed:
        return []
    results = ArticlePage.objects.live().search(query)
    return [page for page in results if page.pk in allowed]


def hub_articles(
    *, locale: Locale | None = None, theme: str = "", kind: str = "", query: str = ""
) -> list[ArticlePage] | QuerySet[ArticlePage]:
    """Articles of the hub index, filtered by theme slug, kind and search words."""
    articles = articles_live(locale=locale)
    if theme:
        articles = articles.filter(themes__slug=theme)
    if kind:
        articles = articles.filter(kind=kind)
    if query:
        keep = set(articles.values_list("pk", flat=True))
        return [page for page in hub_search(query=query, locale=locale) if page.pk in keep]
    return articles.distinct()


def listing_cards(
    *, kind: str, theme: str = "", listing_type: str = "", province: str = "", count: int = 3
) -> list[Listing]:
    """Live offers or needs chosen by a card-list block's filter."""
    filters = marketplace_selectors.ListingFilters(
        theme=theme, type=listing_type, province=province
    )
    select = (
        marketplace_selectors.offer_list_public
        if kind == "offers"
        else marketplace_selectors.need_list_public
    )
    return list(select(filters=filters)[: max(1, min(count, 12))])


def organisations_by_slug(*, slugs: list[str]) -> list[Organisation]:
    """Organisations in the order the editor chose them."""
    found = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def related_articles_for_listing(
    *, listing: Listing, limit: int = RELATED_ARTICLES, locale: Locale | None = None
) -> list[ArticlePage]:
    """Live public articles closest in meaning to an offer or need (the matcher's encoder)."""
    from matching import services as matching_services

    from . import services

    articles = list(articles_live(locale=locale))
    if not articles:
        return []
    try:
        encoder = get_encoder()
        stored = matching_services.embeddings_for([listing], encoder=encoder)
        query = stored[listing.pk].vector("query")
        vectors = services.article_vectors(articles=articles, encoder=encoder)
    except EncoderUnavailable:
        logger.warning("encoder unavailable: no related articles")
        return []
    scored = []
    for article in articles:
        vector = vectors.get(article.pk)
        if vector is None:
            continue
        score = float(np.dot(query, vector["passage"]))
        if any(theme.pk == listing.theme_id for theme in article.themes.all()):
            score += SAME_THEME_BONUS
        scored.append((score, article))
    scored.sort(key=lambda pair: -pair[0])
    return [article for _score, article in scored[:limit]]


def related_listings_for_article(
    *, article: ArticlePage, limit: int = RELATED_LISTINGS
) -> dict[str, list[Listing]]:
    """Related offers and needs of an article, ranked at most every few minutes per revision."""
    key = f"cms:related:{article.pk}:{article.latest_revision_id}:{limit}"
    ranked = cache.get(key)
    if ranked is None:
        found = _rank_listings_for_article(article=article, limit=limit)
        ranked = {kind: [x.pk for x in items] for kind, items in found.items()}
        cache.set(key, ranked, RELATED_CACHE_SECONDS)
    output: dict[str, list[Listing]] = {}
    for kind, select in (("offers", marketplace_selectors.offer_list_public),
                         ("needs", marketplace_selectors.need_list_public)):
        live = {x.pk: x for x in select().filter(pk__in=ranked[kind])}
        output[kind] = [live[pk] for pk in ranked[kind] if pk in live]
    return output


def _rank_listings_for_article(*, article: ArticlePage, limit: int) -> dict[str, list[Listing]]:
    """Live offers and needs closest in meaning to an article (the matcher's encoder)."""
    from matching import services as matching_services

    from . import services

    theme_ids = {theme.pk for theme in article.themes.all()}
    output: dict[str, list[Listing]] = {"offers": [], "needs": []}
    try:
        encoder = get_encoder()
        query = services.article_vectors(articles=[article], encoder=encoder)[article.pk]["query"]
        for key, model, select in (
            ("offers", Offer, marketplace_selectors.offer_list_public),
            ("needs", Need, marketplace_selectors.need_list_public),
        ):
            listings = list(select().order_by("pk")[:500])
            if not listings:
                continue
            stored = matching_services.embeddings_for(
                matching_services.listings_with_related(model, [x.pk for x in listings]),
                encoder=encoder,
            )
            scored = [
                (float(np.dot(query, stored[x.pk].vector("passage")))
                 + (SAME_THEME_BONUS if x.theme_id in theme_ids else 0.0), x)
                for x in listings
                if x.pk in stored
            ]
            scored.sort(key=lambda pair: (-pair[0], pair[1].pk))
            output[key] = [listing for _score, listing in scored[:limit]]
    except EncoderUnavailable:
        logger.warning("encoder unavailable: no related listings for article %s", article.pk)
    return output
