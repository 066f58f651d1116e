"""Helpers for the impact pages: needs with a recorded matcher result (the map of unmet demand),
and deals taken through the match services, so every figure comes from recorded outcomes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from marketplace import match_services
from marketplace.models import Match, Need, Province, Theme
from matching.models import SuggestionList
from tests.factories import NeedFactory, OfferFactory


def record_match_result(need: Need, *, good: bool) -> SuggestionList:
    """What the matcher would have recorded for the need's offers (the map's only input)."""
    row, _ = SuggestionList.objects.update_or_create(
        listing_id=need.pk, direction=SuggestionList.Direction.OFFERS_FOR_NEED,
        defaults={"has_good_match": good, "items": []},
    )
    return row


def unmet_need(*, province: str = "utrecht", theme: str = "energy", **kwargs) -> Need:
    """A published need in `province` and `theme` whose recorded offers have no good match."""
    need = NeedFactory(
        published=True, province=Province.objects.get(slug=province),
        theme=Theme.objects.get(slug=theme), **kwargs,
    )
    record_match_result(need, good=False)
    return need


@pytest.fixture
def make_unmet_need():
    return unmet_need

def fulfil(
    *,
    need,
    offer,
    need_owner,
    offer_owner,
    indicators: list[dict],
    visibility: str = "totals",
    delivered: str = "Forty panels installed",
) -> Match:
    """Interest (by the initiative), accept, agree on both sides, fulfil with an outcome."""
    match = match_services.match_express_interest(
        need=need, offer=offer, actor=need_owner, proposal="Forty panels"
    )
    match = match_services.match_accept(match=match, actor=offer_owner)
    match_services.match_agree(match=match, actor=need_owner)
    match = match_services.match_agree(match=match, actor=offer_owner)
    return match_services.match_fulfil(
        match=match, actor=need_owner, delivered=delivered, indicators=indicators,
        visibility=visibility,
    )


@pytest.fixture
def deal(company, company_owner, initiative, initiative_owner) -> Callable[..., Match]:
    """A new fulfilled deal between the company and the initiative, on a new pair of listings."""

    def make(*, indicators: list[dict], visibility: str = "totals", province: str = "utrecht",
             theme: str = "energy", **need_fields) -> Match:
        need = NeedFactory(
            organisation=initiative, published=True,
            province=Province.objects.get(slug=province), theme=Theme.objects.get(slug=theme),
            **need_fields,
        )
        offer = OfferFactory(organisation=company, published=True)
        return fulfil(need=need, offer=offer, need_owner=initiative_owner,
                      offer_owner=company_owner, indicators=indicators, visibility=visibility)

    return make
