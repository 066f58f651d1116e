"""Template helpers for the marketplace pages: language switching and choice labels."""

from collections.abc import Iterable

from django import template
from django.conf import settings

from marketplace.models import InitiativeKind, LegalForm

register = template.Library()


@register.simple_tag(takes_context=True)
def path_without_language_prefix(context: template.Context) -> str:
    """The current path and query string without a leading /<language>/, for the language switcher."""
    request = context.get("request")
    if request is None:
        return "/"
    path = request.get_full_path()
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return "/" + path[len(prefix):]
        if path == f"/{code}":
            return "/"
    return path


@register.filter
def legal_form_labels(values: Iterable[str] | None) -> list[str]:
    """Readable names of stored legal form codes."""
    labels = dict(LegalForm.choices)
    return [str(labels.get(value, value)) for value in values or ()]


@register.filter
def initiative_kind_labels(values: Iterable[str] | None) -> list[str]:
    """Readable names of stored kinds of initiative."""
    labels = dict(InitiativeKind.choices)
    return [str(labels.get(value, value)) for value in values or ()]
