"""Dashboard forms: a new API key, a new webhook endpoint."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ApiKey, WebhookEvent


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=80,
        help_text=_("Where the key is used, e.g. “CRM koppeling”."),
    )
    scope = forms.ChoiceField(label=_("Access"), choices=ApiKey.Scope.choices,
                              initial=ApiKey.Scope.READ)


class WebhookEndpointForm(forms.Form):
    url = forms.URLField(label=_("Endpoint URL"), max_length=500, assume_scheme="https",
                         help_text=_("Must start with https://."))
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple,
    )
