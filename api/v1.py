"""The REST API, version 1, at /api/v1/ (django-ninja): OpenAPI at /api/v1/openapi.json, docs at
/api/v1/docs. Thin like the site's views: input checked by the schemas, then one selector or
service of the app that owns the data, then the schema out. docs/api.md is the guide.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ninja import Field, NinjaAPI, Path, Query, Router, Schema, Status

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from impact import selectors as impact_selectors
from marketplace import match_services, selectors, services
from marketplace.models import SDG, Need, Offer, Province, Theme
from matching import selectors as matching_selectors

from . import problems
from . import schemas as s
from . import selectors as api_selectors
from .auth import ApiKeyAuth, PublicAccess, require_write
from .models import ApiKey
from .pagination import paginate


class ProblemAwareAPI(NinjaAPI):
    """Error answers are documented as application/problem+json, as they are sent."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        schema = super().get_openapi_schema(*args, **kwargs)
        problem_ref = "#/components/schemas/Problem"
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                for response in operation.get("responses", {}).values():
                    content = response.get("content", {})
                    body = content.get("application/json")
                    if body and body.get("schema", {}).get("$ref") == problem_ref:
                        response["content"] = {problems.CONTENT_TYPE: body}
        return schema


api = ProblemAwareAPI(
    title="Business2Community API",
    version="1",
    description=(
        "Public offers, needs and organisations without a key; an organisation's own listings, "
        "recommendations, leads, matches, messages and contributions with its API key "
        "(`Authorization: Bearer b2c_…`, made in the dashboard). Errors are RFC 9457 problems. "
        "Guide: docs/api.md."
    ),
    urls_namespace="api_v1",
    auth=None,
)
problems.install(api)

PUBLIC_ERRORS = {400: problems.Problem, 404: problems.Problem, 422: problems.Problem,
                 429: problems.Problem}
KEY_ERRORS = {**PUBLIC_ERRORS, 401: problems.Problem, 403: problems.Problem}
WRITE_ERRORS = {**KEY_ERRORS, 409: problems.Problem}
public = Router(tags=["public"], auth=PublicAccess())
own = Router(tags=["organisation"], auth=ApiKeyAuth())
IdPath = Path(..., ge=1, le=2**31 - 1)
SlugPath = Path(..., min_length=1, max_length=180, pattern=r"^[-a-zA-Z0-9_]+$")


class PageQuery(Schema):
    cursor: str | None = Field(None, max_length=500, description="From the previous page.")
    limit: int = Field(20, ge=1, le=100)


class ListingQuery(PageQuery):
    """The browse pages' filters."""

    theme: str = Field("", max_length=60)
    type: str = Field("", max_length=20, description="Offer or need type.")
    province: str = Field("", max_length=60)
    sdg: int | None = Field(None, ge=1, le=17)
    organisation_kind: s.OrganisationKind | None = None
    language: s.LanguageCode | None = None
    q: str = Field("", max_length=200)

    def filters(self) -> selectors.ListingFilters:
        return selectors.ListingFilters(
            theme=self.theme, type=self.type, province=self.province, sdg=self.sdg,
            organisation_kind=self.organisation_kind or "", language=self.language or "", q=self.q,
        )


class OrganisationQuery(PageQuery):
    kind: s.OrganisationKind | None = None
    province: str = Field("", max_length=60)
    theme: str = Field("", max_length=60)
    sdg: int | None = Field(None, ge=1, le=17)
    q: str = Field("", max_length=200)


# Public ----------------------------------------------------------------------------------


@public.get("/themes", response={200: s.ThemeList, **PUBLIC_ERRORS})
def theme_list(request: HttpRequest):
    """The themes offers and needs are filed under."""
    return {"items": [s.theme_out(t) for t in Theme.objects.order_by("position", "pk")]}


@public.get("/sdgs", response={200: s.SdgList, **PUBLIC_ERRORS})
def sdg_list(request: HttpRequest):
    """The 17 Sustainable Development Goals."""
    return {"items": [s.sdg_out(g) for g in SDG.objects.order_by("number")]}


@public.get("/provinces", response={200: s.ProvinceList, **PUBLIC_ERRORS})
def province_list(request: HttpRequest):
    """The twelve provinces."""
    return {"items": [s.province_out(p) for p in Province.objects.order_by("name", "pk")]}


@public.get("/impact", response={200: s.ImpactOut, **PUBLIC_ERRORS})
def impact_totals(request: HttpRequest):
    """What the platform achieved: the public totals of /impact/ (outcomes that count in totals),
    over all and per SDG, province, theme and month."""
    return s.impact_out(impact_selectors.platform_impact())


@public.get("/offers", response={200: s.OfferPage, **PUBLIC_ERRORS})
def offer_list(request: HttpRequest, query: Query[ListingQuery]):
    """Published, unexpired offers, newest first, with the filters of the offers page."""
    page = paginate(selectors.offer_list_public(filters=query.filters()),
                    order=("-published_at", "-pk"), cursor=query.cursor, limit=query.limit)
    return {"items": [s.offer_out(o) for o in page.items], "next_cursor": page.next_cursor}


@public.get("/offers/{slug}", response={200: s.OfferOut, **PUBLIC_ERRORS})
def offer_detail(request: HttpRequest, slug: str = SlugPath):
    """One published offer."""
    return s.offer_out(selectors.offer_get_public(slug=slug))


@public.get("/needs", response={200: s.NeedPage, **PUBLIC_ERRORS})
def need_list(request: HttpRequest, query: Query[ListingQuery]):
    """Published, open needs, newest first, with the filters of the needs page."""
    page = paginate(selectors.need_list_public(filters=query.filters()),
                    order=("-published_at", "-pk"), cursor=query.cursor, limit=query.limit)
    return {"items": [s.need_out(n) for n in page.items], "next_cursor": page.next_cursor}


@public.get("/needs/{slug}", response={200: s.NeedOut, **PUBLIC_ERRORS})
def need_detail(request: HttpRequest, slug: str = SlugPath):
    """One published need."""
    return s.need_out(selectors.need_get_public(slug=slug))


@public.get("/organisations", response={200: s.OrganisationPage, **PUBLIC_ERRORS})
def organisation_list(request: HttpRequest, query: Query[OrganisationQuery]):
    """Organisations by name; unverified ones show their name, kind and place only."""
    queryset = selectors.organisation_list_public(
        kind=query.kind or "", province=query.province, theme=query.theme, sdg=query.sdg,
        q=query.q,
    )
    page = paginate(queryset, order=("name", "pk"), cursor=query.cursor, limit=query.limit)
    return {"items": [s.organisation_out(o) for o in page.items], "next_cursor": page.next_cursor}


@public.get("/organisations/{slug}", response={200: s.OrganisationOut, **PUBLIC_ERRORS})
def organisation_detail(request: HttpRequest, slug: str = SlugPath):
    """One organisation's profile (its text once a hub editor verified it)."""
    queryset = selectors.organisation_list_public().filter(slug=slug)
    organisation = queryset.first()
    if organisation is None:
        selectors.organisation_get_public(slug=slug)  # raises the 404
    return s.organisation_out(organisation)


# The key's own organisation -----------------------------------------------------------------


def _key(request: HttpRequest) -> ApiKey:
    return request.auth  # type: ignore[attr-defined]


@own.get("", response={200: s.MeOut, **KEY_ERRORS})
def me(request: HttpRequest):
    """The key and the organisation it acts for."""
    key = _key(request)
    return {
        "key": {"name": key.name, "prefix": key.prefix, "scope": key.scope},
        "organisation": s.organisation_ref(key.organisation),
    }


class OwnListingQuery(PageQuery):
    status: s.ListingStatusCode | None = None
    external_id: str | None = Field(None, max_length=100, description="Only the listing with this external id.")


def _own_page(model: type, request: HttpRequest, query: OwnListingQuery, out) -> dict[str, Any]:
    queryset = api_selectors.own_listings(model=model, organisation=_key(request).organisation)
    if query.status:
        queryset = queryset.filter(status=query.status)
    if query.external_id:
        queryset = queryset.filter(external_id=query.external_id)
    page = paginate(queryset, order=("-pk",), cursor=query.cursor, limit=query.limit)
    return {"items": [out(item) for item in page.items], "next_cursor": page.next_cursor}


def _own_offer(offer: Offer) -> dict[str, Any]:
    return {**s.offer_out(offer), **s.own_fields(offer)}


def _own_need(need: Need) -> dict[str, Any]:
    return {**s.need_out(need), **s.own_fields(need)}


def _reload(model: type, pk: int, request: HttpRequest):
    return api_selectors.own_listing_get(model=model, pk=pk, organisation=_key(request).organisation)


def _lookup(model: type, field: str, value: Any, name: str):
    found = model.objects.filter(**{field: value}).first()
    if found is None:
        raise ValidationError({name: f"Unknown {name}: {value}."})
    return found


def _many(model: type, field: str, values: list, name: str) -> list:
    found = list(model.objects.filter(**{f"{field}__in": values}))
    if len(found) != len(set(values)):
        raise ValidationError({name: f"Unknown {name} among {values}."})
    return found


def _decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


NOT_NULL = {"title", "description", "theme", "offer_type", "need_type", "language", "sdgs",
            "is_national", "regions", "price_terms", "province", "municipality"}


def _given(payload: Schema) -> dict[str, Any]:
    given = payload.model_dump(exclude_unset=True)
    nulls = [name for name, value in given.items() if value is None and name in NOT_NULL]
    if nulls:
        raise ValidationError(dict.fromkeys(nulls, "This field may not be null."))
    return given


@own.get("/offers", response={200: s.OwnOfferPage, **KEY_ERRORS})
def own_offer_list(request: HttpRequest, query: Query[OwnListingQuery]):
    """The organisation's offers in every state, drafts included, newest first."""
    return _own_page(Offer, request, query, _own_offer)


@own.post("/offers", response={201: s.OwnOfferOut, **WRITE_ERRORS})
def own_offer_create(request: HttpRequest, payload: s.OfferIn):
    """A new draft offer (submit it to publish)."""
    key = require_write(request)
    if not key.organisation.is_provider:
        raise PermissionDenied("Only companies, funds and public bodies publish offers.")
    offer = services.offer_create(
        organisation=key.organisation, actor=key.created_by, title=payload.title,
        description=payload.description, theme=_lookup(Theme, "slug", payload.theme, "theme"),
        offer_type=payload.offer_type, language=payload.language,
        sdgs=_many(SDG, "number", payload.sdgs, "sdgs"), is_national=payload.is_national,
        regions=_many(Province, "slug", payload.regions, "regions"),
        price_terms=payload.price_terms, min_members=payload.min_members,
        valid_until=payload.valid_until, external_id=payload.external_id.strip(),
    )
    return Status(201, _own_offer(_reload(Offer, offer.pk, request)))


@own.get("/offers/{offer_id}", response={200: s.OwnOfferOut, **KEY_ERRORS})
def own_offer_detail(request: HttpRequest, offer_id: int = IdPath):
    """One of the organisation's offers, in any state."""
    return _own_offer(_reload(Offer, offer_id, request))


@own.patch("/offers/{offer_id}", response={200: s.OwnOfferOut, **WRITE_ERRORS})
def own_offer_update(request: HttpRequest, payload: s.OfferPatch, offer_id: int = IdPath):
    """Change the given fields; a published offer of an unverified organisation goes back to review."""
    key = require_write(request)
    offer = _reload(Offer, offer_id, request)
    given = _given(payload)
    fields: dict[str, Any] = {
        name: given[name]
        for name in ("title", "description", "offer_type", "language", "is_national",
                     "price_terms", "min_members", "valid_until")
        if name in given
    }
    if "theme" in given:
        fields["theme"] = _lookup(Theme, "slug", given["theme"], "theme")
    services.offer_update(
        offer=offer, actor=key.created_by, **fields,
        sdgs=_many(SDG, "number", given["sdgs"], "sdgs") if "sdgs" in given else None,
        regions=_many(Province, "slug", given["regions"], "regions") if "regions" in given else None,
    )
    return _own_offer(_reload(Offer, offer_id, request))


@own.get("/needs", response={200: s.OwnNeedPage, **KEY_ERRORS})
def own_need_list(request: HttpRequest, query: Query[OwnListingQuery]):
    """The organisation's needs in every state, drafts included, newest first."""
    return _own_page(Need, request, query, _own_need)


@own.post("/needs", response={201: s.OwnNeedOut, **WRITE_ERRORS})
def own_need_create(request: HttpRequest, payload: s.NeedIn):
    """A new draft need (submit it to publish)."""
    key = require_write(request)
    if not key.organisation.is_initiative:
        raise PermissionDenied("Only initiatives post needs.")
    need = services.need_create(
        organisation=key.organisation, actor=key.created_by, title=payload.title,
        description=payload.description, theme=_lookup(Theme, "slug", payload.theme, "theme"),
        need_type=payload.need_type,
        province=_lookup(Province, "slug", payload.province, "province"),
        language=payload.language, sdgs=_many(SDG, "number", payload.sdgs, "sdgs"),
        budget_min=_decimal(payload.budget_min), budget_max=_decimal(payload.budget_max),
        deadline=payload.deadline, municipality=payload.municipality,
        external_id=payload.external_id.strip(),
    )
    return Status(201, _own_need(_reload(Need, need.pk, request)))


@own.get("/needs/{need_id}", response={200: s.OwnNeedOut, **KEY_ERRORS})
def own_need_detail(request: HttpRequest, need_id: int = IdPath):
    """One of the organisation's needs, in any state."""
    return _own_need(_reload(Need, need_id, request))


@own.patch("/needs/{need_id}", response={200: s.OwnNeedOut, **WRITE_ERRORS})
def own_need_update(request: HttpRequest, payload: s.NeedPatch, need_id: int = IdPath):
    """Change the given fields; a published need of an unverified organisation goes back to review."""
    key = require_write(request)
    need = _reload(Need, need_id, request)
    given = _given(payload)
    fields: dict[str, Any] = {
        name: given[name]
        for name in ("title", "description", "need_type", "language", "deadline", "municipality")
        if name in given
    }
    for name in ("budget_min", "budget_max"):
        if name in given:
            fields[name] = _decimal(given[name])
    if "theme" in given:
        fields["theme"] = _lookup(Theme, "slug", given["theme"], "theme")
    if "province" in given:
        fields["province"] = _lookup(Province, "slug", given["province"], "province")
    services.need_update(
        need=need, actor=key.created_by, **fields,
        sdgs=_many(SDG, "number", given["sdgs"], "sdgs") if "sdgs" in given else None,
    )
    return _own_need(_reload(Need, need_id, request))


def _submit(model: type, pk: int, request: HttpRequest) -> Any:
    key = require_write(request)
    services.listing_submit(listing=_reload(model, pk, request), actor=key.created_by)
    return _reload(model, pk, request)


def _close(model: type, pk: int, request: HttpRequest, payload: s.CloseIn) -> Any:
    key = require_write(request)
    services.listing_close(listing=_reload(model, pk, request), actor=key.created_by,
                           reason=payload.reason, note=payload.note)
    return _reload(model, pk, request)


@own.post("/offers/{offer_id}/submit", response={200: s.OwnOfferOut, **WRITE_ERRORS})
def own_offer_submit(request: HttpRequest, offer_id: int = IdPath):
    """Publish a draft (verified organisations) or send it to the hub editors' review."""
    return _own_offer(_submit(Offer, offer_id, request))


@own.post("/offers/{offer_id}/close", response={200: s.OwnOfferOut, **WRITE_ERRORS})
def own_offer_close(request: HttpRequest, payload: s.CloseIn, offer_id: int = IdPath):
    """Close an offer as fulfilled or withdrawn."""
    return _own_offer(_close(Offer, offer_id, request, payload))


@own.post("/needs/{need_id}/submit", response={200: s.OwnNeedOut, **WRITE_ERRORS})
def own_need_submit(request: HttpRequest, need_id: int = IdPath):
    """Publish a draft (verified organisations) or send it to the hub editors' review."""
    return _own_need(_submit(Need, need_id, request))


@own.post("/needs/{need_id}/close", response={200: s.OwnNeedOut, **WRITE_ERRORS})
def own_need_close(request: HttpRequest, payload: s.CloseIn, need_id: int = IdPath):
    """Close a need as fulfilled or withdrawn."""
    return _own_need(_close(Need, need_id, request, payload))


@own.get("/needs/{need_id}/recommendations", response={200: s.RecommendationList, **KEY_ERRORS})
def own_need_recommendations(request: HttpRequest, need_id: int = IdPath):
    """The offers the matcher recorded for one of the organisation's needs, with why they fit."""
    need = _reload(Need, need_id, request)
    return s.recommendations_out(
        matching_selectors.recommendations_recorded(listing=need, direction="offers_for_need")
    )


@own.get("/offers/{offer_id}/leads", response={200: s.RecommendationList, **KEY_ERRORS})
def own_offer_leads(request: HttpRequest, offer_id: int = IdPath):
    """The needs the matcher recorded for one of the organisation's offers, with why they fit."""
    offer = _reload(Offer, offer_id, request)
    return s.recommendations_out(
        matching_selectors.recommendations_recorded(listing=offer, direction="needs_for_offer")
    )


class MatchQuery(PageQuery):
    status: s.MatchStatusCode | None = None


@own.get("/matches", response={200: s.MatchPage, **KEY_ERRORS})
def own_match_list(request: HttpRequest, query: Query[MatchQuery]):
    """The organisation's matches (either side), newest first."""
    organisation = _key(request).organisation
    queryset = api_selectors.own_matches(organisation=organisation, status=query.status or "")
    page = paginate(queryset, order=("-pk",), cursor=query.cursor, limit=query.limit)
    return {"items": [s.match_out(m, organisation) for m in page.items],
            "next_cursor": page.next_cursor}


@own.get("/matches/{match_id}", response={200: s.MatchOut, **KEY_ERRORS})
def own_match_detail(request: HttpRequest, match_id: int = IdPath):
    """One of the organisation's matches."""
    organisation = _key(request).organisation
    return s.match_out(api_selectors.own_match_get(pk=match_id, organisation=organisation),
                       organisation)


@own.get("/matches/{match_id}/messages", response={200: s.MessagePage, **KEY_ERRORS})
def own_match_messages(request: HttpRequest, query: Query[PageQuery], match_id: int = IdPath):
    """The match's thread, oldest first."""
    match = api_selectors.own_match_get(pk=match_id, organisation=_key(request).organisation)
    page = paginate(api_selectors.match_messages(match=match), order=("pk",),
                    cursor=query.cursor, limit=query.limit)
    return {"items": [s.message_out(m) for m in page.items], "next_cursor": page.next_cursor}


@own.post("/matches/{match_id}/messages", response={201: s.MessageOut, **WRITE_ERRORS})
def own_match_message_send(request: HttpRequest, payload: s.MessageIn, match_id: int = IdPath):
    """Write in the match's conversation (once the two organisations are introduced)."""
    key = require_write(request)
    match = api_selectors.own_match_get(pk=match_id, organisation=key.organisation)
    message = match_services.match_message_send(match=match, actor=key.created_by,
                                                body=payload.body)
    return Status(201, s.message_out(message))


@own.get("/contributions", response={200: s.ContributionPage, **KEY_ERRORS})
def own_contributions(request: HttpRequest, query: Query[PageQuery]):
    """Paid contributions to the organisation's needs, newest first."""
    queryset = api_selectors.own_contributions(organisation=_key(request).organisation)
    page = paginate(queryset, order=("-pk",), cursor=query.cursor, limit=query.limit)
    return {"items": [s.contribution_out(p) for p in page.items], "next_cursor": page.next_cursor}


api.add_router("/", public)
api.add_router("/me", own)
