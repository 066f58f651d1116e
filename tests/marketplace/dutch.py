"""The Dutch text (the default interface language) that pages show for an English message id."""

from django.utils import translation
from django.utils.html import escape


def nl(message: str, **params: object) -> str:
    """The Dutch translation of message, filled in with params; fails when it is untranslated."""
    with translation.override("nl"):
        text = translation.gettext(message)
    assert text != message, f"no Dutch translation for {message!r}"
    return text % params if params else text


def nl_plural(singular: str, plural: str, counter: int, **params: object) -> str:
    """The Dutch translation of a {% blocktranslate count counter=... %} message."""
    with translation.override("nl"):
        text = translation.ngettext(singular, plural, counter)
    assert text not in (singular, plural), f"no Dutch translation for {singular!r}"
    return text % {"counter": counter, **params}


def html(text: str) -> str:
    """Text as it appears in the HTML of a page: escaped."""
    return escape(text)
