"""Exports (CSV/XLSX) of an organisation's data and the editors' data; bulk import of listings."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
import tablib

from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone, translation

from marketplace import listing_table, services
from marketplace.models import (
    SDG,
    Indicator,
    ListingStatus,
    Match,
    Need,
    Offer,
    OutcomeIndicator,
    OutcomeReport,
    Province,
    Theme,
)
from payments.models import Payment, PaymentPurpose, PaymentStatus
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    hub_editor,
)

pytestmark = pytest.mark.django_db
FUTURE = timezone.localdate() + datetime.timedelta(days=60)


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def _login(client, user):
    client.force_login(user)


def _export(client, what, fmt):
    response = client.get(reverse("marketplace:export_download", args=[what, fmt]))
    assert response.status_code == 200, response.status_code
    return response


def _csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def _xlsx(response) -> tablib.Dataset:
    return tablib.Dataset().load(response.content, format="xlsx")


@pytest.fixture
def initiative_world():
    initiative = InitiativeFactory(name="Dorpscoöperatie")
    member = MembershipFactory(organisation=initiative).user
    need = NeedFactory(
        organisation=initiative, published=True, title="Zonnepanelen dorpshuis",
        budget_min=Decimal("1000"), budget_max=Decimal("2500.5"), external_id="N-1",
    )
    need.sdgs.set(SDG.objects.filter(number__in=[7, 13]))
    NeedFactory(organisation=initiative, title="Draft need")
    company = OrganisationFactory(name="Solar BV")
    offer = OfferFactory(organisation=company, published=True, title="Panels at cost")
    match = Match.objects.create(need=need, offer=offer, status="fulfilled")
    report = OutcomeReport.objects.create(match=match, delivered="40 panels")
    OutcomeIndicator.objects.create(
        report=report, indicator=Indicator.KWH, value=Decimal("12000"), sdg=SDG.objects.get(number=7)
    )
    Payment.objects.create(
        purpose=PaymentPurpose.CONTRIBUTION, need=need, amount_cents=11_550, currency="eur",
        status=PaymentStatus.SUCCEEDED, payer_email="a@example.nl", payer_name="Anna",
        succeeded_at=timezone.now(),
    )
    stranger = MembershipFactory(organisation=InitiativeFactory(name="Elders")).user
    return {"initiative": initiative, "member": member, "need": need, "company": company,
            "stranger": stranger, "offer": offer}


# Exports ------------------------------------------------------------------------------------


def test_listings_export_csv_and_xlsx(client, initiative_world):
    _login(client, initiative_world["member"])
    response = _export(client, "listings", "csv")
    assert response["Content-Type"].startswith("text/csv")
    disposition = response["Content-Disposition"]
    slug = initiative_world["initiative"].slug
    assert disposition.startswith(f'attachment; filename="{slug}-listings-')
    assert disposition.endswith('.csv"')
    rows = {row["title"]: row for row in _csv(response)}
    assert set(rows) == {"Zonnepanelen dorpshuis", "Draft need"}
    published = rows["Zonnepanelen dorpshuis"]
    assert published["status"] == "published"
    assert published["sdgs"] == "7;13"
    assert published["budget_min"] == "1000.00"
    assert published["budget_max"] == "2500.50"
    assert published["deadline"] == initiative_world["need"].deadline.isoformat()
    assert published["external_id"] == "N-1"
    assert published["province"] == "utrecht"
    assert rows["Draft need"]["status"] == "draft"

    sheet = _xlsx(_export(client, "listings", "xlsx"))
    assert list(sheet.headers) == list(listing_table.COLUMNS)
    assert sorted(sheet["title"]) == ["Draft need", "Zonnepanelen dorpshuis"]


def test_matches_contributions_and_impact_exports(client, initiative_world):
    _login(client, initiative_world["member"])
    [match] = _csv(_export(client, "matches", "csv"))
    assert match["status"] == "fulfilled"
    assert match["offer_organisation"] == "Solar BV"
    [payment] = _csv(_export(client, "contributions", "csv"))
    assert payment["amount_eur"] == "115.50"
    assert payment["net_eur"] == "115.50"
    assert payment["contributor"] == "Anna"
    assert datetime.datetime.fromisoformat(payment["paid_at"])
    [impact] = _csv(_export(client, "impact", "csv"))
    assert (impact["sdg"], impact["indicator"], impact["value"]) == ("7", "kwh", "12000.00")
    sheet = _xlsx(_export(client, "impact", "xlsx"))
    assert sheet["indicator"] == ["kwh"]


def test_the_other_side_of_a_match_sees_it_but_not_the_other_listings(client, initiative_world):
    provider = MembershipFactory(organisation=initiative_world["company"]).user
    _login(client, provider)
    assert [row["need"] for row in _csv(_export(client, "matches", "csv"))] == [
        "Zonnepanelen dorpshuis"
    ]
    assert [row["title"] for row in _csv(_export(client, "listings", "csv"))] == ["Panels at cost"]


def test_another_organisation_sees_only_its_own_data(client, initiative_world):
    _login(client, initiative_world["stranger"])
    for what in ("listings", "matches", "contributions", "impact"):
        assert _csv(_export(client, what, "csv")) == []


def test_exports_need_an_organisation_or_editor_rights(client, initiative_world):
    url = reverse("marketplace:export_download", args=["listings", "csv"])
    assert client.get(url).status_code == 302  # to the log-in page
    _login(client, initiative_world["member"])
    for what in ("all-listings", "moderation-log"):
        assert client.get(reverse("marketplace:export_download", args=[what, "csv"])).status_code == 403
    assert client.get(reverse("marketplace:export_download", args=["nothing", "csv"])).status_code == 404
    assert client.get(reverse("marketplace:export_download", args=["listings", "pdf"])).status_code == 404
    client.force_login(hub_editor())
    assert client.get(url).status_code == 404  # an editor belongs to no organisation


def test_editor_exports_all_listings_and_the_moderation_log(client, initiative_world):
    owner = initiative_world["member"]
    draft = NeedFactory(organisation=initiative_world["initiative"], title="For review")
    services.listing_submit(listing=draft, actor=owner)
    client.force_login(hub_editor())
    rows = _csv(_export(client, "all-listings", "csv"))
    assert {row["title"] for row in rows} >= {"Zonnepanelen dorpshuis", "Panels at cost", "For review"}
    assert {row["organisation"] for row in rows} >= {
        initiative_world["initiative"].slug, initiative_world["company"].slug
    }
    log = _csv(_export(client, "moderation-log", "csv"))
    entry = next(row for row in log if row["listing"] == "For review" and row["to_status"] == "submitted")
    assert entry["actor"] == owner.email
    assert entry["from_status"] == "draft"
    sheet = _xlsx(_export(client, "moderation-log", "xlsx"))
    assert "submitted" in sheet["to_status"]


def test_export_page_lists_the_links(client, initiative_world):
    _login(client, initiative_world["member"])
    html = client.get(reverse("marketplace:export_index")).content.decode()
    assert reverse("marketplace:export_download", args=["impact", "xlsx"]) in html
    assert "moderation-log" not in html


# Import -------------------------------------------------------------------------------------


def _need_row(**changes) -> dict[str, str]:
    row = dict.fromkeys(listing_table.COLUMNS, "")
    row |= {
        "kind": "need", "title": "Laadpalen", "description": "Vier laadpalen bij de school.",
        "theme": "energy", "sdgs": "7", "language": "nl", "need_type": "money",
        "province": "utrecht", "municipality": "Houten", "budget_min": "500",
        "budget_max": "1500.25", "deadline": FUTURE.isoformat(),
    }
    return row | changes


def _file(rows: list[dict[str, str]], fmt: str = "csv") -> bytes:
    dataset = tablib.Dataset(headers=list(listing_table.COLUMNS))
    for row in rows:
        dataset.append([row[column] for column in listing_table.COLUMNS])
    exported = dataset.export(fmt)
    return exported.encode() if isinstance(exported, str) else exported


def _upload(client, content: bytes, name: str = "needs.csv", **extra):
    upload = io.BytesIO(content)
    upload.name = name
    return client.post(reverse("marketplace:listing_import"), {"file": upload, **extra})


def test_dry_run_shows_row_errors_and_saves_nothing(client, initiative_world):
    _login(client, initiative_world["member"])
    before = Need.objects.count()
    content = _file([
        _need_row(external_id="A"),
        _need_row(theme="weather"),
        _need_row(title=""),
        _need_row(deadline="31-12-2030"),
    ])
    response = _upload(client, content)
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [row.ok for row in rows] == [True, False, False, False]
    assert "weather" in " ".join(rows[1].errors)
    assert any(error.startswith("title") for error in rows[2].errors)
    assert rows[3].errors[0].startswith("deadline: “31-12-2030”")  # Dutch: "is geen datum"
    assert "JJJJ-MM-DD" in rows[3].errors[0]
    assert not response.context["importable"]
    assert Need.objects.count() == before
    # a confirm without a checked file imports nothing
    client.post(reverse("marketplace:listing_import"), {"confirm": "1"})
    assert Need.objects.count() == before


def test_import_creates_drafts_through_the_services_and_reimport_is_idempotent(
    client, initiative_world
):
    initiative = initiative_world["initiative"]
    _login(client, initiative_world["member"])
    content = _file([_need_row(external_id="A"), _need_row(external_id="B", title="Fietsen")],
                    fmt="xlsx")
    response = _upload(client, content, name="needs.xlsx")
    assert response.context["importable"]
    assert not Need.objects.filter(external_id__in=["A", "B"]).exists()  # the dry run
    response = client.post(reverse("marketplace:listing_import"), {"confirm": "1"})
    assert response.status_code == 302
    need = Need.objects.get(organisation=initiative, external_id="A")
    assert need.status == ListingStatus.DRAFT
    assert need.budget_max == Decimal("1500.25")
    assert need.transitions.filter(to_status="draft").count() == 1  # recorded by the service
    assert "listing_import" not in client.session

    # The same file again changes nothing; an edited row updates its listing.
    result = listing_table.listings_import(
        organisation=initiative, actor=initiative_world["member"],
        dataset=listing_table.dataset_load(content=content, format="xlsx"),
    )
    assert (len(result.created), len(result.updated), result.unchanged) == (0, 0, 2)
    edited = _file([_need_row(external_id="A", title="Laadpalen bij de school")])
    _upload(client, edited)
    client.post(reverse("marketplace:listing_import"), {"confirm": "1"})
    assert Need.objects.filter(organisation=initiative, external_id="A").count() == 1
    need.refresh_from_db()
    assert need.title == "Laadpalen bij de school"
    assert Need.objects.filter(organisation=initiative, external_id__in=["A", "B"]).count() == 2


def test_import_with_submit_sends_new_drafts_to_review(client, initiative_world):
    _login(client, initiative_world["member"])
    _upload(client, _file([_need_row(external_id="S")]), submit="on")
    client.post(reverse("marketplace:listing_import"), {"confirm": "1"})
    need = Need.objects.get(external_id="S")
    assert need.status in (ListingStatus.SUBMITTED, ListingStatus.PUBLISHED)


def test_import_refuses_the_other_kind(initiative_world):
    dataset = listing_table.dataset_load(content=_file([_need_row()]), format="csv")
    rows = listing_table.listing_rows_check(
        organisation=initiative_world["company"], dataset=dataset
    )
    assert not rows[0].ok


ROUND_TRIP_FIELDS = (
    "title", "description", "theme_id", "offer_type", "language", "is_national", "price_terms",
    "min_members", "eligible_legal_forms", "valid_until", "external_id",
)


def _offers_summary(organisation):
    return sorted(
        (tuple(getattr(item, name) for name in ROUND_TRIP_FIELDS),
         sorted(item.sdgs.values_list("number", flat=True)),
         sorted(item.regions.values_list("slug", flat=True)))
        for item in Offer.objects.filter(organisation=organisation)
    )


def test_import_round_trips_an_export(client, initiative_world):
    """Export a company's offers, import them into another company: the same fields."""
    source = initiative_world["company"]
    offer = OfferFactory(
        organisation=source, title="Deelauto's", is_national=False, price_terms="€ 5 per uur",
        min_members=10, eligible_legal_forms=["cooperatie_ua"], external_id="X-9",
    )
    offer.regions.set(Province.objects.filter(slug__in=["utrecht", "gelderland"]))
    offer.sdgs.set(SDG.objects.filter(number=11))
    exporter = MembershipFactory(organisation=source).user
    _login(client, exporter)
    for fmt in ("csv", "xlsx"):
        content = _export(client, "listings", fmt).content
        target = OrganisationFactory(name=f"Other {fmt}")
        importer = MembershipFactory(organisation=target).user
        client.force_login(importer)
        response = _upload(client, content, name=f"offers.{fmt}")
        assert response.context["importable"], [row.errors for row in response.context["rows"]]
        client.post(reverse("marketplace:listing_import"), {"confirm": "1"})
        assert _offers_summary(target) == _offers_summary(source)
        assert set(Offer.objects.filter(organisation=target).values_list("status", flat=True)) == {
            "draft"
        }
        client.force_login(exporter)


def test_template_has_the_export_columns(client, initiative_world):
    _login(client, initiative_world["member"])
    response = client.get(reverse("marketplace:import_template", args=["csv"]))
    assert response["Content-Disposition"] == 'attachment; filename="b2c-listings-template.csv"'
    assert next(csv.reader(io.StringIO(response.content.decode()))) == list(listing_table.COLUMNS)
    sheet = _xlsx(client.get(reverse("marketplace:import_template", args=["xlsx"])))
    assert list(sheet.headers) == list(listing_table.COLUMNS)


def test_management_command(tmp_path, initiative_world):
    path = tmp_path / "needs.csv"
    path.write_bytes(_file([_need_row(external_id="C1"), _need_row(external_id="C2", theme="x")]))
    slug, email = initiative_world["initiative"].slug, initiative_world["member"].email
    with pytest.raises(CommandError):
        call_command("import_listings", slug, str(path), "--actor", email, stdout=io.StringIO())
    assert not Need.objects.filter(external_id="C1").exists()
    path.write_bytes(_file([_need_row(external_id="C1")]))
    out = io.StringIO()
    call_command("import_listings", slug, str(path), "--actor", email, "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue()
    assert not Need.objects.filter(external_id="C1").exists()
    call_command("import_listings", slug, str(path), "--actor", email, "--submit", stdout=out)
    call_command("import_listings", slug, str(path), "--actor", email, stdout=out)
    need = Need.objects.get(external_id="C1")
    assert need.status != ListingStatus.DRAFT
    assert Theme.objects.get(slug="energy") == need.theme


def test_a_file_counts_once_against_the_import_limit_not_per_row(client, initiative_world, settings):
    # Rows of a file do not count against the single-listing limit: 3 rows with listing_create at 2/h.
    settings.RATE_LIMITS = {"listing_create": {"account": "2/h", "address": "100/h"},
                            "listing_import": {"account": "1/h"}}
    _login(client, initiative_world["member"])
    rows = [_need_row(external_id=f"R{n}", title=f"Need {n}") for n in range(3)]
    assert _upload(client, _file(rows)).context["importable"]
    response = client.post(reverse("marketplace:listing_import"), {"confirm": "1"})
    assert response.status_code == 302
    assert Need.objects.filter(external_id__startswith="R").count() == 3
    # A second file in the same hour is over the file limit: nothing of it is saved.
    more = [_need_row(external_id=f"S{n}", title=f"Need {n}") for n in range(2)]
    assert _upload(client, _file(more)).context["importable"]  # the dry run does not count
    response = client.post(reverse("marketplace:listing_import"), {"confirm": "1"})
    assert response.status_code == 429
    assert not Need.objects.filter(external_id__startswith="S").exists()


def test_exports_never_carry_a_formula_and_re_import_restores_the_text():
    import tablib

    from marketplace import listing_table

    dataset = tablib.Dataset(headers=["title", "kind"])
    dataset.append(["=HYPERLINK(\"http://example.org\")", "offer"])
    dataset.append(["-5 graden warmtepomp", "offer"])
    safe = listing_table.spreadsheet_safe(dataset)
    assert safe[0][0] == "'=HYPERLINK(\"http://example.org\")" and safe[1][0] == "'-5 graden warmtepomp"
    loaded = listing_table.dataset_load(content=safe.export("csv").encode(), format="csv")
    assert loaded[0][0] == "=HYPERLINK(\"http://example.org\")" and loaded[1][0] == "-5 graden warmtepomp"
