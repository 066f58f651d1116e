"""Bad input is refused (or normalised) by the services before anything is committed (issue 10).

Finding 2: a newline in an organisation name or a listing title was stored and then broke the
e-mail that quoted it, after the change was committed. Finding 9: zero-width and text-direction
characters were accepted in titles. Finding 10: a 12 KB PNG of 100 megapixels passed the image
validator. Finding 8 (first half): a NUL in a query string (`/kennisbank/?q=%00`) gave a 500.
"""

from __future__ import annotations

import io
import uuid

import pytest
from PIL import Image

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core.validators import (
    single_line_text,
    validate_multi_line,
    validate_single_line,
)
from marketplace import match_services, selectors, services
from marketplace.models import (
    Change,
    ListingStatus,
    Match,
    MatchMessage,
    Need,
    Offer,
    Organisation,
    Province,
    Theme,
)
from marketplace.validators import validate_image_upload
from payments import services as payment_services
from payments.models import Payment
from search import services as search_services
from search.models import SavedSearch
from tests.factories import NeedFactory, OfferFactory, UserFactory
from tests.payments.conftest import localstripe_url, stripe_server  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

User = get_user_model()

LINE_BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"]
CONTROLS = ["\x00", "\x07", "\x1b", "\x7f", "\x9b"]
# Zero-width characters, text-direction marks, embeddings, overrides and isolates, and the like.
INVISIBLE = [
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
    "\u2066", "\u2067", "\u2068", "\u2069",
    "\u2060", "\u2061", "\u2062", "\u2063", "\u2064",
    "\ufeff", "\u061c", "\u180e", "\u3164", "\U000e0041",
]
ACCEPTED = [
    "Zon & Wind Coöperatie U.A.",
    "IJsselmeer\u00a0Energie",  # a no-break space is a visible space
    "שלום Shalom",  # right-to-left text itself is fine, only the invisible controls are not
    "Zon ☀️ en fietsen 🚲👩‍👩‍👧 🏳️‍🌈",  # the zero-width joiners of emoji sequences
    "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f Schotland",  # tag characters of a flag
    "<script>alert(1)</script>",  # escaped where shown; not this validator's business
]


# The rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize("char", LINE_BREAKS + CONTROLS + ["\t"] + INVISIBLE)
def test_single_line_fields_refuse_breaks_controls_and_invisible_characters(char):
    with pytest.raises(ValidationError) as refused:
        validate_single_line(f"Zonnepanelen{char}dorpshuis")
    assert refused.value.code in {"line_break", "tab", "control_characters", "invisible_characters"}
    if refused.value.code == "invisible_characters":
        assert f"U+{ord(char):04X}" in refused.value.messages[0]


@pytest.mark.parametrize("char", CONTROLS + INVISIBLE + ["\x0b", "\x85"])
def test_multi_line_fields_refuse_controls_and_invisible_characters(char):
    with pytest.raises(ValidationError):
        validate_multi_line(f"Eerste regel\nTweede{char}regel")


@pytest.mark.parametrize("text", ACCEPTED)
def test_ordinary_text_passes_both(text):
    validate_single_line(text)
    validate_multi_line(f"{text}\r\n\tmet een tweede regel\n\u2028en een derde")


def test_a_joiner_outside_an_emoji_is_refused():
    with pytest.raises(ValidationError):
        validate_single_line("Zon\u200dWind")
    with pytest.raises(ValidationError):
        validate_single_line("👩\u200d")


def test_single_line_text_makes_composed_text_valid():
    assert single_line_text(" Anna\n de\u200b Vries\t\x00 ") == "Anna de Vries"
    assert single_line_text("👩\u200d👧") == "👩\u200d👧"
    validate_single_line(single_line_text("a\u202eb\r\nc\u2029d"))


# Finding 2 and 9: the services refuse before anything is committed --------------------------


def _province() -> Province:
    return Province.objects.get(slug="utrecht")


@pytest.mark.parametrize("bad", ["Zon & Wind\nCoöperatie", "Zon\r\nWind", "\u202eZon Wind", "Zon\u200bWind"])
def test_organisation_create_refuses_a_bad_name_and_writes_nothing(company_owner, bad):
    counts = (Organisation.objects.count(), Change.objects.count())
    with pytest.raises(ValidationError) as refused:
        services.organisation_create(
            owner=company_owner, kind="company", name=bad, legal_form="bv", province=_province()
        )
    assert "name" in refused.value.message_dict
    assert (Organisation.objects.count(), Change.objects.count()) == counts


def test_organisation_update_refuses_bad_name_and_municipality(company, company_owner):
    before = company.name
    with pytest.raises(ValidationError) as refused:
        services.organisation_update(
            organisation=company, actor=company_owner, name="Nieuw\nBV", municipality="Ut\trecht"
        )
    assert {"name", "municipality"} <= set(refused.value.message_dict)
    assert Organisation.objects.get(pk=company.pk).name == before


@pytest.mark.parametrize("bad", ["Buurtauto\ndelen", "Buurtauto\u202edelen", "\ufeffBuurtauto"])
def test_offer_and_need_titles_refuse_breaks_and_invisible_characters(
    company, company_owner, initiative, initiative_owner, bad
):
    theme = Theme.objects.get(slug="energy")
    with pytest.raises(ValidationError) as refused:
        services.offer_create(
            organisation=company, actor=company_owner, title=bad, description="Goed\nomschreven",
            theme=theme, offer_type="service", is_national=True,
        )
    assert "title" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.need_create(
            organisation=initiative, actor=initiative_owner, title=bad, description="Goed",
            theme=theme, need_type="money", province=_province(), municipality="Zeist\n",
        )
    assert {"title", "municipality"} <= set(refused.value.message_dict)
    assert not Offer.objects.exists() and not Need.objects.exists()
    assert not Change.objects.exists()


def test_listing_update_refuses_a_title_with_a_newline(company, company_owner):
    offer = OfferFactory(organisation=company, title="Buurtauto delen")
    with pytest.raises(ValidationError):
        services.listing_update(listing=offer, actor=company_owner, title="Buurtauto\ndelen")
    offer.refresh_from_db()
    assert offer.title == "Buurtauto delen"


def test_descriptions_keep_their_lines_but_refuse_hidden_characters(company, company_owner):
    offer = OfferFactory(organisation=company)
    services.listing_update(listing=offer, actor=company_owner, description="Regel 1\r\nRegel 2")
    with pytest.raises(ValidationError) as refused:
        services.listing_update(listing=offer, actor=company_owner, description="Verborgen\u2066x")
    assert "description" in refused.value.message_dict


def test_user_names_are_single_line(db):
    with pytest.raises(ValidationError) as refused:
        services.user_create(
            email="anna@example.nl", password="Wind-mills-4-the-village",
            first_name="Anna\nBcc: x@example.nl", last_name="de\u200bVries",
        )
    assert {"first_name", "last_name"} <= set(refused.value.message_dict)
    assert not User.objects.filter(email="anna@example.nl").exists()


def test_reasons_and_notes_refuse_control_characters(initiative, initiative_owner, editor):
    need = NeedFactory(organisation=initiative, created_by=initiative_owner)
    services.listing_submit(listing=need, actor=initiative_owner)
    with pytest.raises(ValidationError):
        services.listing_reject(listing=need, actor=editor, reason="Niet\x00goed")
    need.refresh_from_db()
    assert need.status == ListingStatus.SUBMITTED
    with pytest.raises(ValidationError):
        services.listing_close(listing=need, actor=initiative_owner, reason="withdrawn",
                               note="\u202eweg")
    need.refresh_from_db()
    assert need.status == ListingStatus.SUBMITTED


def _published_pair(company, initiative, *, need_title="Zonnepanelen dorpshuis"):
    need = NeedFactory(organisation=initiative, published=True, title=need_title)
    offer = OfferFactory(organisation=company, published=True, is_national=True)
    return need, offer


def test_interest_and_messages_refuse_bad_text(company, company_owner, initiative, initiative_owner):
    need, offer = _published_pair(company, initiative)
    with pytest.raises(ValidationError) as refused:
        match_services.match_express_interest(
            need=need, offer=offer, actor=company_owner, proposal="40 panelen",
            timing="voor de zomer\nBcc: x@example.nl",
        )
    assert "timing" in refused.value.message_dict
    assert not Match.objects.exists() and not MatchMessage.objects.exists()

    match = match_services.match_express_interest(
        need=need, offer=offer, actor=company_owner, proposal="40 panelen\nmet montage",
        timing="voor de zomer",
    )
    match_services.match_accept(match=match, actor=initiative_owner)
    with pytest.raises(ValidationError):
        match_services.match_message_send(match=match, actor=initiative_owner, body="hoi\u202e")
    with pytest.raises(ValidationError):
        match_services.match_close(match=match, actor=initiative_owner, note="\x1b[31m")
    assert MatchMessage.objects.count() == 1
    assert Match.objects.get().status == "introduced"


def test_saved_search_names_are_single_line_and_queries_are_normalised(company_owner):
    with pytest.raises(ValidationError):
        search_services.saved_search_create(user=company_owner, query="zon", name="Zon\nWind")
    assert not SavedSearch.objects.exists()
    saved = search_services.saved_search_create(user=company_owner, query="zon\u200bne\tpanelen")
    assert (saved.query, saved.name) == ("zonne panelen", "zonne panelen")
    with pytest.raises(ValidationError):
        search_services.saved_search_update(
            saved_search=saved, user=company_owner, frequency="daily", language="nl",
            name="\u2067naam",
        )


def test_a_contribution_with_a_bad_name_is_refused_before_stripe(
    initiative, initiative_owner, settings
):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens: a call would be "unavailable"
    need = NeedFactory(organisation=initiative, published=True)
    payment_services.funding_goal_set(need=need, actor=initiative_owner, goal_cents=100_000)
    for name, message in [("Gerrit\nGever", ""), ("Gerrit", "Succes!\x00")]:
        with pytest.raises(ValidationError):
            payment_services.contribution_pay(
                need=need, payer=UserFactory(), session_key=None, attempt=uuid.uuid4().hex,
                amount_cents=2500, email="gever@example.nl", payment_method="pm_card_visa",
                name=name, message=message,
            )
    assert not Payment.objects.exists()


def test_forms_show_the_rule_beside_the_field(client, company_owner):
    client.force_login(company_owner)
    with translation.override("en"):
        response = client.post(
            reverse("marketplace:offer_create"),
            {"title": "Buurtauto\u202e delen", "description": "x", "offer_type": "service",
             "theme": Theme.objects.get(slug="energy").pk, "language": "nl", "is_national": "on"},
        )
    assert response.status_code == 200
    assert "U+202E" in " ".join(response.context["form"].errors["title"])
    assert not Offer.objects.exists()


# Finding 2: text stored before the rule still never breaks a committed change ---------------


LEGACY_NAME = "Zon & Wind\nCoöperatie"
LEGACY_TITLE = "Zonnepanelen\r\nop het dorpshuis & de school"


def _assert_one_line_subjects() -> None:
    assert mail.outbox
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject, message.subject
        assert "&amp;" not in message.subject


@pytest.fixture
def legacy_need(initiative, initiative_owner):
    """A draft need whose title and organisation name were stored before the rule existed."""
    Organisation.objects.filter(pk=initiative.pk).update(name=LEGACY_NAME)
    return NeedFactory(organisation=initiative, created_by=initiative_owner, title=LEGACY_TITLE)


def test_submit_and_approve_of_a_legacy_title_answer_and_mail(
    client, legacy_need, initiative_owner, editor, django_capture_on_commit_callbacks
):
    client.force_login(initiative_owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("marketplace:listing_action", args=["needs", legacy_need.pk, "submit"])
        )
    assert response.status_code == 302
    assert Need.objects.get(pk=legacy_need.pk).status == ListingStatus.SUBMITTED
    _assert_one_line_subjects()

    mail.outbox = []
    editor_client = Client()
    editor_client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    kind = selectors.listing_review_kind(legacy_need)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("marketplace_admin:approve", args=[kind, legacy_need.pk])
        )
    assert response.status_code == 302
    assert Need.objects.get(pk=legacy_need.pk).status == ListingStatus.PUBLISHED
    _assert_one_line_subjects()


def test_interest_in_a_legacy_need_answers_and_mails(
    client, legacy_need, company, company_owner, django_capture_on_commit_callbacks
):
    Need.objects.filter(pk=legacy_need.pk).update(status=ListingStatus.PUBLISHED)
    offer = OfferFactory(organisation=company, published=True, is_national=True)
    client.force_login(company_owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("marketplace:match_start"),
            {"need": legacy_need.pk, "offer": offer.pk, "proposal": "40 panelen", "timing": "",
             "question": ""},
        )
    assert response.status_code == 302
    assert Match.objects.get().status == "interested"
    _assert_one_line_subjects()


def test_a_contribution_to_a_legacy_need_answers_and_sends_the_receipt(
    client, stripe_server, legacy_need, initiative_owner, django_capture_on_commit_callbacks  # noqa: F811
):
    Need.objects.filter(pk=legacy_need.pk).update(status=ListingStatus.PUBLISHED)
    payment_services.funding_goal_set(need=legacy_need, actor=initiative_owner, goal_cents=100_000)
    url = reverse("payments:need_contribute", args=[legacy_need.slug])
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"amount": "25.00", "email": "gever@example.nl", "name": "Gerrit Gever",
             "attempt": uuid.uuid4().hex, "payment_method": stripe_server.token()},
            HTTP_ACCEPT="application/json",
        )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "succeeded"
    # The receipt (the initiative's members get their own notice of the contribution).
    [receipt] = [message for message in mail.outbox if message.to == ["gever@example.nl"]]
    _assert_one_line_subjects()
    assert "Zon & Wind Coöperatie" in receipt.subject


# Finding 10: images are limited by pixels as well as bytes ---------------------------------


def _png(size: tuple[int, int], mode: str = "1") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def hundred_megapixel_png() -> bytes:
    """A 10,000 × 10,000 one-bit PNG: about 12 KB on disk, 100 megapixels once decoded."""
    return _png((10_000, 10_000))


PILLOW_WARNS = pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")


@PILLOW_WARNS
def test_a_small_file_of_a_hundred_megapixels_is_refused(hundred_megapixel_png):
    assert len(hundred_megapixel_png) < 50_000
    with pytest.raises(ValidationError) as refused:
        validate_image_upload(SimpleUploadedFile("logo.png", hundred_megapixel_png, "image/png"))
    assert refused.value.code == "too_many_pixels"
    assert "10000 × 10000" in refused.value.messages[0]


def test_an_image_far_beyond_pillows_limit_is_refused_with_the_same_message():
    content = _png((20_000, 10_000))  # twice MAX_IMAGE_PIXELS: Pillow itself refuses to open it
    with pytest.raises(ValidationError) as refused:
        validate_image_upload(SimpleUploadedFile("logo.png", content, "image/png"))
    assert refused.value.code == "too_many_pixels"


def test_an_ordinary_photo_size_passes():
    validate_image_upload(SimpleUploadedFile("photo.png", _png((4000, 3000)), "image/png"))


def test_pillow_refuses_what_the_settings_say_everywhere():
    assert Image.MAX_IMAGE_PIXELS == settings.MAX_IMAGE_PIXELS
    assert settings.MAX_IMAGE_UPLOAD_PIXELS <= settings.MAX_IMAGE_PIXELS


@PILLOW_WARNS
def test_the_logo_service_refuses_the_pixel_bomb(company, company_owner, hundred_megapixel_png):
    with pytest.raises(ValidationError) as refused:
        services.organisation_update(
            organisation=company, actor=company_owner,
            logo=SimpleUploadedFile("logo.png", hundred_megapixel_png, "image/png"),
        )
    assert "logo" in refused.value.message_dict
    assert not Organisation.objects.get(pk=company.pk).logo


@PILLOW_WARNS
def test_the_offer_form_refuses_the_pixel_bomb(client, company, company_owner, hundred_megapixel_png):
    client.force_login(company_owner)
    with translation.override("en"):
        response = client.post(
            reverse("marketplace:offer_create"),
            {"title": "Buurtauto delen", "description": "Deelauto's voor de wijk",
             "offer_type": "service", "theme": Theme.objects.get(slug="energy").pk,
             "language": "nl", "is_national": "on",
             "image": SimpleUploadedFile("car.png", hundred_megapixel_png, "image/png")},
        )
    assert response.status_code == 200
    [error] = response.context["form"].errors.as_data()["image"]
    assert error.code == "too_many_pixels"
    assert not Offer.objects.exists()


# Finding 8 (first half): NUL and invalid UTF-8 in an address answer 400, never 500 -----------


@pytest.fixture
def hub_index():
    """The knowledge hub's index page under the site root (what /kennisbank/ serves)."""
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage, HubIndexPage

    locale = Locale.objects.get_or_create(language_code="nl")[0]
    home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Home", slug="home-nl", locale=locale)
    )
    Site.objects.update(root_page=home)
    return home.add_child(instance=HubIndexPage(title="Kennisbank", slug="kennisbank", locale=locale))


BAD_QUERIES = ["q=%00", "q=zon%00", "theme=%00&kind=guide", "q=%ff", "q=%c3%28", "page=%80"]


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_the_hub_search_answers_400_to_nul_and_invalid_utf8(client, hub_index, query):
    client.raise_request_exception = False
    response = client.get(f"/kennisbank/?{query}")
    assert response.status_code == 400
    assert "Dit verzoek kunnen we niet lezen" in response.content.decode()
    assert client.get("/kennisbank/?q=zon%C3%A9").status_code == 200


PAGES = ["/", "/en/", "/offers/", "/needs/", "/organisations/", "/search/", "/health",
         "/accounts/login/", "/no-such-page/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_400_to_a_nul_or_invalid_utf8_query(client, path):
    client.raise_request_exception = False
    for query in ("q=%00", "x=%ff", "%00=1"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, query, response.status_code)
        assert response.headers["Content-Security-Policy"]


def test_a_nul_in_the_path_answers_400_and_invalid_utf8_finds_no_page(client):
    client.raise_request_exception = False
    assert client.get("/offers/%00/").status_code == 400
    assert client.get("/offers/zon%00").status_code == 400
    # Invalid UTF-8 in a path Django escapes again itself (/offers/%FF/): it matches no page.
    assert Client().get("/offers/", PATH_INFO="/offers/\xff/").status_code == 404


def test_valid_utf8_and_ordinary_queries_still_work(client):
    for url in ["/offers/?q=caf%C3%A9", "/offers/?q=%E2%82%AC+50", "/offers/?q=zon+wind",
                "/search/?q=%F0%9F%9A%B2"]:
        assert client.get(url).status_code == 200, url


def test_the_interest_form_says_what_is_wrong_with_the_timing(
    client, company, company_owner, initiative
):
    need, offer = _published_pair(company, initiative)
    client.force_login(company_owner)
    with translation.override("en"):
        response = client.post(
            reverse("marketplace:match_start"),
            {"need": need.pk, "offer": offer.pk, "proposal": "40 panelen",
             "timing": "zomer\u200b", "question": ""},
            follow=True,
        )
    texts = [str(message) for message in response.context["messages"]]
    assert any("U+200B" in text for text in texts), texts
    assert not Match.objects.exists()
