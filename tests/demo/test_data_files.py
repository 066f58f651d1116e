"""A malformed demo data file fails with a message that names the file and the entry to fix."""

import shutil
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command

from demo import loader
from demo.hub import hub_seed
from demo.loader import DemoDataError, load_demo, load_hub
from marketplace.models import Organisation


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """A copy of the shipped data files that a test may spoil; the commands read it."""
    directory = tmp_path / "data"
    shutil.copytree(loader.DATA_DIR, directory)
    monkeypatch.setattr(loader, "DATA_DIR", directory)
    return directory


def spoil(directory: Path, name: str, old: str, new: str, *, count: int = 1) -> None:
    path = directory / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def error(load, directory: Path) -> str:
    with pytest.raises(DemoDataError) as caught:
        load(directory)
    return str(caught.value)


def test_the_shipped_files_load():
    data, hub = load_demo(), load_hub()
    assert len(data.organisations) >= 40 and len(hub.articles) >= 12
    assert {record.kind for record in data.organisations} == set(Organisation.Kind.values)


def test_invalid_yaml_names_the_file_and_line(data_dir):
    spoil(data_dir, "offers.yaml", "  offer_type: service\n", "  offer_type: [service\n")
    message = error(load_demo, data_dir)
    assert message.startswith(f"{data_dir / 'offers.yaml'}: not valid YAML")
    assert "line " in message


def test_a_missing_field_names_the_entry(data_dir):
    spoil(data_dir, "organisations.yaml", "  kvk_number: '90010002'\n", "")
    message = error(load_demo, data_dir)
    assert "organisations.yaml, line " in message
    assert "(organisation 'wijkwiel'): the field 'kvk_number' is missing." in message


def test_a_misspelt_field_is_refused_not_ignored(data_dir):
    spoil(data_dir, "organisations.yaml", "  is_verified: true\n  themes: [mobility]",
          "  is_verified: true\n  thema: [mobility]\n  themes: [mobility]")
    message = error(load_demo, data_dir)
    assert "(organisation 'wijkwiel'): unknown field(s) 'thema'" in message


def test_a_value_of_the_wrong_kind_is_named(data_dir):
    spoil(data_dir, "organisations.yaml", "kvk_number: '90010002'", "kvk_number: 90010002")
    assert "(organisation 'wijkwiel'): 'kvk_number' should be a text, not 90010002." in error(
        load_demo, data_dir
    )


def test_a_choice_outside_the_model_is_named(data_dir):
    spoil(data_dir, "organisations.yaml", "legal_form: bv", "legal_form: ltd")
    message = error(load_demo, data_dir)
    assert "(organisation 'zonnewende-energie'): 'legal_form' is 'ltd', which is not one of:" in (
        message
    )


def test_a_duplicate_key_in_a_mapping_is_refused(data_dir):
    spoil(data_dir, "organisations.yaml", "  kind: company\n", "  kind: company\n  kind: fund\n")
    message = error(load_demo, data_dir)
    assert "organisations.yaml: not valid YAML" in message and "duplicate key 'kind'" in message


def test_a_duplicate_kvk_number_names_both_entries(data_dir):
    spoil(data_dir, "organisations.yaml", "kvk_number: '90010002'", "kvk_number: '90010001'")
    message = error(load_demo, data_dir)
    assert "(organisation 'wijkwiel'): the KvK number '90010001' is used twice" in message
    assert "organisation 'zonnewende-energie'" in message


def test_a_placement_for_an_unknown_organisation_names_offer_and_placement(data_dir):
    spoil(data_dir, "offers.yaml", "{organisation: deltazon, language: nl, regions: [zeeland]}",
          "{organisation: deltazone, language: nl, regions: [zeeland]}")
    message = error(load_demo, data_dir)
    assert "offers.yaml, line 5, entry 1 (“Postcoderoosproject met SCE-subsidie in {region}”), " \
           "placement 3: 'organisation' is 'deltazone', which is not one of:" in message


def test_an_initiative_cannot_place_an_offer(data_dir):
    spoil(data_dir, "offers.yaml", "{organisation: deltazon, language: nl, regions: [zeeland]}",
          "{organisation: vechtstroom, language: nl, regions: [zeeland]}")
    assert "placement 3: 'vechtstroom' cannot publish this" in error(load_demo, data_dir)


def test_an_unknown_placeholder_is_found_before_seeding(data_dir):
    spoil(data_dir, "offers.yaml", "title: Postcoderoosproject met SCE-subsidie in {region}",
          "title: Postcoderoosproject met SCE-subsidie in {regio}")
    message = error(load_demo, data_dir)
    assert "entry 1 (“Postcoderoosproject met SCE-subsidie in {regio}”), placement 1: " \
           "the texts use {regio}, which is neither one of {city}, {provider}, {region}" in message


def test_a_rejected_placement_needs_a_reason(data_dir):
    spoil(data_dir, "needs.yaml", "    - {organisation: de-werkplaats, language: nl, state: submitted}",
          "    - {organisation: de-werkplaats, language: nl, state: rejected}")
    assert "the field 'reason' is missing." in error(load_demo, data_dir)


def test_an_unknown_block_type_names_the_article(data_dir):
    spoil(data_dir, "articles.yaml", "      - type: faq\n", "      - type: faqs\n")
    message = error(load_hub, data_dir)
    assert "articles.yaml, line " in message
    assert "(article 'energy-cooperative'), 'nl', block " in message
    assert "'type' is 'faqs', which is not one of: text, image" in message


@pytest.mark.django_db
def test_a_body_the_editor_would_refuse_names_the_article(data_dir):
    spoil(data_dir, "articles.yaml", "theme: energy, listing_type: ''",
          "theme: energie, listing_type: ''")
    with pytest.raises(DemoDataError, match=r"\(article 'energy-cooperative'\), 'nl': the body "
                                            r"is not valid: block 5"):
        hub_seed()


@pytest.mark.django_db
def test_the_command_reports_the_entry_and_writes_nothing(data_dir):
    spoil(data_dir, "offers.yaml", "- theme: energy\n  sdgs: [7, 11, 13]\n  offer_type: service",
          "- theme: energie\n  sdgs: [7, 11, 13]\n  offer_type: service")
    with pytest.raises(CommandError) as caught:
        call_command("seed_demo", stdout=StringIO())
    assert str(caught.value).startswith(
        f"{data_dir / 'offers.yaml'}, line 5, entry 1 (“Postcoderoosproject met SCE-subsidie in "
        "{region}”): unknown theme 'energie'; known: "
    )
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_a_mistake_in_an_article_leaves_the_marketplace_unseeded_too(data_dir):
    spoil(data_dir, "articles.yaml", "theme: energy, listing_type: ''",
          "theme: energie, listing_type: ''")
    with pytest.raises(CommandError, match=r"\(article 'energy-cooperative'\), 'nl': the body"):
        call_command("seed_demo", stdout=StringIO())
    assert not Organisation.objects.exists()


@pytest.mark.django_db
def test_a_refusal_by_the_services_names_the_entry(data_dir):
    spoil(data_dir, "organisations.yaml", "kvk_number: '90010002'", "kvk_number: '9001000X'")
    with pytest.raises(CommandError, match=r"organisations.yaml, line \d+, entry 2 \(organisation "
                                           r"'wijkwiel'\): refused by the marketplace: kvk_number: "):
        call_command("seed_demo", stdout=StringIO())
    assert not Organisation.objects.exists()
