"""Deals taken through the match services, so every figure comes from recorded outcomes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from marketplace import match_services
from marketplace.models import Match, Province, Theme
from tests.factories import NeedFactory, OfferFactory


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
