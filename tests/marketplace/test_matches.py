"""The match lifecycle: both sides opt in, declines stick, deals end in an outcome report."""

import pytest

from django.core.exceptions import PermissionDenied, ValidationError

from marketplace import match_services
from marketplace.models import (
    Match,
    MatchStatus,
)
from notifications.models import Notification, NotificationPreference
from notifications.services import notifications_send_daily_digest
from tests.factories import NeedFactory, OfferFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def pair(company, initiative):
    return NeedFactory(organisation=initiative, published=True), OfferFactory(
        organisation=company, published=True
    )


def _interest(pair, actor):
    need, offer = pair
    return match_services.match_express_interest(
        need=need, offer=offer, actor=actor, proposal="Forty panels on the village hall",
        timing="Before summer", question="Can you visit in May?",
    )


def test_full_journey_from_interest_to_outcome(
    pair, initiative_owner, company_owner, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        match = _interest(pair, initiative_owner)
    assert match.status == MatchStatus.INTERESTED
    assert match.interested_side == "need"
    assert Notification.objects.filter(recipient=company_owner, kind="interest").count() == 1
    assert mailoutbox[-1].to == [company_owner.email]
    assert "/matches/" in mailoutbox[-1].body

    with pytest.raises(PermissionDenied):
        match_services.match_accept(match=match, actor=initiative_owner)
    match = match_services.match_accept(match=match, actor=company_owner)
    assert match.status == MatchStatus.INTRODUCED

    message = match_services.match_message_send(match=match, actor=company_owner, body="Hello!")
    assert message.side == "offer"

    match = match_services.match_agree(match=match, actor=company_owner)
    assert match.status == MatchStatus.INTRODUCED  # waits for the other side
    match = match_services.match_agree(match=match, actor=initiative_owner)
    assert match.status == MatchStatus.AGREED

    match = match_services.match_fulfil(
        match=match, actor=initiative_owner, delivered="40 panels installed",
        indicators=[{"indicator": "kwh", "value": "12000", "sdg": 7},
                    {"indicator": "households", "value": "35", "sdg": 11}],
    )
    assert match.status == MatchStatus.FULFILLED
    assert sorted(i.indicator for i in match.outcome.indicators.all()) == ["households", "kwh"]
    steps = [(e.from_status, e.to_status) for e in match.events.all()]
    assert steps[-1] == ("agreed", "fulfilled")


def test_declined_pairs_are_never_suggested_again(pair, company_owner):
    need, offer = pair
    match = match_services.match_suggest(need=need, offer=offer, score=0.8, ranker_version="v1")
    match_services.match_decline(match=match, actor=company_owner)
    assert match_services.match_suggest(need=need, offer=offer, score=0.9) is None
    assert Match.objects.get(pk=match.pk).status == MatchStatus.DECLINED
    with pytest.raises(ValidationError):
        match_services.match_express_interest(
            need=need, offer=offer, actor=company_owner, proposal="Again?"
        )


def test_outsiders_cannot_act_on_a_match(pair, initiative_owner, stranger):
    match = _interest(pair, initiative_owner)
    for action in (match_services.match_accept, match_services.match_decline):
        with pytest.raises(PermissionDenied):
            action(match=match, actor=stranger)
    with pytest.raises(PermissionDenied):
        match_services.match_message_send(match=match, actor=stranger, body="hi")
    assert Match.objects.get(pk=match.pk).status == MatchStatus.INTERESTED
    assert not match.messages.filter(author=stranger).exists()


def test_messages_only_after_introduction_and_never_empty(pair, initiative_owner, company_owner):
    match = _interest(pair, initiative_owner)
    with pytest.raises(ValidationError):
        match_services.match_message_send(match=match, actor=initiative_owner, body="Too early")
    match = match_services.match_accept(match=match, actor=company_owner)
    with pytest.raises(ValidationError):
        match_services.match_message_send(match=match, actor=initiative_owner, body="   ")


def test_interest_needs_a_proposal_and_published_listings(company, initiative, initiative_owner):
    need = NeedFactory(organisation=initiative, published=True)
    offer = OfferFactory(organisation=company)  # a draft
    with pytest.raises(ValidationError):
        match_services.match_express_interest(
            need=need, offer=offer, actor=initiative_owner, proposal="Hi"
        )
    offer = OfferFactory(organisation=company, published=True)
    with pytest.raises(ValidationError):
        match_services.match_express_interest(
            need=need, offer=offer, actor=initiative_owner, proposal=" "
        )
    assert not Match.objects.exists()


def test_daily_digest_gathers_notifications(
    pair, initiative_owner, company_owner, mailoutbox, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=company_owner, email_frequency="daily", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        _interest(pair, initiative_owner)
    assert mailoutbox == []
    assert notifications_send_daily_digest() == 1
    assert "daily" in mailoutbox[0].subject.lower()
    assert notifications_send_daily_digest() == 0
