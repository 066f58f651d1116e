"""Partner benefits that live in the marketplace: lead alerts and offer insights."""

import pytest

from django.urls import reverse

from marketplace import match_services, services
from marketplace.models import Plan
from notifications.models import Notification
from tests.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _make_partner(organisation):
    """What payments does when a Partner subscription starts: it sets the plan."""
    services.organisation_set_plan(organisation=organisation, plan=Plan.PARTNER)


def test_partners_get_a_lead_alert_once_per_new_suggestion(
    company, company_owner, initiative, mailoutbox, django_capture_on_commit_callbacks
):
    _make_partner(company)
    offer = OfferFactory(organisation=company, published=True)
    need = NeedFactory(organisation=initiative, published=True, title="Zonnedak voor de school")
    with django_capture_on_commit_callbacks(execute=True):
        match = match_services.match_suggest(need=need, offer=offer, score=5.0)
        match_services.match_suggest(need=need, offer=offer, score=5.5)  # a refresh: no new alert
    alerts = Notification.objects.filter(recipient=company_owner, kind="lead")
    assert [a.target for a in alerts] == [match]
    assert len(mailoutbox) == 1 and "Zonnedak voor de school" in mailoutbox[0].subject


def test_free_plan_gets_no_lead_alerts(company, company_owner, initiative, mailoutbox):
    offer = OfferFactory(organisation=company, published=True)
    need = NeedFactory(organisation=initiative, published=True)
    match_services.match_suggest(need=need, offer=offer, score=5.0)
    assert not Notification.objects.filter(kind="lead").exists()


def test_insights_only_for_partners(client, company, company_owner, initiative, initiative_owner):
    offer = OfferFactory(organisation=company, published=True)
    need = NeedFactory(organisation=initiative, published=True)
    match_services.match_express_interest(need=need, offer=offer, actor=initiative_owner,
                                          proposal="Graag")
    client.force_login(company_owner)
    url = reverse("marketplace:offer_manage", args=[offer.pk])
    page = client.get(url)
    assert "insights" not in page.context
    assert reverse("payments:plan") in page.content.decode()
    _make_partner(company)
    insights = client.get(url).context["insights"]
    assert insights.interest_from_initiatives == 1
    assert insights.suggested >= 1
    assert insights.fulfilled == 0


def test_the_offer_side_can_answer_a_lead_from_the_match_page(
    client, company, company_owner, initiative
):
    offer = OfferFactory(organisation=company, published=True)
    need = NeedFactory(organisation=initiative, published=True)
    match = match_services.match_suggest(need=need, offer=offer, score=5.0)
    client.force_login(company_owner)
    page = client.get(reverse("marketplace:match_detail", args=[match.pk])).content.decode()
    assert reverse("marketplace:match_start") in page
    client.post(reverse("marketplace:match_start"),
                {"need": need.pk, "offer": offer.pk, "proposal": "We can help"})
    match.refresh_from_db()
    assert match.status == "interested" and match.interested_side == "offer"
