"""Template tags of notifications: read-only."""

from django import template

from notifications.selectors import notification_unread_count, notification_unread_count_cached

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context: template.Context) -> int:
    """How many notices the person viewing the page has not read yet."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return notification_unread_count(user=user) if user is not None else 0


@register.simple_tag(takes_context=True)
def notification_bell_count(context: template.Context) -> int:
    """The unread count of the header's bell (kept for a minute per person)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return notification_unread_count_cached(user=user) if user is not None else 0
