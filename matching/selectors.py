"""Reads of the matcher: what was recorded for a listing, as the page shows it (never ranks)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from marketplace.models import Listing, ListingStatus, Match, MatchStatus, Need, Offer, Theme

from . import explain
from .models import NeedCluster, NeedClusterMember, SuggestionList
from .services import DIRECTIONS, Recommendation, Recommendations


def _listings(model: type[Listing], ids: list[int]) -> dict[int, Listing]:
    """The still-public listings among `ids`, with what the cards show, in one query."""
    queryset = model.objects.filter(
        pk__in=ids, status=ListingStatus.PUBLISHED, is_hidden=False, organisation__is_hidden=False
    ).select_related(
        "organisation"
    )
    if model is Need:
        queryset = queryset.select_related("province")
    today = timezone.localdate()
    end_field = model.end_date_field
    return {
        listing.pk: listing
        for listing in queryset
        if getattr(listing, end_field) is None or getattr(listing, end_field) >= today
    }


def recommendations_recorded(
    *, listing: Listing, direction: str, limit: int | None = None
) -> Recommendations | None:
    """The list the matcher recorded for `listing` in `direction`, or None if none is yet.

    Listings that are no longer public and pairs that were declined since are left out. Two
    queries at most beyond the list itself: the listings, and their matches.
    """
    return recommendations_recorded_many(
        listing=listing, directions=[direction], limit=limit
    )[direction]


def recommendations_recorded_many(
    *, listing: Listing, directions: list[str], limit: int | None = None
) -> dict[str, Recommendations | None]:
    """Several recorded lists of one listing (e.g. a need's offers and similar needs) at once:
    one query for the lists, one per kind of listing shown, one for the matches."""
    wanted = {DIRECTIONS[direction]: direction for direction in directions}
    rows = {
        row.direction: row
        for row in SuggestionList.objects.filter(listing_id=listing.pk, direction__in=wanted)
    }
    entries = {name: (row.items[:limit] if limit else row.items) for name, row in rows.items()}
    ids: dict[type[Listing], list[int]] = {}
    for name, items in entries.items():
        model = Offer if name == SuggestionList.Direction.OFFERS_FOR_NEED else Need
        ids.setdefault(model, []).extend(entry["id"] for entry in items)
    listings = {model: _listings(model, pks) for model, pks in ids.items()}
    match_ids = [e["match"] for items in entries.values() for e in items if e.get("match")]
    matches = {m.pk: m for m in Match.objects.filter(pk__in=match_ids)} if match_ids else {}
    output: dict[str, Recommendations | None] = dict.fromkeys(directions)
    for name, row in rows.items():
        model = Offer if name == SuggestionList.Direction.OFFERS_FOR_NEED else Need
        output[wanted[name]] = _recommendations(row, entries[name], listings[model], matches)
    return output


def _recommendations(
    row: SuggestionList, entries: list[dict], listings: dict[int, Listing], matches: dict[int, Match]
) -> Recommendations:
    output = Recommendations(
        ranker_version=row.ranker_version,
        model=row.model or None,
        degraded=row.degraded,
        has_good_match=row.has_good_match,
        advice=list(row.advice),
        computed_at=row.computed_at,
    )
    for entry in entries:
        other = listings.get(entry["id"])
        match = matches.get(entry.get("match"))
        if other is None or (match is not None and match.status == MatchStatus.DECLINED):
            continue
        highlight = entry.get("highlight")
        output.items.append(
            Recommendation(
                listing=other,
                score=entry["score"],
                explanation=explain.Explanation(
                    sentence_pair=None,
                    reasons=[explain.Reason(r["code"], r.get("data", {})) for r in entry["reasons"]],
                ),
                highlight=tuple(highlight) if highlight else None,
                query_sentence=entry.get("query_sentence", ""),
                match=match,
                probability=entry.get("probability"),
                strength=entry.get("strength", ""),
            )
        )
    return output


# Demand pooling ------------------------------------------------------------------------------


@dataclass
class PooledDemand:
    """A recorded cluster of similar open needs, as the pages show it (only still-public needs)."""

    cluster_id: int
    theme: Theme | None
    need_type: str
    province: str
    needs: list[Need] = field(default_factory=list)  # the most central need first
    members: int = 0
    budget_min: Decimal = Decimal(0)
    budget_max: Decimal = Decimal(0)

    @property
    def label(self) -> str:
        return self.needs[0].title if self.needs else ""

    @property
    def organisation_count(self) -> int:
        return len({need.organisation_id for need in self.needs})

    @property
    def need_type_label(self) -> str:
        return Need.NeedType(self.need_type).label if self.need_type in Need.NeedType.values else ""

    def others(self, organisation_id: int) -> list[Need]:
        """The needs of the other initiatives."""
        return [need for need in self.needs if need.organisation_id != organisation_id]


def _pooled(clusters: Iterable[NeedCluster]) -> list[PooledDemand]:
    clusters = list(clusters)
    ids = [pk for cluster in clusters for pk in cluster.need_ids]
    needs = _listings(Need, ids) if ids else {}
    themes = {t.slug: t for t in Theme.objects.filter(slug__in={c.theme for c in clusters})}
    output = []
    for cluster in clusters:
        live = [needs[pk] for pk in cluster.need_ids if pk in needs]
        if len({need.organisation_id for need in live}) < 2:
            continue
        members = {need.organisation_id: need.organisation.member_count or 0 for need in live}
        output.append(
            PooledDemand(
                cluster_id=cluster.pk,
                theme=themes.get(cluster.theme),
                need_type=cluster.need_type,
                province=cluster.province,
                needs=live,
                members=sum(members.values()),
                budget_min=sum((n.budget_min or Decimal(0) for n in live), Decimal(0)),
                budget_max=sum(
                    (n.budget_max or n.budget_min or Decimal(0) for n in live), Decimal(0)
                ),
            )
        )
    return output


def pooled_demand_for_need(*, need: Need) -> PooledDemand | None:
    """The recorded cluster a need belongs to, with the still-open needs in it (None if none)."""
    entry = NeedClusterMember.objects.filter(need_id=need.pk).select_related("cluster").first()
    if entry is None:
        return None
    pooled = _pooled([entry.cluster])
    if not pooled or need.pk not in {n.pk for n in pooled[0].needs}:
        return None
    return pooled[0]


def pooled_demand_for_needs(*, need_ids: Iterable[int]) -> list[PooledDemand]:
    """The recorded clusters holding any of these needs (an offer's leads), largest first."""
    cluster_ids = set(
        NeedClusterMember.objects.filter(need_id__in=list(need_ids)).values_list(
            "cluster_id", flat=True
        )
    )
    if not cluster_ids:
        return []
    pooled = _pooled(NeedCluster.objects.filter(pk__in=cluster_ids).order_by("key"))
    pooled.sort(key=lambda p: (-p.organisation_count, -p.members, p.cluster_id))
    return pooled
