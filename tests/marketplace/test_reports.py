"""Reporting content: one open report per person, hiding after independent reports, moderation."""

import pytest

from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from wagtail.users.models import UserProfile

from marketplace import changes, match_services, report_services, selectors
from marketplace import notifications as kinds
from marketplace.models import ContentReport, Organisation
from notifications.models import Notification
from search import services as search_services
from search.backends.base import SearchQuery
from search.selectors import search_run
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    UserFactory,
    hub_editor,
)

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def reporter_of_new_organisation():
    return MembershipFactory(organisation=OrganisationFactory()).user


def report(target, who=None, reason="spam"):
    return report_services.content_report(
        reporter=who or reporter_of_new_organisation(), target=target, reason=reason
    )


def dispatch_and_index() -> None:
    """As the tasks do after commit: hand the changes on, then drain the search outbox."""
    changes.changes_dispatch()
    for alias in settings.SEARCH_BACKENDS:
        search_services.search_outbox_drain(backend_alias=alias)


@pytest.fixture
def offer():
    return OfferFactory(published=True, title="Zonnepanelen voor dorpshuizen")


def test_one_open_report_per_person_and_content(offer):
    person = reporter_of_new_organisation()
    report(offer, person)
    with pytest.raises(ValidationError):
        report(offer, person)
    assert ContentReport.objects.count() == 1


def test_a_reason_is_required_and_must_be_known(offer):
    with pytest.raises(ValidationError):
        report(offer, reason="boring")


def test_enough_reports_of_distinct_organisations_hide_a_listing(offer, settings, client):
    settings.MARKETPLACE_REPORTS_TO_HIDE = 3
    url = reverse("marketplace:offer_detail", args=[offer.slug])
    report(offer)
    report(offer)
    offer.refresh_from_db()
    assert not offer.is_hidden
    assert client.get(url).status_code == 200
    report(offer)
    offer.refresh_from_db()
    assert offer.is_hidden
    assert client.get(url).status_code == 404
    assert offer not in selectors.offer_list_public()
    assert offer.title not in client.get(reverse("marketplace:offer_list")).content.decode()


def test_reports_from_one_organisation_count_once(offer, settings):
    settings.MARKETPLACE_REPORTS_TO_HIDE = 2
    colleagues = OrganisationFactory()
    report(offer, MembershipFactory(organisation=colleagues).user)
    report(offer, MembershipFactory(organisation=colleagues).user)
    offer.refresh_from_db()
    assert not offer.is_hidden
    report(offer)
    offer.refresh_from_db()
    assert offer.is_hidden


def test_a_hidden_need_and_organisation_leave_the_public_pages(settings, client):
    settings.MARKETPLACE_REPORTS_TO_HIDE = 1
    need = NeedFactory(published=True)
    report(need)
    assert client.get(reverse("marketplace:need_detail", args=[need.slug])).status_code == 404
    assert need not in selectors.need_list_public()
    organisation = OrganisationFactory()
    shown = OfferFactory(organisation=organisation, published=True)
    report(organisation)
    url = reverse("marketplace:organisation_detail", args=[organisation.slug])
    assert client.get(url).status_code == 404
    assert organisation not in selectors.organisation_list_public()
    # The listings of a hidden organisation go with it.
    assert shown not in selectors.offer_list_public()


def test_a_hidden_listing_leaves_the_search_index(offer, settings):
    settings.MARKETPLACE_REPORTS_TO_HIDE = 1
    changes.change_record(instance=offer)
    dispatch_and_index()
    assert f"offer:{offer.pk}" in [hit.key for hit in search_run(query=SearchQuery()).hits]
    report(offer)
    dispatch_and_index()
    assert f"offer:{offer.pk}" not in [hit.key for hit in search_run(query=SearchQuery()).hits]


def test_uphold_keeps_it_hidden_and_tells_every_reporter(offer, settings, mailoutbox):
    settings.MARKETPLACE_REPORTS_TO_HIDE = 2
    first, second = report(offer), report(offer)
    closed = report_services.report_uphold(report=first, actor=hub_editor())
    assert closed == 2
    offer.refresh_from_db()
    assert offer.is_hidden
    assert set(ContentReport.objects.values_list("status", flat=True)) == {"upheld"}
    told = Notification.objects.filter(kind=kinds.REPORT_UPHELD)
    assert {n.recipient_id for n in told} == {first.reporter_id, second.reporter_id}


def test_dismiss_shows_it_again_and_tells_the_reporter(offer, settings, client):
    settings.MARKETPLACE_REPORTS_TO_HIDE = 1
    reported = report(offer)
    offer.refresh_from_db()
    assert offer.is_hidden
    report_services.report_dismiss(report=reported, actor=hub_editor())
    offer.refresh_from_db()
    assert not offer.is_hidden
    assert client.get(reverse("marketplace:offer_detail", args=[offer.slug])).status_code == 200
    assert Notification.objects.get(kind=kinds.REPORT_DISMISSED).recipient_id == reported.reporter_id
    # Reviewed: the same person may report it again.
    report(offer, reported.reporter)


def test_only_hub_editors_decide(offer):
    reported = report(offer)
    with pytest.raises(PermissionDenied):
        report_services.report_uphold(report=reported, actor=UserFactory())
    report_services.report_dismiss(report=reported, actor=hub_editor())
    with pytest.raises(ValidationError):
        report_services.report_dismiss(report=reported, actor=hub_editor())


def test_a_message_can_be_reported_by_the_other_side_and_is_hidden(settings):
    settings.MARKETPLACE_REPORTS_TO_HIDE = 1
    initiative = InitiativeFactory()
    owner = MembershipFactory(organisation=initiative).user
    offer = OfferFactory(published=True)
    provider = MembershipFactory(organisation=offer.organisation).user
    need = NeedFactory(organisation=initiative, published=True)
    match = match_services.match_express_interest(
        need=need, offer=offer, actor=owner, proposal="Buy us a pony"
    )
    message = match.messages.get()
    client = Client()
    client.force_login(provider, backend=MODEL_BACKEND)
    detail = reverse("marketplace:match_detail", args=[match.pk])
    response = client.post(
        reverse("marketplace:report", args=["message", message.pk]),
        {"reason": "offensive", "note": "", "back": detail},
    )
    assert response.status_code == 302 and response["Location"] == detail
    message.refresh_from_db()
    assert message.is_hidden
    assert "Buy us a pony" not in client.get(detail).content.decode()
    # Outsiders cannot reach a match's messages.
    stranger = Client()
    stranger.force_login(UserFactory(), backend=MODEL_BACKEND)
    url = reverse("marketplace:report", args=["message", message.pk])
    assert stranger.post(url, {"reason": "spam"}).status_code == 404


def test_the_page_shows_report_to_members_and_a_login_link_to_anonymous(offer, client):
    url = reverse("marketplace:offer_detail", args=[offer.slug])
    page = client.get(url).content.decode()
    assert reverse("marketplace:report", args=["offer", offer.pk]) not in page
    assert reverse("login") in page
    client.force_login(UserFactory(), backend=MODEL_BACKEND)
    page = client.get(url).content.decode()
    assert reverse("marketplace:report", args=["offer", offer.pk]) in page


def test_moderators_queue_uphold_and_dismiss_through_the_admin(offer, settings):
    settings.MARKETPLACE_REPORTS_TO_HIDE = 1
    organisation = OrganisationFactory(name="Dubieuze Deals BV")
    reported_offer = report(offer)
    reported_org = report(organisation)
    editor = hub_editor()
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(editor, backend=MODEL_BACKEND)
    queue = client.get(reverse("marketplace_admin:reports"))
    assert queue.status_code == 200
    assert offer.title in queue.content.decode() and "Dubieuze Deals BV" in queue.content.decode()
    response = client.post(
        reverse("marketplace_admin:report_decide", args=[reported_offer.pk, "dismiss"])
    )
    assert response.status_code == 302
    response = client.post(
        reverse("marketplace_admin:report_decide", args=[reported_org.pk, "uphold"])
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert not offer.is_hidden
    assert Organisation.objects.get(pk=organisation.pk).is_hidden
    assert "No open reports" in client.get(reverse("marketplace_admin:reports")).content.decode()
    outsider = Client()
    outsider.force_login(UserFactory(), backend=MODEL_BACKEND)
    assert outsider.get(reverse("marketplace_admin:reports")).status_code == 302


def test_reporting_is_rate_limited(offer, settings):
    settings.RATE_LIMITS = {"content_report": "1/h"}
    person = reporter_of_new_organisation()
    report(offer, person)
    from core.ratelimit import RateLimited

    with pytest.raises(RateLimited):
        report(OfferFactory(published=True), person)
    assert len(mail.outbox) == 0
