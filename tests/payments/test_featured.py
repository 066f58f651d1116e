"""Featured offers: price from the server's list, periods queue up, refunds end them."""

import datetime
import uuid

import pytest

from django.contrib.auth.models import Permission
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from payments import selectors
from payments.models import FeaturedPlacement, Payment, PaymentStatus
from tests.factories import OfferFactory, UserFactory
from tests.payments.conftest import GOOD_CARD

pytestmark = pytest.mark.django_db


def feature(client, listing, token, **data):
    return client.post(
        reverse("payments:offer_feature", args=[listing.pk]),
        {"days": "7", "attempt": uuid.uuid4().hex, "payment_method": token, **data},
        HTTP_ACCEPT="application/json",
    )


def test_featuring_charges_the_listed_price_whatever_the_browser_says(
    owner_client, stripe_server, published_offer
):
    page = owner_client.get(reverse("payments:offer_feature", args=[published_offer.pk]))
    assert page.status_code == 200
    response = feature(
        owner_client,
        published_offer,
        stripe_server.token(GOOD_CARD),
        days="30",
        amount="1",
        amount_cents="1",
        currency="usd",
        offer=str(published_offer.pk + 1),
    )
    assert response.json()["status"] == "succeeded"
    payment = Payment.objects.get()
    assert (payment.amount_cents, payment.currency, payment.offer) == (4900, "eur", published_offer)
    intent = stripe_server.intent(payment.stripe_payment_intent_id)
    assert (intent["amount"], intent["currency"]) == (4900, "eur")
    placement = FeaturedPlacement.objects.get()
    assert placement.ends_at - placement.starts_at == datetime.timedelta(days=30)
    assert list(selectors.featured_offers()) == [published_offer]
    assert list(selectors.featured_offers(theme=published_offer.theme)) == [published_offer]


def test_periods_not_on_the_price_list_are_refused(owner_client, stripe_server, published_offer):
    assert (
        feature(owner_client, published_offer, stripe_server.token(), days="3").status_code == 400
    )
    assert not Payment.objects.exists()


def test_a_second_purchase_starts_when_the_first_ends(owner_client, stripe_server, published_offer):
    feature(owner_client, published_offer, stripe_server.token(), days="7")
    feature(owner_client, published_offer, stripe_server.token(), days="14")
    first, second = FeaturedPlacement.objects.order_by("starts_at")
    assert second.starts_at == first.ends_at
    assert selectors.offer_featured_until(offer=published_offer) == second.ends_at


def test_only_members_feature_and_only_published_offers(
    client, owner_client, stripe_server, company, other_company_owner
):
    draft = OfferFactory(organisation=company)
    assert feature(owner_client, draft, stripe_server.token()).status_code == 400
    published = OfferFactory(organisation=company, published=True)
    client.force_login(other_company_owner)
    assert client.get(reverse("payments:offer_feature", args=[published.pk])).status_code == 404
    assert feature(client, published, stripe_server.token()).status_code == 404
    assert not Payment.objects.exists()


def test_featured_offers_leave_when_their_period_ends_or_the_offer_closes(
    owner_client, stripe_server, published_offer
):
    feature(owner_client, published_offer, stripe_server.token())
    placement = FeaturedPlacement.objects.get()
    FeaturedPlacement.objects.filter(pk=placement.pk).update(
        ends_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert list(selectors.featured_offers()) == []
    FeaturedPlacement.objects.filter(pk=placement.pk).update(ends_at=placement.ends_at)
    published_offer.status = "closed"
    published_offer.save()
    assert list(selectors.featured_offers()) == []


def test_the_featured_section_template(owner_client, stripe_server, published_offer):
    template = Template('{% include "payments/includes/featured_offers.html" %}')
    assert "Featured" not in template.render(Context({}))
    feature(owner_client, published_offer, stripe_server.token())
    html = template.render(Context({}))
    assert published_offer.title in html


def test_an_administrator_refunds_from_the_admin(
    client, owner_client, stripe_server, published_offer, django_capture_on_commit_callbacks
):
    feature(owner_client, published_offer, stripe_server.token())
    payment = Payment.objects.get()
    admin = UserFactory(is_staff=True)
    admin.user_permissions.add(
        Permission.objects.get(codename="refund_payment"),
        Permission.objects.get(codename="view_payment"),
    )
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:payments_payment_changelist"),
            {"action": "refund", "_selected_action": [payment.pk]},
        )
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.REFUNDED
    assert list(selectors.featured_offers()) == []
    refunds = stripe_server.get("/v1/refunds", payment_intent=payment.stripe_payment_intent_id)
    assert [r["amount"] for r in refunds["data"]] == [payment.amount_cents]
    from django.core import mail

    assert any("refunded" in message.subject for message in mail.outbox)


def test_people_without_the_refund_permission_cannot_refund(
    client, owner_client, stripe_server, published_offer
):
    feature(owner_client, published_offer, stripe_server.token())
    payment = Payment.objects.get()
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_payment"))
    client.force_login(staff)
    client.post(
        reverse("admin:payments_payment_changelist"),
        {"action": "refund", "_selected_action": [payment.pk]},
    )
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.SUCCEEDED


def test_refunding_a_contribution_lowers_the_progress(client, stripe_server, need_with_goal):
    from payments import services

    client.get(reverse("payments:need_contribute", args=[need_with_goal.slug]))
    client.post(
        reverse("payments:need_contribute", args=[need_with_goal.slug]),
        {
            "amount": "40",
            "email": "g@example.nl",
            "attempt": uuid.uuid4().hex,
            "payment_method": stripe_server.token(),
        },
    )
    assert selectors.need_funding(need=need_with_goal).raised_cents == 4000
    admin = UserFactory(is_superuser=True, is_staff=True)
    services.payment_refund(payment=Payment.objects.get(), actor=admin)
    progress = selectors.need_funding(need=need_with_goal)
    assert (progress.raised_cents, progress.contributor_count) == (0, 0)
