"""Forms of the combined pages: only the style guide's example form (it is never submitted)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class StyleExampleForm(forms.Form):
    """Every kind of field the site's forms use, to show how they look."""

    title = forms.CharField(
        label=_("Title"), max_length=140, help_text=_("A short, clear title.")
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    kind = forms.ChoiceField(
        label=_("Type"),
        choices=[("service", _("Service")), ("product", _("Product"))],
    )
    nationwide = forms.BooleanField(label=_("Available nationwide"), required=False)
    sides = forms.ChoiceField(
        label=_("Who are you?"),
        choices=[("initiative", _("An initiative")), ("provider", _("A company or fund"))],
        widget=forms.RadioSelect,
    )
