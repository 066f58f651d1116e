"""The server-rendered marketplace pages, through the test client."""

import datetime
import io

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from marketplace import services
from marketplace.models import SDG, ListingStatus, Need, Offer, Province, Theme
from tests.factories import MembershipFactory, NeedFactory, OfferFactory, OrganisationFactory
from tests.marketplace.dutch import html, nl, nl_plural

pytestmark = pytest.mark.django_db

FUTURE = timezone.localdate() + datetime.timedelta(days=30)


def _regional_offer(organisation, *provinces, **kwargs):
    offer = OfferFactory(organisation=organisation, published=True, is_national=False, **kwargs)
    offer.regions.set(Province.objects.filter(slug__in=provinces))
    return offer


def _offer_post_data(**overrides):
    data = {
        "title": "Bike repair workshops",
        "description": "Monthly repair workshops for your neighbourhood.\nWith tools.",
        "theme": Theme.objects.get(slug="mobility").pk,
        "offer_type": "service",
        "sdgs": [SDG.objects.get(number=11).pk, SDG.objects.get(number=12).pk],
        "language": "en",
        "regions": [Province.objects.get(slug="friesland").pk],
        "eligible_legal_forms": ["vereniging", "stichting"],
        "eligible_initiative_kinds": ["repair_cafe"],
        "min_members": "10",
        "price_terms": "Free for the first year",
        "valid_until": FUTURE.isoformat(),
    }
    data.update(overrides)
    return data


# Public pages -------------------------------------------------------------------------------


def test_public_pages_render(client, company, initiative):
    offer = OfferFactory(organisation=company, published=True, title="Cargo bikes to share")
    need = NeedFactory(organisation=initiative, published=True, title="Een warmtepomp voor het dorp")
    OfferFactory(organisation=company, title="A draft nobody may see")

    home = client.get(reverse("marketplace:home"))
    assert home.status_code == 200
    assert b"Cargo bikes to share" in home.content
    assert b"Een warmtepomp voor het dorp" in home.content
    assert b"A draft nobody may see" not in home.content
    assert b"?as=initiative" in home.content

    for name in ("offer_list", "need_list", "organisation_list"):
        assert client.get(reverse(f"marketplace:{name}")).status_code == 200

    detail = client.get(reverse("marketplace:offer_detail", args=[offer.slug]))
    assert detail.status_code == 200
    assert f'lang="{offer.language}"'.encode() in detail.content
    assert company.name.encode() in detail.content
    need_page = client.get(reverse("marketplace:need_detail", args=[need.slug]))
    assert need_page.status_code == 200
    org_page = client.get(reverse("marketplace:organisation_detail", args=[company.slug]))
    assert org_page.status_code == 200
    assert b"Cargo bikes to share" in org_page.content
    assert b"A draft nobody may see" not in org_page.content


def test_unpublished_items_are_not_public(client, company):
    draft = OfferFactory(organisation=company)
    assert client.get(reverse("marketplace:offer_detail", args=[draft.slug])).status_code == 404
    assert client.get(reverse("marketplace:offer_detail", args=["no-such-offer"])).status_code == 404


def test_offer_detail_shows_eligibility_sdgs_and_escapes_text(client, company):
    offer = OfferFactory(
        organisation=company,
        published=True,
        description="Line one\n<script>alert(1)</script>",
        eligible_legal_forms=["cooperatie_ua"],
        eligible_initiative_kinds=["energy_coop"],
        min_members=25,
        price_terms="€ 5 per month",
    )
    offer.sdgs.set(SDG.objects.filter(number=7))
    content = client.get(reverse("marketplace:offer_detail", args=[offer.slug])).content.decode()
    assert "Coöperatie U.A." in content
    assert html(nl("Energy cooperative")) in content
    assert html(nl_plural("At least %(counter)s member", "At least %(counter)s members", 25)) in (
        content
    )
    assert "SDG 7" in content
    assert "€ 5 per month" in content
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;" in content
    assert "<br>" in content


def test_need_detail_shows_budget_and_deadline(client, initiative):
    need = NeedFactory(organisation=initiative, published=True, budget_min=1000, budget_max=5000)
    content = client.get(reverse("marketplace:need_detail", args=[need.slug])).content.decode()
    assert "1,000" in content or "1.000" in content
    assert "5,000" in content or "5.000" in content
    assert need.deadline.isoformat() in content


def test_province_filter_includes_national_offers(client, company):
    frisian = _regional_offer(company, "friesland", title="Frisian wind advice")
    national = OfferFactory(organisation=company, published=True, title="Nationwide insurance")
    url = reverse("marketplace:offer_list")

    friesland = client.get(url, {"province": "friesland"}).content.decode()
    assert frisian.title in friesland
    assert national.title in friesland

    zeeland = client.get(url, {"province": "zeeland"}).content.decode()
    assert frisian.title not in zeeland
    assert national.title in zeeland


def test_filters_by_theme_type_sdg_language_and_words(client, company):
    energy = OfferFactory(
        organisation=company,
        published=True,
        title="Solar loan",
        theme=Theme.objects.get(slug="energy"),
        offer_type="loan",
        language="nl",
    )
    energy.sdgs.set(SDG.objects.filter(number=7))
    mobility = OfferFactory(organisation=company, published=True, title="Car sharing")
    url = reverse("marketplace:offer_list")

    for params in (
        {"theme": "energy"},
        {"type": "loan"},
        {"sdg": "7"},
        {"language": "nl"},
        {"q": "solar"},
    ):
        content = client.get(url, params).content.decode()
        assert energy.title in content, params
        assert mobility.title not in content, params


def test_current_filter_values_are_selected(client):
    content = client.get(reverse("marketplace:offer_list"), {"province": "zeeland"}).content
    assert b'<option value="zeeland" selected>' in content


@pytest.mark.parametrize(
    "params",
    [
        {"sdg": "abc"},
        {"sdg": "99"},
        {"theme": "no-such-theme"},
        {"province": "atlantis"},
        {"type": "spaceship"},
        {"language": "fr"},
        {"kind": "alien"},
        {"page": "last-but-one"},
    ],
)
def test_invalid_filters_do_not_break_the_page(client, company, params):
    OfferFactory(organisation=company, published=True, title="Still listed")
    for name in ("offer_list", "need_list", "organisation_list"):
        response = client.get(reverse(f"marketplace:{name}"), params)
        assert response.status_code == 200, (name, params)
    assert b"Still listed" in client.get(reverse("marketplace:offer_list"), params).content


def test_empty_state(client):
    response = client.get(reverse("marketplace:need_list"), {"province": "zeeland"})
    assert html(nl("No needs match these filters.")) in response.content.decode()


def test_pagination_keeps_filters(client, initiative):
    for n in range(23):
        NeedFactory(organisation=initiative, published=True, title=f"Need number {n:02d}")
    url = reverse("marketplace:need_list")
    first = client.get(url, {"province": "utrecht", "theme": "energy"})
    assert first.context["page_obj"].paginator.count == 23
    assert len(first.context["page_obj"].object_list) == 20
    content = first.content.decode()
    assert "?province=utrecht&amp;theme=energy&amp;page=2" in content
    second = client.get(url, {"province": "utrecht", "theme": "energy", "page": 2})
    assert len(second.context["page_obj"].object_list) == 3
    assert "?province=utrecht&amp;theme=energy&amp;page=1" in second.content.decode()


def test_organisation_list_filters_by_kind(client, company, initiative):
    url = reverse("marketplace:organisation_list")
    content = client.get(url, {"kind": "initiative"}).content.decode()
    assert initiative.name in content
    assert company.name not in content


# Language ----------------------------------------------------------------------------------


def test_english_ui_under_en_prefix(client):
    english = client.get("/en/offers/")
    assert english.status_code == 200
    content = english.content.decode()
    assert '<html lang="en">' in content
    assert ">Offers</a>" in content
    assert "Mobility" in content  # theme names follow the interface language
    assert 'href="/offers/" lang="nl" hreflang="nl"' in content  # the same page in Dutch
    dutch = client.get("/offers/").content.decode()
    assert '<html lang="nl">' in dutch
    assert "Mobiliteit" in dutch


def test_language_switcher_sets_the_language(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/offers/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/offers/"
    assert response.cookies["django_language"].value == "en"
    back = client.post("/i18n/setlang/", {"language": "nl", "next": "/offers/"})
    assert back["Location"] == "/offers/"


def test_pages_have_no_inline_scripts_or_styles(client, company):
    OfferFactory(organisation=company, published=True)
    content = client.get(reverse("marketplace:home")).content.decode()
    assert "style=" not in content
    assert "<style" not in content
    assert "<script>" not in content
    assert 'href="#main"' in content


# Dashboard ---------------------------------------------------------------------------------


def test_dashboard_requires_login(client):
    response = client.get(reverse("marketplace:dashboard"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_dashboard_lists_items_and_what_needs_attention(client, company, company_owner, editor):
    OfferFactory(organisation=company, title="My draft offer")
    OfferFactory(
        organisation=company,
        title="Rejected offer",
        status=ListingStatus.REJECTED,
        rejection_reason="Please add a price.",
    )
    client.force_login(company_owner)
    content = client.get(reverse("marketplace:dashboard")).content.decode()
    assert "My draft offer" in content
    assert "Please add a price." in content
    assert reverse("marketplace:offer_create") in content
    assert reverse("wagtailadmin_home") not in content


def test_dashboard_for_hub_editor_shows_review_queue(client, company, editor):
    OfferFactory(organisation=company, status=ListingStatus.SUBMITTED)
    client.force_login(editor)
    response = client.get(reverse("marketplace:dashboard"))
    assert response.status_code == 200
    content = response.content.decode()
    waiting = nl_plural(
        "%(counter)s item is waiting for review.", "%(counter)s items are waiting for review.", 1
    )
    assert html(waiting) in content
    assert reverse("wagtailadmin_home") in content


def test_dashboard_without_organisation(client, outsider):
    client.force_login(outsider)
    response = client.get(reverse("marketplace:dashboard"))
    assert response.status_code == 200
    assert html(nl("You are not part of an organisation yet")) in response.content.decode()


# Creating and editing ----------------------------------------------------------------------


def test_create_offer_ends_as_draft(client, company, company_owner):
    client.force_login(company_owner)
    assert client.get(reverse("marketplace:offer_create")).status_code == 200
    response = client.post(reverse("marketplace:offer_create"), _offer_post_data())
    offer = Offer.objects.get(title="Bike repair workshops")
    assert response.status_code == 302
    assert response["Location"] == reverse("marketplace:offer_manage", args=[offer.pk])
    assert offer.status == ListingStatus.DRAFT
    assert offer.organisation == company
    assert offer.created_by == company_owner
    assert offer.offer_type == "service"
    assert offer.is_national is False
    assert list(offer.regions.values_list("slug", flat=True)) == ["friesland"]
    assert sorted(offer.sdgs.values_list("number", flat=True)) == [11, 12]
    assert sorted(offer.eligible_legal_forms) == ["stichting", "vereniging"]
    assert offer.eligible_initiative_kinds == ["repair_cafe"]
    assert offer.min_members == 10
    assert offer.valid_until == FUTURE
    assert offer.image.name == ""


def test_offer_needs_a_region_or_national(client, company, company_owner):
    client.force_login(company_owner)
    response = client.post(reverse("marketplace:offer_create"), _offer_post_data(regions=[]))
    assert response.status_code == 200
    assert html(
        nl("Choose at least one province, or mark the offer as available nationwide.")
    ) in response.content.decode()
    assert b'aria-invalid="true"' in response.content
    assert not Offer.objects.exists()
    national = client.post(
        reverse("marketplace:offer_create"), _offer_post_data(regions=[], is_national="on")
    )
    assert national.status_code == 302
    assert Offer.objects.get().is_national


def test_create_need_ends_as_draft(client, initiative, initiative_owner):
    client.force_login(initiative_owner)
    assert client.get(reverse("marketplace:need_create")).status_code == 200
    response = client.post(
        reverse("marketplace:need_create"),
        {
            "title": "Solar panels on the village hall",
            "description": "Forty panels.",
            "theme": Theme.objects.get(slug="energy").pk,
            "need_type": "money",
            "sdgs": [SDG.objects.get(number=7).pk],
            "language": "nl",
            "budget_min": "1000",
            "budget_max": "25000",
            "deadline": FUTURE.isoformat(),
            "municipality": "Houten",
            "province": Province.objects.get(slug="utrecht").pk,
        },
    )
    assert response.status_code == 302
    need = Need.objects.get()
    assert need.status == ListingStatus.DRAFT
    assert need.organisation == initiative
    assert need.budget_max == 25000
    assert need.municipality == "Houten"
    assert list(need.sdgs.values_list("number", flat=True)) == [7]


def test_need_budget_range_error_is_shown(client, initiative_owner):
    client.force_login(initiative_owner)
    response = client.post(
        reverse("marketplace:need_create"),
        {
            "title": "Too cheap",
            "description": "x",
            "theme": Theme.objects.get(slug="energy").pk,
            "need_type": "money",
            "language": "nl",
            "budget_min": "5000",
            "budget_max": "100",
            "province": Province.objects.get(slug="utrecht").pk,
        },
    )
    assert response.status_code == 200
    assert html(nl("The upper budget must be at least the lower budget.")) in (
        response.content.decode()
    )
    assert not Need.objects.exists()


def test_wrong_side_cannot_create(client, company_owner, initiative_owner, outsider):
    client.force_login(initiative_owner)
    assert client.get(reverse("marketplace:offer_create")).status_code == 403
    assert client.post(reverse("marketplace:offer_create"), _offer_post_data()).status_code == 403
    client.force_login(company_owner)
    response = client.get(reverse("marketplace:need_create"))
    assert response.status_code == 403
    assert html(
        nl("Only initiatives post needs. Companies, funds and public bodies publish offers.")
    ) in response.content.decode()
    client.force_login(outsider)
    assert client.get(reverse("marketplace:offer_create")).status_code == 403
    assert not Offer.objects.exists()


def test_edit_offer(client, company, company_owner):
    offer = OfferFactory(organisation=company, title="Old title")
    client.force_login(company_owner)
    assert client.get(reverse("marketplace:offer_edit", args=[offer.pk])).status_code == 200
    response = client.post(
        reverse("marketplace:offer_edit", args=[offer.pk]),
        _offer_post_data(title="New title", is_national="on", regions=[]),
    )
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "New title"
    assert offer.is_national


def test_editing_a_published_offer_of_unverified_organisation_goes_back_to_review(
    client, company, company_owner
):
    offer = OfferFactory(organisation=company, published=True)
    client.force_login(company_owner)
    client.post(
        reverse("marketplace:offer_edit", args=[offer.pk]),
        _offer_post_data(title="Changed", is_national="on"),
    )
    offer.refresh_from_db()
    assert offer.status == ListingStatus.SUBMITTED


def test_closed_items_cannot_be_edited(client, company, company_owner):
    offer = OfferFactory(organisation=company, status=ListingStatus.CLOSED, title="Closed one")
    client.force_login(company_owner)
    url = reverse("marketplace:offer_edit", args=[offer.pk])
    response = client.post(url, _offer_post_data(title="Reopened?"), follow=True)
    assert html(nl("This item is closed and can no longer be edited.")) in (
        response.content.decode()
    )
    offer.refresh_from_db()
    assert offer.title == "Closed one"


def test_manage_page_shows_status_reason_and_history(client, initiative, initiative_owner, editor):
    need = NeedFactory(organisation=initiative)
    client.force_login(initiative_owner)
    client.post(reverse("marketplace:listing_action", args=["needs", need.pk, "submit"]))
    services.listing_reject(listing=need, actor=editor, reason="Say how many panels.")
    response = client.get(reverse("marketplace:need_manage", args=[need.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Say how many panels." in content
    assert html(nl("Waiting for review")) in content  # in the history
    assert reverse("marketplace:listing_action", args=["needs", need.pk, "submit"]) in content


# Lifecycle actions -------------------------------------------------------------------------


def test_submit_unverified_waits_for_review(client, company, company_owner):
    offer = OfferFactory(organisation=company)
    client.force_login(company_owner)
    response = client.post(
        reverse("marketplace:listing_action", args=["offers", offer.pk, "submit"]), follow=True
    )
    assert html(nl("Submitted: a hub editor will review it before it is public.")) in (
        response.content.decode()
    )
    offer.refresh_from_db()
    assert offer.status == ListingStatus.SUBMITTED


def test_submit_verified_publishes(client, company, company_owner):
    company.is_verified = True
    company.save()
    offer = OfferFactory(organisation=company)
    client.force_login(company_owner)
    response = client.post(
        reverse("marketplace:listing_action", args=["offers", offer.pk, "submit"])
    )
    assert response["Location"] == reverse("marketplace:offer_manage", args=[offer.pk])
    offer.refresh_from_db()
    assert offer.status == ListingStatus.PUBLISHED


def test_close_and_renew(client, initiative, initiative_owner):
    expired = NeedFactory(organisation=initiative, status=ListingStatus.EXPIRED)
    client.force_login(initiative_owner)
    renew_url = reverse("marketplace:listing_action", args=["needs", expired.pk, "renew"])
    client.post(renew_url, {"until": FUTURE.isoformat()})
    expired.refresh_from_db()
    assert expired.status == ListingStatus.PUBLISHED
    assert expired.deadline == FUTURE

    close_url = reverse("marketplace:listing_action", args=["needs", expired.pk, "close"])
    client.post(close_url, {"reason": "fulfilled", "note": "Found a sponsor."})
    expired.refresh_from_db()
    assert expired.status == ListingStatus.CLOSED
    assert expired.close_reason == "fulfilled"


def test_not_allowed_actions_show_the_error(client, initiative, initiative_owner):
    need = NeedFactory(organisation=initiative, status=ListingStatus.CLOSED)
    client.force_login(initiative_owner)
    url = reverse("marketplace:listing_action", args=["needs", need.pk, "submit"])
    response = client.post(url, follow=True)
    not_allowed = nl(
        "You cannot %(action)s an item that is %(status)s.",
        action=nl("submit"),
        status=nl("Closed").lower(),
    )
    assert html(not_allowed) in response.content.decode()
    renew = reverse("marketplace:listing_action", args=["needs", need.pk, "renew"])
    response = client.post(renew, {"until": "2000-01-01"}, follow=True)
    assert html(nl("Choose a date in the future.")) in response.content.decode()
    close = reverse("marketplace:listing_action", args=["needs", need.pk, "close"])
    response = client.post(close, {"reason": "bored"}, follow=True)
    assert response.status_code == 200
    need.refresh_from_db()
    assert need.status == ListingStatus.CLOSED


def test_listing_action_is_post_only_and_checks_its_words(client, company, company_owner):
    offer = OfferFactory(organisation=company)
    client.force_login(company_owner)
    url = reverse("marketplace:listing_action", args=["offers", offer.pk, "submit"])
    assert client.get(url).status_code == 405
    bad_kind = reverse("marketplace:listing_action", args=["pages", offer.pk, "submit"])
    assert client.post(bad_kind).status_code == 404
    bad_action = reverse("marketplace:listing_action", args=["offers", offer.pk, "approve"])
    assert client.post(bad_action).status_code == 404
    offer.refresh_from_db()
    assert offer.status == ListingStatus.DRAFT


def test_other_organisations_items_are_404_and_unchanged(client, company, stranger):
    offer = OfferFactory(organisation=company, title="Not yours")
    client.force_login(stranger)
    for name in ("offer_manage", "offer_edit"):
        assert client.get(reverse(f"marketplace:{name}", args=[offer.pk])).status_code == 404
    response = client.post(
        reverse("marketplace:offer_edit", args=[offer.pk]), _offer_post_data(title="Mine now")
    )
    assert response.status_code == 404
    for action, data in (
        ("submit", {}),
        ("close", {"reason": "withdrawn"}),
        ("renew", {"until": FUTURE.isoformat()}),
    ):
        url = reverse("marketplace:listing_action", args=["offers", offer.pk, action])
        assert client.post(url, data).status_code == 404
    offer.refresh_from_db()
    assert offer.title == "Not yours"
    assert offer.status == ListingStatus.DRAFT


# Organisation and members ------------------------------------------------------------------


def test_owner_edits_organisation(client, initiative, initiative_owner):
    client.force_login(initiative_owner)
    url = reverse("marketplace:organisation_edit")
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="member_count"' in page.content
    response = client.post(
        url,
        {
            "name": "Energie Coöperatie Houten",
            "legal_form": "cooperatie_ua",
            "kvk_number": initiative.kvk_number,
            "website": "https://example.nl",
            "description": "Zon op elk dak.",
            "municipality": "Houten",
            "province": Province.objects.get(slug="utrecht").pk,
            "themes": [Theme.objects.get(slug="energy").pk],
            "initiative_kind": "energy_coop",
            "member_count": "300",
        },
    )
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.name == "Energie Coöperatie Houten"
    assert initiative.member_count == 300
    assert list(initiative.themes.values_list("slug", flat=True)) == ["energy"]


def test_organisation_edit_hides_initiative_fields_from_companies(client, company_owner):
    client.force_login(company_owner)
    content = client.get(reverse("marketplace:organisation_edit")).content
    assert b'name="member_count"' not in content
    assert b'name="initiative_kind"' not in content


def test_organisation_edit_validation_error(client, company, company_owner):
    client.force_login(company_owner)
    response = client.post(
        reverse("marketplace:organisation_edit"),
        {
            "name": company.name,
            "legal_form": "bv",
            "kvk_number": "123",
            "province": company.province_id,
        },
    )
    assert response.status_code == 200
    assert html(nl("A KvK number has exactly 8 digits, for example 12345678.")) in (
        response.content.decode()
    )
    company.refresh_from_db()
    assert company.kvk_number != "123"


def test_members_cannot_edit_organisation_and_outsiders_get_404(client, company, outsider):
    member = MembershipFactory(organisation=company, role="member").user
    client.force_login(member)
    assert client.get(reverse("marketplace:organisation_edit")).status_code == 403
    before = company.name
    assert client.post(reverse("marketplace:organisation_edit"), {"name": "Hijack"}).status_code == 403
    company.refresh_from_db()
    assert company.name == before
    client.force_login(outsider)
    assert client.get(reverse("marketplace:organisation_edit")).status_code == 404
    client.logout()
    assert client.get(reverse("marketplace:organisation_edit")).status_code == 302


def test_members_page_and_invitations(
    client, company, company_owner, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(company_owner)
    page = client.get(reverse("marketplace:members"))
    assert page.status_code == 200
    assert company_owner.email.encode() in page.content
    assert html(nl("Send invitation")) in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("marketplace:members"),
            {"email": "New.Colleague@example.nl", "role": "member"},
        )
    assert response.status_code == 302
    invitation = company.invitations.get()
    assert invitation.email == "new.colleague@example.nl"
    assert len(mailoutbox) == 1
    assert b"new.colleague@example.nl" in client.get(reverse("marketplace:members")).content
    again = client.post(
        reverse("marketplace:members"), {"email": company_owner.email, "role": "member"}
    )
    assert html(nl("This person is already a member.")) in again.content.decode()


def test_plain_members_see_members_but_cannot_invite(client, company):
    member = MembershipFactory(organisation=company, role="member").user
    client.force_login(member)
    page = client.get(reverse("marketplace:members"))
    assert page.status_code == 200
    assert html(nl("Send invitation")) not in page.content.decode()
    response = client.post(reverse("marketplace:members"), {"email": "x@example.nl"})
    assert response.status_code == 403
    assert not company.invitations.exists()


def test_another_organisation_is_not_editable_through_the_pages(client, stranger):
    other = OrganisationFactory(name="Untouchable")
    client.force_login(stranger)
    client.post(reverse("marketplace:organisation_edit"), {"name": "Taken"})
    other.refresh_from_db()
    assert other.name == "Untouchable"


def _png(name="picture.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_offer_image_upload_keep_and_clear(client, company_owner):
    client.force_login(company_owner)
    client.post(reverse("marketplace:offer_create"), _offer_post_data(image=_png()))
    offer = Offer.objects.get()
    assert offer.image.name.startswith("offers/")
    edit = reverse("marketplace:offer_edit", args=[offer.pk])
    client.post(edit, _offer_post_data(title="Renamed"))
    offer.refresh_from_db()
    assert offer.title == "Renamed"
    assert offer.image.name.startswith("offers/")
    client.post(edit, _offer_post_data(**{"image-clear": "on"}))
    offer.refresh_from_db()
    assert offer.image.name == ""


def test_fake_image_is_refused(client, company_owner):
    client.force_login(company_owner)
    fake = SimpleUploadedFile("evil.png", b"<?php echo 1; ?>", content_type="image/png")
    response = client.post(reverse("marketplace:offer_create"), _offer_post_data(image=fake))
    assert response.status_code == 200
    assert b'id="id_image_error"' in response.content
    assert not Offer.objects.exists()
