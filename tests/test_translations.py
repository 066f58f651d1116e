"""The Dutch translation: complete, consistent with the source, compiled, and served."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
PO_PATH = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
# Top-level folders with no translatable source; the rest (config, templates, apps) is copied.
NOT_SOURCE = {
    "tests",
    "benchmarks",
    "locale",
    "docs",
    "static",
    "staticfiles",
    "media",
    "node_modules",
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text.replace("%%", "")))


def source_dirs() -> list[str]:
    """config, templates and every top-level Python package of the project (apps added later too)."""
    names = {"config", "templates"}
    for child in ROOT.iterdir():
        is_package = (child / "__init__.py").exists() or (child / "apps.py").exists()
        if is_package and not child.name.startswith(".") and child.name not in NOT_SOURCE:
            names.add(child.name)
    return sorted(name for name in names if (ROOT / name).is_dir())


def entry_key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


@pytest.fixture(scope="module")
def catalog() -> polib.POFile:
    assert PO_PATH.exists(), f"{PO_PATH} is missing: run `make messages` and translate it"
    return polib.pofile(str(PO_PATH))


def test_every_entry_is_translated_and_not_fuzzy(catalog):
    live = [entry for entry in catalog if not entry.obsolete]
    assert live, "the Dutch catalog is empty"
    untranslated = [
        entry.msgid for entry in live if not entry.translated() and "fuzzy" not in entry.flags
    ]
    fuzzy = [entry.msgid for entry in live if "fuzzy" in entry.flags]
    assert not (untranslated or fuzzy), (
        f"{len(untranslated)} untranslated: {untranslated[:20]}; "
        f"{len(fuzzy)} fuzzy (check each, then drop the flag): {fuzzy[:20]}"
    )


def test_placeholders_and_markup_survive_translation(catalog):
    wrong = []
    for entry in catalog:
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            pairs = [(entry.msgid, entry.msgstr_plural.get(0, ""))]
            pairs += [
                (entry.msgid_plural, text) for form, text in entry.msgstr_plural.items() if form
            ]
            if len(entry.msgstr_plural) != 2:
                wrong.append((entry.msgid, "needs exactly two plural forms (nplurals=2)"))
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, target in pairs:
            if placeholders(source) != placeholders(target):
                wrong.append((source, target))
            if re.findall(r"</?\w+", source) != re.findall(r"</?\w+", target):
                wrong.append((source, target))
    assert not wrong, wrong


def test_compiled_catalog_matches_the_po_file_and_loads(catalog):
    assert MO_PATH.exists(), "run `manage.py compilemessages -l nl --ignore=.venv`"
    compiled = {entry_key(entry): entry for entry in polib.mofile(str(MO_PATH))}
    stale = [
        entry.msgid
        for entry in catalog.translated_entries()
        if entry_key(entry) not in compiled
        or (entry.msgstr or entry.msgstr_plural)
        != (compiled[entry_key(entry)].msgstr or compiled[entry_key(entry)].msgstr_plural)
    ]
    assert not stale, (
        f"django.mo is older than django.po; run compilemessages. Differs: {stale[:10]}"
    )

    with translation.override("nl"):
        assert translation.gettext("Offers") == "Aanbod"
        assert translation.gettext("Needs") == "Behoeften"
        assert (
            translation.ngettext("%(counter)s need found", "%(counter)s needs found", 1)
            % {"counter": 1}
            == "1 behoefte gevonden"
        )
        assert (
            translation.ngettext("%(counter)s need found", "%(counter)s needs found", 3)
            % {"counter": 3}
            == "3 behoeften gevonden"
        )
    with translation.override("en"):
        assert translation.gettext("Offers") == "Offers"


@pytest.mark.skipif(
    not (shutil.which("xgettext") and shutil.which("msgfmt") and shutil.which("msguniq")),
    reason="GNU gettext (xgettext, msgfmt) is not installed: `apt-get install gettext`, as .ci/run does",
)
def test_catalog_holds_every_string_of_the_current_source(catalog, tmp_path):
    for name in source_dirs():
        shutil.copytree(
            ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    shutil.copy2(ROOT / "manage.py", tmp_path / "manage.py")
    (tmp_path / "locale").mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    result = subprocess.run(  # noqa: S603 - our own manage.py, run with this interpreter
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "nl",
            "--ignore=.venv",
            "--ignore=tests",
            "--ignore=benchmarks",
            "--no-obsolete",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    extracted = polib.pofile(str(tmp_path / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    committed = {entry_key(entry) for entry in catalog if not entry.obsolete}
    missing = [
        f"{entry.msgid!r} ({', '.join(f'{path}:{line}' for path, line in entry.occurrences[:2])})"
        for entry in extracted
        if entry_key(entry) not in committed
    ]
    assert not missing, (
        f"{len(missing)} strings are not in locale/nl/LC_MESSAGES/django.po; run `make messages`, "
        f"translate them and compile:\n" + "\n".join(missing[:30])
    )


@pytest.mark.django_db
def test_public_pages_speak_dutch_by_default_and_english_under_en(client):
    dutch = client.get("/offers/")
    assert dutch.status_code == 200
    html = dutch.content.decode()
    assert '<html lang="nl">' in html
    for word in ("Aanbod", "Behoeften", "Organisaties", "Aanbod filteren", "Inloggen"):
        assert word in html, word
    assert "Filter offers" not in html

    english = client.get("/en/offers/")
    assert english.status_code == 200
    html = english.content.decode()
    assert '<html lang="en">' in html
    for word in ("Offers", "Needs", "Organisations", "Filter offers", "Log in"):
        assert word in html, word
    assert "Aanbod filteren" not in html
