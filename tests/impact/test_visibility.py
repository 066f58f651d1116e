"""After fulfilment either side may make the outcome more private, never more public."""

from __future__ import annotations

from decimal import Decimal

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from impact import selectors
from marketplace import match_services
from marketplace.models import OutcomeReport

pytestmark = pytest.mark.django_db


def kwh(value):
    return {"indicator": "kwh", "value": str(value), "sdg": 7}


def test_either_side_may_narrow_and_the_totals_follow(deal, company_owner, initiative_owner):
    match = deal(indicators=[kwh(100)], visibility="public")
    assert selectors.platform_impact().total("kwh") == Decimal("100")

    match_services.outcome_restrict_visibility(match=match, actor=company_owner,
                                              visibility="totals")
    assert OutcomeReport.objects.get(match=match).visibility == "totals"
    match_services.outcome_restrict_visibility(match=match, actor=initiative_owner,
                                              visibility="private")
    assert OutcomeReport.objects.get(match=match).visibility == "private"
    assert selectors.platform_impact().total("kwh") == Decimal("0")


def test_nobody_may_widen_it(deal, company_owner, initiative_owner):
    match = deal(indicators=[kwh(100)], visibility="totals")
    for actor in (company_owner, initiative_owner):
        with pytest.raises(ValidationError):
            match_services.outcome_restrict_visibility(match=match, actor=actor,
                                                      visibility="public")
    with pytest.raises(ValidationError):
        match_services.outcome_restrict_visibility(match=match, actor=company_owner,
                                                  visibility="everyone")
    assert OutcomeReport.objects.get(match=match).visibility == "totals"


def test_only_the_two_sides_may_change_it(deal, stranger):
    match = deal(indicators=[kwh(100)], visibility="public")
    with pytest.raises(PermissionDenied):
        match_services.outcome_restrict_visibility(match=match, actor=stranger,
                                                  visibility="private")
    assert OutcomeReport.objects.get(match=match).visibility == "public"


def test_the_match_page_offers_it_and_posts_it(deal, company_owner):
    match = deal(indicators=[kwh(100)], visibility="public")
    client = Client()
    client.force_login(company_owner, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("marketplace:match_detail", args=[match.pk])).content.decode()
    assert "/visibility/" in page
    url = reverse("marketplace:match_action", args=[match.pk, "visibility"])
    assert client.post(url, {"visibility": "private"}).status_code == 302
    assert OutcomeReport.objects.get(match=match).visibility == "private"
    # widening through the page is refused with a message, nothing changes
    client.post(url, {"visibility": "public"}, follow=True)
    assert OutcomeReport.objects.get(match=match).visibility == "private"
