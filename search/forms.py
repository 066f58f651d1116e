"""Forms of the search pages: they read the query string and the save form; services do the writing."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from core.validators import validate_single_line
from marketplace.models import Language

from .backends.base import FACETS, SearchQuery
from .models import SavedSearch

PER_PAGE = 20
MAX_PAGE = 50
facet_value = RegexValidator(r"^[\w-]{1,60}$")


class SearchForm(forms.Form):
    """The search page's query string: words or a description, facet filters, sort and page."""

    q = forms.CharField(label=_("Search"), required=False, max_length=500)
    mode = forms.ChoiceField(
        label=_("How do you search?"),
        required=False,
        choices=[
            ("words", _("By words")),
            ("describe", _("Describe what you are looking for")),
        ],
        widget=forms.RadioSelect,
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("relevance", _("Relevance")), ("newest", _("Newest first"))],
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)

    def __init__(self, data: QueryDict, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        for name in FACETS:
            self.fields[name] = forms.CharField(
                required=False, max_length=60, validators=[facet_value], widget=forms.HiddenInput
            )
        # A search form is never "wrong": values it does not understand are dropped.
        self.is_valid()

    def value(self, name: str) -> Any:
        return self.cleaned_data.get(name) or None

    @property
    def filters(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in FACETS if self.cleaned_data.get(name)}

    def search_query(self) -> SearchQuery:
        """The SearchQuery this form describes."""
        text = " ".join((self.value("q") or "").split())
        return SearchQuery(
            text=text,
            mode=self.value("mode") or "words",
            filters=self.filters,
            sort=self.value("sort") or ("relevance" if text else "newest"),
            page=self.value("page") or 1,
            per_page=PER_PAGE,
        )


class SavedSearchForm(forms.Form):
    """Save the current search: a name, how often to e-mail, in which language."""

    name = forms.CharField(
        label=_("Name of this search"), max_length=120, required=False,
        validators=[validate_single_line],
    )
    frequency = forms.ChoiceField(
        label=_("E-mail me new results"),
        choices=SavedSearch.Frequency.choices,
        initial=SavedSearch.Frequency.DAILY,
    )
    # Not "language": that name is the content-language filter of the search it saves.
    email_language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=Language.choices
    )
    q = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)
    mode = forms.ChoiceField(
        required=False, choices=SavedSearch.Mode.choices, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in FACETS:
            self.fields[name] = forms.CharField(
                required=False, max_length=60, validators=[facet_value], widget=forms.HiddenInput
            )

    @property
    def filters(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in FACETS if self.cleaned_data.get(name)}


class SavedSearchSettingsForm(forms.ModelForm):
    """Change how often and in which language a saved search e-mails."""

    class Meta:
        model = SavedSearch
        fields = ["name", "frequency", "language"]
