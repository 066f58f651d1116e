"""Following organisations and themes, and the weekly digest that brings what is new."""

import datetime

import pytest

from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from marketplace import follow_selectors, follow_services, match_services
from marketplace.models import Follow, Theme
from notifications.models import NotificationPreference
from notifications.services import notifications_send_weekly_digest
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def weekly_user(language="nl"):
    user = UserFactory()
    NotificationPreference.objects.create(user=user, email_frequency="weekly", language=language)
    return user


def test_follow_twice_keeps_one_row_and_unfollow_removes_it():
    user, organisation = UserFactory(), OrganisationFactory()
    first = follow_services.follow(user=user, organisation=organisation)
    assert follow_services.follow(user=user, organisation=organisation) == first
    assert follow_selectors.is_following(user=user, target=organisation)
    assert follow_services.unfollow(user=user, organisation=organisation) == 1
    assert follow_services.unfollow(user=user, organisation=organisation) == 0
    assert not Follow.objects.exists()


def test_follow_needs_exactly_one_target():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        follow_services.follow(user=UserFactory())


def test_the_follow_buttons_on_the_organisation_page_and_a_theme_list():
    user, organisation = UserFactory(), OrganisationFactory(name="Zonnig BV")
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    page = reverse("marketplace:organisation_detail", args=[organisation.slug])
    assert "Zonnig BV volgen" in client.get(page).content.decode()
    url = reverse("marketplace:follow", args=["organisation", organisation.slug])
    assert client.post(url, {"back": page})["Location"] == page
    assert "Zonnig BV niet meer volgen" in client.get(page).content.decode()
    themed = client.get(reverse("marketplace:need_list") + "?theme=energy").content.decode()
    assert reverse("marketplace:follow", args=["theme", "energy"]) in themed
    assert "/follow/" not in client.get(reverse("marketplace:offer_list")).content.decode()
    client.post(reverse("marketplace:follow", args=["theme", "energy"]), {"action": "follow"})
    themed = client.get(reverse("marketplace:offer_list") + "?theme=energy").content.decode()
    assert "niet meer volgen" in themed
    assert [str(f) for f in follow_selectors.follow_list(user=user)] == [
        "Zonnig BV", str(Theme.objects.get(slug="energy"))
    ]
    dashboard = client.get(reverse("marketplace:dashboard")).content.decode()
    assert "Zonnig BV" in dashboard
    client.post(url, {"action": "unfollow"})
    assert not Follow.objects.filter(organisation=organisation).exists()
    anonymous = Client().get(page).content.decode()
    assert "Log in om te volgen" in anonymous


def test_weekly_digest_brings_followed_listings_notices_with_why_once_a_week(mailoutbox):
    reader = weekly_user(language="en")
    followed = OrganisationFactory(name="Windkracht BV")
    follow_services.follow(user=reader, organisation=followed)
    follow_services.follow(user=reader, theme=Theme.objects.get(slug="mobility"))
    OfferFactory(organisation=followed, published=True, title="Kleine windmolens",
                 description="Wij plaatsen kleine windmolens op boerderijen. " * 10)
    NeedFactory(published=True, title="Deelfietsen", theme=Theme.objects.get(slug="mobility"))
    OfferFactory(published=True, title="Not followed at all", theme=Theme.objects.get(slug="energy"))
    # A lead for the reader's own offer, with the matcher's reason.
    company = OrganisationFactory(plan="partner")
    MembershipFactory(organisation=company, user=reader)
    offer = OfferFactory(organisation=company, published=True)
    need = NeedFactory(organisation=InitiativeFactory(), published=True, title="Zonnepanelen",
                       description="Een dorp zoekt panelen voor het dorpshuis.")
    match_services.match_suggest(need=need, offer=offer,
                                 explanation={"need_sentence": "panelen voor het dorpshuis"})

    assert notifications_send_weekly_digest() == 1
    mail = mailoutbox[-1]
    assert mail.to == [reader.email]
    assert "weekly" in mail.subject
    assert "Kleine windmolens (Windkracht BV)" in mail.body
    assert "Wij plaatsen kleine windmolens" in mail.body  # the snippet
    assert "Deelfietsen" in mail.body
    assert "Not followed at all" not in mail.body
    assert "Zonnepanelen" in mail.body and "Why it fits: panelen voor het dorpshuis" in mail.body

    # Idempotent: the same week sends nothing again; a week later only what is new.
    assert notifications_send_weekly_digest() == 0
    later = timezone.now() + datetime.timedelta(days=7, minutes=1)
    assert notifications_send_weekly_digest(now=later) == 0  # nothing new
    OfferFactory(organisation=followed, published=True, title="Grote windmolens")
    assert notifications_send_weekly_digest(now=later + datetime.timedelta(minutes=1)) == 1
    assert "Grote windmolens" in mailoutbox[-1].body
    assert "Kleine windmolens" not in mailoutbox[-1].body


def test_weekly_digest_is_in_the_recipients_language(mailoutbox):
    reader = weekly_user(language="nl")
    organisation = OrganisationFactory()
    follow_services.follow(user=reader, organisation=organisation)
    OfferFactory(organisation=organisation, published=True)
    call_command("send_digests", frequency="weekly")
    assert "wekelijks" in mailoutbox[-1].subject.lower()
    assert "Nieuw van wat je volgt" in mailoutbox[-1].body


def test_daily_digest_still_sends_the_notices_and_leaves_weekly_readers_alone(mailoutbox):
    daily = UserFactory()
    NotificationPreference.objects.create(user=daily, email_frequency="daily", language="en")
    weekly = weekly_user()
    initiative = InitiativeFactory()
    for user in (daily, weekly):
        MembershipFactory(organisation=initiative, user=user)
    offer = OfferFactory(published=True)
    owner = MembershipFactory(organisation=offer.organisation).user
    need = NeedFactory(organisation=initiative, published=True)
    match = match_services.match_express_interest(need=need, offer=offer, actor=owner,
                                                  proposal="Help")
    assert match
    call_command("send_digests", frequency="daily")
    assert [m.to for m in mailoutbox] == [[daily.email]]
    assert "daily" in mailoutbox[0].subject
    call_command("send_digests", frequency="daily")
    assert len(mailoutbox) == 1
