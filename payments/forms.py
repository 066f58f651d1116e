"""Forms of the payments pages; amounts come from the price list, except the gift a person chooses."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.validators import validate_multi_line, validate_single_line

from .pricing import (
    CONTRIBUTION_MAX_CENTS,
    CONTRIBUTION_MIN_CENTS,
    FEATURE_PRICES,
    FUNDING_GOAL_MAX_CENTS,
    FUNDING_GOAL_MIN_CENTS,
    PARTNER_PRICES,
    format_money,
)


def new_attempt() -> str:
    """A fresh key for one payment attempt (one form shown to one person)."""
    return uuid.uuid4().hex


def _cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


class AttemptForm(forms.Form):
    """A payment form: its hidden attempt key makes repeated submissions one payment."""

    attempt = forms.CharField(widget=forms.HiddenInput, max_length=32)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("attempt", new_attempt())


class ContributionForm(AttemptForm):
    amount = forms.DecimalField(
        label=_("Amount in euros"),
        min_value=Decimal(CONTRIBUTION_MIN_CENTS) / 100,
        max_value=Decimal(CONTRIBUTION_MAX_CENTS) / 100,
        decimal_places=2,
        max_digits=9,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    name = forms.CharField(
        label=_("Your name"),
        required=False,
        max_length=100,
        validators=[validate_single_line],
        help_text=_("Shown to the initiative, unless you stay anonymous."),
    )
    email = forms.EmailField(
        label=_("Email address"), help_text=_("We send your receipt to this address.")
    )
    anonymous = forms.BooleanField(
        label=_("Stay anonymous: the initiative does not see my name or email address"),
        required=False,
    )
    method = forms.ChoiceField(
        label=_("Pay with"),
        choices=[("card", _("Card")), ("ideal", _("iDEAL (your own bank)"))],
        initial="card",
        required=False,
        widget=forms.RadioSelect(attrs={"data-payment-method": ""}),
    )
    show_on_wall = forms.BooleanField(
        label=_("Show my name on the public list of contributors"),
        required=False,
    )
    message = forms.CharField(
        label=_("Message to the initiative"),
        required=False,
        max_length=500,
        validators=[validate_multi_line],
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @property
    def amount_cents(self) -> int:
        return _cents(self.cleaned_data["amount"])


class FeatureOfferForm(AttemptForm):
    days = forms.TypedChoiceField(
        label=_("How long should the offer be featured?"),
        coerce=int,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].choices = [
            (days, _("%(days)s days for %(price)s") % {"days": days, "price": format_money(cents)})
            for days, cents in FEATURE_PRICES.items()
        ]
        if not self.is_bound:
            self.initial.setdefault("days", next(iter(FEATURE_PRICES)))


class PartnerUpgradeForm(forms.Form):
    interval = forms.ChoiceField(label=_("How do you want to pay?"), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interval"].choices = [
            (
                price.key,
                _("%(label)s: %(price)s per %(interval)s")
                % {
                    "label": price.label,
                    "price": format_money(price.amount_cents),
                    "interval": _("month") if price.interval == "month" else _("year"),
                },
            )
            for price in PARTNER_PRICES.values()
        ]
        if not self.is_bound:
            self.initial.setdefault("interval", "monthly")


class FundingGoalForm(forms.Form):
    goal = forms.DecimalField(
        label=_("Funding goal in euros"),
        min_value=Decimal(FUNDING_GOAL_MIN_CENTS) / 100,
        max_value=Decimal(FUNDING_GOAL_MAX_CENTS) / 100,
        decimal_places=2,
        max_digits=10,
        help_text=_("How much money you hope to raise for this need through contributions."),
    )

    @property
    def goal_cents(self) -> int:
        return _cents(self.cleaned_data["goal"])
