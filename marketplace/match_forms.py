"""Forms of the match lifecycle: interest, messages, outcome reports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.validators import validate_multi_line

from .models import SDG, Indicator, MatchMessage, OutcomeVisibility


class InterestForm(forms.ModelForm):
    need = forms.IntegerField(widget=forms.HiddenInput)
    offer = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = MatchMessage
        fields = ["proposal", "timing", "question"]
        widgets = {
            "proposal": forms.Textarea(attrs={"rows": 3}),
            "question": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "proposal": _("What do you propose? For example: a quote for 40 panels, a loan of €50,000."),
            "timing": _("When would it happen? For example: before summer 2027."),
            "question": _("Anything you want to ask the other side first."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].required = True


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_multi_line],
    )


class DeclineForm(forms.Form):
    note = forms.CharField(
        label=_("Reason (optional, only for your own records)"), required=False, max_length=500,
        validators=[validate_multi_line],
    )


class OutcomeForm(forms.Form):
    """What was delivered, with up to three indicators, each tagged to an SDG."""

    ROWS = 3

    delivered = forms.CharField(
        label=_("What was delivered?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_multi_line],
    )
    visibility = forms.ChoiceField(
        label=_("Who may see this outcome?"),
        choices=OutcomeVisibility.choices,
        initial=OutcomeVisibility.TOTALS,
        widget=forms.RadioSelect,
        help_text=_("The totals on the impact page and on organisation pages never show who did what unless you choose public."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sdg_choices = [("", "—")] + [(s.number, str(s)) for s in SDG.objects.all()]
        for row in range(self.ROWS):
            self.fields[f"indicator_{row}"] = forms.ChoiceField(
                label=_("Indicator %(n)s") % {"n": row + 1},
                choices=[("", "—"), *Indicator.choices],
                required=False,
            )
            self.fields[f"value_{row}"] = forms.DecimalField(
                label=_("Value"), min_value=0, max_digits=14, decimal_places=2, required=False
            )
            self.fields[f"sdg_{row}"] = forms.TypedChoiceField(
                label=_("SDG"), choices=sdg_choices, coerce=int, required=False, empty_value=None
            )

    def clean(self):
        cleaned = super().clean()
        rows = []
        for row in range(self.ROWS):
            values = [cleaned.get(f"{name}_{row}") for name in ("indicator", "value", "sdg")]
            if all(v in (None, "") for v in values):
                continue
            if any(v in (None, "") for v in values):
                raise forms.ValidationError(
                    _("Indicator %(n)s: fill in the indicator, its value and its SDG.")
                    % {"n": row + 1}
                )
            rows.append({"indicator": values[0], "value": values[1], "sdg": values[2]})
        cleaned["indicators"] = rows
        return cleaned


class OutcomeVisibilityForm(forms.Form):
    """Make a recorded outcome more private (the service refuses to widen it)."""

    visibility = forms.ChoiceField(
        label=_("Who may see this outcome?"),
        choices=OutcomeVisibility.choices,
        widget=forms.RadioSelect,
    )
