"""Hub editors review offers and needs in the Wagtail admin: queue, item history, verdicts, verification."""

import pytest

from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from marketplace import selectors, services
from marketplace.models import ListingStatus, ListingTransition
from tests.factories import NeedFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def login(client: Client, user) -> Client:
    """Log in to the admin, in English (the Dutch catalogue may translate the messages)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def item_url(name: str, listing) -> str:
    return reverse(f"marketplace_admin:{name}", args=[selectors.listing_review_kind(listing), listing.pk])


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def submitted_offer(company, company_owner):
    offer = OfferFactory(organisation=company, created_by=company_owner, title="Buurtauto delen")
    return services.listing_submit(listing=offer, actor=company_owner)


@pytest.fixture
def submitted_need(initiative, initiative_owner):
    need = NeedFactory(
        organisation=initiative, created_by=initiative_owner, title="Zonnepanelen dorpshuis"
    )
    return services.listing_submit(listing=need, actor=initiative_owner)


@pytest.fixture
def admin_only(db):
    """Somebody with Wagtail admin access who is not a hub editor."""
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.fixture
def editor_client(client, editor):
    return login(client, editor)


# The queue -------------------------------------------------------------------------------


def test_queue_lists_submitted_items_only(editor_client, company, submitted_offer, submitted_need):
    OfferFactory(organisation=company, title="Still a draft")
    OfferFactory(organisation=company, title="Already public", published=True)
    response = editor_client.get(reverse("marketplace_admin:queue"))
    assert response.status_code == 200
    listed = [row.listing for row in response.context["rows"]]
    assert listed == [submitted_offer, submitted_need]
    content = response.content.decode()
    assert "Buurtauto delen" in content
    assert "Zonnepanelen dorpshuis" in content
    assert item_url("item", submitted_offer) in content
    assert item_url("item", submitted_need) in content
    assert "Still a draft" not in content
    assert "Already public" not in content
    assert response.context["rows"][0].submitted_at is not None


def test_menu_and_dashboard_show_the_waiting_count(editor_client, submitted_offer, submitted_need):
    response = editor_client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Review queue (2)" in content
    assert "2 offers and needs wait for your review." in content
    assert reverse("marketplace_admin:queue") in content


def test_menu_and_dashboard_are_hidden_from_other_admin_users(client, admin_only, submitted_offer):
    response = login(client, admin_only).get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Review queue" not in content
    assert "wait for your review" not in content
    assert reverse("marketplace_admin:queue") not in content


# Approve and reject ---------------------------------------------------------------------


def test_approve_publishes_and_records_the_editor(
    editor_client, editor, submitted_offer, company_owner, django_capture_on_commit_callbacks,
    mailoutbox,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(item_url("approve", submitted_offer))
    assert response.status_code == 302
    assert response.url == reverse("marketplace_admin:queue")
    submitted_offer.refresh_from_db()
    assert submitted_offer.status == ListingStatus.PUBLISHED
    last = selectors.listing_history(listing=submitted_offer).last()
    assert (last.from_status, last.to_status, last.actor) == ("submitted", "published", editor)
    assert any("approved and published" in text for text in texts(response))
    assert [mail.to for mail in mailoutbox] == [[company_owner.email]]
    assert submitted_offer not in selectors.review_queue()


def test_reject_without_reason_fails_and_changes_nothing(
    editor_client, submitted_need, mailoutbox
):
    before = ListingTransition.objects.count()
    response = editor_client.post(item_url("reject", submitted_need), {"reason": "   "})
    assert response.status_code == 200
    assert "Tell the author why, so they can improve it." in response.content.decode()
    assert any("was not rejected" in text for text in texts(response))
    submitted_need.refresh_from_db()
    assert submitted_need.status == ListingStatus.SUBMITTED
    assert submitted_need.rejection_reason == ""
    assert ListingTransition.objects.count() == before
    assert mailoutbox == []


def test_reject_with_reason_stores_it_and_emails_the_author(
    editor_client, editor, submitted_need, initiative_owner,
    django_capture_on_commit_callbacks, mailoutbox,
):
    reason = "Add a budget and a deadline, please."
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(item_url("reject", submitted_need), {"reason": reason})
    assert response.status_code == 302
    assert response.url == reverse("marketplace_admin:queue")
    submitted_need.refresh_from_db()
    assert submitted_need.status == ListingStatus.REJECTED
    assert submitted_need.rejection_reason == reason
    last = selectors.listing_history(listing=submitted_need).last()
    assert (last.to_status, last.actor, last.reason) == ("rejected", editor, reason)
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [initiative_owner.email]
    assert reason in mailoutbox[0].body


def test_verdict_on_an_item_no_longer_submitted_changes_nothing(
    editor_client, submitted_offer, editor
):
    services.listing_approve(listing=submitted_offer, actor=editor)
    before = ListingTransition.objects.count()

    response = editor_client.post(item_url("reject", submitted_offer), {"reason": "Too late."})
    assert response.status_code == 200
    assert any("was not rejected" in text for text in texts(response))
    assert "Approve and publish" not in response.content.decode()

    response = editor_client.post(item_url("approve", submitted_offer))
    assert response.status_code == 302
    assert response.url == item_url("item", submitted_offer)
    assert any("was not approved" in text for text in texts(response))

    submitted_offer.refresh_from_db()
    assert submitted_offer.status == ListingStatus.PUBLISHED
    assert submitted_offer.rejection_reason == ""
    assert ListingTransition.objects.count() == before


@pytest.mark.parametrize("name", ["approve", "reject"])
def test_get_on_a_verdict_is_refused(editor_client, submitted_offer, name):
    response = editor_client.get(item_url(name, submitted_offer), {"reason": "via GET"})
    assert response.status_code == 405
    submitted_offer.refresh_from_db()
    assert submitted_offer.status == ListingStatus.SUBMITTED


def test_verdicts_need_the_csrf_token(editor, submitted_offer):
    client = login(Client(enforce_csrf_checks=True), editor)
    assert client.post(item_url("approve", submitted_offer)).status_code == 403
    assert client.post(item_url("reject", submitted_offer), {"reason": "x"}).status_code == 403
    submitted_offer.refresh_from_db()
    assert submitted_offer.status == ListingStatus.SUBMITTED


# Who may review -------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "stranger", "company_owner", "admin_only"])
def test_others_cannot_see_the_queue_or_give_verdicts(
    request, client, who, submitted_offer, submitted_need
):
    if who != "anonymous":
        login(client, request.getfixturevalue(who))
    before = ListingTransition.objects.count()
    pages = [
        reverse("marketplace_admin:queue"),
        reverse("marketplace_admin:items"),
        reverse("marketplace_admin:organisations"),
        item_url("item", submitted_offer),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302, url
        assert "Buurtauto" not in response.content.decode()
    if who == "admin_only":
        assert client.get(pages[0]).url == reverse("wagtailadmin_home")
    else:
        assert client.get(pages[0]).url.startswith(reverse("wagtailadmin_login"))

    assert client.post(item_url("approve", submitted_offer)).status_code == 302
    assert client.post(item_url("reject", submitted_need), {"reason": "No."}).status_code == 302
    organisation = submitted_offer.organisation
    url = reverse("marketplace_admin:organisation_verify", args=[organisation.pk])
    assert client.post(url, {"verified": "1"}).status_code == 302

    submitted_offer.refresh_from_db()
    submitted_need.refresh_from_db()
    organisation.refresh_from_db()
    assert submitted_offer.status == ListingStatus.SUBMITTED
    assert submitted_need.status == ListingStatus.SUBMITTED
    assert submitted_need.rejection_reason == ""
    assert organisation.is_verified is False
    assert ListingTransition.objects.count() == before


# History ----------------------------------------------------------------------------------


def test_item_page_shows_content_and_the_complete_history(
    editor_client, editor, initiative, initiative_owner, submitted_need
):
    services.listing_reject(listing=submitted_need, actor=editor, reason="Mention the roof size.")
    services.listing_submit(listing=submitted_need, actor=initiative_owner)
    services.listing_approve(listing=submitted_need, actor=editor)

    response = editor_client.get(item_url("item", submitted_need))
    assert response.status_code == 200
    history = list(response.context["history"])
    assert [(t.from_status, t.to_status) for t in history] == [
        ("draft", "submitted"),
        ("submitted", "rejected"),
        ("rejected", "submitted"),
        ("submitted", "published"),
    ]
    content = response.content.decode()
    assert "Mention the roof size." in content
    assert editor.get_full_name() in content
    assert initiative_owner.get_full_name() in content
    assert initiative.kvk_number in content
    assert submitted_need.description in content
    # Published: read-only, no verdict forms.
    assert response.context["can_review"] is False
    assert item_url("approve", submitted_need) not in content


def test_submitted_item_page_offers_both_verdicts(editor_client, submitted_offer):
    response = editor_client.get(item_url("item", submitted_offer))
    assert response.status_code == 200
    content = response.content.decode()
    assert item_url("approve", submitted_offer) in content
    assert item_url("reject", submitted_offer) in content
    assert 'name="reason"' in content
    assert submitted_offer.organisation.kvk_number in content


def test_unknown_items_are_not_found(editor_client, submitted_offer):
    assert editor_client.get(f"/admin/marketplace/review/widgets/{submitted_offer.pk}/").status_code == 404
    assert editor_client.get(reverse("marketplace_admin:item", args=["needs", 999999])).status_code == 404


def test_all_items_list_finds_any_item_by_title_and_status(editor_client, company, submitted_offer):
    OfferFactory(organisation=company, title="Laadpalen voor de wijk", published=True)
    response = editor_client.get(reverse("marketplace_admin:items"), {"q": "laadpalen"})
    assert response.status_code == 200
    assert [row.listing.title for row in response.context["rows"]] == ["Laadpalen voor de wijk"]
    response = editor_client.get(reverse("marketplace_admin:items"), {"status": "submitted"})
    assert [row.listing for row in response.context["rows"]] == [submitted_offer]


# Verification ---------------------------------------------------------------------------


def test_editor_verifies_and_unverifies_an_organisation(editor_client, editor, company):
    url = reverse("marketplace_admin:organisation_verify", args=[company.pk])
    listing = editor_client.get(reverse("marketplace_admin:organisations"))
    assert listing.status_code == 200
    assert url in listing.content.decode()

    response = editor_client.post(url, {"verified": "1"})
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.is_verified is True

    response = editor_client.post(url, {"verified": "0"})
    company.refresh_from_db()
    assert company.is_verified is False
    entries = ModelLogEntry.objects.filter(object_id=str(company.pk)).order_by("timestamp", "pk")
    assert [(e.action, e.user_id) for e in entries] == [
        ("marketplace.verify", editor.pk),
        ("marketplace.unverify", editor.pk),
    ]


def test_verified_organisation_then_publishes_directly(editor_client, company, company_owner):
    editor_client.post(
        reverse("marketplace_admin:organisation_verify", args=[company.pk]), {"verified": "1"}
    )
    offer = services.listing_submit(listing=OfferFactory(organisation=company), actor=company_owner)
    assert offer.status == ListingStatus.PUBLISHED


def test_get_on_verify_is_refused(editor_client, company):
    url = reverse("marketplace_admin:organisation_verify", args=[company.pk])
    assert editor_client.get(url, {"verified": "1"}).status_code == 405
    company.refresh_from_db()
    assert company.is_verified is False


def test_only_editors_verify(company, company_owner):
    with pytest.raises(PermissionDenied):
        services.organisation_verify(organisation=company, actor=company_owner, verified=True)
    company.refresh_from_db()
    assert company.is_verified is False


# Django admin, for administrators -------------------------------------------------------


def test_django_admin_lists_the_marketplace_models(client, submitted_offer, submitted_need):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(superuser, backend=MODEL_BACKEND)
    for model in [
        "organisation", "membership", "invitation", "offer", "need", "listingtransition",
        "theme", "sdg", "province",
    ]:
        response = client.get(reverse(f"admin:marketplace_{model}_changelist"))
        assert response.status_code == 200, model
    response = client.get(reverse("admin:marketplace_offer_change", args=[submitted_offer.pk]))
    assert response.status_code == 200
    # The history is read-only: nobody adds or edits transitions by hand.
    assert client.get(reverse("admin:marketplace_listingtransition_add")).status_code == 403
