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
POOL_INVITATION = "pool_invitation"
POOL_JOINED = "pool_joined"
POOL_DECLINED = "pool_declined"
POOL_MESSAGE = "pool_message"
POOL_JOINT_NEED = "pool_joint_need"
NUDGE_INTRODUCED = "nudge_introduced"
NUDGE_AGREED = "nudge_agreed"
NUDGE_EXPIRING = "nudge_expiring"
REPORT_UPHELD = "report_upheld"
REPORT_DISMISSED = "report_dismissed"


def _match_path(notification: Notification) -> str:
    return reverse("marketplace:match_detail", kwargs={"pk": notification.target_object_id})


def _pool_path(notification: Notification) -> str:
    return reverse("marketplace:pool_detail", kwargs={"pk": notification.target_object_id})


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
register(
    POOL_INVITATION,
    label=_("Invitation to join forces"),
    subject=_("%(organisation)s invites you to join forces: “%(title)s”"),
    body=_(
        "%(organisation)s needs something similar to what you need and invites you to a shared "
        "conversation. Together you may get a better deal.\n\nJoin or decline: %(url)s\n\n"
        "Change how often we e-mail you: %(preferences_url)s"
    ),
    path=_pool_path,
)
register(POOL_JOINED, label=_("An initiative joined forces"),
         subject=_("%(organisation)s joined forces with you"), path=_pool_path)
register(POOL_DECLINED, label=_("An initiative declined to join forces"),
         subject=_("%(organisation)s will not join forces this time"), path=_pool_path)
register(POOL_MESSAGE, label=_("New message in a pool"),
         subject=_("New message from %(organisation)s in your pool"), path=_pool_path)
register(POOL_JOINT_NEED, label=_("Joint need posted"),
         subject=_("Joint need posted: “%(title)s”"), path=_pool_path)
register(
    NUDGE_INTRODUCED,
    label=_("Did this lead to something?"),
    subject=_("Did “%(title)s” lead to something?"),
    body=_(
        "You were introduced %(days)s days ago about “%(title)s”. Did it lead to something?\n\n"
        "Tell us on the match page: agree the deal, or close the conversation if nothing came "
        "of it: %(url)s\n\nChange how often we e-mail you: %(preferences_url)s"
    ),
    path=_match_path,
)
register(
    NUDGE_AGREED,
    label=_("What did the deal deliver?"),
    subject=_("What did the deal “%(title)s” deliver?"),
    body=_(
        "You agreed a deal about “%(title)s” %(days)s days ago. Did it lead to something?\n\n"
        "Report the outcome on the match page, so your impact counts: %(url)s\n\n"
        "Change how often we e-mail you: %(preferences_url)s"
    ),
    path=_match_path,
)
register(
    NUDGE_EXPIRING,
    label=_("Listing about to expire"),
    subject=_("“%(title)s” expires on %(date)s: renew or close it"),
    body=_(
        "“%(title)s” is public until %(date)s. Still current? Renew it with a new end date. "
        "Done? Close it as fulfilled or withdrawn: %(url)s\n\n"
        "Change how often we e-mail you: %(preferences_url)s"
    ),
    path=_manage_path,
)
register(
    REPORT_UPHELD,
    label=_("Your report was upheld"),
    subject=_("Your report was upheld: %(title)s"),
    body=_(
        "Thank you for your report about %(title)s. A moderator agreed: it stays off the "
        "public pages.\n\nChange how often we e-mail you: %(preferences_url)s"
    ),
)
register(
    REPORT_DISMISSED,
    label=_("Your report was reviewed"),
    subject=_("Your report was reviewed: %(title)s"),
    body=_(
        "Thank you for your report about %(title)s. A moderator looked at it and found no "
        "breach of the rules, so it remains visible.\n\n"
        "Change how often we e-mail you: %(preferences_url)s"
    ),
)
