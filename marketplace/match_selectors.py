"""Reads of the match lifecycle: a person's matches and conversations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.http import Http404

from .models import (
    ListingStatus,
    Match,
    MatchSide,
    MatchStatus,
    Membership,
    Need,
    Offer,
    Organisation,
)


@dataclass
class MatchOverview:
    """What the dashboard shows about matches: waiting for me, waiting for them, conversations."""

    waiting_for_me: list[Match] = field(default_factory=list)
    waiting_for_them: list[Match] = field(default_factory=list)
    conversations: list[Match] = field(default_factory=list)
    finished: list[Match] = field(default_factory=list)


# The steps a match moves through, in order, as shown by the stepper on the match page.
MATCH_STEPS: tuple[str, ...] = (
    MatchStatus.INTERESTED, MatchStatus.INTRODUCED, MatchStatus.AGREED, MatchStatus.FULFILLED,
)


@dataclass(frozen=True)
class MatchStep:
    status: str
    state: str  # "done", "current" (the furthest step reached) or "todo"


def match_progress(*, status: str, reached: Iterable[str] = ()) -> list[MatchStep]:
    """The stepper of a match: which of interest → introduced → agreed → fulfilled it reached.

    `reached` are the statuses its history recorded; a declined or closed match shows the
    furthest step it reached before it stopped. Pure: no database access.
    """
    seen = {*reached, status}
    furthest = max((MATCH_STEPS.index(s) for s in seen if s in MATCH_STEPS), default=-1)
    return [
        MatchStep(step, "done" if i < furthest else "current" if i == furthest else "todo")
        for i, step in enumerate(MATCH_STEPS)
    ]


def _matches_of(organisation_ids) -> QuerySet[Match]:
    return Match.objects.filter(
        Q(need__organisation_id__in=organisation_ids) | Q(offer__organisation_id__in=organisation_ids)
    ).select_related("need__organisation", "offer__organisation", "need__theme", "offer__theme")


def match_get_for_user(*, pk: int, user: AbstractBaseUser) -> Match:
    """A match one of whose two organisations the user belongs to; 404 for anybody else."""
    if not user.is_authenticated:
        raise Http404
    org_ids = Membership.objects.filter(user=user).values_list("organisation_id", flat=True)
    try:
        return _matches_of(org_ids).get(pk=pk)
    except Match.DoesNotExist as exc:
        raise Http404 from exc


def match_overview(*, organisation: Organisation) -> MatchOverview:
    """The organisation's matches that involve a person: interest, conversations, outcomes."""
    overview = MatchOverview()
    active = _matches_of([organisation.pk]).exclude(status=MatchStatus.SUGGESTED)
    for match in active.order_by("-updated_at"):
        my_side = MatchSide.NEED if match.need.organisation_id == organisation.pk else MatchSide.OFFER
        if match.status == MatchStatus.INTERESTED:
            target = overview.waiting_for_them if match.interested_side == my_side else overview.waiting_for_me
            target.append(match)
        elif match.status in (MatchStatus.INTRODUCED, MatchStatus.AGREED):
            overview.conversations.append(match)
        elif match.status in (MatchStatus.FULFILLED, MatchStatus.CLOSED):
            overview.finished.append(match)
    return overview


def match_contacts(*, match: Match) -> dict[str, list]:
    """Contact people of both sides, shown once the two are introduced."""
    if match.status not in Match.CONVERSATION_STATUSES:
        return {}
    return {
        side: list(
            match.organisation_for(side).memberships.select_related("user").order_by("role")
        )
        for side in (MatchSide.NEED, MatchSide.OFFER)
    }


def declined_offer_ids(*, need_id: int) -> set[int]:
    return set(
        Match.objects.filter(need_id=need_id, status=MatchStatus.DECLINED).values_list(
            "offer_id", flat=True
        )
    )


def declined_need_ids(*, offer_id: int) -> set[int]:
    return set(
        Match.objects.filter(offer_id=offer_id, status=MatchStatus.DECLINED).values_list(
            "need_id", flat=True
        )
    )


@dataclass
class ListingSuggestions:
    """The best current suggestions for one of the organisation's published listings."""

    listing: object
    matches: list[Match]


def suggestions_for_organisation(
    *, organisation: Organisation, per_listing: int = 3
) -> list[ListingSuggestions]:
    """For each published need or offer of the organisation, its top suggested matches."""
    side = "offer" if organisation.is_provider else "need"
    suggested = (
        _matches_of([organisation.pk])
        .filter(**{f"{side}__organisation": organisation, f"{side}__status": "published"},
                status=MatchStatus.SUGGESTED)
        .order_by(f"{side}_id", "-score")
    )
    grouped: dict[int, ListingSuggestions] = {}
    for match in suggested:
        listing = getattr(match, side)
        group = grouped.setdefault(listing.pk, ListingSuggestions(listing=listing, matches=[]))
        if len(group.matches) < per_listing:
            group.matches.append(match)
    return list(grouped.values())


@dataclass(frozen=True)
class OfferInsights:
    """How initiatives found and used one offer (a Partner-plan benefit)."""

    suggested: int
    interest_from_initiatives: int
    interest_sent: int
    introduced: int
    agreed: int
    fulfilled: int
    declined: int


def offer_insights(*, offer) -> OfferInsights:
    """Counts over the offer's matches: how often it was suggested and what came of it."""
    from django.db.models import Count

    reached = [MatchStatus.INTRODUCED, MatchStatus.AGREED, MatchStatus.FULFILLED,
               MatchStatus.CLOSED]
    counts = Match.objects.filter(offer=offer).aggregate(
        suggested=Count("pk"),
        interest_from_initiatives=Count("pk", filter=Q(interested_side=MatchSide.NEED)),
        interest_sent=Count("pk", filter=Q(interested_side=MatchSide.OFFER)),
        introduced=Count("pk", filter=Q(status__in=reached)),
        agreed=Count("pk", filter=Q(status__in=[MatchStatus.AGREED, MatchStatus.FULFILLED])),
        fulfilled=Count("pk", filter=Q(status=MatchStatus.FULFILLED)),
        declined=Count("pk", filter=Q(status=MatchStatus.DECLINED)),
    )
    return OfferInsights(**counts)


@dataclass(frozen=True)
class RespondOptions:
    """What a visitor of a public need (or offer) page can do to start a match from it."""

    organisation: Organisation | None  # the visitor's organisation, when it may respond
    pick: str  # "offer" on a need page, "need" on an offer page
    own_listings: list = field(default_factory=list)  # its published listings to pick from
    existing: list[Match] = field(default_factory=list)  # matches already started with it
    can_respond: bool = False  # logged in, on the other side of the market, not its own listing


def respond_options(*, user: AbstractBaseUser, listing: Need | Offer) -> RespondOptions:
    """Who may answer this listing from its page, with which of their listings, and where they
    already are in touch: a company answers a need with one of its offers, an initiative asks
    about an offer for one of its needs."""
    pick = "offer" if isinstance(listing, Need) else "need"
    if not user.is_authenticated:
        return RespondOptions(organisation=None, pick=pick)
    membership = (
        Membership.objects.filter(user=user).select_related("organisation")
        .order_by("created_at", "pk").first()
    )
    organisation = membership.organisation if membership else None
    fits = organisation is not None and organisation.pk != listing.organisation_id and (
        organisation.is_provider if pick == "offer" else organisation.is_initiative
    )
    if not fits:
        return RespondOptions(organisation=organisation, pick=pick)
    model = Offer if pick == "offer" else Need
    own = list(model.objects.filter(organisation=organisation, status=ListingStatus.PUBLISHED)
               .order_by("title"))
    side_filter = (
        {"need": listing, "offer__organisation": organisation} if pick == "offer"
        else {"offer": listing, "need__organisation": organisation}
    )
    existing = list(
        Match.objects.filter(**side_filter).exclude(status=MatchStatus.SUGGESTED)
        .select_related("need", "offer").order_by("-updated_at")
    )
    started = {m.offer_id if pick == "offer" else m.need_id for m in existing}
    return RespondOptions(
        organisation=organisation, pick=pick,
        own_listings=[item for item in own if item.pk not in started],
        existing=existing, can_respond=True,
    )
