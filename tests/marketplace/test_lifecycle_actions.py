"""Only the actions that make sense are offered, and the services refuse the others."""

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from marketplace import match_services, services
from marketplace.forms import CloseForm
from marketplace.models import MatchStatus
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def introduced(company, initiative, initiative_owner, company_owner):
    need = NeedFactory(organisation=initiative, published=True)
    offer = OfferFactory(organisation=company, published=True)
    match = match_services.match_express_interest(
        need=need, offer=offer, actor=initiative_owner, proposal="Panels for the hall"
    )
    return match_services.match_accept(match=match, actor=company_owner)


def test_a_never_published_draft_cannot_be_closed_as_fulfilled(client, initiative, initiative_owner):
    draft = NeedFactory(organisation=initiative)
    assert [value for value, _label in CloseForm(listing=draft).fields["reason"].choices] == [
        "withdrawn"]
    with pytest.raises(ValidationError):
        services.listing_close(listing=draft, actor=initiative_owner, reason="fulfilled")
    client.force_login(initiative_owner)
    html = client.get(reverse("marketplace:need_manage", args=[draft.pk])).content.decode()
    assert 'value="fulfilled"' not in html and 'value="withdrawn"' in html
    published = NeedFactory(organisation=initiative, published=True)
    assert "fulfilled" in dict(CloseForm(listing=published).fields["reason"].choices)


def test_after_both_agreed_there_is_no_closing_without_a_deal(
    client, introduced, initiative_owner, company_owner
):
    match_services.match_agree(match=introduced, actor=company_owner)
    client.force_login(initiative_owner)
    url = reverse("marketplace:match_detail", args=[introduced.pk])
    assert "Sluiten zonder deal" in client.get(url).content.decode()
    match = match_services.match_agree(match=introduced, actor=initiative_owner)
    assert match.status == MatchStatus.AGREED
    html = client.get(url).content.decode()
    assert "Sluiten zonder deal" not in html
    with pytest.raises(ValidationError):
        match_services.match_close(match=match, actor=initiative_owner)


def test_the_history_shows_both_confirmations(client, introduced, initiative_owner, company_owner):
    match_services.match_agree(match=introduced, actor=company_owner)
    match_services.match_agree(match=introduced, actor=initiative_owner)
    labels = [str(event.label) for event in introduced.events.all()]
    assert "De aanbieder bevestigde de deal" in labels
    assert "Beide kanten bevestigden de deal" in labels
    client.force_login(company_owner)
    html = client.get(reverse("marketplace:match_detail", args=[introduced.pk])).content.decode()
    assert "De aanbieder bevestigde de deal" in html


def test_the_interested_side_waits_and_can_withdraw(client, company, initiative, initiative_owner):
    need = NeedFactory(organisation=initiative, published=True)
    offer = OfferFactory(organisation=company, published=True)
    match = match_services.match_express_interest(
        need=need, offer=offer, actor=initiative_owner, proposal="Panels for the hall"
    )
    client.force_login(initiative_owner)
    html = client.get(reverse("marketplace:match_detail", args=[match.pk])).content.decode()
    assert "Mijn interesse intrekken" in html
    assert "Nee, bedankt" not in html


def test_the_offer_limit_shows_before_the_form_with_a_way_out(client, company, company_owner):
    limit = company.offer_limit
    for _number in range(limit):
        OfferFactory(organisation=company, published=True)
    client.force_login(company_owner)
    html = client.get(reverse("marketplace:offer_create")).content.decode()
    assert "data-offer-allowance" in html
    assert f"je hebt er nu {limit}" in html or f"je hebt nu {limit}" in html
    assert reverse("payments:plan") in html
    draft = OfferFactory(organisation=company)
    with pytest.raises(ValidationError) as refused:
        services.listing_submit(listing=draft, actor=company_owner)
    assert str(limit) in " ".join(refused.value.messages)
