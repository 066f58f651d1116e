"""Template helpers of the design system: theme icons and listing pictures. Read-only."""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from marketplace.themes import theme_icon_svg

register = template.Library()


@register.simple_tag
def theme_icon(theme: object, size: int = 20) -> str:
    """The inline SVG icon of a theme (a Theme or its slug); decorative."""
    slug = getattr(theme, "slug", theme)
    return mark_safe(theme_icon_svg(slug, size=size))  # noqa: S308 - built from constants only


@register.simple_tag
def listing_picture_url(listing: object) -> str:
    """The sized rendition of a listing's picture, else its theme's generated placeholder."""
    rendition = getattr(listing, "image_rendition", None)
    if rendition:
        return rendition.url
    theme = getattr(listing, "theme", None)
    return reverse("marketplace:theme_placeholder", args=[getattr(theme, "slug", None) or "none"])


@register.simple_tag
def match_steps(match: object, events: object = ()) -> list:
    """The steps of the match page's stepper, from the match and its recorded events."""
    from marketplace.match_selectors import match_progress

    reached = [event.to_status for event in events or ()]
    return match_progress(status=match.status, reached=reached)
