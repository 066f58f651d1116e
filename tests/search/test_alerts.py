"""Saved searches e-mail new matching listings: at once or daily, in the chosen language."""

from __future__ import annotations

import datetime
import io

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from search import services
from search.models import SavedSearch, SavedSearchHit
from tests.factories import NeedFactory, OfferFactory, UserFactory
from tests.search.conftest import index_now

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a listing the way the marketplace will: enqueue in the transaction, tasks after commit."""
    def make(factory=NeedFactory, **fields):
        listing = factory(published=True, **fields)
        with django_capture_on_commit_callbacks(execute=True):
            services.search_index_enqueue(instance=listing)
        return listing
    return make


def saved(user, **fields):
    fields.setdefault("frequency", "instant")
    saved_search = services.saved_search_create(user=user, **fields)
    # Saved a moment ago: only what is published from now on is new.
    saved_search.created_at = timezone.now() - datetime.timedelta(seconds=1)
    saved_search.save(update_fields=["created_at"])
    return saved_search


def test_instant_alert_in_the_chosen_language_with_an_unsubscribe_link(publish):
    user = UserFactory(email="sam@example.nl")
    alert = saved(user, query="zonnepanelen", language="en", name="Solar")
    need = publish(title="Zonnepanelen op de sporthal", language="nl")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sam@example.nl"]
    assert message.subject == "New for your saved search “Solar”"
    assert "Zonnepanelen op de sporthal" in message.body
    assert f"http://testserver/en/needs/{need.slug}/" in message.body
    token = services.saved_search_unsubscribe_token(saved_search=alert)
    assert f"/en/search/saved/unsubscribe/{token}/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://testserver/en/search/")


def test_a_line_break_in_the_search_name_is_a_space_in_the_subject(publish):
    user = UserFactory(email="sam@example.nl")
    alert = saved(user, query="zonnepanelen", language="en", name="Solar")
    SavedSearch.objects.filter(pk=alert.pk).update(name="Zon & Wind\nnieuw")
    publish(title="Zonnepanelen op de sporthal", language="nl")
    assert [m.subject for m in mail.outbox] == ["New for your saved search “Zon & Wind nieuw”"]


def test_a_listing_is_reported_once_and_only_when_it_matches(publish):
    user = UserFactory()
    saved(user, query="zonnepanelen", filters={"kind": "need"})
    need = publish(title="Zonnepanelen voor de school")
    publish(title="Een bakfiets voor de buurt", description="Om boodschappen te doen.")
    publish(factory=OfferFactory, title="Zonnepanelen te koop")  # an offer: filtered out
    assert len(mail.outbox) == 1
    index_now(need)  # edited and indexed again
    assert len(mail.outbox) == 1
    assert SavedSearchHit.objects.count() == 1


def test_listings_published_before_the_search_was_saved_are_not_new(publish):
    old = NeedFactory(published=True, title="Zonnepanelen op het dak van de kerk")
    old.published_at = timezone.now() - datetime.timedelta(days=3)
    old.save(update_fields=["published_at"])
    saved(UserFactory(), query="zonnepanelen")
    index_now(old)
    assert mail.outbox == []


def test_a_description_alerts_when_the_listing_would_top_its_results(publish):
    saved(UserFactory(), query="volunteers to repair bikes and toasters", mode="describe")
    publish(title="Volunteers for our repair café", description="We repair bikes and toasters.",
            language="en")
    assert len(mail.outbox) == 1


def test_no_email_for_searches_that_want_none_or_a_digest(publish):
    saved(UserFactory(), query="zonnepanelen", frequency="never")
    saved(UserFactory(), query="zonnepanelen", frequency="daily")
    publish(title="Zonnepanelen in de wijk")
    assert mail.outbox == []


def test_daily_digest_gathers_each_persons_new_listings_once(publish):
    user = UserFactory()
    saved(user, query="zonnepanelen", frequency="daily", name="Zon", language="nl")
    saved(user, query="bakfiets", frequency="daily", name="Fiets", language="nl")
    saved(UserFactory(), query="warmtepomp", frequency="daily")
    publish(title="Zonnepanelen op de sporthal")
    publish(title="Bakfiets voor de voedselbank")
    assert mail.outbox == []
    out = io.StringIO()
    call_command("send_saved_search_digests", stdout=out)
    assert "1 digest(s) sent." in out.getvalue()
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "Zonnepanelen op de sporthal" in body and "Bakfiets voor de voedselbank" in body
    assert body.count("/search/saved/unsubscribe/") == 2
    call_command("send_saved_search_digests", stdout=io.StringIO())
    assert len(mail.outbox) == 1


def test_unsubscribed_searches_get_nothing(publish):
    alert = saved(UserFactory(), query="zonnepanelen")
    services.saved_search_unsubscribe(
        token=services.saved_search_unsubscribe_token(saved_search=alert)
    )
    publish(title="Zonnepanelen op het gemeentehuis")
    assert mail.outbox == []
