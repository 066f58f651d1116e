"""Recommendations are recorded by the background refresh and only read by the pages."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace import match_services
from marketplace import services as marketplace_services
from marketplace.models import Match, MatchStatus
from matching import selectors, services
from matching.models import SuggestionList
from tests.factories import NeedFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_pools(settings, tmp_path):
    settings.MATCHING = {**settings.MATCHING, "ARTIFACT_DIR": str(tmp_path)}
    settings.PAYMENTS_FREE_OFFER_LIMIT = None
    services.reset_pools()
    yield
    services.reset_pools()


@pytest.fixture
def need(initiative):
    return NeedFactory(
        organisation=initiative, published=True, title="Solar panels for the village hall",
        description="We want forty solar panels on the roof of our village hall.",
    )


def _offers(count: int, provider=None) -> list:
    provider = provider or OrganisationFactory()
    return [
        OfferFactory(
            organisation=provider, published=True, title=f"Solar offer {i}",
            description=f"We install solar panels, package {i}, on village halls.",
        )
        for i in range(count)
    ]


def test_the_manage_page_ranks_nothing_before_the_refresh(client, need, initiative_owner):
    _offers(3)
    client.force_login(initiative_owner)
    page = client.get(reverse("marketplace:need_manage", args=[need.pk]))
    assert page.status_code == 200
    assert page.context["recommendations_pending"]
    assert "recommendations__pending" in page.content.decode()
    assert not Match.objects.exists() and not SuggestionList.objects.exists()


def test_the_page_shows_what_was_recorded_in_its_order(client, need, initiative_owner):
    offers = _offers(4)
    services.suggestions_refresh(listing=need)
    recorded = SuggestionList.objects.get(listing_id=need.pk, direction="offers_for_need")
    client.force_login(initiative_owner)
    page = client.get(reverse("marketplace:need_manage", args=[need.pk]))
    shown = [item.listing.pk for item in page.context["recommendations"].items]
    assert shown == [entry["id"] for entry in recorded.items]
    assert set(shown) == {offer.pk for offer in offers}
    assert all(item.match is not None for item in page.context["recommendations"].items)


def test_owner_need_page_queries_do_not_grow_with_the_offers(client, need, initiative_owner):
    from demo.hub import hub_seed

    hub_seed()  # related guides and the menu are part of the page
    NeedFactory(published=True, title="Solar panels for the school", description="Solar panels.")
    def queries_for_page() -> int:
        services.reset_pools()
        services.suggestions_refresh(listing=need)
        client.force_login(initiative_owner)
        url = reverse("marketplace:need_manage", args=[need.pk])
        client.get(url)  # the menu and related guides are cached fragments after one view
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert page.status_code == 200
        return len(queries), len(page.context["recommendations"].items)

    _offers(10)
    few, shown_few = queries_for_page()
    _offers(25, provider=OrganisationFactory())
    many, shown_many = queries_for_page()
    assert shown_few == shown_many == 10
    assert many == few
    assert many <= 15


def test_a_declined_suggestion_leaves_the_page_at_once(need, company_owner):
    offer = _offers(1, provider=company_owner.memberships.get().organisation)[0]
    _other = _offers(2)
    services.suggestions_refresh(listing=need)
    match = Match.objects.get(need=need, offer=offer)
    match_services.match_decline(match=match, actor=company_owner)
    shown = selectors.recommendations_recorded(listing=need, direction="offers_for_need")
    assert offer not in [item.listing for item in shown.items]
    assert len(shown.items) == 2


def test_a_closed_offer_leaves_the_page_before_the_next_refresh(need, company_owner):
    offer = _offers(1, provider=company_owner.memberships.get().organisation)[0]
    services.suggestions_refresh(listing=need)
    marketplace_services.listing_close(listing=offer, actor=company_owner, reason="withdrawn")
    shown = selectors.recommendations_recorded(listing=need, direction="offers_for_need")
    assert offer not in [item.listing for item in shown.items]


def test_a_new_offer_reaches_the_needs_it_fits(need, company_owner, django_capture_on_commit_callbacks):
    services.suggestions_refresh(listing=need)
    assert selectors.recommendations_recorded(listing=need, direction="offers_for_need").items == []
    offer = OfferFactory(
        organisation=company_owner.memberships.get().organisation,
        title="Rooftop solar for village halls",
        description="We install solar panels on the roof of village halls.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        marketplace_services.listing_submit(listing=offer, actor=company_owner)
    offer.refresh_from_db()
    if offer.status != "published":  # an unverified provider waits for an editor
        from tests.factories import hub_editor

        with django_capture_on_commit_callbacks(execute=True):
            marketplace_services.listing_approve(listing=offer, actor=hub_editor())
    shown = selectors.recommendations_recorded(listing=need, direction="offers_for_need")
    assert [item.listing for item in shown.items] == [offer]
    assert Match.objects.get(need=need, offer=offer).status == MatchStatus.SUGGESTED
