"""The payments app's kinds of notice: contributions received and the steps of a payout."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from notifications.models import Notification
from notifications.registry import register

CONTRIBUTION_RECEIVED = "contribution_received"
BANK_ACCOUNT_REGISTERED = "bank_account_registered"
BANK_ACCOUNT_CONFIRMED = "bank_account_confirmed"
PAYOUT_REQUESTED = "payout_requested"
PAYOUT_APPROVED = "payout_approved"
PAYOUT_REJECTED = "payout_rejected"
PAYOUT_EXPORTED = "payout_exported"
PAYOUT_PAID = "payout_paid"


def _finance_path(notification: Notification) -> str:
    return reverse("finance:dashboard")


def _payout_admin_path(notification: Notification) -> str:
    return reverse("admin:payments_payout_change", args=[notification.target_object_id])


register(
    CONTRIBUTION_RECEIVED,
    label=_("Contribution received"),
    subject=_("New contribution of %(amount)s to “%(title)s”"),
    path=_finance_path,
)
register(
    BANK_ACCOUNT_REGISTERED,
    label=_("Bank account to confirm"),
    subject=_(
        "A bank account was registered for %(organisation)s; a second person must confirm it"
    ),
    path=_finance_path,
)
register(
    BANK_ACCOUNT_CONFIRMED,
    label=_("Bank account confirmed"),
    subject=_("The bank account %(iban)s of %(organisation)s was confirmed"),
    path=_finance_path,
)
register(
    PAYOUT_REQUESTED,
    label=_("Payout requested"),
    subject=_("Payout of %(amount)s requested by %(organisation)s"),
    path=_payout_admin_path,
)
register(
    PAYOUT_APPROVED,
    label=_("Payout approved"),
    subject=_("Your payout of %(amount)s was approved"),
    path=_finance_path,
)
register(
    PAYOUT_REJECTED,
    label=_("Payout rejected"),
    subject=_("Your payout of %(amount)s was rejected: %(reason)s"),
    path=_finance_path,
)
register(
    PAYOUT_EXPORTED,
    label=_("Payout sent to the bank"),
    subject=_("Your payout of %(amount)s was sent to the bank"),
    path=_finance_path,
)
register(
    PAYOUT_PAID,
    label=_("Payout paid"),
    subject=_("Your payout of %(amount)s has been paid out"),
    path=_finance_path,
)
