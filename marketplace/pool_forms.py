"""Forms of demand pooling: a message in the pool, the joint need."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.validators import validate_multi_line, validate_single_line

from .forms import DATE_INPUT
from .models import TITLE_MAX_LENGTH


class PoolMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_multi_line],
    )


class JointNeedForm(forms.Form):
    title = forms.CharField(
        label=_("Title of the joint need"), max_length=TITLE_MAX_LENGTH,
        validators=[validate_single_line],
    )
    description = forms.CharField(
        label=_("What do you need together?"), max_length=8000,
        widget=forms.Textarea(attrs={"rows": 4}), validators=[validate_multi_line],
        help_text=_("The initiatives that joined, their members and budgets are added for you."),
    )
    deadline = forms.DateField(
        label=_("Deadline"), required=False, widget=DATE_INPUT,
        help_text=_("Leave empty to take the latest deadline of the needs in the pool."),
    )
