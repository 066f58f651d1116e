"""What the marketplace adds to a person's digest (named in settings.NOTIFICATION_DIGEST_SECTIONS)."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from notifications.registry import DigestEntry, DigestSection

from . import follow_selectors
from .models import Offer

EXCERPT_CHARS = 160


def followed_listings(*, user: AbstractBaseUser, since: datetime.datetime) -> DigestSection | None:
    """New public offers and needs of the organisations and themes the person follows."""
    listings = follow_selectors.followed_listings_since(user=user, since=since)
    if not listings:
        return None
    entries = []
    for listing in listings:
        kind = "offer" if isinstance(listing, Offer) else "need"
        title = _("%(title)s (%(organisation)s)") % {
            "title": listing.title, "organisation": listing.organisation.name
        }
        entries.append(
            DigestEntry(
                title=title,
                excerpt=Truncator(" ".join(listing.description.split())).chars(EXCERPT_CHARS),
                url=reverse(f"marketplace:{kind}_detail", kwargs={"slug": listing.slug}),
            )
        )
    return DigestSection(heading=_("New from what you follow:"), entries=entries)
