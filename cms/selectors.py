"""Reads of the hub: live public articles, hub search, and the matcher's links both ways."""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db.models import QuerySet

from wagtail.models import Locale

from marketplace import selectors as marketplace_selectors
from marketplace.models import Listing, Need, Offer, Organisation
from semantic.encoders import EncoderUnavailable, get_encoder
from semantic.neighbours import nearest, stored_vector

from .models import ArticlePage, HubIndexPage, ThemePage

logger = logging.getLogger(__name__)

RELATED_ARTICLES = 3
RELATED_LISTINGS = 4
SAME_THEME_BONUS = 0.1
# A new listing shows up among an article's related listings within this.
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


def _encoder_name() -> str | None:
    try:
        return get_encoder().name
    except EncoderUnavailable:
        logger.warning("encoder unavailable: no related content")
        return None


def related_articles_for_listing(
    *, listing: Listing, limit: int = RELATED_ARTICLES, locale: Locale | None = None
) -> list[ArticlePage]:
    """Live public articles closest in meaning to an offer or need, from stored vectors only.

    Reads never write: a listing or article without stored vectors is skipped (vectors are built
    by the task queue after a change or publish, and by `rebuild_embeddings`)."""
    encoder_name = _encoder_name()
    if encoder_name is None:
        return []
    query = stored_vector(listing, encoder_name=encoder_name, field="query")
    if query is None:
        return []
    articles = {article.pk: article for article in articles_live(locale=locale)}
    if not articles:
        return []
    same_theme = {
        pk: SAME_THEME_BONUS for pk, article in articles.items()
        if any(theme.pk == listing.theme_id for theme in article.themes.all())
    }
    found = nearest(
        query, model=ArticlePage, encoder_name=encoder_name, k=limit, among=list(articles),
        boost=same_theme,
    )
    return [articles[pk] for pk, _score in found]


def related_listings_for_article(
    *, article: ArticlePage, limit: int = RELATED_LISTINGS
) -> dict[str, list[Listing]]:
    """Related live offers and needs of an article, from stored vectors only (cached a while)."""
    key = f"cms:related:{article.pk}:{article.latest_revision_id}:{limit}"
    ranked = cache.get(key)
    if ranked is None:
        ranked = _rank_listings_for_article(article=article, limit=limit)
        if ranked is None:
            return {"offers": [], "needs": []}
        cache.set(key, ranked, RELATED_CACHE_SECONDS)
    output: dict[str, list[Listing]] = {}
    for kind, select in (("offers", marketplace_selectors.offer_list_public),
                         ("needs", marketplace_selectors.need_list_public)):
        live = {x.pk: x for x in select().filter(pk__in=ranked[kind])}
        output[kind] = [live[pk] for pk in ranked[kind] if pk in live]
    return output


def _rank_listings_for_article(*, article: ArticlePage, limit: int) -> dict[str, list[int]] | None:
    """Ids of the live offers and needs closest to an article; None while it has no vectors."""
    encoder_name = _encoder_name()
    if encoder_name is None:
        return None
    query = stored_vector(article, encoder_name=encoder_name, field="query")
    if query is None:
        return None
    theme_ids = [theme.pk for theme in article.themes.all()]
    output: dict[str, list[int]] = {}
    for key, model, select in (
        ("offers", Offer, marketplace_selectors.offer_list_public),
        ("needs", Need, marketplace_selectors.need_list_public),
    ):
        public = select()
        among = list(public.values_list("pk", flat=True))
        boost = dict.fromkeys(
            public.filter(theme_id__in=theme_ids).values_list("pk", flat=True), SAME_THEME_BONUS
        )
        found = nearest(
            query, model=model, encoder_name=encoder_name, k=limit, among=among, boost=boost
        )
        output[key] = [pk for pk, _score in found]
    return output
