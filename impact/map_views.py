"""The map of unmet demand at /impact/map/: provinces coloured by open needs without a good match."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from marketplace.models import Province, Theme

from . import demand, geo

# Colour classes of the map and its legend: (lowest count, highest count or None, CSS class).
BUCKETS: tuple[tuple[int, int | None, str], ...] = (
    (0, 0, "unmet-0"),
    (1, 1, "unmet-1"),
    (2, 2, "unmet-2"),
    (3, 4, "unmet-3"),
    (5, None, "unmet-4"),
)
# Needs listed for one province; the count above the list says how many there are in all.
NEEDS_SHOWN = 50


class MapFilterForm(forms.Form):
    """The theme selector (a plain GET form) and the chosen province."""

    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.all(), to_field_name="slug", required=False,
        empty_label=_("All themes"),
    )
    province = forms.ModelChoiceField(
        label=_("Province"), queryset=Province.objects.all(), to_field_name="slug",
        required=False, empty_label=_("All provinces"),
    )


@dataclass(frozen=True)
class ProvinceRow:
    """One province as the map, its table row and its link show it."""

    shape: geo.ProvinceShape
    name: str
    count: int
    css_class: str
    url: str
    deserts: list[Theme]
    is_desert: bool  # the chosen theme has no offer serving this province
    is_selected: bool


def _bucket(count: int) -> str:
    for low, high, css_class in BUCKETS:
        if count >= low and (high is None or count <= high):
            return css_class
    return BUCKETS[-1][2]


def _legend() -> list[dict[str, object]]:
    return [{"low": low, "high": high, "css_class": css_class} for low, high, css_class in BUCKETS]


def _url(path: str, **query: str) -> str:
    query = {key: value for key, value in query.items() if value}
    return f"{path}?{urlencode(query)}" if query else path


@require_safe
def unmet_map(request: HttpRequest) -> HttpResponse:
    """GET: the map, its table, the supply deserts, and the unmet needs of a chosen province."""
    form = MapFilterForm(request.GET or None)
    theme: Theme | None = None
    province: Province | None = None
    if form.is_bound and form.is_valid():
        theme = form.cleaned_data["theme"]
        province = form.cleaned_data["province"]
    theme_slug = theme.slug if theme else ""
    path = reverse("impact:map")

    counts = demand.unmet_counts_by_province(theme=theme_slug)
    deserts = demand.supply_deserts()
    shapes = geo.country().by_slug()
    names = dict(Province.objects.values_list("slug", "name"))
    rows = [
        ProvinceRow(
            shape=shapes[slug], name=names.get(slug, shapes[slug].name), count=counts.get(slug, 0),
            css_class=_bucket(counts.get(slug, 0)),
            url=_url(path, theme=theme_slug, province=slug) + "#needs",
            deserts=deserts.get(slug, []),
            is_desert=bool(theme) and any(t.pk == theme.pk for t in deserts.get(slug, [])),
            is_selected=province is not None and province.slug == slug,
        )
        for slug in sorted(shapes, key=lambda s: names.get(s, s))
    ]
    needs = []
    needs_total = 0
    if province is not None:
        unmet = demand.unmet_need_list(province=province.slug, theme=theme_slug)
        needs_total = unmet.count()
        needs = list(unmet[:NEEDS_SHOWN])
    return render(request, "impact/map.html", {
        "form": form,
        "theme": theme,
        "province": province,
        "rows": rows,
        "desert_rows": [row for row in rows if row.is_desert],
        "country": geo.country(),
        "legend": _legend(),
        "needs": needs,
        "needs_total": needs_total,
        "total_unmet": sum(counts.values()),
        "clear_province_url": _url(path, theme=theme_slug),
        "themes": list(Theme.objects.all()),
    })
