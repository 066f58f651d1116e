"""The services are the authority: every rule a form checks is checked again when a service is called."""

import datetime
import inspect
from decimal import Decimal

import pytest

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from marketplace import match_services, services
from marketplace.models import (
    ListingStatus,
    Match,
    MatchStatus,
    Offer,
    Organisation,
    Plan,
    Province,
    Theme,
)
from tests.factories import NeedFactory, OfferFactory, UserFactory

pytestmark = pytest.mark.django_db

PAST = timezone.localdate() - datetime.timedelta(days=1)


def _messages(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


# Explicit keywords -------------------------------------------------------------------------


WRITE_SERVICES = [
    services.organisation_create,
    services.organisation_update,
    services.organisation_set_plan,
    services.user_create,
    services.invitation_create,
    services.membership_add,
    services.membership_set_role,
    services.offer_create,
    services.offer_update,
    services.need_create,
    services.need_update,
    services.listing_update,
    match_services.match_suggest,
    match_services.match_express_interest,
    match_services.match_fulfil,
]


@pytest.mark.parametrize("service", WRITE_SERVICES, ids=lambda s: s.__name__)
def test_write_services_take_explicit_keywords_only(service):
    parameters = inspect.signature(service).parameters.values()
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters), service
    assert "status" not in {p.name for p in parameters}


@pytest.mark.parametrize(
    "field", ["status", "published_at", "rejection_reason", "close_reason", "created_by"]
)
def test_lifecycle_fields_cannot_be_set_through_an_update(company, company_owner, field):
    offer = OfferFactory(organisation=company)
    with pytest.raises(TypeError):
        services.offer_update(offer=offer, actor=company_owner, **{field: "published"})
    with pytest.raises(TypeError):
        services.listing_update(listing=offer, actor=company_owner, **{field: "published"})
    offer.refresh_from_db()
    assert offer.status == ListingStatus.DRAFT


@pytest.mark.parametrize("field", ["is_verified", "plan", "kind", "slug"])
def test_organisation_lifecycle_fields_cannot_be_set_through_an_update(
    company, company_owner, field
):
    with pytest.raises(TypeError):
        services.organisation_update(organisation=company, actor=company_owner, **{field: True})


def test_an_organisation_is_created_unverified_on_the_free_plan(company_owner):
    with pytest.raises(TypeError):
        services.organisation_create(
            owner=company_owner, kind="company", name="Self-made BV", legal_form="bv",
            province=Province.objects.first(), is_verified=True,
        )
    organisation = services.organisation_create(
        owner=company_owner, kind="company", name="Plain BV", legal_form="bv",
        province=Province.objects.first(),
    )
    assert not organisation.is_verified and organisation.plan == Plan.FREE


# The offer form's rule: a province, or nationwide --------------------------------------------


NATIONWIDE_MESSAGE = "Choose at least one province, or mark the offer as available nationwide."


def _offer_values(**overrides):
    return {
        "title": "Zonnepanelen met korting",
        "description": "Korting voor energiecoöperaties.",
        "theme": Theme.objects.get(slug="energy"),
        "offer_type": Offer.OfferType.PRODUCT,
        **overrides,
    }


def test_offer_create_needs_a_province_or_nationwide(company, company_owner):
    with pytest.raises(ValidationError) as raised:
        services.offer_create(organisation=company, actor=company_owner, **_offer_values())
    assert "regions" in raised.value.error_dict
    assert not Offer.objects.exists()
    regional = services.offer_create(
        organisation=company, actor=company_owner,
        regions=[Province.objects.get(slug="utrecht")], **_offer_values(),
    )
    national = services.offer_create(
        organisation=company, actor=company_owner, is_national=True,
        **_offer_values(title="Landelijk aanbod"),
    )
    assert list(regional.regions.values_list("slug", flat=True)) == ["utrecht"]
    assert national.is_national


def test_offer_update_keeps_a_province_or_nationwide(company, company_owner):
    offer = OfferFactory(organisation=company, is_national=True)
    with pytest.raises(ValidationError) as raised:
        services.offer_update(offer=offer, actor=company_owner, is_national=False)
    assert "regions" in raised.value.error_dict
    offer.refresh_from_db()
    assert offer.is_national
    # Naming a province in the same call is fine; clearing all provinces later is not.
    utrecht = Province.objects.get(slug="utrecht")
    services.offer_update(offer=offer, actor=company_owner, is_national=False, regions=[utrecht])
    with pytest.raises(ValidationError):
        services.offer_update(offer=offer, actor=company_owner, regions=[])
    assert list(Offer.objects.get(pk=offer.pk).regions.all()) == [utrecht]


def test_the_rule_reads_the_same_in_form_and_service(company, company_owner):
    from django.utils import translation

    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            services.offer_create(organisation=company, actor=company_owner, **_offer_values())
        assert _messages(raised.value) == [NATIONWIDE_MESSAGE]


# Need budgets ----------------------------------------------------------------------------------


def test_need_budget_upper_must_be_at_least_lower(initiative, initiative_owner):
    values = {
        "title": "Geld voor de buurtbatterij",
        "description": "We zoeken een lening.",
        "theme": Theme.objects.get(slug="energy"),
        "need_type": "money",
        "province": initiative.province,
    }
    with pytest.raises(ValidationError) as raised:
        services.need_create(
            organisation=initiative, actor=initiative_owner,
            budget_min=Decimal("5000"), budget_max=Decimal("1000"), **values,
        )
    assert "budget_max" in raised.value.error_dict
    with pytest.raises(ValidationError) as raised:
        services.need_create(
            organisation=initiative, actor=initiative_owner, budget_min=Decimal("-1"), **values
        )
    assert "budget_min" in raised.value.error_dict
    need = NeedFactory(organisation=initiative, budget_min=Decimal("100"))
    with pytest.raises(ValidationError) as raised:
        services.need_update(need=need, actor=initiative_owner, budget_max=Decimal("50"))
    assert "budget_max" in raised.value.error_dict


# Dates -------------------------------------------------------------------------------------------


def test_a_listing_whose_end_date_passed_cannot_be_submitted(company, company_owner):
    offer = OfferFactory(organisation=company, valid_until=PAST)
    with pytest.raises(ValidationError):
        services.listing_submit(listing=offer, actor=company_owner)
    offer.refresh_from_db()
    assert offer.status == ListingStatus.DRAFT


def test_renewal_needs_a_future_date(company, company_owner):
    offer = OfferFactory(organisation=company, status=ListingStatus.EXPIRED, valid_until=PAST)
    for until in (PAST, timezone.localdate(), None):
        with pytest.raises(ValidationError) as raised:
            services.listing_renew(listing=offer, actor=company_owner, until=until)
        assert "until" in raised.value.error_dict


def test_closing_needs_a_known_reason(company, company_owner):
    offer = OfferFactory(organisation=company, published=True)
    with pytest.raises(ValidationError) as raised:
        services.listing_close(listing=offer, actor=company_owner, reason="bored")
    assert "reason" in raised.value.error_dict


# Organisations and people --------------------------------------------------------------------


def test_a_provider_needs_a_kind(company_owner):
    with pytest.raises(ValidationError) as raised:
        services.organisation_create(
            owner=company_owner, kind="", name="Nameless", legal_form="bv",
            province=Province.objects.first(),
        )
    assert "kind" in raised.value.error_dict
    assert not Organisation.objects.filter(name="Nameless").exists()


def test_an_initiative_says_what_kind_and_coordinates_lie_in_the_netherlands(company_owner):
    base = {
        "owner": company_owner, "name": "Buurtkracht", "legal_form": "vereniging",
        "province": Province.objects.first(),
    }
    with pytest.raises(ValidationError) as raised:
        services.organisation_create(kind="initiative", **base)
    assert "initiative_kind" in raised.value.error_dict
    with pytest.raises(ValidationError) as raised:
        services.organisation_create(
            kind="company", latitude=Decimal("40.1"), longitude=Decimal("5.1"), **base
        )
    assert "latitude" in raised.value.error_dict


def test_a_bad_kvk_number_is_refused_on_update(company, company_owner):
    with pytest.raises(ValidationError) as raised:
        services.organisation_update(organisation=company, actor=company_owner, kvk_number="12ab")
    assert "kvk_number" in raised.value.error_dict


def test_user_create_checks_the_password_like_the_signup_form():
    with pytest.raises(ValidationError) as raised:
        services.user_create(email="weak@example.nl", password="12345678")
    assert "password" in raised.value.error_dict
    with pytest.raises(ValidationError):
        services.user_create(email="sam.jansen@example.nl", password="sam.jansen")
    assert services.user_create(email="strong@example.nl", password="a-long-passphrase-42")


def test_invitations_need_a_known_role_and_a_real_address(company, company_owner):
    with pytest.raises(ValidationError) as raised:
        services.invitation_create(
            organisation=company, invited_by=company_owner, email="a@example.nl", role="boss"
        )
    assert "role" in raised.value.error_dict
    with pytest.raises(ValidationError) as raised:
        services.invitation_create(
            organisation=company, invited_by=company_owner, email="not-an-address"
        )
    assert "email" in raised.value.error_dict


def test_memberships_change_through_owners_or_administrators(company, company_owner, stranger):
    person = UserFactory()
    with pytest.raises(PermissionDenied):
        services.membership_add(
            organisation=company, user=person, role="member", actor=stranger
        )
    membership = services.membership_add(
        organisation=company, user=person, role="member", actor=company_owner
    )
    with pytest.raises(ValidationError):
        services.membership_add(
            organisation=company, user=person, role="member", actor=company_owner
        )
    with pytest.raises(ValidationError):
        services.membership_set_role(membership=membership, role="king", actor=company_owner)


# The plan ------------------------------------------------------------------------------------


def test_organisation_set_plan_knows_only_the_plans(company):
    with pytest.raises(ValidationError):
        services.organisation_set_plan(organisation=company, plan="platinum")
    services.organisation_set_plan(organisation=company, plan=Plan.PARTNER)
    company.refresh_from_db()
    assert company.is_partner and company.offer_limit is None


def test_the_free_plan_limit_is_read_from_the_organisation(company, company_owner, settings):
    settings.PAYMENTS_FREE_OFFER_LIMIT = 1
    OfferFactory(organisation=company, published=True)
    draft = OfferFactory(organisation=company)
    with pytest.raises(ValidationError):
        services.listing_submit(listing=draft, actor=company_owner)
    services.organisation_set_plan(organisation=company, plan=Plan.PARTNER)
    assert services.listing_submit(listing=draft, actor=company_owner).status == "submitted"


# Matches: the outcome form's rules ------------------------------------------------------------


def _agreed_match(company, initiative):
    match = Match.objects.create(
        need=NeedFactory(organisation=initiative, published=True),
        offer=OfferFactory(organisation=company, published=True),
        status=MatchStatus.AGREED,
    )
    return match


@pytest.mark.parametrize(
    "row",
    [
        {"indicator": "kwh", "value": "", "sdg": 7},
        {"indicator": "", "value": "10", "sdg": 7},
        {"indicator": "kwh", "value": "10", "sdg": None},
        {"indicator": "kwh", "value": "ten", "sdg": 7},
        {"indicator": "kwh", "value": "10", "sdg": 99},
    ],
)
def test_every_outcome_indicator_is_complete(company, initiative, initiative_owner, row):
    match = _agreed_match(company, initiative)
    with pytest.raises(ValidationError) as raised:
        match_services.match_fulfil(
            match=match, actor=initiative_owner, delivered="Panels on the roof", indicators=[row]
        )
    assert "indicators" in raised.value.error_dict
    match.refresh_from_db()
    assert match.status == MatchStatus.AGREED


def test_interest_needs_a_proposal(company, initiative, initiative_owner):
    need = NeedFactory(organisation=initiative, published=True)
    offer = OfferFactory(organisation=company, published=True)
    with pytest.raises(ValidationError) as raised:
        match_services.match_express_interest(
            need=need, offer=offer, actor=initiative_owner, proposal="   "
        )
    assert "proposal" in raised.value.error_dict
