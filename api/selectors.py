"""Reads of the API app: which key a request presents, an organisation's own items, the logs.

Nothing here writes: a key's last use on a read is kept in the cache (see `api_key_note_use`).
"""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from marketplace.models import Listing, Match, MatchMessage, Membership, Need, Offer, Organisation
from payments import selectors as payments_selectors

from . import keys
from .models import ApiKey, WebhookDelivery, WebhookEndpoint

LAST_USED_TTL = 90 * 24 * 3600


def api_key_for_token(*, token: str) -> ApiKey | None:
    """The active key a bearer token names, while its creator still belongs to its organisation."""
    parts = keys.split_key(token)
    if parts is None:
        return None
    prefix, secret = parts
    key = (
        ApiKey.objects.select_related("organisation", "created_by")
        .filter(prefix=prefix, revoked_at__isnull=True)
        .first()
    )
    if key is None or not keys.secret_matches(secret, key.secret_hash):
        return None
    if not key.created_by.is_active or not Membership.objects.filter(
        user_id=key.created_by_id, organisation_id=key.organisation_id
    ).exists():
        return None
    return key


def _used_key(key_id: int) -> str:
    return f"api:key-used:{key_id}"


def api_key_note_use(*, key: ApiKey) -> None:
    """Remember the key's last use in the cache (not the database: reads never write)."""
    try:
        cache.set(_used_key(key.pk), timezone.now().isoformat(), LAST_USED_TTL)
    except Exception:  # noqa: BLE001 - a cache outage must not refuse the request
        return


def api_key_last_used(*, key: ApiKey) -> datetime.datetime | None:
    """The later of the stored last use (written by writes) and the cached one (any request)."""
    try:
        cached = cache.get(_used_key(key.pk))
    except Exception:  # noqa: BLE001
        cached = None
    seen = parse_datetime(cached) if cached else None
    candidates = [t for t in (key.last_used_at, seen) if t is not None]
    return max(candidates) if candidates else None


def api_keys_for_organisation(*, organisation: Organisation) -> list[ApiKey]:
    keys_ = list(ApiKey.objects.filter(organisation=organisation).select_related("created_by"))
    for key in keys_:
        key.last_used = api_key_last_used(key=key)
    return keys_


def api_key_get_for_organisation(*, pk: int, organisation: Organisation) -> ApiKey:
    key = ApiKey.objects.filter(pk=pk, organisation=organisation).first()
    if key is None:
        raise Http404
    return key


def webhook_endpoints_for_organisation(*, organisation: Organisation) -> list[WebhookEndpoint]:
    return list(WebhookEndpoint.objects.filter(organisation=organisation))


def webhook_endpoint_get_for_organisation(
    *, pk: int, organisation: Organisation
) -> WebhookEndpoint:
    endpoint = WebhookEndpoint.objects.filter(pk=pk, organisation=organisation).first()
    if endpoint is None:
        raise Http404
    return endpoint


def webhook_deliveries_for_organisation(
    *, organisation: Organisation, limit: int = 50
) -> list[WebhookDelivery]:
    """The latest deliveries to the organisation's endpoints, newest first."""
    return list(
        WebhookDelivery.objects.filter(endpoint__organisation=organisation)
        .select_related("endpoint")
        .order_by("-created_at", "-pk")[:limit]
    )


# What a key may read of its own organisation ------------------------------------------------


def own_listings(*, model: type[Listing], organisation: Organisation) -> QuerySet:
    """Every offer or need of the organisation, drafts included."""
    queryset = model.objects.filter(organisation=organisation).select_related(
        "organisation", "theme"
    ).prefetch_related("sdgs")
    if model is Offer:
        return queryset.prefetch_related("regions")
    return queryset.select_related("province")


def own_listing_get(*, model: type[Listing], pk: int, organisation: Organisation) -> Listing:
    """One of the organisation's offers or needs; 404 for anybody else's (its existence stays hidden)."""
    listing = own_listings(model=model, organisation=organisation).filter(pk=pk).first()
    if listing is None:
        raise Http404
    return listing


def own_matches(*, organisation: Organisation, status: str = "") -> QuerySet[Match]:
    queryset = Match.objects.filter(
        Q(need__organisation=organisation) | Q(offer__organisation=organisation)
    ).select_related("need__organisation", "offer__organisation")
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def own_match_get(*, pk: int, organisation: Organisation) -> Match:
    match = own_matches(organisation=organisation).filter(pk=pk).first()
    if match is None:
        raise Http404
    return match


def match_messages(*, match: Match) -> QuerySet[MatchMessage]:
    return MatchMessage.objects.filter(match=match).select_related("author")


def own_contributions(*, organisation: Organisation) -> QuerySet:
    """Paid contributions to the organisation's needs (anonymous ones hide the person)."""
    return payments_selectors.contributions_for_organisation(organisation=organisation).select_related(
        "need__organisation"
    )


def own_need_ids(*, organisation: Organisation) -> QuerySet:
    return Need.objects.filter(organisation=organisation).values_list("pk", flat=True)
