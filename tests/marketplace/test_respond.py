"""Respond from any listing: a company offers help from a need's page, an initiative asks about an
offer from its page; both start the same match lifecycle."""

import pytest

from django.urls import reverse

from marketplace.models import Match, MatchStatus
from tests.factories import NeedFactory, OfferFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _need_url(need):
    return reverse("marketplace:need_detail", args=[need.slug])


def _offer_url(offer):
    return reverse("marketplace:offer_detail", args=[offer.slug])


def test_anonymous_visitors_are_asked_to_log_in(client):
    need = NeedFactory(published=True)
    offer = OfferFactory(published=True)
    for url in (_need_url(need), _offer_url(offer)):
        html = client.get(url).content.decode()
        assert "data-respond" in html
        assert f'{reverse("login")}?next=' in html
        assert 'name="proposal"' not in html


def test_a_company_offers_help_from_a_need_page(client, company, company_owner):
    need = NeedFactory(published=True)
    mine = OfferFactory(organisation=company, published=True, title="Buurtbatterij op huur")
    OfferFactory(organisation=company, title="Nog een concept")  # a draft: not offered
    client.force_login(company_owner)
    html = client.get(_need_url(need)).content.decode()
    assert "Buurtbatterij op huur" in html and "Nog een concept" not in html
    response = client.post(reverse("marketplace:match_start"), {
        "need": need.pk, "offer": mine.pk, "proposal": "Een batterij voor de buurt, te huur.",
        "timing": "Voorjaar", "question": "", "back": _need_url(need),
    })
    match = Match.objects.get(need=need, offer=mine)
    assert response.status_code == 302
    assert response.url == reverse("marketplace:match_detail", args=[match.pk])
    assert match.status == MatchStatus.INTERESTED and match.interested_side == "offer"
    again = client.get(_need_url(need)).content.decode()
    assert reverse("marketplace:match_detail", args=[match.pk]) in again  # already in touch
    assert 'name="proposal"' not in again  # its only published offer is already in use


def test_an_initiative_asks_about_an_offer_from_its_page(client, initiative, initiative_owner):
    offer = OfferFactory(published=True)
    mine = NeedFactory(organisation=initiative, published=True)
    client.force_login(initiative_owner)
    html = client.get(_offer_url(offer)).content.decode()
    assert f'<option value="{mine.pk}">' in html
    client.post(reverse("marketplace:match_start"), {
        "need": mine.pk, "offer": offer.pk, "proposal": "Kunnen we dit huren?", "back": "/",
    })
    match = Match.objects.get(need=mine, offer=offer)
    assert match.status == MatchStatus.INTERESTED and match.interested_side == "need"


def test_only_the_other_side_of_the_market_may_respond(client, initiative, initiative_owner):
    other_need = NeedFactory(published=True)
    own_need = NeedFactory(organisation=initiative, published=True)
    client.force_login(initiative_owner)
    assert "Alleen bedrijven, fondsen en overheden kunnen op een behoefte reageren" in client.get(_need_url(other_need)).content.decode()
    assert "Dit is je eigen aanbod of behoefte" in client.get(_need_url(own_need)).content.decode()


def test_a_company_without_published_offers_is_told_what_to_do(client, company, company_owner):
    need = NeedFactory(published=True)
    client.force_login(company_owner)
    html = client.get(_need_url(need)).content.decode()
    assert reverse("marketplace:offer_create") in html and 'name="proposal"' not in html


def test_nobody_can_respond_with_another_organisations_offer(client, company_owner):
    need = NeedFactory(published=True)
    someone_elses = OfferFactory(organisation=OrganisationFactory(), published=True)
    client.force_login(company_owner)
    response = client.post(reverse("marketplace:match_start"), {
        "need": need.pk, "offer": someone_elses.pk, "proposal": "Dit is niet van mij",
        "back": _need_url(need),
    })
    assert response.status_code in (302, 403)
    assert not Match.objects.filter(need=need).exclude(status=MatchStatus.SUGGESTED).exists()


def test_a_missing_proposal_goes_back_to_the_listing_with_the_reason(client, company, company_owner):
    need = NeedFactory(published=True)
    mine = OfferFactory(organisation=company, published=True)
    client.force_login(company_owner)
    response = client.post(reverse("marketplace:match_start"), {
        "need": need.pk, "offer": mine.pk, "proposal": "", "back": _need_url(need),
    }, follow=True)
    assert response.redirect_chain[-1][0] == _need_url(need)
    assert not Match.objects.filter(need=need, offer=mine).exists()
