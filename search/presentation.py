"""What the search page shows around the results: facet links with counts, relaxed filters, pages.

Pure functions of the results, the labels and the current query string; every link keeps the
other parameters and goes back to page 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .backends.base import FACETS

FACET_TITLES = {
    "kind": _("Show"),
    "theme": _("Theme"),
    "type": _("Type"),
    "province": _("Province"),
    "sdg": _("Sustainable Development Goal"),
    "organisation_kind": _("Kind of organisation"),
    "language": _("Language"),
}
MAX_FACET_OPTIONS = 20


def query_string(params: QueryDict, **changes: str | int | None) -> str:
    """The query string with some parameters set (None removes them), always back to page 1."""
    updated = params.copy()
    updated.pop("page", None)
    for name, value in changes.items():
        updated.pop(name, None)
        if value not in (None, ""):
            updated[name] = str(value)
    encoded = updated.urlencode()
    return f"?{encoded}" if encoded else "?"


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass(frozen=True)
class FacetGroup:
    name: str
    title: str
    options: list[FacetOption]
    clear_url: str | None


def facet_groups(
    *,
    facets: dict[str, dict[str, int]],
    filters: dict[str, str],
    labels: dict[str, dict[str, str]],
    params: QueryDict,
) -> list[FacetGroup]:
    """Each facet with its values and counts, the selected one first; empty facets left out."""
    groups = []
    for name in FACETS:
        counts = dict(facets.get(name, {}))
        selected = filters.get(name)
        if selected and selected not in counts:
            counts[selected] = 0
        if not counts:
            continue
        order = sorted(
            counts.items(),
            key=lambda item: (item[0] != selected, -item[1], labels.get(name, {}).get(item[0], item[0])),
        )
        options = [
            FacetOption(
                value=value,
                label=labels.get(name, {}).get(value, value),
                count=count,
                selected=value == selected,
                url=query_string(params, **{name: None if value == selected else value}),
            )
            for value, count in order[:MAX_FACET_OPTIONS]
        ]
        groups.append(
            FacetGroup(
                name=name,
                title=str(FACET_TITLES[name]),
                options=options,
                clear_url=query_string(params, **{name: None}) if selected else None,
            )
        )
    return groups


@dataclass(frozen=True)
class RelaxLink:
    label: str
    url: str


def relax_links(
    *, filters: dict[str, str], labels: dict[str, dict[str, str]], params: QueryDict
) -> list[RelaxLink]:
    """One link per active filter that drops it, then one that drops them all."""
    links = [
        RelaxLink(
            label=_("Without “%(filter)s: %(value)s”")
            % {"filter": FACET_TITLES[name], "value": labels.get(name, {}).get(value, value)},
            url=query_string(params, **{name: None}),
        )
        for name, value in filters.items()
    ]
    if len(filters) > 1:
        links.append(
            RelaxLink(
                label=str(_("Without any filter")),
                url=query_string(params, **dict.fromkeys(filters)),
            )
        )
    return links


@dataclass(frozen=True)
class Pagination:
    number: int
    num_pages: int
    previous_url: str | None
    next_url: str | None


def pagination(*, page: int, num_pages: int, max_pages: int, params: QueryDict) -> Pagination:
    num_pages = min(num_pages, max_pages)

    def url(number: int) -> str:
        updated = params.copy()
        updated["page"] = str(number)
        return f"?{updated.urlencode()}"

    return Pagination(
        number=page,
        num_pages=num_pages,
        previous_url=url(page - 1) if page > 1 else None,
        next_url=url(page + 1) if page < num_pages else None,
    )


def filter_labels(*, filters: dict[str, str], labels: dict[str, dict[str, str]]) -> list[str]:
    """Readable "Facet: value" names of a saved search's filters."""
    return [
        f"{FACET_TITLES[name]}: {labels.get(name, {}).get(value, value)}"
        for name, value in filters.items()
        if name in FACET_TITLES
    ]
