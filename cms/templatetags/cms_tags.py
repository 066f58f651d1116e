"""Template tags linking the marketplace pages to the hub."""

from django import template

from cms import pagecache, selectors

register = template.Library()


@register.simple_tag
def related_articles(listing, limit: int = 3):
    """Live public articles closest in meaning to an offer or need."""
    return selectors.related_articles_for_listing(listing=listing, limit=limit)


@register.simple_tag
def hub_index_page():
    """The hub index page of the active language, or None."""
    return selectors.hub_index()


@register.simple_tag
def content_version() -> int:
    """{% content_version as version %}: moves on when public content changes (cms.pagecache)."""
    return pagecache.content_version()


@register.simple_tag
def content_cache_seconds() -> int:
    """{% content_cache_seconds as seconds %}: how long a fragment keyed by the version may live."""
    return pagecache.cache_timeout()
