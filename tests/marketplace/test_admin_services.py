"""The Django admin writes through the services: recorded, re-indexed, re-reviewed, status untouchable."""

import json

import pytest

from django import forms
from django.db.models import Model
from django.urls import reverse

from marketplace.models import (
    Change,
    ListingStatus,
    ListingTransition,
    Membership,
    Need,
    Offer,
    Organisation,
    Plan,
    Province,
)
from tests.factories import NeedFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True), backend=MODEL_BACKEND)
    return client


def _value(field, value):
    if isinstance(field, forms.JSONField):
        return json.dumps(value or [])
    if isinstance(field, forms.ModelMultipleChoiceField):
        return [v.pk if isinstance(v, Model) else v for v in (value or [])]
    if isinstance(value, Model):
        return value.pk
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    return value


def form_data(client, url: str, **changes) -> dict:
    """What the admin's change form posts back unchanged, with `changes` applied."""
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name in ("image", "logo"):
            continue
        data[name] = _value(field, value)
    for inline in page.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management.initial.get(name, "")
    data.update(changes)
    return {name: value for name, value in data.items() if value not in ("", None)}


def test_an_admin_edit_of_a_published_offer_goes_through_the_service(
    admin_client, company, django_capture_on_commit_callbacks
):
    offer = OfferFactory(organisation=company, published=True)
    url = reverse("admin:marketplace_offer_change", args=[offer.pk])
    data = form_data(admin_client, url, title="Gedeelde e-auto's, nu ook in Zeeland")
    with django_capture_on_commit_callbacks() as callbacks:
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    offer.refresh_from_db()
    assert offer.title == "Gedeelde e-auto's, nu ook in Zeeland"
    # The company is not verified: the edit goes back to review, recorded with who and why.
    assert offer.status == ListingStatus.SUBMITTED
    transition = ListingTransition.objects.filter(object_id=offer.pk).latest("id")
    assert (transition.from_status, transition.to_status) == ("published", "submitted")
    assert transition.actor.is_superuser
    # The change is recorded for search and the matcher, and handed to them after commit.
    assert Change.objects.filter(subject="offer", object_id=offer.pk, removed=False).exists()
    assert any("_enqueue_dispatch" in getattr(c, "__qualname__", "") for c in callbacks)


def test_an_admin_cannot_set_the_status(admin_client, company):
    offer = OfferFactory(organisation=company, status=ListingStatus.DRAFT)
    url = reverse("admin:marketplace_offer_change", args=[offer.pk])
    data = form_data(
        admin_client, url, status="published", published_at="2020-01-01 10:00", slug="mine"
    )
    assert admin_client.post(url, data).status_code == 302
    offer.refresh_from_db()
    assert offer.status == ListingStatus.DRAFT and offer.published_at is None
    assert offer.slug != "mine"
    assert "status" not in admin_client.get(url).context["adminform"].form.fields


def test_the_admin_shows_the_service_rules(admin_client, company):
    offer = OfferFactory(organisation=company, is_national=True)
    url = reverse("admin:marketplace_offer_change", args=[offer.pk])
    data = form_data(admin_client, url)
    data.pop("is_national")
    data.pop("regions", None)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "regions" in response.context["adminform"].form.errors
    offer.refresh_from_db()
    assert offer.is_national


def test_an_admin_edit_of_a_need_keeps_the_budget_rule(admin_client, initiative):
    need = NeedFactory(organisation=initiative)
    url = reverse("admin:marketplace_need_change", args=[need.pk])
    response = admin_client.post(
        url, form_data(admin_client, url, budget_min="5000", budget_max="100")
    )
    assert response.status_code == 200
    assert "budget_max" in response.context["adminform"].form.errors


def test_a_closed_item_is_only_viewed_in_the_admin(admin_client, company):
    offer = OfferFactory(organisation=company, status=ListingStatus.CLOSED)
    url = reverse("admin:marketplace_offer_change", args=[offer.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert admin_client.post(url, {"title": "Reopened"}).status_code == 403


def test_an_admin_adds_an_offer_through_the_service(admin_client, company):
    url = reverse("admin:marketplace_offer_add")
    data = {
        "organisation": company.pk,
        "title": "Advies over warmtepompen",
        "description": "Gratis eerste gesprek.",
        "theme": 1,
        "offer_type": "advice",
        "language": "nl",
        "regions": [Province.objects.get(slug="utrecht").pk],
        "eligible_legal_forms": "[]",
        "eligible_initiative_kinds": "[]",
        "marketplace-listingtransition-content_type-object_id-TOTAL_FORMS": 0,
        "marketplace-listingtransition-content_type-object_id-INITIAL_FORMS": 0,
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    offer = Offer.objects.get(title="Advies over warmtepompen")
    assert offer.status == ListingStatus.DRAFT and offer.slug == "advies-over-warmtepompen"
    assert offer.created_by.is_superuser
    assert ListingTransition.objects.filter(object_id=offer.pk, to_status="draft").exists()


def test_an_admin_delete_removes_the_item_from_search(admin_client, company):
    offer = OfferFactory(organisation=company, published=True)
    response = admin_client.post(
        reverse("admin:marketplace_offer_delete", args=[offer.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Offer.objects.filter(pk=offer.pk).exists()
    # Search hears of it through the change record (tests/marketplace/test_changes.py).
    assert Change.objects.filter(subject="offer", object_id=offer.pk, removed=True).exists()


def test_an_admin_edit_of_an_organisation_goes_through_the_service(admin_client, company):
    url = reverse("admin:marketplace_organisation_change", args=[company.pk])
    data = form_data(
        admin_client, url, name="Renamed BV", is_verified="on", plan="partner", kind="fund"
    )
    assert admin_client.post(url, data).status_code == 302
    company.refresh_from_db()
    assert company.name == "Renamed BV"
    # Verification, plan and kind change only through their own services.
    assert not company.is_verified and company.plan == Plan.FREE and company.kind == "company"
    assert Change.objects.filter(subject="organisation", object_id=company.pk).exists()


def test_memberships_in_the_admin_go_through_the_services(admin_client, company, company_owner):
    person = UserFactory()
    response = admin_client.post(
        reverse("admin:marketplace_membership_add"),
        {"organisation": company.pk, "user": person.pk, "role": "member"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=person)
    response = admin_client.post(
        reverse("admin:marketplace_membership_add"),
        {"organisation": company.pk, "user": person.pk, "role": "owner"},
    )
    assert response.status_code == 200  # already a member: shown on the form
    url = reverse("admin:marketplace_membership_change", args=[membership.pk])
    assert admin_client.post(url, {"role": "owner"}).status_code == 302
    membership.refresh_from_db()
    assert membership.role == "owner"


def test_organisation_and_need_pages_open(admin_client, company, initiative):
    NeedFactory(organisation=initiative)
    for url in (
        reverse("admin:marketplace_organisation_add"),
        reverse("admin:marketplace_organisation_change", args=[company.pk]),
        reverse("admin:marketplace_need_add"),
        reverse("admin:marketplace_need_change", args=[Need.objects.get().pk]),
    ):
        assert admin_client.get(url).status_code == 200, url
    assert Organisation.objects.count() == 2
