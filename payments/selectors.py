"""Reads of the payments app: plans and limits, featured offers, funding progress, receipts."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, F, Max, OuterRef, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from marketplace import models as marketplace_models
from marketplace import selectors as marketplace_selectors
from marketplace.models import Need, Offer, Organisation, Theme

from . import stripe_api
from .models import FeaturedPlacement, FundingGoal, PartnerSubscription, Payment, PaymentPurpose

# Plans and the free-plan limit -------------------------------------------------------------


def partner_subscription_for(*, organisation: Organisation) -> PartnerSubscription | None:
    """The organisation's Partner subscription record, if it ever started one."""
    return PartnerSubscription.objects.filter(organisation=organisation).first()


def _organisation_now(organisation: Organisation) -> Organisation:
    # The plan may have changed since the caller loaded the organisation (webhooks, other tabs).
    return Organisation.objects.get(pk=organisation.pk)


def organisation_is_partner(*, organisation: Organisation) -> bool:
    """Whether the organisation has the Partner plan now (more offers, lead alerts, insights)."""
    return _organisation_now(organisation).is_partner


def organisation_offer_limit(*, organisation: Organisation) -> int | None:
    """How many live offers the organisation may have; None means no limit."""
    return _organisation_now(organisation).offer_limit


def free_plan_offer_limit() -> int | None:
    """How many live offers the free plan allows (None: no limit)."""
    return marketplace_models.free_plan_offer_limit()


def organisation_live_offer_count(
    *, organisation: Organisation, exclude_offer: Offer | None = None
) -> int:
    """Offers of the organisation that are published or waiting for review."""
    return marketplace_selectors.organisation_live_offer_count(
        organisation=organisation, exclude_offer=exclude_offer
    )


def offer_limit_reached(*, organisation: Organisation, exclude_offer: Offer | None = None) -> bool:
    """Whether one more live offer would go beyond the organisation's plan."""
    return marketplace_selectors.offer_limit_reached(
        organisation=_organisation_now(organisation), exclude_offer=exclude_offer
    )


@dataclass(frozen=True)
class InvoiceSummary:
    number: str
    created: datetime.datetime
    total_cents: int
    currency: str
    status: str
    url: str


def partner_invoices(*, organisation: Organisation) -> list[InvoiceSummary]:
    """The organisation's recent Partner invoices, read from Stripe (may raise PaymentProviderError)."""
    subscription = partner_subscription_for(organisation=organisation)
    if subscription is None or not subscription.stripe_customer_id:
        return []
    return [
        InvoiceSummary(
            number=invoice.get("number") or invoice["id"],
            created=datetime.datetime.fromtimestamp(invoice["created"], tz=datetime.UTC),
            total_cents=int(invoice.get("total") or 0),
            currency=invoice.get("currency") or "eur",
            status=invoice.get("status") or "",
            url=invoice.get("hosted_invoice_url") or invoice.get("invoice_pdf") or "",
        )
        for invoice in stripe_api.invoice_list(customer_id=subscription.stripe_customer_id)
    ]


# Featured offers ---------------------------------------------------------------------------


def featured_offers(*, theme: Theme | None = None, limit: int = 6) -> QuerySet[Offer]:
    """Public offers inside a paid featured period, the longest-running first."""
    now = timezone.now()
    running = FeaturedPlacement.objects.filter(
        offer=OuterRef("pk"), starts_at__lte=now, ends_at__gt=now
    )
    offers = marketplace_selectors.offer_list_public().filter(Exists(running))
    if theme is not None:
        offers = offers.filter(theme=theme)
    return offers.annotate(featured_until=Max("featured_placements__ends_at")).order_by(
        "featured_until", "-published_at", "-pk"
    )[:limit]


def offer_featured_until(*, offer: Offer) -> datetime.datetime | None:
    """The end of the offer's last paid featured period, if it lies in the future."""
    end = FeaturedPlacement.objects.filter(offer=offer).aggregate(end=Max("ends_at"))["end"]
    return end if end and end > timezone.now() else None


# Contributions and funding goals -----------------------------------------------------------


@dataclass(frozen=True)
class FundingProgress:
    goal_cents: int
    raised_cents: int
    contributor_count: int
    currency: str

    @property
    def percent(self) -> int:
        return min(100, self.raised_cents * 100 // self.goal_cents) if self.goal_cents else 0

    @property
    def percent_exact(self) -> float:
        """The share raised, unrounded: €115 of €15,000 is 0.77 %, not 0 %."""
        return min(100.0, self.raised_cents * 100 / self.goal_cents) if self.goal_cents else 0.0

    @property
    def is_reached(self) -> bool:
        return self.raised_cents >= self.goal_cents

    @property
    def remaining_cents(self) -> int:
        return max(0, self.goal_cents - self.raised_cents)


def _paid_contributions(need: Need) -> QuerySet[Payment]:
    return Payment.objects.filter(
        need=need, purpose=PaymentPurpose.CONTRIBUTION, status__in=Payment.PAID_STATUSES
    )


def need_funding(*, need: Need) -> FundingProgress | None:
    """The need's funding goal and what contributions have raised so far (after refunds)."""
    goal = FundingGoal.objects.filter(need=need).first()
    if goal is None:
        return None
    paid = _paid_contributions(need)
    raised = paid.aggregate(total=Sum(F("amount_cents") - F("refunded_cents")))["total"] or 0
    return FundingProgress(
        goal_cents=goal.goal_cents,
        raised_cents=raised,
        contributor_count=paid.filter(refunded_cents__lt=F("amount_cents")).count(),
        currency=goal.currency,
    )


# A payment on its way (3-D Secure, processing) holds its share of a funding goal this long;
# after that it no longer keeps others from contributing (see docs/payments.md).
CONTRIBUTION_HOLD = datetime.timedelta(minutes=30)


def need_contribution_room(*, need: Need, exclude_payment_pk: int | None = None) -> int | None:
    """How much may still be given to a need: its goal less what was raised (after refunds)
    and what is on its way (open payments with a PaymentIntent, started within
    CONTRIBUTION_HOLD). None when the need has no goal. Read it under the goal's row lock
    to decide (services._payment_charge)."""
    goal = FundingGoal.objects.filter(need=need).values_list("goal_cents", flat=True).first()
    if goal is None:
        return None
    raised = (
        _paid_contributions(need).aggregate(total=Sum(F("amount_cents") - F("refunded_cents")))[
            "total"
        ]
        or 0
    )
    on_its_way = Payment.objects.filter(
        need=need,
        purpose=PaymentPurpose.CONTRIBUTION,
        status__in=Payment.OPEN_STATUSES,
        stripe_payment_intent_id__isnull=False,
        created_at__gte=timezone.now() - CONTRIBUTION_HOLD,
    )
    if exclude_payment_pk is not None:
        on_its_way = on_its_way.exclude(pk=exclude_payment_pk)
    held = on_its_way.aggregate(total=Sum("amount_cents"))["total"] or 0
    return goal - raised - held


def need_accepts_contributions(*, need: Need) -> bool:
    """Whether people can contribute now: published, open, with a goal not yet reached."""
    if not need.is_public or (need.deadline and need.deadline < timezone.localdate()):
        return False
    progress = need_funding(need=need)
    return progress is not None and not progress.is_reached


def need_contributions_for_members(*, need: Need) -> QuerySet[Payment]:
    """Paid contributions to a need, for its initiative's members (anonymous ones hide the person)."""
    return _paid_contributions(need).order_by("-succeeded_at")


def contributions_for_organisation(*, organisation: Organisation) -> QuerySet[Payment]:
    """Paid contributions to any of an organisation's needs, for its members (the API)."""
    return Payment.objects.filter(
        need__organisation=organisation, purpose=PaymentPurpose.CONTRIBUTION,
        status__in=Payment.PAID_STATUSES,
    )


# Payments for the person who made them -----------------------------------------------------


def payer_reference(*, user: AbstractBaseUser | AnonymousUser, session_key: str | None) -> str:
    """Who is paying, as used in attempt keys: the account, or else the browser session."""
    if user.is_authenticated:
        return f"user:{user.pk}"
    if session_key:
        return f"session:{session_key}"
    raise ValueError("A payer needs an account or a session.")


def payment_get_for_payer(
    *, public_id: uuid.UUID, user: AbstractBaseUser | AnonymousUser, session_key: str | None
) -> Payment:
    """A payment by its public id, only for the person (account or browser session) who made it."""
    payment = (
        Payment.objects.select_related("need", "need__organisation", "offer")
        .filter(public_id=public_id)
        .first()
    )
    try:
        reference = payer_reference(user=user, session_key=session_key)
    except ValueError:
        raise Http404 from None
    if payment is None or f":{reference}:" not in payment.attempt_key:
        raise Http404
    return payment
