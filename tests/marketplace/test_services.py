"""Services and selectors of the marketplace lifecycle, against the database."""

import datetime

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from marketplace import selectors, services
from marketplace.models import ListingStatus, Membership, Theme
from tests.factories import MembershipFactory, NeedFactory, OfferFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def test_unverified_submission_waits_for_review_and_is_recorded(company, company_owner, editor):
    offer = OfferFactory(organisation=company)
    offer = services.listing_submit(listing=offer, actor=company_owner)
    assert offer.status == ListingStatus.SUBMITTED
    assert offer not in selectors.offer_list_public()
    offer = services.listing_approve(listing=offer, actor=editor)
    assert offer.status == ListingStatus.PUBLISHED
    assert offer in selectors.offer_list_public()
    history = [(t.from_status, t.to_status, t.actor) for t in selectors.listing_history(listing=offer)]
    assert history == [("draft", "submitted", company_owner), ("submitted", "published", editor)]


def test_verified_organisation_publishes_directly(company, company_owner):
    company.is_verified = True
    company.save()
    offer = services.listing_submit(listing=OfferFactory(organisation=company), actor=company_owner)
    assert offer.status == ListingStatus.PUBLISHED
    assert offer.published_at is not None


def test_rejection_needs_a_reason_the_author_sees(initiative, initiative_owner, editor):
    need = services.listing_submit(listing=NeedFactory(organisation=initiative), actor=initiative_owner)
    with pytest.raises(ValidationError):
        services.listing_reject(listing=need, actor=editor, reason="  ")
    need.refresh_from_db()
    assert need.status == ListingStatus.SUBMITTED
    need = services.listing_reject(listing=need, actor=editor, reason="Add a budget, please.")
    assert need.status == ListingStatus.REJECTED
    summary = selectors.dashboard_summary(user=initiative_owner)
    assert (need, "rejected") in [(item, why) for item, why in summary.attention]
    assert summary.attention[0][0].rejection_reason == "Add a budget, please."


def test_only_editors_approve(company, company_owner):
    offer = services.listing_submit(listing=OfferFactory(organisation=company), actor=company_owner)
    with pytest.raises(PermissionDenied):
        services.listing_approve(listing=offer, actor=company_owner)
    offer.refresh_from_db()
    assert offer.status == ListingStatus.SUBMITTED


def test_strangers_cannot_submit_or_edit(company, stranger):
    offer = OfferFactory(organisation=company)
    with pytest.raises(PermissionDenied):
        services.listing_submit(listing=offer, actor=stranger)
    with pytest.raises(PermissionDenied):
        services.listing_update(listing=offer, actor=stranger, title="Taken over")
    offer.refresh_from_db()
    assert offer.status == ListingStatus.DRAFT
    assert offer.title != "Taken over"


def test_expiry_and_renewal(initiative, initiative_owner):
    need = NeedFactory(organisation=initiative, published=True,
                       deadline=timezone.localdate() - datetime.timedelta(days=1))
    assert need not in selectors.need_list_public()
    assert services.listings_expire() == 1
    need.refresh_from_db()
    assert need.status == ListingStatus.EXPIRED
    assert services.listings_expire() == 0
    with pytest.raises(ValidationError):
        services.listing_renew(listing=need, actor=initiative_owner, until=timezone.localdate())
    until = timezone.localdate() + datetime.timedelta(days=30)
    need = services.listing_renew(listing=need, actor=initiative_owner, until=until)
    assert need.status == ListingStatus.PUBLISHED
    assert need.deadline == until
    assert need in selectors.need_list_public()


def test_close_as_fulfilled_leaves_public_pages(company, company_owner):
    offer = OfferFactory(organisation=company, published=True)
    offer = services.listing_close(listing=offer, actor=company_owner, reason="fulfilled")
    assert offer.status == ListingStatus.CLOSED
    assert offer.close_reason == "fulfilled"
    assert offer not in selectors.offer_list_public()
    with pytest.raises(ValidationError):
        services.listing_submit(listing=offer, actor=company_owner)


def test_editing_a_published_item_of_unverified_org_goes_back_to_review(company, company_owner):
    offer = OfferFactory(organisation=company, published=True)
    offer = services.listing_update(listing=offer, actor=company_owner, title="New title")
    assert offer.status == ListingStatus.SUBMITTED
    assert offer not in selectors.offer_list_public()


def test_only_initiatives_post_needs_and_providers_offers(company, company_owner, initiative, initiative_owner):
    energy = Theme.objects.get(slug="energy")
    with pytest.raises(ValidationError):
        services.need_create(organisation=company, actor=company_owner, title="x",
                             description="y", theme=energy, need_type="money",
                             province=company.province)
    with pytest.raises(ValidationError):
        services.offer_create(organisation=initiative, actor=initiative_owner, title="x",
                              description="y", theme=energy, offer_type="loan")


def test_invitation_joins_colleague(company, company_owner, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            organisation=company, email="Colleague@Example.nl", invited_by=company_owner
        )
    assert mailoutbox[0].to == ["colleague@example.nl"]
    assert invitation.token in mailoutbox[0].body
    colleague = services.user_create(email="colleague@example.nl", password="a-long-passphrase-42")
    membership = services.invitation_accept(invitation=invitation, user=colleague)
    assert membership.role == Membership.Role.MEMBER
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=colleague)


def test_members_cannot_invite(company):
    member = MembershipFactory(organisation=company, role=Membership.Role.MEMBER).user
    with pytest.raises(PermissionDenied):
        services.invitation_create(organisation=company, email="x@example.nl", invited_by=member)
    assert not company.invitations.exists()
