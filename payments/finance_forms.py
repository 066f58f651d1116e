"""Forms of the finance pages: a bank account, a payout request, a statement link."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from core.validators import validate_single_line


class BankAccountForm(forms.Form):
    iban = forms.CharField(label=_("IBAN"), max_length=42)
    holder_name = forms.CharField(
        label=_("Account holder"), max_length=70, validators=[validate_single_line]
    )


class PayoutRequestForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount in euros"),
        min_value=Decimal("0.01"),
        decimal_places=2,
        max_digits=9,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    note = forms.CharField(
        label=_("What is the money for?"), max_length=140, validators=[validate_single_line]
    )
    need = forms.TypedChoiceField(
        label=_("From the contributions to"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, needs=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [("", _("All needs"))] + [(n.pk, n.title) for n in needs]

    @property
    def amount_cents(self) -> int:
        return int((self.cleaned_data["amount"] * 100).to_integral_value())


class StatementLinkForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
