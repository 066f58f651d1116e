"""One home for notifications: any target, the recipient's language, one digest, reads never write."""

import pytest

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from marketplace import match_services, services
from marketplace import notifications as kinds
from marketplace.models import ListingStatus
from notifications import registry, selectors
from notifications.models import Notification, NotificationPreference
from notifications.services import (
    notification_mark_read,
    notifications_send_daily_digest,
    notify,
)
from tests.factories import NeedFactory, OfferFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

WRITES = ("INSERT", "UPDATE", "DELETE")


def _writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


@pytest.fixture
def submitted_need(initiative, initiative_owner):
    need = NeedFactory(organisation=initiative, created_by=initiative_owner, title="Zonnedak")
    return services.listing_submit(listing=need, actor=initiative_owner)


def test_approval_mail_reaches_the_author_in_the_authors_language(
    submitted_need, initiative_owner, editor, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=initiative_owner, language="nl")
    NotificationPreference.objects.create(user=editor, language="en")
    mail.outbox.clear()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.listing_approve(listing=submitted_need, actor=editor)
    assert [m.to for m in mail.outbox] == [[initiative_owner.email]]
    assert mail.outbox[0].subject == "Gepubliceerd: Zonnedak"
    assert f"/needs/{submitted_need.slug}/" in mail.outbox[0].body
    assert "/en/" not in mail.outbox[0].body


def test_rejection_mail_in_english_for_an_english_author_while_the_editor_reads_dutch(
    submitted_need, initiative_owner, editor, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=initiative_owner, language="en")
    mail.outbox.clear()
    with translation.override("nl"), django_capture_on_commit_callbacks(execute=True):
        services.listing_reject(listing=submitted_need, actor=editor, reason="Add a budget.")
    assert mail.outbox[0].subject == "Not yet published: Zonnedak"
    assert "Add a budget." in mail.outbox[0].body
    notice = Notification.objects.get(recipient=initiative_owner)
    assert notice.target == submitted_need and notice.kind == kinds.LISTING_REJECTED


def test_editors_are_told_of_a_submission_as_a_notice_and_a_mail(
    initiative, initiative_owner, editor, django_capture_on_commit_callbacks
):
    need = NeedFactory(organisation=initiative, created_by=initiative_owner, title="Buurtbus")
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_submit(listing=need, actor=initiative_owner)
    notice = Notification.objects.get(recipient=editor)
    assert notice.kind == kinds.LISTING_SUBMITTED and notice.target == need
    assert notice.url == reverse("marketplace_admin:item", kwargs={"kind": "needs", "pk": need.pk})
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "Buurtbus" in mail.outbox[0].subject


def test_a_newline_in_a_title_never_breaks_the_committed_change(
    initiative, initiative_owner, editor, django_capture_on_commit_callbacks
):
    need = NeedFactory(organisation=initiative, created_by=initiative_owner)
    need.title = "Zon & Wind\nvoor het dorp"
    need.save(update_fields=["title"])
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_submit(listing=need, actor=initiative_owner)
    need.refresh_from_db()
    assert need.status == ListingStatus.SUBMITTED
    assert mail.outbox[0].subject.endswith("Zon & Wind voor het dorp")


def test_a_notice_whose_target_is_a_listing_not_a_match(
    company_owner, company, django_capture_on_commit_callbacks
):
    offer = OfferFactory(organisation=company, published=True, title="Zonnepanelen")
    with django_capture_on_commit_callbacks(execute=True):
        [notice] = notify(
            recipients=[company_owner], kind=kinds.LISTING_APPROVED, target=offer,
            data={"title": offer.title, "slug": offer.slug, "listing_type": "offer"},
        )
    notice = Notification.objects.get(pk=notice.pk)
    assert notice.target == offer
    assert notice.url == reverse("marketplace:offer_detail", kwargs={"slug": offer.slug})
    assert mail.outbox[0].subject == "Gepubliceerd: Zonnepanelen"
    assert notice.emailed_at is not None


def test_the_actor_is_not_told_about_their_own_act(company_owner, company):
    offer = OfferFactory(organisation=company)
    assert notify(recipients=[company_owner], kind=kinds.LISTING_APPROVED, target=offer,
                  actor=company_owner) == []


def test_an_unknown_kind_is_refused(company_owner, company):
    with pytest.raises(LookupError):
        notify(recipients=[company_owner], kind="nonsense", target=company)


def test_a_kind_registered_elsewhere_renders_from_its_data(company_owner, company):
    registry.register("test_note", label="Note", subject="Note about %(name)s %(missing)s",
                      body="%(line)s!")
    try:
        [notice] = notify(recipients=[company_owner], kind="test_note", target=company,
                          data={"name": "Zon"})
        assert registry.render_email(notice) == ("Note about Zon ", "Note about Zon !")
    finally:
        registry._KINDS.pop("test_note")


def test_the_digest_sends_one_mail_per_person_with_every_kind(
    company, company_owner, initiative, initiative_owner, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=company_owner, email_frequency="daily",
                                          language="en")
    NotificationPreference.objects.create(user=initiative_owner, email_frequency="daily",
                                          language="nl")
    need = NeedFactory(organisation=initiative, published=True, title="Buurtbus")
    offer = OfferFactory(organisation=company, published=True, title="Elektrische bus")
    with django_capture_on_commit_callbacks(execute=True):
        match = match_services.match_express_interest(
            need=need, offer=offer, actor=initiative_owner, proposal="One bus"
        )
        notify(recipients=[company_owner], kind=kinds.LISTING_APPROVED, target=offer,
               data={"title": offer.title, "slug": offer.slug, "listing_type": "offer"})
        match_services.match_accept(match=match, actor=company_owner)
    assert mail.outbox == []
    assert notifications_send_daily_digest() == 2
    by_person = {tuple(m.to): m for m in mail.outbox}
    english = by_person[(company_owner.email,)]
    assert "(2)" in english.subject and "digest" in english.subject
    assert "Interest in “Buurtbus”" in english.body
    assert "Published: Elektrische bus" in english.body
    dutch = by_person[(initiative_owner.email,)]
    assert dutch.subject == "Je dagelijkse overzicht van Business2Community (1)"
    assert "Jullie kunnen kennismaken: “Buurtbus”" in dutch.body
    assert notifications_send_daily_digest() == 0
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_never_means_only_on_the_site(company_owner, company, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=company_owner, email_frequency="never")
    offer = OfferFactory(organisation=company)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[company_owner], kind=kinds.LISTING_APPROVED, target=offer,
               data={"title": "x"})
    assert mail.outbox == []
    assert notifications_send_daily_digest() == 0
    assert selectors.notification_unread_count(user=company_owner) == 1


def test_reading_the_notifications_page_writes_nothing(
    client, company, company_owner, initiative, initiative_owner
):
    need = NeedFactory(organisation=initiative, published=True, title="Buurtbus")
    offer = OfferFactory(organisation=company, published=True)
    match_services.match_express_interest(need=need, offer=offer, actor=initiative_owner,
                                          proposal="One bus")
    client.force_login(company_owner)
    url = reverse("notifications:list")
    # The first page of a fresh site makes Wagtail's site-settings row (base.html, not ours).
    client.get(reverse("marketplace:match_list"))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url)
    assert page.status_code == 200
    assert "Buurtbus" in page.content.decode()
    assert _writes(queries.captured_queries) == []
    assert not NotificationPreference.objects.exists()  # a read never makes a preference row
    assert selectors.notification_unread_count(user=company_owner) == 1


def test_the_page_lists_notices_without_a_query_per_notice(client, company, company_owner):
    client.force_login(company_owner)
    offers = [OfferFactory(organisation=company, published=True) for _ in range(5)]
    notify(recipients=[company_owner], kind=kinds.LISTING_APPROVED, target=offers[0],
           data={"title": "first"})
    client.get(reverse("notifications:list"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("notifications:list"))
    for offer in offers[1:]:
        notify(recipients=[company_owner], kind=kinds.LISTING_APPROVED, target=offer,
               data={"title": offer.title})
    client.get(reverse("notifications:list"))  # new notices: the header's bell counts once again
    with CaptureQueriesContext(connection) as five:
        client.get(reverse("notifications:list"))
    assert len(five) == len(one)


def test_mark_read_and_open(client, company, company_owner, stranger):
    offer = OfferFactory(organisation=company, published=True)
    data = {"title": offer.title, "slug": offer.slug, "listing_type": "offer"}
    first, second = (
        notify(recipients=[company_owner], kind=kinds.LISTING_APPROVED, target=offer, data=data)[0]
        for _ in range(2)
    )
    client.force_login(stranger)
    assert client.post(reverse("notifications:open", args=[first.pk])).status_code == 404
    client.force_login(company_owner)
    response = client.post(reverse("notifications:open", args=[first.pk]))
    assert response.url == reverse("marketplace:offer_detail", kwargs={"slug": offer.slug})
    assert selectors.notification_unread_count(user=company_owner) == 1
    assert client.post(reverse("notifications:mark_read")).status_code == 302
    assert selectors.notification_unread_count(user=company_owner) == 0
    assert notification_mark_read(user=company_owner) == 0


def test_preferences_form_saves_and_the_language_is_used(client, company_owner):
    client.force_login(company_owner)
    response = client.post(reverse("notifications:list"),
                           {"email_frequency": "daily", "language": "en"})
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=company_owner)
    assert (preference.email_frequency, preference.language) == ("daily", "en")
    assert selectors.notification_language_for(user=company_owner) == "en"
    assert selectors.notification_language_for(user=UserFactory()) == "nl"


def test_the_dashboard_shows_the_unread_count_until_read(client, company, company_owner):
    offer = OfferFactory(organisation=company, published=True)
    for _ in range(2):
        notify(recipients=[company_owner], kind=kinds.LISTING_APPROVED, target=offer,
               data={"title": offer.title})
    client.force_login(company_owner)
    with translation.override("en"):
        dashboard = reverse("marketplace:dashboard")
    assert '<span class="badge">2 unread</span>' in client.get(dashboard).content.decode()
    client.post(reverse("notifications:mark_read"))
    assert "unread</span>" not in client.get(dashboard).content.decode()


def test_the_django_admin_shows_notices_read_only_and_saves_preferences(
    admin_client, company_owner, company
):
    offer = OfferFactory(organisation=company)
    [notice] = notify(recipients=[company_owner], kind=kinds.LISTING_APPROVED, target=offer,
                      data={"title": "x"})
    change = reverse("admin:notifications_notification_change", args=[notice.pk])
    assert admin_client.get(change).status_code == 200
    assert admin_client.post(change, {"kind": "other"}).status_code == 403
    add = reverse("admin:notifications_notificationpreference_add")
    response = admin_client.post(add, {"user": company_owner.pk, "email_frequency": "never",
                                       "language": "en"})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=company_owner).email_frequency == "never"
