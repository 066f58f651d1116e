"""Hostile and odd input through the forms and the browse pages: a clear form error or stored as typed.

Whatever people type into a title, a description or an organisation's name, the answer is either
the form again with an error beside the field (nothing saved), or a redirect with the text stored
exactly as typed (less surrounding whitespace, as Django's form fields strip it), and every page
showing it escapes it. Titles and names are single-line fields: no line breaks, tabs, control
characters, zero-width or text-direction characters (core.validators); descriptions keep their
line breaks and tabs. Marked `postgres` because PostgreSQL, unlike SQLite, refuses NUL characters
in text: on PostgreSQL a NUL that reached the database would be a 500. A NUL in a query string is
answered 400 before any page sees it.
"""

from __future__ import annotations

import contextlib
import datetime
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from marketplace import services
from marketplace.models import (
    DESCRIPTION_MAX_LENGTH,
    SDG,
    TITLE_MAX_LENGTH,
    Membership,
    Need,
    Offer,
    Organisation,
    Province,
    Theme,
)
from tests.factories import NeedFactory, OfferFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _dutch():
    """URLs below are the Dutch (unprefixed) ones, whatever an earlier request left active."""
    with translation.override("nl"):
        yield


User = get_user_model()
FUTURE = timezone.localdate() + datetime.timedelta(days=30)
NAME_MAX_LENGTH = 160

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE = [
    SCRIPT,
    IMG,
    "",
    "   ",
    " \t\r\n ",
    "x" * 100_000,
    "y" * (TITLE_MAX_LENGTH + 1),
    "\u200f\u202eevil.exe\u202c \u05e9\u05dc\u05d5\u05dd",  # RTL marks, Hebrew
    "Zon ☀️ en fietsen 🚲👩‍👩‍👧",
    "nul\x00byte",
    "bell\x07",
    "escape\x1b[31m",
    "delete\x7f",
    "tab\tnew\nline\r\nwindows",
    "'; DROP TABLE marketplace_offer; --",
    "{{ 7|add:7 }} {% debug %}",
    "&lt;already escaped&gt; &amp;",
    "</textarea><script>alert(1)</script>",
]
CONTROL = st.characters(codec="utf-8", categories=["Cc"])
# Zero-width, joiner, text-direction, byte-order, line/paragraph separator and tag characters.
INVISIBLE = (
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u2060\u2061\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f\ufeff\u061c\u180e"
    "\u115f\u1160\u3164\uffa0\ufff9\ufffa\ufffb"
)
FORMAT = st.sampled_from([*INVISIBLE, "\u2028", "\u2029", "\U000e0041", "\U000e007f"])
EMOJI = st.sampled_from(["👩", "👧", "🚲", "☀", "\ufe0f", "\U0001f3fd", "🏴"])
TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(max_size=200),
    st.text(st.one_of(CONTROL, st.sampled_from("<>\"'&a é")), max_size=40),
    st.text(st.one_of(FORMAT, EMOJI, st.sampled_from("<>&a é\n\t")), max_size=40),
    st.builds(lambda a, b, c: a + b + c, st.text(max_size=20), st.sampled_from(HOSTILE), st.text(max_size=20)),
)
SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@contextlib.contextmanager
def rolled_back() -> Iterator[None]:
    """Run one example in a savepoint that is rolled back, so examples do not see each other."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _emoji(char: str) -> bool:
    return unicodedata.category(char) == "So" or 0x1F000 <= ord(char) <= 0x1FAFF


def _hidden(text: str, index: int) -> bool:
    """An invisible character, unless it is the joiner of an emoji sequence or a flag's tag."""
    char = text[index]
    if char == "\u200d":
        before = index - 1
        while before >= 0 and (text[before] in "\ufe0e\ufe0f" or 0x1F3FB <= ord(text[before]) <= 0x1F3FF):
            before -= 1
        after = text[index + 1] if index + 1 < len(text) else ""
        return not (before >= 0 and _emoji(text[before]) and after and _emoji(after))
    if 0xE0000 <= ord(char) <= 0xE007F:
        start = index
        while start > 0 and 0xE0020 <= ord(text[start - 1]) <= 0xE007E:
            start -= 1
        return not (ord(char) >= 0xE0020 and start > 0 and text[start - 1] == "🏴")
    return char in INVISIBLE or unicodedata.category(char) == "Cs"


def plain_text_ok(
    value: str, max_length: int, *, required: bool = True, single_line: bool = False
) -> bool:
    """What the forms accept: not blank (when required), not too long, no control characters
    (line breaks and tabs only in multi-line text), nothing invisible (zero-width, bidi)."""
    text = value.strip()
    if required and not text:
        return False
    allowed = "" if single_line else "\n\r\t"
    control = any(
        (unicodedata.category(ch) == "Cc" and ch not in allowed)
        or (single_line and ch in "\u2028\u2029")
        for ch in text
    )
    hidden = any(_hidden(text, index) for index in range(len(text)))
    return len(text) <= max_length and not control and not hidden


def assert_shown_escaped(html: str, text: str) -> None:
    """Every line of `text` is on the page, HTML-escaped; markup from it never appears raw."""
    for line in re.split(r"\r\n|\r|\n", text):
        if line.strip():
            assert escape(line) in html, line[:80]
    assert_no_raw_markup(html, text)


def assert_no_raw_markup(html: str, text: str) -> None:
    if "<" in text or ">" in text:
        for line in re.split(r"\r\n|\r|\n", text):
            # Only lines that would form a tag if left raw; a lone "<" appears in any page.
            if re.search(r"<[A-Za-z/!?]", line):
                assert line not in html, line[:80]
    assert SCRIPT not in html or SCRIPT not in text
    assert "<img src=x" not in html


def assert_form_error(response: Any, fields: set[str]) -> None:
    """The form came back (200) with an error beside each of `fields`, and only there."""
    assert response.status_code == 200
    form = response.context["form"]
    assert fields <= set(form.errors), (fields, form.errors)
    html = response.content.decode()
    for name in fields:
        for message in form.errors[name]:
            assert escape(message) in html, message


def m2m_rows() -> tuple[int, int, int]:
    return (
        Offer.sdgs.through.objects.count(),
        Offer.regions.through.objects.count(),
        Need.sdgs.through.objects.count(),
    )


# Offers and needs --------------------------------------------------------------------------


def offer_data(title: str, description: str) -> dict[str, Any]:
    return {
        "title": title,
        "description": description,
        "theme": Theme.objects.get(slug="mobility").pk,
        "offer_type": "service",
        "sdgs": [SDG.objects.get(number=11).pk, SDG.objects.get(number=12).pk],
        "language": "en",
        "regions": [Province.objects.get(slug="friesland").pk],
        "valid_until": FUTURE.isoformat(),
    }


def need_data(title: str, description: str) -> dict[str, Any]:
    return {
        "title": title,
        "description": description,
        "theme": Theme.objects.get(slug="energy").pk,
        "need_type": "money",
        "sdgs": [SDG.objects.get(number=7).pk],
        "language": "nl",
        "deadline": FUTURE.isoformat(),
        "municipality": "Utrecht",
        "province": Province.objects.get(slug="utrecht").pk,
    }


LISTINGS = {
    "offers": (Offer, offer_data, "offer_create", "offer_manage", "offer_detail"),
    "needs": (Need, need_data, "need_create", "need_manage", "need_detail"),
}


def check_listing_form(kind: str, owner: Any, editor: Any, title: str, description: str) -> None:
    model, data, create, manage, detail = LISTINGS[kind]
    client = Client()
    client.force_login(owner)
    count, links = model.objects.count(), m2m_rows()

    response = client.post(reverse(f"marketplace:{create}"), data(title, description))

    title_ok = plain_text_ok(title, TITLE_MAX_LENGTH, single_line=True)
    description_ok = plain_text_ok(description, DESCRIPTION_MAX_LENGTH)
    if not (title_ok and description_ok):
        bad = {name for name, ok in (("title", title_ok), ("description", description_ok)) if not ok}
        assert_form_error(response, bad)
        assert model.objects.count() == count
        assert m2m_rows() == links
        html = response.content.decode()
        assert_no_raw_markup(html, title)
        assert_no_raw_markup(html, description)
        return

    assert response.status_code == 302, response.context["form"].errors
    assert model.objects.count() == count + 1
    listing = model.objects.latest("pk")
    assert response.url == reverse(f"marketplace:{manage}", args=[listing.pk])
    assert listing.title == title.strip()
    assert listing.description == description.strip()
    sent = data(title, description)
    assert sorted(listing.sdgs.values_list("pk", flat=True)) == sorted(sent["sdgs"])
    if kind == "offers":
        assert list(listing.regions.values_list("pk", flat=True)) == sent["regions"]
    assert sum(m2m_rows()) == sum(links) + len(sent["sdgs"]) + len(sent.get("regions", []))

    page = client.get(response.url)
    assert page.status_code == 200
    assert_shown_escaped(page.content.decode(), listing.title)

    services.listing_submit(listing=listing, actor=owner)
    services.listing_approve(listing=listing, actor=editor)
    public = Client().get(reverse(f"marketplace:{detail}", args=[listing.slug]))
    assert public.status_code == 200
    html = public.content.decode()
    assert_shown_escaped(html, listing.title)
    assert_shown_escaped(html, listing.description)


@SETTINGS
@given(title=TEXT, description=TEXT)
@example(title=SCRIPT, description=IMG)
@example(title="Bike repair", description="a" * 100_000)
@example(title="Nul\x00", description="Fine")
@example(title="Fine", description="Nul\x00 in the description")
def test_offer_form_stores_as_typed_or_refuses_clearly(company_owner, editor, title, description):
    with rolled_back():
        check_listing_form("offers", company_owner, editor, title, description)


@SETTINGS
@given(title=TEXT, description=TEXT)
@example(title=IMG, description=SCRIPT)
@example(title="\u202eRTL\u202c 🌻", description="x" * DESCRIPTION_MAX_LENGTH)
@example(title="Nul\x00", description="Nul\x00")
def test_need_form_stores_as_typed_or_refuses_clearly(initiative_owner, editor, title, description):
    with rolled_back():
        check_listing_form("needs", initiative_owner, editor, title, description)


@pytest.mark.parametrize("kind", ["offers", "needs"])
def test_nul_characters_get_a_clear_error(kind, company_owner, initiative_owner):
    model, data, create, _manage, _detail = LISTINGS[kind]
    client = Client()
    client.force_login(company_owner if kind == "offers" else initiative_owner)
    response = client.post(reverse(f"marketplace:{create}"), data("A\x00B", "C\x00D"))
    assert_form_error(response, {"title", "description"})
    assert not model.objects.exists()


def test_edit_form_keeps_the_old_text_when_the_new_one_is_refused(client, company, company_owner):
    offer = OfferFactory(organisation=company, title="Original", description="Original text")
    client.force_login(company_owner)
    response = client.post(
        reverse("marketplace:offer_edit", args=[offer.pk]), offer_data(SCRIPT + "\x00", "")
    )
    assert_form_error(response, {"title", "description"})
    offer.refresh_from_db()
    assert (offer.title, offer.description) == ("Original", "Original text")
    assert SCRIPT not in response.content.decode()


def test_reasons_and_notes_are_escaped_on_the_manage_page(client, initiative, initiative_owner, editor):
    need = NeedFactory(organisation=initiative, created_by=initiative_owner)
    services.listing_submit(listing=need, actor=initiative_owner)
    services.listing_reject(listing=need, actor=editor, reason=IMG + "\n" + SCRIPT)
    client.force_login(initiative_owner)
    html = client.get(reverse("marketplace:need_manage", args=[need.pk])).content.decode()
    assert escape(IMG) in html
    assert escape(SCRIPT) in html
    assert SCRIPT not in html
    assert "<img src=x" not in html


# Organisations -----------------------------------------------------------------------------


def signup_data(name: str) -> dict[str, Any]:
    return {
        "side": "initiative",
        "first_name": "Anna",
        "last_name": "de Vries",
        "email": "anna@example.nl",
        "password1": "Wind-mills-4-the-village",
        "password2": "Wind-mills-4-the-village",
        "name": name,
        "legal_form": "cooperatie_ua",
        "kvk_number": "87654321",
        "province": Province.objects.get(slug="friesland").pk,
        "municipality": "Leeuwarden",
        "initiative_kind": "energy_coop",
        "member_count": "85",
    }


@SETTINGS
@given(name=TEXT)
@example(name=SCRIPT)
@example(name=IMG)
@example(name="n" * 100_000)
@example(name="Coöperatie\x00")
def test_signup_with_hostile_organisation_names(db, name):
    with rolled_back():
        counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count())
        response = Client().post(reverse("signup"), signup_data(name))
        if not plain_text_ok(name, NAME_MAX_LENGTH, single_line=True):
            assert_form_error(response, {"name"})
            assert (User.objects.count(), Organisation.objects.count(), Membership.objects.count()) == counts
            assert_no_raw_markup(response.content.decode(), name)
            return
        assert response.status_code == 302, response.context["form"].errors
        organisation = Organisation.objects.get(memberships__user__email="anna@example.nl")
        assert organisation.name == name.strip()
        assert (User.objects.count(), Organisation.objects.count(), Membership.objects.count()) == (
            counts[0] + 1,
            counts[1] + 1,
            counts[2] + 1,
        )
        page = Client().get(reverse("marketplace:organisation_detail", args=[organisation.slug]))
        assert page.status_code == 200
        assert_shown_escaped(page.content.decode(), organisation.name)


@SETTINGS
@given(name=TEXT, description=TEXT)
@example(name=SCRIPT, description=IMG)
@example(name="Fine BV", description="d" * 100_000)
@example(name="Nul\x00", description="Nul\x00")
def test_organisation_edit_with_hostile_text(company, company_owner, name, description):
    with rolled_back():
        client = Client()
        client.force_login(company_owner)
        before = Organisation.objects.filter(pk=company.pk).values("name", "description").get()
        response = client.post(
            reverse("marketplace:organisation_edit"),
            {
                "name": name,
                "legal_form": company.legal_form,
                "kvk_number": company.kvk_number,
                "description": description,
                "municipality": "Utrecht",
                "province": company.province_id,
                "themes": [Theme.objects.get(slug="energy").pk],
            },
        )
        name_ok = plain_text_ok(name, NAME_MAX_LENGTH, single_line=True)
        description_ok = plain_text_ok(description, DESCRIPTION_MAX_LENGTH, required=False)
        company.refresh_from_db()
        if not (name_ok and description_ok):
            bad = {f for f, ok in (("name", name_ok), ("description", description_ok)) if not ok}
            assert_form_error(response, bad)
            assert Organisation.objects.filter(pk=company.pk).values("name", "description").get() == before
            assert not company.themes.exists()
            return
        assert response.status_code == 302, response.context["form"].errors
        assert (company.name, company.description) == (name.strip(), description.strip())
        assert list(company.themes.values_list("slug", flat=True)) == ["energy"]
        # The profile text is public once verified (tests/security/test_unverified_profiles.py).
        Organisation.objects.filter(pk=company.pk).update(is_verified=True)
        page = Client().get(reverse("marketplace:organisation_detail", args=[company.slug]))
        html = page.content.decode()
        assert_shown_escaped(html, company.name)
        assert_shown_escaped(html, company.description)


# Browse pages ------------------------------------------------------------------------------

BROWSE_PAGES = ["marketplace:offer_list", "marketplace:need_list", "marketplace:organisation_list"]


def expected_status(params: dict[str, str]) -> int:
    """A NUL anywhere in the query string is refused (400) before the page; the rest shows."""
    return 400 if any("\x00" in key + value for key, value in params.items()) else 200


@pytest.mark.parametrize(
    "params",
    [
        {"q": "zon" * 3334},
        {"sdg": "abc"},
        {"sdg": "-1"},
        {"sdg": "9" * 40},
        {"province": SCRIPT},
        {"province": "utrecht\x00"},
        {"theme": "\x00"},
        {"q": "\x00"},
        {"q": IMG, "page": "\x00"},
        {"page": "9" * 40},
        {"type": SCRIPT, "kind": IMG, "language": "\u202e"},
    ],
)
def test_browse_pages_survive_odd_filters(client, company, params):
    OfferFactory(organisation=company, published=True, title="Still listed")
    for name in BROWSE_PAGES:
        response = client.get(reverse(name), params)
        assert response.status_code == expected_status(params), (name, params)
        html = response.content.decode()
        for value in params.values():
            assert_no_raw_markup(html, value)


@SETTINGS
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "sdg", "province", "theme", "type", "kind", "language", "page"]),
        TEXT,
        max_size=4,
    )
)
def test_browse_pages_never_fail(db, params):
    client = Client()
    for name in BROWSE_PAGES:
        response = client.get(reverse(name), params)
        assert response.status_code == expected_status(params), (name, params)
        html = response.content.decode()
        for value in params.values():
            assert_no_raw_markup(html, value)


# Where to go back to -----------------------------------------------------------------------


@pytest.mark.parametrize("back", ["no-such-view", "https://evil.example/", "//evil.example/x"])
def test_match_start_never_sends_people_somewhere_odd(client, company, initiative_owner, back):
    offer = OfferFactory(organisation=company, published=True)
    client.force_login(initiative_owner)
    response = client.post(
        reverse("marketplace:match_start"), {"offer": offer.pk, "need": "", "back": back}
    )
    assert response.status_code == 302
    assert response.url == reverse("marketplace:dashboard")


def test_match_start_goes_back_to_a_page_of_the_site(client, company, initiative_owner):
    offer = OfferFactory(organisation=company, published=True)
    client.force_login(initiative_owner)
    back = reverse("marketplace:offer_detail", args=[offer.slug])
    response = client.post(
        reverse("marketplace:match_start"), {"offer": offer.pk, "need": "", "back": back}
    )
    assert response.url == back
