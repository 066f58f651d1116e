"""Forms of the combined pages: the import upload, and the style guide's example form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace import listing_table


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


MAX_IMPORT_BYTES = 2 * 1024 * 1024


class ListingImportForm(forms.Form):
    """A CSV or XLSX file of offers or needs, read into memory (never kept on disk)."""

    file = forms.FileField(
        label=_("File (.csv or .xlsx)"),
        help_text=_("Use the template: the columns of the listings export."),
    )
    submit = forms.BooleanField(
        label=_("Submit the new listings for publication after the import"), required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None:
            return cleaned
        fmt = Path(upload.name).suffix.lower().lstrip(".")
        if fmt not in listing_table.FORMATS:
            self.add_error("file", _("Upload a .csv or .xlsx file."))
        elif upload.size > MAX_IMPORT_BYTES:
            self.add_error("file", _("The file is larger than 2 MB."))
        else:
            cleaned["format"] = fmt
            cleaned["content"] = upload.read()
        return cleaned
