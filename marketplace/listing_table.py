"""Offers and needs as table rows: the columns of the listings export, its import template, and
the bulk import (read a CSV/XLSX file, check every row, then write through the services).

`listing_rows_check` only reads: it turns a file into rows with their errors (the dry run).
`listings_import` writes them, all or nothing, through offer_create/need_create and the update
services (so review rules apply); a row whose `external_id` names an existing listing of the
organisation updates that listing, an unchanged row is left alone (re-import is idempotent).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import tablib

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import ratelimit

from . import services
from .models import (
    SDG,
    Language,
    Listing,
    ListingStatus,
    Need,
    Offer,
    Organisation,
    Province,
    Theme,
)

# The columns of the listings export and of the import template, in this order. The import reads
# the writable ones; status, created_at and published_at are for reading only.
COLUMNS: tuple[str, ...] = (
    "external_id", "kind", "title", "description", "theme", "sdgs", "language", "status",
    "offer_type", "is_national", "regions", "eligible_legal_forms", "eligible_initiative_kinds",
    "min_members", "price_terms", "valid_until",
    "need_type", "province", "municipality", "budget_min", "budget_max", "deadline",
    "created_at", "published_at",
)
READ_ONLY_COLUMNS = frozenset({"status", "created_at", "published_at"})
LIST_SEPARATOR = ";"
FORMATS = ("csv", "xlsx")
MAX_ROWS = 1000


def _date(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return ""
    return value.isoformat(timespec="seconds") if isinstance(value, datetime.datetime) else value.isoformat()


def _amount(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def listing_row(listing: Listing) -> list[Any]:
    """One offer or need as a row of COLUMNS (prefetch sdgs, regions, theme and province)."""
    is_offer = isinstance(listing, Offer)
    values: dict[str, Any] = {
        "external_id": listing.external_id,
        "kind": "offer" if is_offer else "need",
        "title": listing.title,
        "description": listing.description,
        "theme": listing.theme.slug,
        "sdgs": LIST_SEPARATOR.join(str(sdg.number) for sdg in sorted(listing.sdgs.all(), key=lambda s: s.number)),
        "language": listing.language,
        "status": listing.status,
        "created_at": _date(listing.created_at),
        "published_at": _date(listing.published_at),
    }
    if is_offer:
        values |= {
            "offer_type": listing.offer_type,
            "is_national": "yes" if listing.is_national else "no",
            "regions": LIST_SEPARATOR.join(sorted(p.slug for p in listing.regions.all())),
            "eligible_legal_forms": LIST_SEPARATOR.join(listing.eligible_legal_forms),
            "eligible_initiative_kinds": LIST_SEPARATOR.join(listing.eligible_initiative_kinds),
            "min_members": "" if listing.min_members is None else listing.min_members,
            "price_terms": listing.price_terms,
            "valid_until": _date(listing.valid_until),
        }
    else:
        values |= {
            "need_type": listing.need_type,
            "province": listing.province.slug,
            "municipality": listing.municipality,
            "budget_min": _amount(listing.budget_min),
            "budget_max": _amount(listing.budget_max),
            "deadline": _date(listing.deadline),
        }
    return [values.get(column, "") for column in COLUMNS]


def listings_dataset(listings: Iterable[Listing], *, title: str = "listings") -> tablib.Dataset:
    """Offers and needs as a table with COLUMNS as headers."""
    dataset = tablib.Dataset(headers=list(COLUMNS), title=title)
    for listing in listings:
        dataset.append(listing_row(listing))
    return dataset


def template_dataset() -> tablib.Dataset:
    """The empty import template: the export's headers and no rows."""
    return tablib.Dataset(headers=list(COLUMNS), title="listings")


# Reading a file ---------------------------------------------------------------------------


@dataclass
class ImportRow:
    """One row of an import file: what it would write, or why it cannot."""

    number: int  # the row number as a spreadsheet shows it (the header is row 1)
    title: str
    external_id: str
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    existing: Listing | None = None
    unchanged: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def action(self) -> str:
        if self.errors:
            return "error"
        if self.existing is None:
            return "create"
        return "unchanged" if self.unchanged else "update"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(dataset: tablib.Dataset) -> tablib.Dataset:
    """A copy in which no text cell starts like a formula: "=HYPERLINK(…)" typed into a title
    must not run when an export is opened in a spreadsheet (it gets a leading apostrophe)."""
    safe = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        safe.append([
            f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell
            for cell in row
        ])
    return safe


def _unescaped(cell: object) -> object:
    """The text an export escaped with spreadsheet_safe, as it was."""
    if isinstance(cell, str) and len(cell) > 1 and cell[0] == "'" and cell[1:].startswith(
        FORMULA_STARTS
    ):
        return cell[1:]
    return cell


def dataset_load(*, content: bytes, format: str) -> tablib.Dataset:
    """A CSV (UTF-8) or XLSX file as a table; ValidationError when it cannot be read."""
    if format not in FORMATS:
        raise ValidationError(_("Upload a .csv or .xlsx file."))
    try:
        if format == "csv":
            dataset = tablib.Dataset().load(content.decode("utf-8-sig"), format="csv")
        else:
            dataset = tablib.Dataset().load(content, format="xlsx")
    except Exception as exc:  # noqa: BLE001 - any parser failure means the file is unreadable
        raise ValidationError(_("The file could not be read as %(format)s.") % {"format": format.upper()}) from exc
    headers = [str(header or "").strip() for header in (dataset.headers or [])]
    if "title" not in headers or "kind" not in headers:
        raise ValidationError(_("The first row must hold the column names of the template."))
    if dataset.height > MAX_ROWS:
        raise ValidationError(_("A file holds at most %(count)s rows.") % {"count": MAX_ROWS})
    dataset.headers = headers
    unescaped = tablib.Dataset(headers=headers, title=dataset.title)
    for row in dataset:
        unescaped.append([_unescaped(cell) for cell in row])
    return unescaped


def _text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return str(raw).strip()


def _parse_date(raw: Any, column: str, errors: list[str]) -> datetime.date | None:
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = _text(raw)
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        errors.append(_("%(column)s: “%(value)s” is not a date (use YYYY-MM-DD).") % {"column": column, "value": text})
        return None


def _parse_amount(raw: Any, column: str, errors: list[str]) -> Decimal | None:
    text = _text(raw)
    if not text:
        return None
    try:
        return Decimal(text).quantize(Decimal("0.01"))
    except InvalidOperation:
        errors.append(_("%(column)s: “%(value)s” is not an amount in euros (use 1234.50).") % {"column": column, "value": text})
        return None


def _parse_int(raw: Any, column: str, errors: list[str]) -> int | None:
    text = _text(raw)
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        errors.append(_("%(column)s: “%(value)s” is not a whole number.") % {"column": column, "value": text})
        return None


def _parse_list(raw: Any) -> list[str]:
    return [part.strip() for part in _text(raw).replace(",", LIST_SEPARATOR).split(LIST_SEPARATOR) if part.strip()]


def _choice(raw: Any, column: str, choices: Iterable[str], errors: list[str]) -> str:
    text = _text(raw)
    if text not in choices:
        errors.append(_("%(column)s: “%(value)s” is not one of %(choices)s.") % {
            "column": column, "value": text, "choices": ", ".join(choices)})
    return text


def _validation_messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{name}: {message}" if name != "__all__" else message
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return list(error.messages)


class _Lookups:
    """Themes, SDGs and provinces by their export names, read once per file."""

    def __init__(self) -> None:
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.sdgs = {str(sdg.number): sdg for sdg in SDG.objects.all()}
        self.provinces = {province.slug: province for province in Province.objects.all()}

    def many(self, raw: Any, table: dict[str, Any], column: str, errors: list[str]) -> list[Any]:
        found = []
        for name in _parse_list(raw):
            if name in table:
                found.append(table[name])
            else:
                errors.append(_("%(column)s: unknown value “%(value)s”.") % {"column": column, "value": name})
        return found


def _row_values(
    record: dict[str, Any], *, model: type[Listing], lookups: _Lookups, errors: list[str]
) -> dict[str, Any]:
    """The keyword arguments of the create service for one row (errors collected, not raised)."""
    theme_slug = _text(record.get("theme"))
    theme = lookups.themes.get(theme_slug)
    if theme is None:
        errors.append(_("theme: unknown theme “%(value)s”.") % {"value": theme_slug})
    language = _text(record.get("language")) or Language.DUTCH
    values: dict[str, Any] = {
        "title": _text(record.get("title")),
        "description": _text(record.get("description")),
        "theme": theme,
        "language": _choice(language, "language", Language.values, errors),
        "sdgs": lookups.many(record.get("sdgs"), lookups.sdgs, "sdgs", errors),
    }
    if not values["title"]:
        errors.append(_("title: a title is required."))
    if model is Offer:
        values |= {
            "offer_type": _choice(record.get("offer_type"), "offer_type", Offer.OfferType.values, errors),
            "is_national": _text(record.get("is_national")).lower() in ("yes", "ja", "true", "1", "y", "j"),
            "regions": lookups.many(record.get("regions"), lookups.provinces, "regions", errors),
            "eligible_legal_forms": _parse_list(record.get("eligible_legal_forms")),
            "eligible_initiative_kinds": _parse_list(record.get("eligible_initiative_kinds")),
            "min_members": _parse_int(record.get("min_members"), "min_members", errors),
            "price_terms": _text(record.get("price_terms")),
            "valid_until": _parse_date(record.get("valid_until"), "valid_until", errors),
        }
    else:
        province_slug = _text(record.get("province"))
        province = lookups.provinces.get(province_slug)
        if province is None:
            errors.append(_("province: unknown province “%(value)s”.") % {"value": province_slug})
        values |= {
            "need_type": _choice(record.get("need_type"), "need_type", Need.NeedType.values, errors),
            "province": province,
            "municipality": _text(record.get("municipality")),
            "budget_min": _parse_amount(record.get("budget_min"), "budget_min", errors),
            "budget_max": _parse_amount(record.get("budget_max"), "budget_max", errors),
            "deadline": _parse_date(record.get("deadline"), "deadline", errors),
        }
    return values


_MANY = ("sdgs", "regions")


def _differs(listing: Listing, values: dict[str, Any]) -> bool:
    for name, value in values.items():
        if name in _MANY:
            if {item.pk for item in getattr(listing, name).all()} != {item.pk for item in value}:
                return True
        elif getattr(listing, name) != value:
            return True
    return False


def _check_model(row: ImportRow, *, organisation: Organisation, model: type[Listing]) -> None:
    """The model's own checks (lengths, text, budgets, the unique external id) without saving."""
    scalar = {name: value for name, value in row.values.items() if name not in _MANY}
    if row.existing is not None:
        instance = model.objects.get(pk=row.existing.pk)
        for name, value in scalar.items():
            setattr(instance, name, value)
    else:
        instance = model(organisation=organisation, external_id=row.external_id, **scalar)
    try:
        instance.full_clean(exclude=["slug"])
        if model is Offer:
            services.offer_check_coverage(
                is_national=row.values["is_national"], regions=row.values["regions"]
            )
    except ValidationError as error:
        row.errors.extend(_validation_messages(error))


def listing_rows_check(*, organisation: Organisation, dataset: tablib.Dataset) -> list[ImportRow]:
    """Every row of an import file with what it would do and its errors; writes nothing."""
    model: type[Listing] = Offer if organisation.is_provider else Need
    kind = "offer" if model is Offer else "need"
    lookups = _Lookups()
    existing = {
        listing.external_id: listing
        for listing in model.objects.filter(organisation=organisation)
        .exclude(external_id="")
        .prefetch_related("sdgs", *(["regions"] if model is Offer else []))
    }
    seen: set[str] = set()
    rows = []
    for index, values in enumerate(dataset, start=2):
        record = dict(zip(dataset.headers, values, strict=False))
        errors: list[str] = []
        row = ImportRow(
            number=index, title=_text(record.get("title")), external_id=_text(record.get("external_id"))
        )
        if _text(record.get("kind")) != kind:
            errors.append(
                _("kind: this organisation imports “%(kind)s” rows only.") % {"kind": kind}
            )
            row.errors = errors
            rows.append(row)
            continue
        row.values = _row_values(record, model=model, lookups=lookups, errors=errors)
        if row.external_id:
            if row.external_id in seen:
                errors.append(_("external_id: “%(value)s” appears twice in the file.") % {"value": row.external_id})
            seen.add(row.external_id)
            row.existing = existing.get(row.external_id)
        if row.existing is not None and row.existing.status == ListingStatus.CLOSED:
            errors.append(_("This listing is closed and cannot be changed by an import."))
        row.errors = errors
        if not errors:
            _check_model(row, organisation=organisation, model=model)
        if row.ok and row.existing is not None:
            row.unchanged = not _differs(row.existing, row.values)
        rows.append(row)
    return rows


# Writing ----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: list[Listing] = field(default_factory=list)
    updated: list[Listing] = field(default_factory=list)
    unchanged: int = 0
    submitted: int = 0


class ImportFailed(ValidationError):
    """A row the services refused; nothing of the file was saved."""


@transaction.atomic
def listings_import(
    *,
    organisation: Organisation,
    actor: AbstractBaseUser,
    dataset: tablib.Dataset,
    submit: bool = False,
) -> ImportResult:
    """Create or update an organisation's offers or needs from a checked file, all or nothing.

    New rows become drafts (submitted for review or published when `submit`); rows whose
    external_id names an existing listing update it; unchanged rows are left as they are.
    """
    rows = listing_rows_check(organisation=organisation, dataset=dataset)
    # A file counts once against its own limit (its rows not against listing_create's 20/h:
    # a 200-row file would otherwise fail at row 21, and all or nothing, lose the whole file).
    ratelimit.limit("listing_import", account=actor.pk)
    failed = [row for row in rows if not row.ok]
    if failed:
        raise ImportFailed(
            [_("Row %(number)s: %(errors)s") % {"number": row.number, "errors": " ".join(row.errors)}
             for row in failed]
        )
    result = ImportResult()
    for row in rows:
        try:
            listing = _import_row(row, organisation=organisation, actor=actor, result=result)
            if submit and listing.status in (ListingStatus.DRAFT, ListingStatus.REJECTED):
                services.listing_submit(listing=listing, actor=actor)
                result.submitted += 1
        except ValidationError as error:
            raise ImportFailed(
                _("Row %(number)s: %(errors)s")
                % {"number": row.number, "errors": " ".join(_validation_messages(error))}
            ) from error
    return result


def _import_row(
    row: ImportRow, *, organisation: Organisation, actor: AbstractBaseUser, result: ImportResult
) -> Listing:
    values = dict(row.values)
    if row.existing is None:
        create = services.offer_create if organisation.is_provider else services.need_create
        listing = create(
            organisation=organisation, actor=actor, external_id=row.external_id, rate_limit=None,
            **values,
        )
        result.created.append(listing)
        return listing
    if row.unchanged:
        result.unchanged += 1
        return row.existing
    if isinstance(row.existing, Offer):
        listing = services.offer_update(offer=row.existing, actor=actor, **values)
    else:
        listing = services.need_update(need=row.existing, actor=actor, **values)
    result.updated.append(listing)
    return listing
