"""Cursor pagination: an opaque cursor names the last item seen, in a stable, total order.

Each list is ordered by fields that end in the primary key (e.g. newest published first, then
the highest id), so the order never ties and a cursor stays valid while items are added or
removed: the next page starts strictly after the item the cursor names (keyset pagination, no
OFFSET). The cursor is base64url JSON of that item's values; clients treat it as opaque.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, Q, QuerySet


class InvalidCursor(Exception):
    """The cursor was not made by this list."""


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next_cursor: str | None


def _encode(values: list[Any]) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, datetime.datetime | datetime.date):
            return value.isoformat()
        return value

    raw = json.dumps([plain(v) for v in values], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, model: type[Model], fields: Sequence[str]) -> list[Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise InvalidCursor from exc
    if not isinstance(values, list) or len(values) != len(fields):
        raise InvalidCursor
    output = []
    for name, value in zip(fields, values, strict=True):
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
        if value is None or isinstance(value, list | dict):
            raise InvalidCursor
        try:
            output.append(field.to_python(value))
        except (DjangoValidationError, TypeError, ValueError) as exc:
            raise InvalidCursor from exc
    return output


def _after(order: Sequence[str], values: list[Any]) -> Q:
    """Rows strictly after `values` in `order` (lexicographic over the fields)."""
    condition = Q()
    equal = Q()
    for spec, value in zip(order, values, strict=True):
        name = spec.lstrip("-")
        lookup = "lt" if spec.startswith("-") else "gt"
        condition |= equal & Q(**{f"{name}__{lookup}": value})
        equal &= Q(**{name: value})
    return condition


def paginate(queryset: QuerySet, *, order: Sequence[str], cursor: str | None, limit: int) -> Page:
    """One page of `queryset` in `order` (which ends with "pk" or "-pk"), after `cursor`."""
    assert order[-1].lstrip("-") == "pk", "the order must end with the primary key"  # noqa: S101
    fields = [spec.lstrip("-") for spec in order]
    queryset = queryset.order_by(*order)
    if cursor:
        queryset = queryset.filter(_after(order, _decode(cursor, queryset.model, fields)))
    items = list(queryset[: limit + 1])
    next_cursor = None
    if len(items) > limit:
        items = items[:limit]
        last = items[-1]
        next_cursor = _encode([getattr(last, name) for name in fields])
    return Page(items=items, next_cursor=next_cursor)
