"""Reads the demo data files (`demo/data/*.yaml`) into checked, frozen records.

Every record remembers where it came from (`where`: file, line and entry), so that a mistake in
a data file, found here or later while seeding, is reported with the file and the entry to fix.
The format of each file is described in docs/demo.md.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

import yaml

from django.conf import settings

from cms.blocks import BodyBlock
from cms.models import ArticlePage
from marketplace.models import (
    CloseReason,
    InitiativeKind,
    LegalForm,
    ListingStatus,
    Need,
    Offer,
    Organisation,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGUAGES = ("nl", "en")
NATIONAL = "national"

# The placeholders the seeder fills in, per kind of listing (more come from "vars").
OFFER_PLACEHOLDERS = frozenset({"provider", "city", "region"})
NEED_PLACEHOLDERS = frozenset({"initiative", "place", "members"})


class DemoError(Exception):
    """The demo cannot be seeded; the message says why."""


class DemoDataError(DemoError):
    """A data file is malformed; the message names the file and the entry."""


# Records ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """Somebody with an account; only people with `can_log_in` get the demo password."""

    email: str
    first_name: str
    last_name: str
    can_log_in: bool = True


@dataclass(frozen=True)
class People:
    """people.yaml: the demo password, the owners' e-mail domain and the two staff logins."""

    password: str
    email_domain: str
    editor: Person
    administrator: Person


@dataclass(frozen=True)
class Place:
    """A town or village of places.yaml."""

    province: str
    latitude: Decimal
    longitude: Decimal


@dataclass(frozen=True)
class OrganisationRecord:
    """One entry of organisations.yaml."""

    where: str
    key: str
    kind: str
    name: str
    legal_form: str
    kvk_number: str
    municipality: str
    place: str
    is_verified: bool
    themes: tuple[str, ...]
    sdgs: tuple[int, ...]
    owner: Person
    description: str
    initiative_kind: str = ""
    member_count: int | None = None


@dataclass(frozen=True)
class Placement:
    """Who publishes a listing text, in which language, where and in which state."""

    where: str
    organisation: str
    language: str
    state: str
    reason: str
    close_reason: str
    days: int | None  # valid_days (offers) or deadline_days (needs), from today
    vars: dict[str, Any] = field(default_factory=dict)
    regions: tuple[str, ...] | None = None  # offers: province slugs; None means nationwide


@dataclass(frozen=True)
class OfferRecord:
    """One entry of offers.yaml: a text in both languages and its placements."""

    where: str
    theme: str
    sdgs: tuple[int, ...]
    offer_type: str
    eligible_legal_forms: tuple[str, ...]
    eligible_initiative_kinds: tuple[str, ...]
    min_members: int | None
    texts: dict[str, dict[str, str]]
    placements: tuple[Placement, ...]


@dataclass(frozen=True)
class NeedRecord:
    """One entry of needs.yaml: a text in both languages and its placements."""

    where: str
    theme: str
    sdgs: tuple[int, ...]
    need_type: str
    budget_min: Decimal | None
    budget_max: Decimal | None
    texts: dict[str, dict[str, str]]
    placements: tuple[Placement, ...]


@dataclass(frozen=True)
class DemoData:
    """The marketplace part of the demo: people, places, organisations, offers and needs."""

    people: People
    places: dict[str, Place]
    organisations: tuple[OrganisationRecord, ...]
    offers: tuple[OfferRecord, ...]
    needs: tuple[NeedRecord, ...]

    @property
    def owner_logins(self) -> tuple[OrganisationRecord, ...]:
        """The organisations whose owner is a demo login, in file order."""
        return tuple(data for data in self.organisations if data.owner.can_log_in)


@dataclass(frozen=True)
class PageText:
    """A page's slug, title and introduction in one language."""

    slug: str
    title: str
    intro: str


@dataclass(frozen=True)
class StandardPageRecord:
    """One standard page of hub.yaml (about, terms, ...), in both languages."""

    where: str
    key: str
    texts: dict[str, PageText]


@dataclass(frozen=True)
class ArticleText:
    """An article in one language; `body` is the StreamField as a list of {type, value}."""

    title: str
    intro: str
    body: list[dict[str, Any]]


@dataclass(frozen=True)
class ArticleRecord:
    """One entry of articles.yaml, in both languages."""

    where: str
    slug: str
    kind: str
    themes: tuple[str, ...]
    sdgs: tuple[int, ...]
    texts: dict[str, ArticleText]


@dataclass(frozen=True)
class HubData:
    """The knowledge hub: hub.yaml (home, hub index, standard pages) and articles.yaml."""

    home: dict[str, PageText]
    hub: dict[str, PageText]
    standard_pages: tuple[StandardPageRecord, ...]
    articles: tuple[ArticleRecord, ...]


# Reading YAML with line numbers -------------------------------------------------------------


class _Mapping(dict):
    """A YAML mapping that knows the line it starts on."""

    line = 0


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML's safe loader (libyaml's when present, much faster); mappings remember
    their line and refuse duplicate keys."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _Mapping:
    loader.flatten_mapping(node)
    mapping = _Mapping()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path)


def _read(path: Path, expected: type) -> Any:
    """The parsed content of one data file, which must be a list or a mapping."""
    name = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DemoDataError(f"{name}: cannot read the file ({exc.strerror}).") from exc
    try:
        content = yaml.load(text, Loader=_Loader)  # noqa: S506 (a safe loader, see _Loader)
    except yaml.YAMLError as exc:
        raise DemoDataError(f"{name}: not valid YAML: {exc}") from exc
    if not isinstance(content, expected):
        what = "a list of entries" if expected is list else "a mapping"
        raise DemoDataError(f"{name}: the file should hold {what}, not {_kind(content)}.")
    return content


_TYPE_NAMES = {
    bool: "true or false", int: "a whole number", float: "a number", str: "a text",
    list: "a list", dict: "a mapping", _Mapping: "a mapping", type(None): "nothing",
}


def _kind(value: Any) -> str:
    """What a parsed YAML value is, in words."""
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _some(choices: list, shown: int = 12) -> str:
    """The allowed values, the first dozen of a long list."""
    text = ", ".join(str(choice) for choice in choices[:shown])
    return text + (f", … ({len(choices)} in all)" if len(choices) > shown else "")


class _Entry:
    """One mapping of a data file, read field by field; every complaint names file and entry."""

    def __init__(self, raw: Any, where: str) -> None:
        self.where = where
        if not isinstance(raw, dict):
            self.fail(f"expected a mapping of fields, found {_kind(raw)}")
        self.raw: dict = raw
        self.read: set[str] = set()

    def fail(self, message: str) -> NoReturn:
        raise DemoDataError(f"{self.where}: {message}.")

    def value(self, name: str, kinds: type | tuple[type, ...], *, required: bool = True,
              default: Any = None, choices: Iterable | None = None) -> Any:
        self.read.add(name)
        if name not in self.raw:
            if required:
                self.fail(f"the field {name!r} is missing")
            return default
        value = self.raw[name]
        kinds = kinds if isinstance(kinds, tuple) else (kinds,)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            wanted = " or ".join(_TYPE_NAMES[kind] for kind in kinds)
            self.fail(f"{name!r} should be {wanted}, not {value!r}")
        if choices is not None and value not in (allowed := list(choices)):
            self.fail(f"{name!r} is {value!r}, which is not one of: {_some(allowed)}")
        return value

    def text(self, name: str, *, required: bool = True) -> str:
        value = self.value(name, str, required=required, default="")
        if required and not value.strip():
            self.fail(f"{name!r} is empty")
        return value

    def number(self, name: str, *, required: bool = True, nullable: bool = False) -> int | None:
        return self.value(name, (int, type(None)) if nullable else int, required=required)

    def items(self, name: str, kind: type, *, required: bool = True,
              choices: Iterable | None = None) -> tuple:
        values = self.value(name, list, required=required, default=[])
        allowed = None if choices is None else list(choices)
        for value in values:
            if not isinstance(value, kind) or isinstance(value, bool):
                self.fail(f"every item of {name!r} should be {_TYPE_NAMES[kind]}, not {value!r}")
            if allowed is not None and value not in allowed:
                self.fail(f"{name!r} holds {value!r}, which is not one of: {_some(allowed)}")
        return tuple(values)

    def entry(self, name: str, *, required: bool = True) -> _Entry | None:
        value = self.value(name, dict, required=required)
        return None if value is None else _Entry(value, f"{self.where}, {name!r}")

    def done(self) -> None:
        unknown = [str(name) for name in self.raw if name not in self.read]
        if unknown:
            self.fail(f"unknown field(s) {', '.join(map(repr, unknown))}; the fields are: "
                      + ", ".join(sorted(self.read)))


def _entries(path: Path, label: Any) -> list[_Entry]:
    """The entries of a file holding a list of mappings, each named for error messages."""
    entries = []
    for number, raw in enumerate(_read(path, list), start=1):
        line = getattr(raw, "line", 0)
        name = label(raw) if isinstance(raw, dict) else None
        entries.append(_Entry(raw, f"{_display(path)}, line {line}, entry {number}"
                                   + (f" ({name})" if name else "")))
    return entries


def _named(what: str, name: Any) -> str | None:
    return f"{what} {name!r}" if isinstance(name, str) else None


def _unique(records: Iterable, attribute: str, what: str) -> None:
    seen: dict[Any, str] = {}
    for record in records:
        value = getattr(record, attribute)
        if value in seen:
            raise DemoDataError(f"{record.where}: {what} {value!r} is used twice "
                                f"(also by {seen[value]}).")
        seen[value] = record.where


# The marketplace files -----------------------------------------------------------------------


def load_demo(directory: Path | None = None) -> DemoData:
    """Read and check people, places, organisations, offers and needs (from DATA_DIR)."""
    directory = directory or DATA_DIR
    people = _people(directory / "people.yaml")
    places = _places(directory / "places.yaml")
    organisations = _organisations(directory / "organisations.yaml", people=people, places=places)
    by_key = {data.key: data for data in organisations}
    offers = tuple(
        _offer(entry, organisations=by_key)
        for entry in _entries(directory / "offers.yaml", _listing_label)
    )
    needs = tuple(
        _need(entry, organisations=by_key)
        for entry in _entries(directory / "needs.yaml", _listing_label)
    )
    return DemoData(people=people, places=places, organisations=organisations, offers=offers,
                    needs=needs)


def _person(entry: _Entry, *, email_required: bool = True) -> Person:
    email = entry.text("email", required=email_required)
    person = Person(email=email, first_name=entry.text("first_name"),
                    last_name=entry.text("last_name"), can_log_in=bool(email))
    entry.done()
    return person


def _people(path: Path) -> People:
    entry = _Entry(_read(path, dict), _display(path))
    people = People(
        password=entry.text("password"),
        email_domain=entry.text("email_domain"),
        editor=_person(entry.entry("editor")),
        administrator=_person(entry.entry("administrator")),
    )
    entry.done()
    return people


def _places(path: Path) -> dict[str, Place]:
    places = {}
    for name, raw in _read(path, dict).items():
        entry = _Entry(raw, f"{_display(path)}, line {getattr(raw, 'line', 0)} ({name})")
        latitude = entry.value("latitude", (int, float))
        longitude = entry.value("longitude", (int, float))
        places[str(name)] = Place(
            province=entry.text("province"),
            latitude=Decimal(str(latitude)),
            longitude=Decimal(str(longitude)),
        )
        entry.done()
    return places


def _organisations(path: Path, *, people: People, places: dict[str, Place]
                   ) -> tuple[OrganisationRecord, ...]:
    records = []
    for entry in _entries(path, lambda raw: _named("organisation", raw.get("key"))):
        key = entry.text("key")
        kind = entry.value("kind", str, choices=Organisation.Kind.values)
        initiative = kind == Organisation.Kind.INITIATIVE
        owner_entry = entry.entry("owner")
        owner = _person(owner_entry, email_required=False)
        if not owner.can_log_in:
            owner = Person(email=f"owner-{key}@{people.email_domain}",
                           first_name=owner.first_name, last_name=owner.last_name,
                           can_log_in=False)
        record = OrganisationRecord(
            where=entry.where,
            key=key,
            kind=kind,
            name=entry.text("name"),
            legal_form=entry.value("legal_form", str, choices=LegalForm.values),
            kvk_number=str(entry.text("kvk_number")),
            municipality=entry.value("municipality", str, choices=places),
            place=entry.value("place", str, required=False, choices=places)
            or entry.raw["municipality"],
            is_verified=entry.value("is_verified", bool),
            themes=entry.items("themes", str),
            sdgs=entry.items("sdgs", int),
            owner=owner,
            description=entry.text("description"),
            initiative_kind=entry.value("initiative_kind", str, required=initiative,
                                        default="", choices=InitiativeKind.values),
            member_count=entry.number("member_count", required=initiative),
        )
        if not initiative and ("initiative_kind" in entry.raw or "member_count" in entry.raw):
            entry.fail("only initiatives have an 'initiative_kind' and a 'member_count'")
        if places[record.place].province != places[record.municipality].province:
            entry.fail(f"the place {record.place!r} is not in the province of the "
                       f"municipality {record.municipality!r}")
        entry.done()
        records.append(record)
    _unique(records, "key", "the key")
    _unique(records, "kvk_number", "the KvK number")
    return tuple(records)


def _listing_label(raw: dict) -> str | None:
    text = raw.get("nl")
    title = text.get("title") if isinstance(text, dict) else None
    return f"“{title}”" if isinstance(title, str) else None


def _texts(entry: _Entry, *, fields: dict[str, bool]) -> dict[str, dict[str, str]]:
    """The entry's text per language (required fields map to True)."""
    texts = {}
    for language in LANGUAGES:
        text_entry = entry.entry(language)
        texts[language] = {
            name: text_entry.text(name, required=required) for name, required in fields.items()
        }
        text_entry.done()
        for name, value in texts[language].items():
            try:
                list(string.Formatter().parse(value))
            except ValueError as exc:
                text_entry.fail(f"{name!r} has a broken placeholder ({exc}); write {{{{ and }}}} "
                                "for a literal brace")
    return texts


def _vars(entry: _Entry) -> dict[str, Any]:
    values = entry.value("vars", dict, required=False, default={})
    for name, value in values.items():
        if not isinstance(name, str) or not isinstance(value, (str, int)):
            entry.fail(f"'vars' should map names to texts or numbers, not {name!r}: {value!r}")
    return dict(values)


def _placements(entry: _Entry, *, offers: bool, organisations: dict[str, OrganisationRecord],
                days_field: str, template_vars: dict[str, Any]) -> tuple[Placement, ...]:
    raw_placements = entry.value("placements", list)
    if not raw_placements:
        entry.fail("'placements' is empty: nobody publishes this text")
    placements = []
    default_days = entry.raw.get(days_field)
    for number, raw in enumerate(raw_placements, start=1):
        item = _Entry(raw, f"{entry.where}, placement {number}")
        key = item.value("organisation", str, choices=organisations)
        if (organisations[key].kind == Organisation.Kind.INITIATIVE) == offers:
            item.fail(f"{key!r} cannot publish this: offers come from companies, funds and "
                      "public bodies, needs from initiatives")
        regions = None
        if offers:
            value = item.value("regions", (list, str))
            if isinstance(value, str):
                if value != NATIONAL:
                    item.fail(f"'regions' should be a list of province slugs or {NATIONAL!r}")
            else:
                regions = item.items("regions", str)
                if not regions:
                    item.fail(f"'regions' is empty; write {NATIONAL!r} for the whole country")
        state = item.value("state", str, required=False, default=ListingStatus.PUBLISHED.value,
                           choices=ListingStatus.values)
        placement = Placement(
            where=item.where,
            organisation=key,
            language=item.value("language", str, choices=LANGUAGES),
            state=state,
            reason=item.text("reason", required=state == ListingStatus.REJECTED),
            close_reason=item.value("close_reason", str, required=state == ListingStatus.CLOSED,
                                    default="", choices=CloseReason.values),
            days=item.number(days_field, required=False, nullable=True)
            if days_field in item.raw else default_days,
            vars={**template_vars, **_vars(item)},
            regions=regions,
        )
        item.done()
        placements.append(placement)
    return tuple(placements)


def _offer(entry: _Entry, *, organisations: dict[str, OrganisationRecord]) -> OfferRecord:
    template_vars = _vars(entry)
    texts = _texts(entry, fields={"title": True, "description": True, "price_terms": False})
    entry.number("valid_days", nullable=True)
    record = OfferRecord(
        where=entry.where,
        theme=entry.text("theme"),
        sdgs=entry.items("sdgs", int),
        offer_type=entry.value("offer_type", str, choices=Offer.OfferType.values),
        eligible_legal_forms=entry.items("eligible_legal_forms", str, required=False,
                                         choices=LegalForm.values),
        eligible_initiative_kinds=entry.items("eligible_initiative_kinds", str, required=False,
                                              choices=InitiativeKind.values),
        min_members=entry.number("min_members", required=False),
        texts=texts,
        placements=_placements(entry, offers=True, organisations=organisations,
                               days_field="valid_days", template_vars=template_vars),
    )
    _check_placeholders(record, OFFER_PLACEHOLDERS)
    entry.done()
    return record


def _need(entry: _Entry, *, organisations: dict[str, OrganisationRecord]) -> NeedRecord:
    template_vars = _vars(entry)
    texts = _texts(entry, fields={"title": True, "description": True})
    entry.number("deadline_days", nullable=True)
    budget_min = entry.number("budget_min", required=False)
    budget_max = entry.number("budget_max", required=budget_min is not None)
    if budget_min is None and budget_max is not None:
        entry.fail("'budget_max' needs a 'budget_min' (0 for none)")
    record = NeedRecord(
        where=entry.where,
        theme=entry.text("theme"),
        sdgs=entry.items("sdgs", int),
        need_type=entry.value("need_type", str, choices=Need.NeedType.values),
        budget_min=None if budget_min is None else Decimal(budget_min),
        budget_max=None if budget_max is None else Decimal(budget_max),
        texts=texts,
        placements=_placements(entry, offers=False, organisations=organisations,
                               days_field="deadline_days", template_vars=template_vars),
    )
    _check_placeholders(record, NEED_PLACEHOLDERS)
    entry.done()
    return record


def _check_placeholders(record: OfferRecord | NeedRecord, known: frozenset[str]) -> None:
    """Every placement gives a value to every placeholder its texts use."""
    used = {
        spec[1]
        for text in record.texts.values()
        for value in text.values()
        for spec in string.Formatter().parse(value)
        if spec[1] is not None
    }
    for placement in record.placements:
        missing = used - known - set(placement.vars)
        if missing:
            raise DemoDataError(
                f"{placement.where}: the texts use "
                + ", ".join(f"{{{name}}}" for name in sorted(missing))
                + ", which is neither one of "
                + ", ".join(f"{{{name}}}" for name in sorted(known))
                + " nor given in 'vars'."
            )


# The hub files ------------------------------------------------------------------------------


def load_hub(directory: Path | None = None) -> HubData:
    """Read and check hub.yaml and articles.yaml (from DATA_DIR)."""
    directory = directory or DATA_DIR
    path = directory / "hub.yaml"
    entry = _Entry(_read(path, dict), _display(path))
    home = _page_texts(entry.entry("home"), slug=False)
    hub = _page_texts(entry.entry("hub"))
    standard_pages = []
    raw_pages = entry.value("standard_pages", list)
    for number, raw in enumerate(raw_pages, start=1):
        page = _Entry(raw, f"{entry.where}, line {getattr(raw, 'line', 0)}, standard page {number}")
        standard_pages.append(
            StandardPageRecord(where=page.where, key=page.text("key"), texts=_page_texts(page))
        )
    entry.done()
    _unique(standard_pages, "key", "the key")
    articles = tuple(
        _article(item)
        for item in _entries(directory / "articles.yaml", lambda raw: _named("article", raw.get("slug")))
    )
    _unique(articles, "slug", "the slug")
    return HubData(home=home, hub=hub, standard_pages=tuple(standard_pages), articles=articles)


def _page_texts(entry: _Entry, *, slug: bool = True) -> dict[str, PageText]:
    texts = {}
    for language in LANGUAGES:
        text = entry.entry(language)
        texts[language] = PageText(
            slug=text.text("slug") if slug else "", title=text.text("title"),
            intro=text.text("intro"),
        )
        text.done()
    entry.done()
    return texts


def _article(entry: _Entry) -> ArticleRecord:
    slug = entry.text("slug")
    kind = entry.value("kind", str, choices=ArticlePage.Kind.values)
    themes = entry.items("themes", str)
    sdgs = entry.items("sdgs", int)
    block_types = list(BodyBlock().child_blocks)
    texts = {}
    for language in LANGUAGES:
        text = entry.entry(language)
        body = text.value("body", list)
        for number, block in enumerate(body, start=1):
            item = _Entry(block, f"{text.where}, block {number}")
            item.value("type", str, choices=block_types)
            item.value("value", (str, dict, list, int))
            item.done()
        texts[language] = ArticleText(title=text.text("title"), intro=text.text("intro"),
                                      body=_plain(body))
        text.done()
    entry.done()
    return ArticleRecord(where=entry.where, slug=slug, kind=kind, themes=themes, sdgs=sdgs,
                         texts=texts)


def _plain(value: Any) -> Any:
    """The parsed YAML without line numbers: plain dicts and lists, as a StreamField stores them."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
