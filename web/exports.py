"""The exports on the dashboard: an organisation's own data, and the hub editors' programme data,
as tablib datasets that the views write as CSV or XLSX. Only reads.

Dates are ISO 8601, amounts are euros with two decimals, codes (theme slugs, SDG numbers,
statuses) are the ones the import and the API use.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

import tablib

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from marketplace import listing_table
from marketplace.models import (
    ListingTransition,
    Match,
    Need,
    Offer,
    Organisation,
    OutcomeIndicator,
)
from payments import selectors as payment_selectors


def _date(value: datetime.date | datetime.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    return value.isoformat()


def _euros(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


def _listings_of(organisations: list[Organisation] | None) -> list:
    """Offers then needs, of some organisations or (None) of all, every status."""
    items = []
    for model, extra in ((Offer, ("regions",)), (Need, ())):
        queryset = model.objects.select_related("theme", "organisation", *(
            ("province",) if model is Need else ())).prefetch_related("sdgs", *extra)
        if organisations is not None:
            queryset = queryset.filter(organisation__in=organisations)
        items.extend(queryset.order_by("pk"))
    return items


def organisation_listings(*, organisation: Organisation) -> tablib.Dataset:
    """The organisation's offers or needs in every status (the columns of the import template)."""
    return listing_table.listings_dataset(_listings_of([organisation]), title="listings")


def organisation_matches(*, organisation: Organisation) -> tablib.Dataset:
    """The organisation's matches, either side, with their status and dates."""
    dataset = tablib.Dataset(
        headers=["match_id", "status", "need", "need_organisation", "offer", "offer_organisation",
                 "interested_side", "created_at", "updated_at"],
        title="matches",
    )
    matches = (
        Match.objects.filter(need__organisation=organisation)
        | Match.objects.filter(offer__organisation=organisation)
    ).select_related("need__organisation", "offer__organisation").order_by("pk")
    for match in matches:
        dataset.append([
            match.pk, match.status, match.need.title, match.need.organisation.name,
            match.offer.title, match.offer.organisation.name, match.interested_side,
            _date(match.created_at), _date(match.updated_at),
        ])
    return dataset


def organisation_contributions(*, organisation: Organisation) -> tablib.Dataset:
    """Paid contributions to the organisation's needs; anonymous contributors stay anonymous."""
    dataset = tablib.Dataset(
        headers=["payment_id", "need", "paid_at", "amount_eur", "refunded_eur", "net_eur",
                 "currency", "contributor", "method"],
        title="contributions",
    )
    payments = payment_selectors.contributions_for_organisation(organisation=organisation)
    for payment in payments.select_related("need").order_by("succeeded_at", "pk"):
        dataset.append([
            str(payment.public_id), payment.need.title, _date(payment.succeeded_at),
            _euros(payment.amount_cents), _euros(payment.refunded_cents),
            _euros(payment.amount_cents - payment.refunded_cents), payment.currency.upper(),
            "" if payment.is_anonymous else payment.payer_name, payment.method,
        ])
    return dataset


def organisation_impact(*, organisation: Organisation) -> tablib.Dataset:
    """The measured outcomes of the organisation's matches: one row per indicator and SDG."""
    dataset = tablib.Dataset(
        headers=["match_id", "need", "offer", "reported_at", "sdg", "indicator", "value"],
        title="impact",
    )
    indicators = (
        OutcomeIndicator.objects.filter(report__match__need__organisation=organisation)
        | OutcomeIndicator.objects.filter(report__match__offer__organisation=organisation)
    ).select_related("report__match__need", "report__match__offer", "sdg").order_by("report_id", "pk")
    for item in indicators:
        match = item.report.match
        dataset.append([
            match.pk, match.need.title, match.offer.title, _date(item.report.created_at),
            item.sdg.number, item.indicator, f"{item.value:.2f}",
        ])
    return dataset


def all_listings() -> tablib.Dataset:
    """Every offer and need on the platform, every status, with its organisation (hub editors)."""
    listings = _listings_of(None)
    dataset = listing_table.listings_dataset(listings, title="listings")
    dataset.append_col([listing.organisation.slug for listing in listings], header="organisation")
    return dataset


def moderation_log() -> tablib.Dataset:
    """Every status change of every offer and need: who, when, from, to and why (hub editors)."""
    dataset = tablib.Dataset(
        headers=["at", "kind", "listing_id", "listing", "organisation", "from_status", "to_status",
                 "actor", "reason_code", "reason"],
        title="moderation log",
    )
    kinds = {
        ContentType.objects.get_for_model(model).pk: (name, model)
        for name, model in (("offer", Offer), ("need", Need))
    }
    transitions = list(
        ListingTransition.objects.filter(content_type_id__in=kinds)
        .select_related("actor").order_by("created_at", "pk")
    )
    listings = {
        (content_type, listing.pk): listing
        for content_type, (_name, model) in kinds.items()
        for listing in model.objects.filter(
            pk__in={t.object_id for t in transitions if t.content_type_id == content_type}
        ).select_related("organisation")
    }
    for transition in transitions:
        listing = listings.get((transition.content_type_id, transition.object_id))
        dataset.append([
            _date(transition.created_at), kinds[transition.content_type_id][0],
            transition.object_id, listing.title if listing else "",
            listing.organisation.slug if listing else "", transition.from_status,
            transition.to_status, transition.actor.email if transition.actor else "",
            transition.reason_code, transition.reason,
        ])
    return dataset


ORGANISATION_EXPORTS: dict[str, Callable[..., tablib.Dataset]] = {
    "listings": organisation_listings,
    "matches": organisation_matches,
    "contributions": organisation_contributions,
    "impact": organisation_impact,
}
EDITOR_EXPORTS: dict[str, Callable[[], tablib.Dataset]] = {
    "all-listings": all_listings,
    "moderation-log": moderation_log,
}
EXPORT_LABELS = {
    "listings": _("Our offers and needs (all statuses)"),
    "matches": _("Our matches"),
    "contributions": _("Contributions to our needs"),
    "impact": _("Impact: measured outcomes per SDG"),
    "all-listings": _("All offers and needs"),
    "moderation-log": _("Moderation log"),
}
