"""The marketplace's kinds of notice: match steps, leads, and the review of listings.

Loaded by the notifications app at start-up; the texts are rendered in each recipient's language.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.models import Notification
from notifications.registry import register

INTEREST = "interest"
ACCEPTED = "accepted"
DECLINED = "declined"
MESSAGE = "message"
AGREED = "agreed"
FULFILLED = "fulfilled"
LEAD = "lead"
LISTING_SUBMITTED = "listing_submitted"
LISTING_APPROVED = "listing_approved"
LISTING_REJECTED = "listing_rejected"


def _match_path(notification: Notification) -> str:
    return reverse("marketplace:match_detail", kwargs={"pk": notification.target_object_id})


def _public_path(notification: Notification) -> str:
    kind = notification.data.get("listing_type")
    if kind not in ("offer", "need") or not notification.data.get("slug"):
        return ""
    return reverse(f"marketplace:{kind}_detail", kwargs={"slug": notification.data["slug"]})


def _manage_path(notification: Notification) -> str:
    kind = notification.data.get("listing_type")
    if kind not in ("offer", "need"):
        return ""
    return reverse(f"marketplace:{kind}_manage", kwargs={"pk": notification.target_object_id})


def _review_path(notification: Notification) -> str:
    kind = notification.data.get("listing_type")
    if kind not in ("offer", "need"):
        return ""
    return reverse(
        "marketplace_admin:item", kwargs={"kind": f"{kind}s", "pk": notification.target_object_id}
    )


register(INTEREST, label=_("Someone is interested"), subject=_("Interest in “%(title)s”"),
         path=_match_path)
register(ACCEPTED, label=_("Interest accepted"),
         subject=_("You have been introduced: “%(title)s”"), path=_match_path)
register(DECLINED, label=_("Interest declined"), subject=_("No thanks for now: “%(title)s”"),
         path=_match_path)
register(MESSAGE, label=_("New message"), subject=_("New message about “%(title)s”"),
         path=_match_path)
register(AGREED, label=_("Deal agreed"), subject=_("Deal agreed: “%(title)s”"), path=_match_path)
register(FULFILLED, label=_("Outcome reported"), subject=_("Outcome reported: “%(title)s”"),
         path=_match_path)
register(LEAD, label=_("New lead for your offer"),
         subject=_("New lead: “%(title)s” may need your offer"), path=_match_path)
register(
    LISTING_SUBMITTED,
    label=_("New item to review"),
    subject=_("New item to review: %(title)s"),
    body=_("%(organisation)s submitted “%(title)s”. Review it in the admin: %(url)s"),
    path=_review_path,
)
register(
    LISTING_APPROVED,
    label=_("Published"),
    subject=_("Published: %(title)s"),
    body=_("“%(title)s” has been approved and is now public: %(url)s"),
    path=_public_path,
)
register(
    LISTING_REJECTED,
    label=_("Not yet published"),
    subject=_("Not yet published: %(title)s"),
    body=_(
        "“%(title)s” was not approved. The editor's reason:\n\n%(reason)s\n\n"
        "Improve it and submit it again: %(url)s"
    ),
    path=_manage_path,
)
