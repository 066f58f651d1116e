"""What gets embedded: per kind of object, which objects and which text.

The sources are named in `settings.SEMANTIC["SOURCES"]` (dotted paths), so the bulk rebuild covers
apps above this one (the hub's articles) without semantic importing them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from django.conf import settings
from django.db.models import Model, QuerySet
from django.utils.module_loading import import_string

from marketplace.models import Need, Offer, Organisation

from .texts import listing_text

DEFAULT_SOURCES = ("semantic.sources.OfferSource", "semantic.sources.NeedSource")


class EmbeddingSource(Protocol):
    """One kind of object with vectors: its model, every object to embed, and its text."""

    model: type[Model]

    def queryset(self) -> QuerySet: ...

    def text(self, instance: Any) -> str: ...


class OfferSource:
    """Every offer, as its title and description."""

    model = Offer

    def queryset(self) -> QuerySet:
        return Offer.objects.only("pk", "title", "description").order_by("pk")

    def text(self, instance: Offer) -> str:
        return listing_text(instance.title, instance.description)


class NeedSource:
    """Every need, as its title and description."""

    model = Need

    def queryset(self) -> QuerySet:
        return Need.objects.only("pk", "title", "description").order_by("pk")

    def text(self, instance: Need) -> str:
        return listing_text(instance.title, instance.description)


class OrganisationSource:
    """Every organisation, as its name and description (what search finds a profile by)."""

    model = Organisation

    def queryset(self) -> QuerySet:
        return Organisation.objects.only("pk", "name", "description").order_by("pk")

    def text(self, instance: Organisation) -> str:
        return listing_text(instance.name, instance.description)


def embedding_sources() -> list[EmbeddingSource]:
    """The sources named in settings, in order."""
    paths: Iterable[str] = getattr(settings, "SEMANTIC", {}).get("SOURCES", DEFAULT_SOURCES)
    return [import_string(path)() for path in paths]


def source_for(model: type[Model]) -> EmbeddingSource:
    """The source of a model (or of its concrete parent)."""
    for source in embedding_sources():
        if issubclass(model, source.model):
            return source
    raise LookupError(f"{model.__name__} has no embedding source in SEMANTIC['SOURCES']")
