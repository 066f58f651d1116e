"""The kinds of notice: each app registers its own (in its `notifications.py`) with its texts.

A kind's subject and body are translatable %-format strings filled from the notice's `data`
plus `url` (the absolute link of the notice) and `preferences_url`; they are rendered per
recipient, in the recipient's language. This module imports no other app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from .models import Notification

DEFAULT_BODY = gettext_lazy(
    "%(line)s\n\nOpen it: %(url)s\n\nChange how often we e-mail you: %(preferences_url)s"
)


@dataclass(frozen=True)
class NotificationKind:
    """One kind of notice: its name, label, texts and (optionally) the page it opens."""

    name: str
    label: Any  # a lazy translation
    subject: Any  # a lazy %-format string; its result is also the line on the site
    body: Any = DEFAULT_BODY
    path: Callable[[Notification], str] | None = None


_KINDS: dict[str, NotificationKind] = {}


def register(
    name: str,
    *,
    label: Any,
    subject: Any,
    body: Any = DEFAULT_BODY,
    path: Callable[[Notification], str] | None = None,
) -> NotificationKind:
    """Register (or replace) a kind of notice; call it from an app's `notifications.py`."""
    kind = NotificationKind(name=name, label=label, subject=subject, body=body, path=path)
    _KINDS[name] = kind
    return kind


def get_kind(name: str) -> NotificationKind | None:
    return _KINDS.get(name)


def require_kind(name: str) -> NotificationKind:
    kind = _KINDS.get(name)
    if kind is None:
        raise LookupError(f"Unknown notification kind {name!r}; register it first.")
    return kind


def kinds() -> list[NotificationKind]:
    return list(_KINDS.values())


class _Context(dict):
    """Formatting values; a key the notice did not record renders as nothing, never an error."""

    def __missing__(self, key: str) -> str:
        return ""


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL + path if path.startswith("/") else path


def path_for(notification: Notification) -> str:
    """The page on this site the notice opens, or ''."""
    kind = get_kind(notification.kind)
    if kind is None or kind.path is None:
        return ""
    return kind.path(notification)


def _context(notification: Notification) -> _Context:
    context = _Context({k: v for k, v in (notification.data or {}).items() if k != "line"})
    context["url"] = _absolute(path_for(notification)) or _absolute("/")
    context["preferences_url"] = _absolute(reverse("notifications:list"))
    return context


def render_line(notification: Notification) -> str:
    """The one-line text (the e-mail subject, the line on the site) in the active language."""
    kind = get_kind(notification.kind)
    if kind is None:
        return notification.kind
    return str(kind.subject) % _context(notification)


def render_email(notification: Notification) -> tuple[str, str]:
    """Subject and body of the notice's e-mail, in the active language."""
    context = _context(notification)
    line = render_line(notification)
    context["line"] = line
    kind = require_kind(notification.kind)
    return line, str(kind.body) % context


@dataclass(frozen=True)
class DigestEntry:
    """One item in a digest section: a title, a short excerpt and its absolute link."""

    title: str
    excerpt: str
    url: str


@dataclass(frozen=True)
class DigestSection:
    """A block another app adds to the digest (settings.NOTIFICATION_DIGEST_SECTIONS)."""

    heading: str
    entries: list[DigestEntry]


def _digest_item(notification: Notification) -> str:
    context = _context(notification)
    text = f"- {render_line(notification)}: {context['url']}"
    if context["excerpt"]:
        text += f"\n  {context['excerpt']}"
    if context["why"]:
        text += "\n  " + _("Why it fits: %(why)s") % {"why": context["why"]}
    return text


def render_digest(
    items: list[Notification], *, frequency: str = "daily", sections: list[DigestSection] = ()
) -> tuple[str, str]:
    """Subject and body of one digest e-mail with all the given notices, in the active language."""
    lines = "\n".join(_digest_item(n) for n in items) or _("No new notices.")
    prefs = _absolute(reverse("notifications:list"))
    if frequency == "weekly":
        subject = _("Your weekly Business2Community digest (%(count)s)") % {"count": len(items)}
        body = _("What happened this week:\n\n%(lines)s") % {"lines": lines}
    else:
        subject = _("Your daily Business2Community digest (%(count)s)") % {"count": len(items)}
        body = _("What happened today:\n\n%(lines)s") % {"lines": lines}
    for section in sections:
        entries = "\n".join(
            f"- {entry.title}: {_absolute(entry.url)}" + (f"\n  {entry.excerpt}" if entry.excerpt else "")
            for entry in section.entries
        )
        body += f"\n\n{section.heading}\n\n{entries}"
    body += "\n\n" + _("Change how often we e-mail you: %(prefs)s") % {"prefs": prefs}
    return subject, body
