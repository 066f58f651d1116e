"""Nudges: "did this lead to something?" after an introduction and after a deal, once per stage,
to both sides; an expiring listing asks its owner to renew or close it, once."""

import datetime

import pytest

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from marketplace import match_services, services
from marketplace.models import MatchEvent, MatchStatus, Nudge
from marketplace.nudge_services import nudges_send
from notifications.models import Notification
from tests.factories import MembershipFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _timings(settings):
    settings.NUDGES = {"AFTER_INTRODUCTION_DAYS": 14, "AFTER_AGREEMENT_DAYS": 30,
                       "BEFORE_EXPIRY_DAYS": 7}
    settings.PAYMENTS_FREE_OFFER_LIMIT = None


@pytest.fixture
def introduced(company, company_owner, initiative, initiative_owner):
    need = NeedFactory(organisation=initiative, published=True, title="Zonnepanelen dorpshuis")
    offer = OfferFactory(organisation=company, published=True)
    match = match_services.match_express_interest(need=need, offer=offer, actor=initiative_owner,
                                                  proposal="40 panelen")
    return match_services.match_accept(match=match, actor=company_owner)


def _age(match, status, days):
    MatchEvent.objects.filter(match=match, to_status=status).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )


def _nudged(kind):
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def test_both_sides_are_asked_once_after_an_introduction_without_a_deal(
    introduced, company_owner, initiative_owner, django_capture_on_commit_callbacks
):
    colleague = MembershipFactory(organisation=introduced.offer.organisation, role="member").user
    _age(introduced, MatchStatus.INTRODUCED, 13)
    assert nudges_send().total == 0

    _age(introduced, MatchStatus.INTRODUCED, 15)
    with django_capture_on_commit_callbacks(execute=True):
        report = nudges_send()
    assert report.introduced == 1
    assert _nudged("nudge_introduced") == sorted([company_owner.pk, initiative_owner.pk, colleague.pk])
    assert {m.to[0] for m in mail.outbox} == {company_owner.email, initiative_owner.email,
                                              colleague.email}
    assert "iets opgeleverd" in mail.outbox[0].subject  # Dutch by default
    assert reverse("marketplace:match_detail", args=[introduced.pk]) in mail.outbox[0].body

    # Idempotent: a second run (or the command) sends nothing more.
    assert nudges_send().total == 0
    call_command("send_nudges")
    assert len(_nudged("nudge_introduced")) == 3
    assert Nudge.objects.filter(stage="introduced").count() == 1


def test_after_a_deal_without_an_outcome_both_sides_are_asked_once(
    introduced, company_owner, initiative_owner
):
    _age(introduced, MatchStatus.INTRODUCED, 40)
    assert nudges_send().introduced == 1
    match_services.match_agree(match=introduced, actor=company_owner)
    match = match_services.match_agree(match=introduced, actor=initiative_owner)
    assert match.status == MatchStatus.AGREED
    _age(match, MatchStatus.AGREED, 29)
    assert nudges_send().total == 0
    _age(match, MatchStatus.AGREED, 31)
    assert nudges_send().agreed == 1
    assert nudges_send().total == 0
    assert _nudged("nudge_agreed") == sorted([company_owner.pk, initiative_owner.pk])
    # The introduction stage is not asked again.
    assert len(_nudged("nudge_introduced")) == 2


def test_a_match_with_its_outcome_reported_is_not_asked(introduced, company_owner, initiative_owner):
    match_services.match_agree(match=introduced, actor=company_owner)
    match = match_services.match_agree(match=introduced, actor=initiative_owner)
    match_services.match_fulfil(match=match, actor=initiative_owner, delivered="40 panelen")
    _age(match, MatchStatus.AGREED, 60)
    _age(match, MatchStatus.INTRODUCED, 60)
    assert nudges_send().total == 0


def test_a_listing_expiring_within_a_week_asks_its_owner_once(
    company, company_owner, initiative, initiative_owner, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    soon = OfferFactory(organisation=company, published=True, valid_until=today + datetime.timedelta(days=7))
    later = OfferFactory(organisation=company, published=True, valid_until=today + datetime.timedelta(days=8))
    need = NeedFactory(organisation=initiative, published=True, deadline=today + datetime.timedelta(days=2))
    draft = NeedFactory(organisation=initiative, deadline=today + datetime.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        report = nudges_send()
    assert report.expiring == 2
    notices = Notification.objects.filter(kind="nudge_expiring")
    assert {(n.recipient_id, n.target_object_id) for n in notices} == {
        (company_owner.pk, soon.pk), (initiative_owner.pk, need.pk),
    }
    assert later.pk not in {n.target_object_id for n in notices}
    assert draft.pk not in {n.target_object_id for n in notices}
    body = next(m.body for m in mail.outbox if m.to == [company_owner.email])
    assert reverse("marketplace:offer_manage", args=[soon.pk]) in body
    assert nudges_send().expiring == 0

    # Renewed, then about to expire again: asked again for the new end date.
    services.listing_renew(listing=soon, actor=company_owner, until=today + datetime.timedelta(days=5))
    assert nudges_send().expiring == 1


def test_the_nudge_opens_the_manage_page_where_the_owner_renews(
    client, company, company_owner
):
    today = timezone.localdate()
    offer = OfferFactory(organisation=company, published=True, valid_until=today + datetime.timedelta(days=3))
    nudges_send()
    notice = Notification.objects.get(kind="nudge_expiring", recipient=company_owner)
    client.force_login(company_owner)
    response = client.post(reverse("notifications:open", args=[notice.pk]))
    assert response["Location"] == reverse("marketplace:offer_manage", args=[offer.pk])
    page = client.get(response["Location"]).content.decode()
    assert reverse("marketplace:listing_action", args=["offers", offer.pk, "renew"]) in page
    response = client.post(reverse("marketplace:listing_action", args=["offers", offer.pk, "renew"]),
                           {"until": (today + datetime.timedelta(days=60)).isoformat()})
    offer.refresh_from_db()
    assert offer.valid_until == today + datetime.timedelta(days=60)


def test_nudges_are_in_the_recipients_language(introduced, initiative_owner, django_capture_on_commit_callbacks):
    from notifications.models import NotificationPreference

    NotificationPreference.objects.create(user=initiative_owner, language="en")
    _age(introduced, MatchStatus.INTRODUCED, 20)
    with django_capture_on_commit_callbacks(execute=True):
        nudges_send()
    english = next(m for m in mail.outbox if m.to == [initiative_owner.email])
    dutch = next(m for m in mail.outbox if m.to != [initiative_owner.email])
    assert "lead to something" in english.subject and "20 days ago" not in english.body
    assert "14 days ago" in english.body
    assert "iets opgeleverd" in dutch.subject and "14 dagen geleden" in dutch.body
