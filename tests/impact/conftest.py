"""Helpers for the map of unmet demand: needs with a recorded matcher result."""

from __future__ import annotations

import pytest

from marketplace.models import Need, Province, Theme
from matching.models import SuggestionList
from tests.factories import NeedFactory


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
