"""Match pages: only the two organisations see a match; actions go through POST."""

import pytest

from django.urls import reverse

from marketplace import match_services
from marketplace.models import Match, MatchStatus
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def interested(company, initiative, initiative_owner):
    need = NeedFactory(organisation=initiative, published=True)
    offer = OfferFactory(organisation=company, published=True)
    return match_services.match_express_interest(
        need=need, offer=offer, actor=initiative_owner, proposal="Panels for the hall"
    )


def test_start_interest_from_the_need_side(client, company, initiative, initiative_owner):
    need = NeedFactory(organisation=initiative, published=True)
    offer = OfferFactory(organisation=company, published=True)
    client.force_login(initiative_owner)
    response = client.post(reverse("marketplace:match_start"), {
        "need": need.pk, "offer": offer.pk, "proposal": "A quote for 40 panels",
        "timing": "Spring", "question": "",
    })
    match = Match.objects.get(need=need, offer=offer)
    assert response.status_code == 302
    assert response.url == reverse("marketplace:match_detail", args=[match.pk])
    assert match.status == MatchStatus.INTERESTED


def test_detail_is_private_to_the_two_sides(client, interested, company_owner, stranger, initiative_owner):
    url = reverse("marketplace:match_detail", args=[interested.pk])
    assert client.get(url).status_code == 302  # to login
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert client.post(reverse("marketplace:match_action", args=[interested.pk, "accept"])).status_code == 404
    client.force_login(company_owner)
    page = client.get(url)
    assert page.status_code == 200
    assert "Panels for the hall" in page.content.decode()
    client.force_login(initiative_owner)
    assert client.get(url).status_code == 200
    interested.refresh_from_db()
    assert interested.status == MatchStatus.INTERESTED


def test_accept_then_message_then_contacts_visible(client, interested, company_owner, initiative_owner):
    client.force_login(company_owner)
    assert client.get(reverse("marketplace:match_action", args=[interested.pk, "accept"])).status_code == 405
    client.post(reverse("marketplace:match_action", args=[interested.pk, "accept"]))
    client.post(reverse("marketplace:match_action", args=[interested.pk, "message"]), {"body": "Welkom!"})
    interested.refresh_from_db()
    assert interested.status == MatchStatus.INTRODUCED
    client.force_login(initiative_owner)
    page = client.get(reverse("marketplace:match_detail", args=[interested.pk])).content.decode()
    assert "Welkom!" in page
    assert company_owner.email in page


def test_empty_message_is_refused_with_a_message(client, interested, company_owner):
    match_services.match_accept(match=interested, actor=company_owner)
    client.force_login(company_owner)
    response = client.post(reverse("marketplace:match_action", args=[interested.pk, "message"]),
                           {"body": ""}, follow=True)
    assert interested.messages.count() == 1  # only the interest
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_unknown_action_is_404(client, interested, company_owner):
    client.force_login(company_owner)
    assert client.post(reverse("marketplace:match_action", args=[interested.pk, "explode"])).status_code == 404


def test_match_list_and_notifications(client, interested, company_owner):
    client.force_login(company_owner)
    page = client.get(reverse("marketplace:match_list")).content.decode()
    assert interested.need.title in page
    page = client.get(reverse("notifications:list")).content.decode()
    assert interested.need.title in page
    response = client.post(reverse("notifications:list"),
                           {"email_frequency": "daily", "language": "en"})
    assert response.status_code == 302
    assert company_owner.notification_preference.email_frequency == "daily"


def test_dashboard_shows_suggestions_and_open_conversations(client, company, initiative, initiative_owner, company_owner):
    need = NeedFactory(organisation=initiative, published=True, title="Panels for the hall")
    suggested_offer = OfferFactory(organisation=company, published=True, title="Rooftop solar")
    talking_offer = OfferFactory(organisation=company, published=True, title="Community battery")
    match_services.match_suggest(need=need, offer=suggested_offer, score=5.0, ranker_version="v")
    match = match_services.match_express_interest(
        need=need, offer=talking_offer, actor=initiative_owner, proposal="A battery, please"
    )
    client.force_login(company_owner)
    html = client.get(reverse("marketplace:dashboard")).content.decode()
    assert "Panels for the hall" in html  # a lead for the company's offer
    assert reverse("marketplace:match_detail", args=[match.pk]) in html  # waiting for its answer
    client.force_login(initiative_owner)
    html = client.get(reverse("marketplace:dashboard")).content.decode()
    assert "Rooftop solar" in html
