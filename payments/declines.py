"""Why a card payment failed, in the payer's language: Stripe's own messages are English only.

A failed payment stores a code ("stripe:card_declined:insufficient_funds"), never Stripe's text;
the page that shows it translates the code when it is read.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PREFIX = "stripe:"

DECLINE_MESSAGES = {
    "insufficient_funds": gettext_lazy("Your card has insufficient funds. Try another card."),
    "expired_card": gettext_lazy("Your card has expired. Try another card."),
    "incorrect_cvc": gettext_lazy("The security code (CVC) of your card is incorrect."),
    "invalid_cvc": gettext_lazy("The security code (CVC) of your card is incorrect."),
    "incorrect_number": gettext_lazy("The card number is incorrect."),
    "invalid_number": gettext_lazy("The card number is incorrect."),
    "invalid_expiry_month": gettext_lazy("The expiry date of your card is incorrect."),
    "invalid_expiry_year": gettext_lazy("The expiry date of your card is incorrect."),
    "processing_error": gettext_lazy("Your card could not be processed. Please try again in a moment."),
    "authentication_required": gettext_lazy("Your bank asks you to confirm this payment. Please try again."),
    "lost_card": gettext_lazy("Your card was declined."),
    "stolen_card": gettext_lazy("Your card was declined."),
}


def decline_message(code: str, decline_code: str = "") -> str:
    """What a payer reads when the card or the bank refused, in the active language."""
    message = DECLINE_MESSAGES.get(decline_code) or DECLINE_MESSAGES.get(code)
    return str(message or _("Your card was declined. Nothing was paid; try another card."))


def failure_code(code: str, decline_code: str = "") -> str:
    """What a failed payment stores: Stripe's codes, to be translated when shown."""
    return f"{PREFIX}{code or 'card_declined'}:{decline_code or ''}"


def failure_text(stored: str) -> str:
    """A stored failure as the reader's language says it (older free text is shown as it is)."""
    if stored.startswith(PREFIX):
        code, _sep, decline = stored[len(PREFIX):].partition(":")
        return decline_message(code, decline)
    return stored or _("The payment did not go through.")
