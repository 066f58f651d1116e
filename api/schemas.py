"""What the API sends and accepts (OpenAPI schemas), and the functions that fill them.

Output is built explicitly from the objects the selectors return (already prefetched), so a
schema never reaches into the database on its own.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from ninja import Field, Schema

from django.conf import settings
from django.urls import reverse

from marketplace.models import (
    SDG,
    CloseReason,
    Language,
    Match,
    MatchMessage,
    Need,
    Offer,
    Organisation,
    Province,
    Theme,
)
from matching.templatetags.matching_tags import reason_text

OrganisationKind = Literal["company", "initiative", "fund", "public_body"]
OfferType = Literal[tuple(Offer.OfferType.values)]  # type: ignore[valid-type]
NeedType = Literal[tuple(Need.NeedType.values)]  # type: ignore[valid-type]
LanguageCode = Literal[tuple(Language.values)]  # type: ignore[valid-type]
ListingStatusCode = Literal["draft", "submitted", "published", "rejected", "expired", "closed"]
MatchStatusCode = Literal[
    "suggested", "interested", "introduced", "declined", "agreed", "fulfilled", "closed"
]
Slug = Field(..., min_length=1, max_length=180, pattern=r"^[-a-zA-Z0-9_]+$")
Title = Field(..., min_length=1, max_length=140)
Description = Field(..., min_length=1, max_length=10_000)
ExternalId = Field(
    "", max_length=100, pattern=r"^[^\r\n]*$",
    description="Your own identifier for the listing (unique within your organisation, optional): "
                "find it again with ?external_id=, as the bulk import does.",
)

# Reference data ----------------------------------------------------------------------------


class ThemeOut(Schema):
    slug: str
    name: str
    name_nl: str
    name_en: str


class SdgOut(Schema):
    number: int
    name: str
    name_nl: str
    name_en: str


class ProvinceOut(Schema):
    slug: str
    name: str


class ThemeList(Schema):
    items: list[ThemeOut]


class SdgList(Schema):
    items: list[SdgOut]


class ProvinceList(Schema):
    items: list[ProvinceOut]


def theme_out(theme: Theme) -> dict[str, Any]:
    return {"slug": theme.slug, "name": theme.name, "name_nl": theme.name_nl,
            "name_en": theme.name_en}


def sdg_out(sdg: SDG) -> dict[str, Any]:
    return {"number": sdg.number, "name": sdg.name, "name_nl": sdg.name_nl, "name_en": sdg.name_en}


def province_out(province: Province) -> dict[str, Any]:
    return {"slug": province.slug, "name": province.name}


# Impact ----------------------------------------------------------------------------------


class IndicatorOut(Schema):
    indicator: str
    label: str
    value: float


class ImpactGroupOut(Schema):
    key: str
    label: str
    deals: int
    indicators: list[IndicatorOut]


class ImpactOut(Schema):
    deals: int
    organisations: int
    indicators: list[IndicatorOut]
    by_sdg: list[ImpactGroupOut]
    by_province: list[ImpactGroupOut]
    by_theme: list[ImpactGroupOut]
    by_month: list[ImpactGroupOut]


def _indicators_out(values) -> list[dict[str, Any]]:
    return [{"indicator": v.indicator, "label": v.label, "value": float(v.value)} for v in values]


def impact_out(totals) -> dict[str, Any]:
    """impact.selectors.PlatformImpact as the API shows it (the figures of /impact/)."""

    def groups(items) -> list[dict[str, Any]]:
        return [{"key": str(g.key), "label": str(g.label), "deals": g.deals,
                 "indicators": _indicators_out(g.indicators)} for g in items]

    return {
        "deals": totals.deals, "organisations": totals.organisations,
        "indicators": _indicators_out(totals.indicators),
        "by_sdg": groups(totals.by_sdg), "by_province": groups(totals.by_province),
        "by_theme": groups(totals.by_theme), "by_month": groups(totals.by_month),
    }


# Organisations and listings ----------------------------------------------------------------


class OrganisationRef(Schema):
    slug: str
    name: str
    kind: OrganisationKind


class OrganisationOut(OrganisationRef):
    is_verified: bool
    municipality: str
    province: str | None
    description: str = Field(..., description="Empty until a hub editor verified the profile.")
    website: str
    live_offer_count: int
    live_need_count: int
    url: str


class OrganisationPage(Schema):
    items: list[OrganisationOut]
    next_cursor: str | None = Field(None, description="Pass as ?cursor= for the next page.")


class ListingBase(Schema):
    id: int
    slug: str
    title: str
    description: str
    organisation: OrganisationRef
    theme: str | None
    sdgs: list[int]
    language: str
    published_at: datetime.datetime | None
    url: str | None = Field(..., description="The public page, while the item is public.")


class OfferOut(ListingBase):
    offer_type: str
    is_national: bool
    regions: list[str]
    price_terms: str
    min_members: int | None
    eligible_legal_forms: list[str]
    eligible_initiative_kinds: list[str]
    valid_until: datetime.date | None


class NeedOut(ListingBase):
    need_type: str
    province: str | None
    municipality: str
    budget_min: float | None
    budget_max: float | None
    deadline: datetime.date | None


class OwnFields(Schema):
    external_id: str
    status: ListingStatusCode
    rejection_reason: str
    close_reason: str
    created_at: datetime.datetime
    updated_at: datetime.datetime


class OwnOfferOut(OfferOut, OwnFields):
    pass


class OwnNeedOut(NeedOut, OwnFields):
    pass


class OfferPage(Schema):
    items: list[OfferOut]
    next_cursor: str | None = None


class NeedPage(Schema):
    items: list[NeedOut]
    next_cursor: str | None = None


class OwnOfferPage(Schema):
    items: list[OwnOfferOut]
    next_cursor: str | None = None


class OwnNeedPage(Schema):
    items: list[OwnNeedOut]
    next_cursor: str | None = None


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL + path


def organisation_ref(organisation: Organisation) -> dict[str, Any]:
    return {"slug": organisation.slug, "name": organisation.name, "kind": organisation.kind}


def organisation_out(organisation: Organisation) -> dict[str, Any]:
    public = organisation.profile_is_public
    return {
        **organisation_ref(organisation),
        "is_verified": organisation.is_verified,
        "municipality": organisation.municipality,
        "province": organisation.province.slug if organisation.province_id else None,
        "description": organisation.description if public else "",
        "website": organisation.website if public else "",
        "live_offer_count": getattr(organisation, "live_offer_count", 0),
        "live_need_count": getattr(organisation, "live_need_count", 0),
        "url": _absolute(
            reverse("marketplace:organisation_detail", kwargs={"slug": organisation.slug})
        ),
    }


def _listing_base(listing: Offer | Need, kind: str) -> dict[str, Any]:
    return {
        "id": listing.pk,
        "slug": listing.slug,
        "title": listing.title,
        "description": listing.description,
        "organisation": organisation_ref(listing.organisation),
        "theme": listing.theme.slug if listing.theme_id else None,
        "sdgs": sorted(sdg.number for sdg in listing.sdgs.all()),
        "language": listing.language,
        "published_at": listing.published_at,
        "url": _absolute(reverse(f"marketplace:{kind}_detail", kwargs={"slug": listing.slug}))
        if listing.is_public
        else None,
    }


def offer_out(offer: Offer) -> dict[str, Any]:
    return {
        **_listing_base(offer, "offer"),
        "offer_type": offer.offer_type,
        "is_national": offer.is_national,
        "regions": sorted(region.slug for region in offer.regions.all()),
        "price_terms": offer.price_terms,
        "min_members": offer.min_members,
        "eligible_legal_forms": list(offer.eligible_legal_forms or []),
        "eligible_initiative_kinds": list(offer.eligible_initiative_kinds or []),
        "valid_until": offer.valid_until,
    }


def need_out(need: Need) -> dict[str, Any]:
    return {
        **_listing_base(need, "need"),
        "need_type": need.need_type,
        "province": need.province.slug if need.province_id else None,
        "municipality": need.municipality,
        "budget_min": float(need.budget_min) if need.budget_min is not None else None,
        "budget_max": float(need.budget_max) if need.budget_max is not None else None,
        "deadline": need.deadline,
    }


def own_fields(listing: Offer | Need) -> dict[str, Any]:
    return {
        "external_id": listing.external_id,
        "status": listing.status,
        "rejection_reason": listing.rejection_reason,
        "close_reason": listing.close_reason,
        "created_at": listing.created_at,
        "updated_at": listing.updated_at,
    }


# Writing listings ----------------------------------------------------------------------------


class OfferIn(Schema):
    title: str = Title
    description: str = Description
    theme: str = Field(..., max_length=60, description="A theme's slug (GET /themes).")
    offer_type: OfferType
    language: LanguageCode = "nl"
    sdgs: list[int] = Field([], max_length=17, description="SDG numbers (GET /sdgs).")
    is_national: bool = False
    regions: list[str] = Field([], max_length=12, description="Province slugs.")
    price_terms: str = Field("", max_length=300)
    min_members: int | None = Field(None, ge=0, le=1_000_000)
    valid_until: datetime.date | None = None
    external_id: str = ExternalId


class OfferPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=140)
    description: str | None = Field(None, min_length=1, max_length=10_000)
    theme: str | None = Field(None, max_length=60)
    offer_type: OfferType | None = None
    language: LanguageCode | None = None
    sdgs: list[int] | None = Field(None, max_length=17)
    is_national: bool | None = None
    regions: list[str] | None = Field(None, max_length=12)
    price_terms: str | None = Field(None, max_length=300)
    min_members: int | None = Field(None, ge=0, le=1_000_000)
    valid_until: datetime.date | None = None


class NeedIn(Schema):
    title: str = Title
    description: str = Description
    theme: str = Field(..., max_length=60, description="A theme's slug (GET /themes).")
    need_type: NeedType
    province: str = Field(..., max_length=60, description="A province's slug.")
    language: LanguageCode = "nl"
    sdgs: list[int] = Field([], max_length=17)
    budget_min: float | None = Field(None, ge=0, le=1_000_000_000)
    budget_max: float | None = Field(None, ge=0, le=1_000_000_000)
    deadline: datetime.date | None = None
    municipality: str = Field("", max_length=100)
    external_id: str = ExternalId


class NeedPatch(Schema):
    title: str | None = Field(None, min_length=1, max_length=140)
    description: str | None = Field(None, min_length=1, max_length=10_000)
    theme: str | None = Field(None, max_length=60)
    need_type: NeedType | None = None
    province: str | None = Field(None, max_length=60)
    language: LanguageCode | None = None
    sdgs: list[int] | None = Field(None, max_length=17)
    budget_min: float | None = Field(None, ge=0, le=1_000_000_000)
    budget_max: float | None = Field(None, ge=0, le=1_000_000_000)
    deadline: datetime.date | None = None
    municipality: str | None = Field(None, max_length=100)


class CloseIn(Schema):
    reason: Literal[tuple(CloseReason.values)]  # type: ignore[valid-type]
    note: str = Field("", max_length=2000)


# Recommendations, matches, messages, contributions -------------------------------------------


class Reason(Schema):
    code: str
    text: str
    data: dict[str, Any]


class Recommendation(Schema):
    listing: ListingRef
    score: float
    reasons: list[Reason]
    match_id: int | None
    match_status: str | None


class ListingRef(Schema):
    id: int
    kind: Literal["offer", "need"]
    slug: str
    title: str
    organisation: OrganisationRef


class RecommendationList(Schema):
    pending: bool = Field(..., description="True until the matcher has recorded a list.")
    computed_at: datetime.datetime | None
    ranker_version: str
    items: list[Recommendation]


Recommendation.model_rebuild()


def listing_ref(listing: Offer | Need) -> dict[str, Any]:
    return {
        "id": listing.pk,
        "kind": "offer" if isinstance(listing, Offer) else "need",
        "slug": listing.slug,
        "title": listing.title,
        "organisation": organisation_ref(listing.organisation),
    }


def recommendations_out(recorded: Any) -> dict[str, Any]:
    if recorded is None:
        return {"pending": True, "computed_at": None, "ranker_version": "", "items": []}
    return {
        "pending": False,
        "computed_at": recorded.computed_at,
        "ranker_version": recorded.ranker_version,
        "items": [
            {
                "listing": listing_ref(item.listing),
                "score": float(item.score),
                "reasons": [
                    {"code": r.code, "text": str(reason_text(r)), "data": dict(r.data or {})}
                    for r in item.explanation.reasons
                ],
                "match_id": item.match.pk if item.match else None,
                "match_status": item.match.status if item.match else None,
            }
            for item in recorded.items
        ],
    }


class MatchOut(Schema):
    id: int
    status: MatchStatusCode
    my_side: Literal["need", "offer"]
    interested_side: str
    need: ListingRef
    offer: ListingRef
    score: float | None
    created_at: datetime.datetime
    updated_at: datetime.datetime


class MatchPage(Schema):
    items: list[MatchOut]
    next_cursor: str | None = None


def match_out(match: Match, organisation: Organisation) -> dict[str, Any]:
    return {
        "id": match.pk,
        "status": match.status,
        "my_side": "need" if match.need.organisation_id == organisation.pk else "offer",
        "interested_side": match.interested_side,
        "need": listing_ref(match.need),
        "offer": listing_ref(match.offer),
        "score": match.score,
        "created_at": match.created_at,
        "updated_at": match.updated_at,
    }


class MessageOut(Schema):
    id: int
    side: Literal["need", "offer"]
    author: str
    proposal: str
    timing: str
    question: str
    body: str
    created_at: datetime.datetime


class MessagePage(Schema):
    items: list[MessageOut]
    next_cursor: str | None = None


class MessageIn(Schema):
    body: str = Field(..., min_length=1, max_length=5000)


def message_out(message: MatchMessage) -> dict[str, Any]:
    author = message.author
    return {
        "id": message.pk,
        "side": message.side,
        "author": (author.get_full_name() or author.email) if author else "",
        "proposal": message.proposal,
        "timing": message.timing,
        "question": message.question,
        "body": message.body,
        "created_at": message.created_at,
    }


class ContributionOut(Schema):
    id: str
    need: ListingRef
    amount_cents: int
    refunded_cents: int
    currency: str
    contributor: str = Field(..., description="Empty when the contributor chose to be anonymous.")
    message: str
    paid_at: datetime.datetime | None


class ContributionPage(Schema):
    items: list[ContributionOut]
    next_cursor: str | None = None


def contribution_out(payment: Any) -> dict[str, Any]:
    return {
        "id": str(payment.public_id),
        "need": listing_ref(payment.need),
        "amount_cents": payment.amount_cents,
        "refunded_cents": payment.refunded_cents,
        "currency": payment.currency,
        "contributor": "" if payment.is_anonymous else payment.payer_name,
        "message": payment.message,
        "paid_at": payment.succeeded_at,
    }


class KeyOut(Schema):
    name: str
    prefix: str
    scope: Literal["read", "read-write"]


class MeOut(Schema):
    key: KeyOut
    organisation: OrganisationRef
