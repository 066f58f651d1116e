"""In real Chromium: an initiative imports its needs from a spreadsheet, fixing a bad row first."""

import datetime

import pytest
import tablib

from marketplace import listing_table
from marketplace.models import ListingStatus, Need
from tests.factories import PASSWORD, InitiativeFactory, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEADLINE = (datetime.date.today() + datetime.timedelta(days=90)).isoformat()


def _row(**changes: str) -> list[str]:
    row = dict.fromkeys(listing_table.COLUMNS, "") | {
        "kind": "need", "title": "Laadpalen bij de school", "description": "Vier laadpalen.",
        "theme": "energy", "sdgs": "7", "language": "nl", "need_type": "money",
        "province": "utrecht", "municipality": "Houten", "budget_min": "500",
        "budget_max": "1500", "deadline": DEADLINE,
    } | changes
    return [row[column] for column in listing_table.COLUMNS]


def _csv(tmp_path, name: str, rows: list[list[str]]):
    dataset = tablib.Dataset(*rows, headers=list(listing_table.COLUMNS))
    path = tmp_path / name
    path.write_text(dataset.export("csv"), encoding="utf-8")
    return path


def test_an_initiative_checks_fixes_and_imports_its_needs(page, tmp_path):
    member = MembershipFactory(organisation=InitiativeFactory(name="Dorpscoöperatie")).user
    bad = _csv(tmp_path, "vragen.csv", [
        _row(external_id="V-1"),
        _row(external_id="V-2", title="Repair café", theme="weer"),
    ])
    good = _csv(tmp_path, "vragen-verbeterd.csv", [
        _row(external_id="V-1"),
        _row(external_id="V-2", title="Repair café", theme="energy"),
    ])

    page.goto("/accounts/login/?next=/dashboard/import/")
    page.fill('input[name="username"]', member.email)
    page.fill('input[name="password"]', PASSWORD)
    page.locator('main form[action^="/accounts/login/"] button[type=submit]').click()
    page.wait_for_url("**/dashboard/import/")

    # The dry run names the bad row and saves nothing.
    page.get_by_label("Bestand (.csv of .xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Bestand controleren").click()
    checked = page.locator("section[aria-labelledby=check-title]")
    checked.wait_for()
    assert "OK: nieuw concept" in checked.locator("tr", has_text="V-1").inner_text()
    assert "weer" in checked.locator("tr", has_text="V-2").inner_text()
    assert "Er is niets opgeslagen" in checked.inner_text()
    assert checked.get_by_role("button").count() == 0
    assert not Need.objects.exists()

    # The corrected file passes; importing it makes two drafts.
    page.get_by_label("Bestand (.csv of .xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Bestand controleren").click()
    page.get_by_role("button", name="Deze 2 rijen importeren").click()
    page.wait_for_url("**/dashboard/")
    assert "2 nieuw" in page.locator("body").inner_text()
    needs = Need.objects.order_by("external_id")
    assert [(n.external_id, n.status) for n in needs] == [
        ("V-1", ListingStatus.DRAFT), ("V-2", ListingStatus.DRAFT)]

    # The same file again changes nothing.
    page.goto("/dashboard/import/")
    page.get_by_label("Bestand (.csv of .xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Bestand controleren").click()
    rows = page.locator("section[aria-labelledby=check-title] tbody tr")
    assert rows.count() == 2
    assert all("OK: ongewijzigd" in text for text in rows.all_inner_texts())
