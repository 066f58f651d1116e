"""Where searchable documents come from: one source per type, public sets from marketplace selectors.

A source says which model it reads, what of it is public (always through the marketplace's
public selectors, so the index can never publish more than the site does), how an instance becomes
a `SearchDocument`, and how hits turn back into public objects. A hub article type is one more
`DocumentSource` subclass (public queryset: live, public Wagtail pages) registered in `SOURCES`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Model, QuerySet
from django.urls import reverse

from marketplace import selectors
from marketplace.models import Need, Offer, Organisation, Province

from .backends.base import SearchDocument


class DocumentSource:
    """One searchable type: its model, its public set, its documents and its URLs."""

    doc_type: str = ""
    model: type[Model]

    def public_queryset(self) -> QuerySet:
        raise NotImplementedError

    def to_document(self, instance: Any) -> SearchDocument:
        raise NotImplementedError

    def url(self, instance: Any) -> str:
        raise NotImplementedError

    def public_by_id(self, ids: Iterable[int]) -> dict[int, Any]:
        """The public objects among these ids (anything else is simply missing)."""
        return {obj.pk: obj for obj in self.public_queryset().filter(pk__in=list(ids))}

    def iter_public(self, *, batch_size: int = 500) -> Iterator[list[Any]]:
        """The whole public set in batches of objects, by primary key."""
        ids = list(self.public_queryset().order_by().values_list("pk", flat=True).distinct())
        ids.sort()
        for start in range(0, len(ids), batch_size):
            chunk = ids[start : start + batch_size]
            objects = self.public_by_id(chunk)
            yield [objects[pk] for pk in chunk if pk in objects]

    def count_public(self) -> int:
        return self.public_queryset().order_by().values("pk").distinct().count()


def _names(*objects: Any) -> str:
    parts: list[str] = []
    for obj in objects:
        if obj is not None:
            parts.extend(p for p in (getattr(obj, "name_nl", ""), getattr(obj, "name_en", "")) if p)
    return " ".join(dict.fromkeys(parts))


@functools.lru_cache(maxsize=1)
def _all_provinces() -> tuple[str, ...]:
    """Every province slug (reference data, read once): a nationwide offer counts in each."""
    return tuple(Province.objects.order_by("slug").values_list("slug", flat=True))


class OfferSource(DocumentSource):
    """Published, unexpired offers."""

    doc_type = "offer"
    model = Offer

    def public_queryset(self) -> QuerySet:
        return selectors.offer_list_public()

    def to_document(self, offer: Offer) -> SearchDocument:
        provinces = _all_provinces() if offer.is_national else tuple(
            sorted(r.slug for r in offer.regions.all())
        )
        return SearchDocument(
            doc_type=self.doc_type,
            object_id=offer.pk,
            title=offer.title,
            body=offer.description,
            extra=" ".join(
                p for p in (offer.organisation.name, _names(offer.theme), offer.price_terms) if p
            ),
            language=offer.language,
            status=offer.status,
            published_at=offer.published_at,
            expires_on=offer.valid_until,
            facets={
                "kind": ("offer",),
                "theme": (offer.theme.slug,),
                "type": (offer.offer_type,),
                "province": provinces,
                "sdg": tuple(str(s.number) for s in offer.sdgs.all()),
                "organisation_kind": (offer.organisation.kind,),
                "language": (offer.language,),
            },
        )

    def url(self, offer: Offer) -> str:
        return reverse("marketplace:offer_detail", kwargs={"slug": offer.slug})


class NeedSource(DocumentSource):
    """Published needs whose deadline has not passed."""

    doc_type = "need"
    model = Need

    def public_queryset(self) -> QuerySet:
        return selectors.need_list_public()

    def to_document(self, need: Need) -> SearchDocument:
        return SearchDocument(
            doc_type=self.doc_type,
            object_id=need.pk,
            title=need.title,
            body=need.description,
            extra=" ".join(
                p for p in (need.organisation.name, _names(need.theme), need.municipality) if p
            ),
            language=need.language,
            status=need.status,
            published_at=need.published_at,
            expires_on=need.deadline,
            facets={
                "kind": ("need",),
                "theme": (need.theme.slug,),
                "type": (need.need_type,),
                "province": (need.province.slug,),
                "sdg": tuple(str(s.number) for s in need.sdgs.all()),
                "organisation_kind": (need.organisation.kind,),
                "language": (need.language,),
            },
        )

    def url(self, need: Need) -> str:
        return reverse("marketplace:need_detail", kwargs={"slug": need.slug})


class OrganisationSource(DocumentSource):
    """Organisations (marketplace.selectors.organisation_list_public): all by name, the profile
    text only of verified ones (`Organisation.profile_is_public`), as on the site."""

    doc_type = "organisation"
    model = Organisation

    def public_queryset(self) -> QuerySet:
        return selectors.organisation_list_public().prefetch_related("themes", "sdgs")

    def to_document(self, organisation: Organisation) -> SearchDocument:
        themes = list(organisation.themes.all())
        return SearchDocument(
            doc_type=self.doc_type,
            object_id=organisation.pk,
            title=organisation.name,
            body=organisation.description if organisation.profile_is_public else "",
            extra=" ".join(
                p for p in (organisation.municipality, _names(*themes)) if p
            ),
            # Profiles carry no content language; the index treats them as Dutch.
            language="",
            status="published",
            published_at=organisation.created_at,
            expires_on=None,
            facets={
                "kind": ("organisation",),
                "theme": tuple(t.slug for t in themes),
                "type": (),
                "province": (organisation.province.slug,),
                "sdg": tuple(str(s.number) for s in organisation.sdgs.all()),
                "organisation_kind": (organisation.kind,),
                "language": (),
            },
        )

    def url(self, organisation: Organisation) -> str:
        return reverse("marketplace:organisation_detail", kwargs={"slug": organisation.slug})


SOURCES: dict[str, DocumentSource] = {
    source.doc_type: source for source in (OfferSource(), NeedSource(), OrganisationSource())
}
# Types that saved-search alerts report (new listings, not profiles).
ALERT_DOC_TYPES = ("offer", "need")


def source_for_model(model: type[Model]) -> DocumentSource:
    for source in SOURCES.values():
        if issubclass(model, source.model):
            return source
    raise LookupError(f"{model.__name__} is not searchable")
