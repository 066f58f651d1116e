"""Reads for the map of unmet demand: open needs without a good match, and supply deserts.

An open need is one the public sees (published, deadline not passed: the marketplace's
`need_list_public`). It is *unmet* when the matcher's last recorded list of offers for it
(`matching.models.SuggestionList`, direction offers_for_need) says it has no good match. A need
whose list was not recorded yet counts as neither: the map never guesses. A theme is a *supply
desert* in a province when no public offer of that theme serves the province (its regions
include it, or it is nationwide).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from marketplace.models import Need, Organisation, Province, Theme
from marketplace.selectors import ListingFilters, need_list_public, offer_list_public
from matching.models import SuggestionList


@dataclass(frozen=True)
class DesertCell:
    """One theme in one province with its unmet needs (for the alerts)."""

    theme: Theme
    province: Province
    needs: tuple[Need, ...]


def _without_good_match_ids() -> QuerySet[SuggestionList]:
    return SuggestionList.objects.filter(
        direction=SuggestionList.Direction.OFFERS_FOR_NEED, has_good_match=False
    ).values("listing_id")


def unmet_need_list(*, province: str = "", theme: str = "") -> QuerySet[Need]:
    """Open needs whose recorded list of offers has no good match, newest first."""
    needs = need_list_public(filters=ListingFilters(province=province, theme=theme))
    return needs.filter(pk__in=_without_good_match_ids())


def unmet_counts_by_province(*, theme: str = "") -> dict[str, int]:
    """How many unmet open needs each province has (every province, 0 included)."""
    counts = dict.fromkeys(Province.objects.values_list("slug", flat=True), 0)
    rows = (
        unmet_need_list(theme=theme)
        .order_by()
        .values("province__slug")
        .annotate(count=Count("pk", distinct=True))
    )
    for row in rows:
        counts[row["province__slug"]] = row["count"]
    return counts


def covered_theme_provinces() -> set[tuple[int, int]]:
    """(theme id, province id) pairs served by at least one public offer."""
    province_ids = list(Province.objects.values_list("pk", flat=True))
    covered: set[tuple[int, int]] = set()
    offers = offer_list_public().order_by().values_list("theme_id", "is_national", "regions__pk")
    for theme_id, is_national, province_id in offers:
        if is_national:
            covered.update((theme_id, pk) for pk in province_ids)
        elif province_id is not None:
            covered.add((theme_id, province_id))
    return covered


def supply_deserts() -> dict[str, list[Theme]]:
    """For each province (by slug), the themes no public offer serves there."""
    themes = list(Theme.objects.all())
    covered = covered_theme_provinces()
    return {
        province.slug: [theme for theme in themes if (theme.pk, province.pk) not in covered]
        for province in Province.objects.all()
    }


def desert_cells(*, min_needs: int) -> list[DesertCell]:
    """Every theme × province with at least `min_needs` unmet open needs, with those needs."""
    grouped: dict[tuple[int, int], list[Need]] = defaultdict(list)
    for need in unmet_need_list().select_related("theme", "province").order_by("published_at", "pk"):
        grouped[(need.theme_id, need.province_id)].append(need)
    cells = [
        DesertCell(theme=needs[0].theme, province=needs[0].province, needs=tuple(needs))
        for needs in grouped.values()
        if len(needs) >= min_needs
    ]
    return sorted(cells, key=lambda cell: (cell.theme.position, cell.province.name))


def providers_active_in_theme(*, theme: Theme, province: Province) -> list[Organisation]:
    """Organisations with a public offer in `theme` that does not yet serve `province`.

    Partners first, then by name; an organisation that already serves the province in this theme
    is left out (the matcher already shows it those needs).
    """
    offers = offer_list_public(filters=ListingFilters(theme=theme.slug))
    serving = set(
        offer_list_public(filters=ListingFilters(theme=theme.slug, province=province.slug))
        .values_list("organisation_id", flat=True)
    )
    organisations: dict[int, Organisation] = {}
    for offer in offers:
        if offer.organisation_id not in serving:
            organisations.setdefault(offer.organisation_id, offer.organisation)
    return sorted(organisations.values(), key=lambda org: (not org.is_partner, org.name.lower()))

