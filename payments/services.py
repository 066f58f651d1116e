"""Writes of the payments app: paying once, fulfilling once, plans, funding goals and refunds.

Idempotency on our side: a payment belongs to one attempt (the form a person was shown),
so a double click or parallel requests find the same row and its one PaymentIntent; the row
is locked while Stripe is asked to charge, and fulfilment happens in the same transaction as
the status change, at most once per payment.
"""

from __future__ import annotations

import datetime
import logging
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import ratelimit
from core.email import send_email
from core.validators import single_line_text
from marketplace import services as marketplace_services
from marketplace.models import Membership, Need, Offer, Organisation, Plan
from notifications.services import notify

from . import ledger, selectors, stripe_api
from . import notifications as payment_notifications
from .declines import decline_message, failure_code, failure_text
from .models import (
    FeaturedPlacement,
    FundingGoal,
    PartnerSubscription,
    Payment,
    PaymentPurpose,
    PaymentStatus,
)
from .pricing import (
    CONTRIBUTION_MAX_CENTS,
    CONTRIBUTION_MIN_CENTS,
    CURRENCY,
    FEATURE_PRICES,
    FUNDING_GOAL_MAX_CENTS,
    FUNDING_GOAL_MIN_CENTS,
    PARTNER_PRICES,
    format_money,
    partner_price_for_plan,
)

logger = logging.getLogger(__name__)

ATTEMPT_PATTERN = re.compile(r"^[0-9a-f]{32}$")
PAYMENT_METHOD_PATTERN = re.compile(r"^(pm|tok)_[A-Za-z0-9_]{4,250}$")
CARD = "card"
IDEAL = "ideal"
# Methods that send the payer to their bank and back (return_url) instead of a card field.
REDIRECT_METHODS = (IDEAL,)

# What the payer's browser is told after each step.
SUCCEEDED = "succeeded"
REQUIRES_ACTION = "requires_action"
PROCESSING = "processing"
FAILED = "failed"
UNAVAILABLE = "unavailable"
REDIRECT = "redirect"  # go to the bank (iDEAL); Stripe sends the payer back to the result page

# A late snapshot of a PaymentIntent (a webhook arriving out of order) never undoes a later state.
_STATUS_RANK = {
    PaymentStatus.PENDING: 0,
    PaymentStatus.REQUIRES_ACTION: 1,
    PaymentStatus.PROCESSING: 2,
    PaymentStatus.FAILED: 3,
    PaymentStatus.CANCELED: 3,
    PaymentStatus.SUCCEEDED: 4,
    PaymentStatus.REFUNDED: 5,
}


def unavailable_message() -> str:
    return _(
        "The payment service did not answer in time, so your payment was not completed. "
        "Please try again in a few minutes."
    )


@dataclass(frozen=True)
class PaymentOutcome:
    """Where a payment stands after a step, and what the payer's browser has to do next."""

    payment: Payment | None
    status: str
    message: str = ""
    client_secret: str = ""
    redirect_to: str = ""  # the bank's page, for REDIRECT


@dataclass(frozen=True)
class PlanOutcome:
    """Where a Partner upgrade stands after a step, and what the browser has to do next."""

    subscription: PartnerSubscription | None
    status: str
    message: str = ""
    client_secret: str = ""


@dataclass(frozen=True)
class ReconcileReport:
    events_handled: int
    payments_changed: int
    subscriptions_changed: int
    ledger_mismatches: tuple[str, ...] = ()

    @property
    def changed_anything(self) -> bool:
        return bool(self.events_handled or self.payments_changed or self.subscriptions_changed)


# Checks --------------------------------------------------------------------------------------


def _require_member(user: AbstractBaseUser, organisation: Organisation) -> None:
    if not (
        user.is_authenticated
        and Membership.objects.filter(user=user, organisation=organisation).exists()
    ):
        raise PermissionDenied(_("Only members of the organisation may do this."))


def _require_owner(user: AbstractBaseUser, organisation: Organisation) -> None:
    if not (
        user.is_authenticated
        and Membership.objects.filter(
            user=user, organisation=organisation, role=Membership.Role.OWNER
        ).exists()
    ):
        raise PermissionDenied(_("Only an owner of the organisation may do this."))


def _check_attempt(attempt: str) -> None:
    if not ATTEMPT_PATTERN.match(attempt or ""):
        raise ValidationError(_("This form has expired. Reload the page and try again."))


def _check_payment_method(payment_method: str) -> None:
    if not PAYMENT_METHOD_PATTERN.match(payment_method or ""):
        raise ValidationError(_("Enter your card details."))


# Funding goals -------------------------------------------------------------------------------


@transaction.atomic
def funding_goal_set(*, need: Need, actor: AbstractBaseUser, goal_cents: int) -> FundingGoal:
    """Set or change how much an initiative hopes to raise for its need (members only)."""
    _require_member(actor, need.organisation)
    if not (FUNDING_GOAL_MIN_CENTS <= goal_cents <= FUNDING_GOAL_MAX_CENTS):
        raise ValidationError(
            {
                "goal": _("Choose a goal between € %(low)s and € %(high)s.")
                % {"low": FUNDING_GOAL_MIN_CENTS // 100, "high": FUNDING_GOAL_MAX_CENTS // 100}
            }
        )
    goal = FundingGoal.objects.select_for_update().filter(need=need).first() or FundingGoal(
        need=need, currency=CURRENCY
    )
    goal.goal_cents = goal_cents
    goal.set_by = actor
    goal.full_clean()
    goal.save()
    return goal


# One-off payments: starting, charging, recording ---------------------------------------------


def _payment_for_attempt(*, attempt_key: str, build: Callable[[], Payment]) -> tuple[Payment, bool]:
    """The payment of this attempt, created once even when requests race (unique attempt key)."""
    existing = Payment.objects.filter(attempt_key=attempt_key).first()
    if existing is not None:
        return existing, False
    payment = build()
    payment.attempt_key = attempt_key
    payment.language = translation.get_language() or "nl"
    payment.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            payment.save()
    except IntegrityError:
        # A parallel request with the same attempt created it a moment earlier.
        return Payment.objects.get(attempt_key=attempt_key), False
    return payment, True


def contribution_pay(
    *,
    need: Need,
    payer: AbstractBaseUser | AnonymousUser,
    session_key: str | None,
    attempt: str,
    amount_cents: int,
    email: str,
    payment_method: str,
    name: str = "",
    anonymous: bool = False,
    show_on_wall: bool = False,
    message: str = "",
    method: str = CARD,
    site_url: str = "",
) -> PaymentOutcome:
    """Give money to a need: start (or pick up) this attempt's payment and charge it once,
    by card, or by iDEAL (the payer is sent to their bank and comes back to the result page
    on `site_url`)."""
    _check_attempt(attempt)
    if method not in (CARD, *REDIRECT_METHODS):
        raise ValidationError({"method": _("Choose how you want to pay.")})
    if method == CARD:
        _check_payment_method(payment_method)
    reference = selectors.payer_reference(user=payer, session_key=session_key)
    attempt_key = f"{PaymentPurpose.CONTRIBUTION}:need-{need.pk}:{reference}:{attempt}"
    existing = Payment.objects.filter(attempt_key=attempt_key).first()
    if existing is None:
        # A new payment counts; picking up the same attempt again (a retry) does not.
        ratelimit.limit("contribution", account=payer.pk if payer.is_authenticated else None)
        if not (CONTRIBUTION_MIN_CENTS <= amount_cents <= CONTRIBUTION_MAX_CENTS):
            raise ValidationError(
                {
                    "amount": _("Choose an amount between € %(low)s and € %(high)s.")
                    % {"low": CONTRIBUTION_MIN_CENTS // 100, "high": CONTRIBUTION_MAX_CENTS // 100}
                }
            )
        if not selectors.need_accepts_contributions(need=need):
            raise ValidationError(_("This need does not accept contributions at the moment."))
        refusal = _goal_refusal(need=need, amount_cents=amount_cents)
        if refusal:
            raise ValidationError({"amount": refusal})
    elif existing.amount_cents != amount_cents:
        raise ValidationError(
            _("This form was already used for another amount. Reload the page and try again.")
        )

    def build() -> Payment:
        return Payment(
            purpose=PaymentPurpose.CONTRIBUTION,
            amount_cents=amount_cents,
            currency=CURRENCY,
            payer=payer if payer.is_authenticated else None,
            payer_email=email,
            payer_name=name.strip(),
            need=need,
            is_anonymous=anonymous,
            # Named on the public wall only with consent, and never when anonymous.
            show_on_wall=show_on_wall and not anonymous and bool(name.strip()),
            message=message.strip(),
            method=method,
        )

    payment, _created = _payment_for_attempt(attempt_key=attempt_key, build=build)
    if payment.method in REDIRECT_METHODS:
        return_url = site_url + reverse("payments:payment_result", args=[payment.public_id])
        return _payment_charge(payment=payment, payment_method="", return_url=return_url)
    return _payment_charge(payment=payment, payment_method=payment_method)


def offer_feature_pay(
    *, offer: Offer, actor: AbstractBaseUser, attempt: str, days: int, payment_method: str
) -> PaymentOutcome:
    """Pay to feature a published offer for a number of days from the server's price list."""
    _require_member(actor, offer.organisation)
    _check_attempt(attempt)
    _check_payment_method(payment_method)
    if days not in FEATURE_PRICES:
        raise ValidationError({"days": _("Choose one of the periods on offer.")})
    attempt_key = f"{PaymentPurpose.FEATURED_OFFER}:offer-{offer.pk}:user:{actor.pk}:{attempt}"
    existing = Payment.objects.filter(attempt_key=attempt_key).first()
    if existing is None:
        if not (
            offer.is_public
            and (offer.valid_until is None or offer.valid_until >= timezone.localdate())
        ):
            raise ValidationError(_("Only a published offer can be featured."))
    elif existing.feature_days != days:
        raise ValidationError(
            _("This form was already used for another period. Reload the page and try again.")
        )

    def build() -> Payment:
        return Payment(
            purpose=PaymentPurpose.FEATURED_OFFER,
            amount_cents=FEATURE_PRICES[days],
            currency=CURRENCY,
            payer=actor,
            payer_email=actor.email,
            payer_name=single_line_text(actor.get_full_name())[:100],
            organisation=offer.organisation,
            offer=offer,
            feature_days=days,
        )

    payment, _created = _payment_for_attempt(attempt_key=attempt_key, build=build)
    return _payment_charge(payment=payment, payment_method=payment_method)


def _intent_metadata(payment: Payment) -> dict[str, str]:
    metadata = {"payment": str(payment.public_id), "purpose": payment.purpose}
    if payment.need_id:
        metadata["need"] = str(payment.need_id)
    if payment.offer_id:
        metadata["offer"] = str(payment.offer_id)
    return metadata


def _goal_refusal(*, need: Need, amount_cents: int, exclude_payment_pk: int | None = None) -> str:
    """Why a contribution of this amount would go beyond the need's funding goal ("" if it fits).

    The policy: contributions stop at the goal. A contribution may be at most what is still
    needed (counting payments on their way, see selectors.need_contribution_room); when less
    than the minimum contribution is still needed, the minimum is accepted.
    """
    room = selectors.need_contribution_room(need=need, exclude_payment_pk=exclude_payment_pk)
    if room is None:
        return _("This need does not accept contributions at the moment.")
    if room <= 0:
        return _("The funding goal of this need has been reached. Thank you!")
    if amount_cents > max(room, CONTRIBUTION_MIN_CENTS):
        return _(
            "Only %(amount)s is still needed to reach the goal. Choose that amount or less."
        ) % {"amount": format_money(room)}
    return ""


def _payment_charge(*, payment: Payment, payment_method: str, return_url: str = "") -> PaymentOutcome:
    """Create the payment's PaymentIntent if needed and confirm it with the card, once.

    If the database refuses a write after the PaymentIntent was created, the PaymentIntent is
    cancelled at Stripe (nothing was charged) or, when Stripe already moved the money, left for
    the webhook and `stripe_reconcile` to link by its metadata (`payment_sync`): no PaymentIntent
    is left without its payment.
    """
    created: list[str] = []
    try:
        return _payment_charge_locked(
            payment=payment, payment_method=payment_method, created=created, return_url=return_url
        )
    except DatabaseError:
        if not created:
            raise
        logger.exception("The database refused payment %s after Stripe was asked", payment.pk)
        return _payment_abandon(payment=payment, payment_intent_id=created[0])


def _payment_abandon(*, payment: Payment, payment_intent_id: str) -> PaymentOutcome:
    """Cancel a PaymentIntent whose payment could not be recorded; say what the payer should do."""
    try:
        stripe_api.payment_intent_cancel(payment_intent_id=payment_intent_id)
    except stripe_api.PaymentProviderUnavailable:
        # Stripe is away too: a retry of the same form creates the PaymentIntent again with the
        # same idempotency key (Stripe answers with this one) and records it.
        logger.error("PaymentIntent %s not cancelled: Stripe unavailable", payment_intent_id)
        return PaymentOutcome(payment, UNAVAILABLE, unavailable_message())
    except stripe_api.PaymentProviderError as exc:
        # Stripe refuses: the money already moved. The webhook links the PaymentIntent to the
        # payment by its metadata and records it; the result page shows it then.
        logger.error(
            "PaymentIntent %s not cancelled (%s); left for the webhook", payment_intent_id, exc
        )
        return PaymentOutcome(
            payment,
            PROCESSING,
            _("Your payment is being processed. This page will show the result."),
        )
    message = _(
        "Your payment could not be recorded, so it was stopped and nothing was charged. "
        "Please try again."
    )
    try:
        with transaction.atomic():
            Payment.objects.filter(pk=payment.pk, stripe_payment_intent_id__isnull=True).update(
                status=PaymentStatus.CANCELED, failure_message=message, updated_at=timezone.now()
            )
    except DatabaseError:
        logger.warning("Payment %s could not be marked cancelled", payment.pk)
    return PaymentOutcome(payment, FAILED, message)


def _payment_charge_locked(
    *, payment: Payment, payment_method: str, created: list[str], return_url: str = ""
) -> PaymentOutcome:
    with transaction.atomic():
        # Parallel requests for this payment wait here; the first one charges, the others
        # then find the payment no longer open and report its state.
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.status != PaymentStatus.PENDING:
            return _payment_outcome(payment)
        if payment.purpose == PaymentPurpose.CONTRIBUTION and not payment.stripe_payment_intent_id:
            # The funding goal's row lock makes parallel contributions to one need take turns
            # here, so together they never go beyond the goal.
            FundingGoal.objects.select_for_update().filter(need_id=payment.need_id).first()
            refusal = _goal_refusal(
                need=payment.need, amount_cents=payment.amount_cents, exclude_payment_pk=payment.pk
            )
            if refusal:
                _payment_mark_failed(payment, refusal)
                return _payment_outcome(payment)
        try:
            if not payment.stripe_payment_intent_id:
                intent = stripe_api.payment_intent_create(
                    amount_cents=payment.amount_cents,
                    currency=payment.currency,
                    metadata=_intent_metadata(payment),
                    idempotency_key=f"b2c-payment-{payment.public_id}",
                    payment_method_types=(payment.method,),
                )
                created.append(intent["id"])
                payment.stripe_payment_intent_id = intent["id"]
                payment.save(update_fields=["stripe_payment_intent_id", "updated_at"])
            if payment.method in REDIRECT_METHODS:
                intent = stripe_api.payment_intent_confirm_redirect(
                    payment_intent_id=payment.stripe_payment_intent_id,
                    method_type=payment.method,
                    return_url=return_url,
                    billing_name=payment.payer_name or payment.payer_email,
                    email=payment.payer_email,
                )
            else:
                intent = stripe_api.payment_intent_confirm(
                    payment_intent_id=payment.stripe_payment_intent_id,
                    payment_method=payment_method,
                )
        except stripe_api.CardDeclined as exc:
            _payment_mark_failed(payment, exc.code or exc.message)
            return _payment_outcome(payment)
        except stripe_api.PaymentProviderUnavailable:
            # Nothing is marked paid; the PaymentIntent id (if any) is kept so that a retry,
            # a webhook or stripe_reconcile picks up whatever Stripe did.
            return PaymentOutcome(payment, UNAVAILABLE, unavailable_message())
        except stripe_api.PaymentProviderError as exc:
            logger.warning("Confirming payment %s failed: %s", payment.public_id, exc)
            intent = _intent_or_none(payment)
            if intent is None or _status_from_intent(intent) == PaymentStatus.PENDING:
                _payment_mark_failed(
                    payment, _("The card details could not be used. Check them and try again.")
                )
                return _payment_outcome(payment)
        _apply_intent(payment, intent)
        return _payment_outcome(payment, intent)


def _intent_or_none(payment: Payment) -> dict | None:
    if not payment.stripe_payment_intent_id:
        return None
    try:
        return stripe_api.payment_intent_retrieve(
            payment_intent_id=payment.stripe_payment_intent_id
        )
    except stripe_api.PaymentProviderError:
        return None


def _payment_mark_failed(payment: Payment, message: str) -> None:
    payment.status = PaymentStatus.FAILED
    payment.failure_message = message[:300]
    payment.save(update_fields=["status", "failure_message", "updated_at"])


def _payment_outcome(payment: Payment, intent: dict | None = None) -> PaymentOutcome:
    if payment.is_paid:
        return PaymentOutcome(payment, SUCCEEDED)
    if payment.status == PaymentStatus.REQUIRES_ACTION:
        intent = intent or _intent_or_none(payment)
        if intent is None:
            return PaymentOutcome(payment, UNAVAILABLE, unavailable_message())
        bank_url = _redirect_url(intent)
        if bank_url:
            return PaymentOutcome(payment, REDIRECT, redirect_to=bank_url)
        return PaymentOutcome(
            payment, REQUIRES_ACTION, client_secret=intent.get("client_secret", "")
        )
    if payment.status == PaymentStatus.PROCESSING:
        return PaymentOutcome(
            payment,
            PROCESSING,
            _("Your payment is being processed. This page will show the result."),
        )
    if payment.status in (PaymentStatus.FAILED, PaymentStatus.CANCELED):
        return PaymentOutcome(payment, FAILED, failure_text(payment.failure_message))
    return PaymentOutcome(payment, FAILED, _("The payment was not completed. Please try again."))


def _redirect_url(intent: dict) -> str:
    """The bank's page a redirect method (iDEAL) sends the payer to, if Stripe gave one."""
    action = intent.get("next_action") or {}
    if action.get("type") == "redirect_to_url":
        return str((action.get("redirect_to_url") or {}).get("url") or "")
    return ""


def _status_from_intent(intent: dict) -> str:
    status = intent.get("status")
    if status == "succeeded":
        return PaymentStatus.SUCCEEDED
    if status in ("processing", "requires_capture"):
        return PaymentStatus.PROCESSING
    if status == "requires_action":
        return PaymentStatus.REQUIRES_ACTION
    if status == "canceled":
        return PaymentStatus.CANCELED
    if status == "requires_payment_method" and intent.get("last_payment_error"):
        return PaymentStatus.FAILED
    return PaymentStatus.PENDING


def _intent_refunded_cents(intent: dict) -> int | None:
    """What was refunded of the PaymentIntent's charge, when the charge is included."""
    charge = intent.get("latest_charge")
    if isinstance(charge, dict):
        return int(charge.get("amount_refunded") or 0)
    return None


def _apply_intent(payment: Payment, intent: dict) -> bool:
    """Bring a locked payment to the state its PaymentIntent shows; True when something changed.

    The status moves only forward (a failure never undoes a success); a success fulfils once;
    the refunded amount of the intent's charge is recorded whenever the intent includes it
    (`stripe_api.payment_intent_retrieve` does), whatever order the events came in.
    """
    changed = _apply_intent_status(payment, intent)
    refunded = _intent_refunded_cents(intent)
    if refunded is not None and payment.is_paid:
        changed = _apply_refunded(payment, refunded) or changed
    # The ledger follows in the same transaction (contribution, fees, refunds; idempotent).
    booked = ledger.ledger_book_payment(
        payment=payment, stripe_fee_cents=ledger.stripe_fee_from_intent(intent)
    )
    return _placement_repair(payment) or bool(booked) or changed


def _apply_intent_status(payment: Payment, intent: dict) -> bool:
    new_status = _status_from_intent(intent)
    if payment.is_paid or new_status == payment.status:
        return False
    if _STATUS_RANK[new_status] < _STATUS_RANK[payment.status]:
        return False
    if new_status == PaymentStatus.SUCCEEDED:
        if (
            intent.get("amount") != payment.amount_cents
            or intent.get("currency") != payment.currency
        ):
            logger.error("PaymentIntent %s does not match payment %s", intent.get("id"), payment.pk)
            return False
        payment.status = PaymentStatus.SUCCEEDED
        payment.succeeded_at = timezone.now()
        payment.failure_message = ""
        payment.save(update_fields=["status", "succeeded_at", "failure_message", "updated_at"])
        if (_intent_refunded_cents(intent) or 0) >= payment.amount_cents:
            # Refunded in full before we heard of the success: nothing to deliver or confirm.
            logger.info("Payment %s was refunded before its success reached us", payment.pk)
        else:
            _fulfil(payment)
        return True
    payment.status = new_status
    if new_status == PaymentStatus.FAILED:
        error = intent.get("last_payment_error") or {}
        payment.failure_message = failure_code(error.get("code", ""), error.get("decline_code", ""))
    payment.save(update_fields=["status", "failure_message", "updated_at"])
    return True


def _apply_refunded(payment: Payment, refunded_cents: int) -> bool:
    """Record (more of) a refund on a locked, paid payment; a full refund ends a featured period."""
    refunded = min(payment.amount_cents, refunded_cents)
    if refunded <= payment.refunded_cents:
        return False
    payment.refunded_cents = refunded
    payment.refunded_at = timezone.now()
    if refunded >= payment.amount_cents:
        payment.status = PaymentStatus.REFUNDED
    payment.save(update_fields=["refunded_cents", "refunded_at", "status", "updated_at"])
    return True


def _placement_repair(payment: Payment) -> bool:
    """A featured period exists exactly while its payment is paid and not refunded in full."""
    if payment.purpose != PaymentPurpose.FEATURED_OFFER:
        return False
    if payment.status == PaymentStatus.REFUNDED:
        return _end_placement(payment, payment.refunded_at or timezone.now())
    if payment.status == PaymentStatus.SUCCEEDED and not (
        FeaturedPlacement.objects.filter(payment=payment).exists()
    ):
        logger.warning("Payment %s was paid without its featured period; adding it", payment.pk)
        _placement_create(payment)
        return True
    return False


def _placement_create(payment: Payment) -> None:
    # Lock the offer so that two payments for it queue their periods one after the other.
    offer = Offer.objects.select_for_update().get(pk=payment.offer_id)
    now = timezone.now()
    latest_end = FeaturedPlacement.objects.filter(offer=offer).aggregate(end=Max("ends_at"))["end"]
    starts_at = max(now, latest_end) if latest_end else now
    FeaturedPlacement.objects.get_or_create(
        payment=payment,
        defaults={
            "offer": offer,
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(days=payment.feature_days or 0),
        },
    )


def _fulfil(payment: Payment) -> None:
    """Deliver what was paid for; called once, in the transaction that marks the payment paid."""
    if payment.purpose == PaymentPurpose.FEATURED_OFFER:
        _placement_create(payment)
    if payment.purpose == PaymentPurpose.CONTRIBUTION:
        _notify_initiative_of_contribution(payment)
    transaction.on_commit(partial(_send_receipt, payment.pk))


def _notify_initiative_of_contribution(payment: Payment) -> None:
    """Every member of the initiative hears of each contribution (on the site and by e-mail)."""
    need = payment.need
    members = [m.user for m in Membership.objects.filter(organisation_id=need.organisation_id)
               .select_related("user")]
    notify(
        recipients=members,
        kind=payment_notifications.CONTRIBUTION_RECEIVED,
        target=need,
        data={
            "title": need.title,
            "amount": format_money(payment.amount_cents),
            "name": "" if payment.is_anonymous else payment.payer_name,
        },
    )


def _send_receipt(payment_pk: int) -> None:
    payment = Payment.objects.select_related("need", "need__organisation", "offer").get(
        pk=payment_pk
    )
    with translation.override(payment.language):
        context = {"payment": payment, "placement": getattr(payment, "placement", None)}
        subject = render_to_string("payments/email/receipt_subject.txt", context).strip()
        body = render_to_string("payments/email/receipt.txt", context)
    send_email(to=[payment.payer_email], subject=subject, body=body)


@transaction.atomic
def payment_sync(*, payment_intent_id: str, payment_public_id: str | None = None) -> bool:
    """Read a PaymentIntent and its charge from Stripe and record that on our payment.

    What webhooks and `stripe_reconcile` call: Stripe's current state is applied, never an
    event's snapshot, so events arriving late or out of order (a refund before the success, a
    failure after it) end in Stripe's state. A PaymentIntent whose id we failed to store is
    linked by the payment id in its metadata. True when something changed; raises
    stripe_api.PaymentProviderError when Stripe cannot be read.
    """
    payment = (
        Payment.objects.select_for_update()
        .filter(stripe_payment_intent_id=payment_intent_id)
        .first()
    )
    if payment is None and payment_public_id:
        try:
            public_id = uuid.UUID(payment_public_id)
        except ValueError:
            return False
        payment = (
            Payment.objects.select_for_update()
            .filter(public_id=public_id, stripe_payment_intent_id__isnull=True)
            .first()
        )
    if payment is None:
        return False  # not ours, or a subscription invoice's intent
    intent = stripe_api.payment_intent_retrieve(payment_intent_id=payment_intent_id)
    if not payment.stripe_payment_intent_id:
        if (intent.get("metadata") or {}).get("payment") != str(payment.public_id):
            return False
        logger.warning("Linking PaymentIntent %s to payment %s", intent["id"], payment.pk)
        payment.stripe_payment_intent_id = intent["id"]
        payment.save(update_fields=["stripe_payment_intent_id", "updated_at"])
    return _apply_intent(payment, intent)


def payment_refresh(*, payment: Payment) -> PaymentOutcome:
    """Ask Stripe where a payment stands (after 3-D Secure in the browser) and record it."""
    if not payment.stripe_payment_intent_id:
        return _payment_outcome(payment)
    try:
        intent = stripe_api.payment_intent_retrieve(
            payment_intent_id=payment.stripe_payment_intent_id
        )
    except stripe_api.PaymentProviderUnavailable:
        return PaymentOutcome(payment, UNAVAILABLE, unavailable_message())
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        _apply_intent(payment, intent)
        return _payment_outcome(payment, intent)


# Refunds -----------------------------------------------------------------------------------


def _end_placement(payment: Payment, now: datetime.datetime) -> bool:
    placement = FeaturedPlacement.objects.filter(payment=payment).first()
    if placement is not None and placement.ends_at > now:
        placement.starts_at = min(placement.starts_at, now)
        placement.ends_at = now
        placement.save(update_fields=["starts_at", "ends_at"])
        return True
    return False


@transaction.atomic
def payment_refund(*, payment: Payment, actor: AbstractBaseUser) -> Payment:
    """An administrator gives the whole payment back; a featured period ends at once."""
    if not actor.has_perm("payments.refund_payment"):
        raise PermissionDenied(_("Only administrators refund payments."))
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.status != PaymentStatus.SUCCEEDED or not payment.stripe_payment_intent_id:
        raise ValidationError(_("Only a paid payment that was not refunded can be refunded."))
    refund = stripe_api.refund_create(
        payment_intent_id=payment.stripe_payment_intent_id,
        idempotency_key=f"b2c-payment-{payment.public_id}-refund",
    )
    payment.refunded_cents = min(
        payment.amount_cents, int(refund.get("amount") or payment.amount_cents)
    )
    payment.refunded_at = timezone.now()
    if payment.refunded_cents >= payment.amount_cents:
        payment.status = PaymentStatus.REFUNDED
        _end_placement(payment, payment.refunded_at)
    payment.save(update_fields=["refunded_cents", "refunded_at", "status", "updated_at"])
    ledger.ledger_book_payment(payment=payment)
    transaction.on_commit(partial(_send_refund_notice, payment.pk))
    return payment


def _send_refund_notice(payment_pk: int) -> None:
    payment = Payment.objects.select_related("need", "offer").get(pk=payment_pk)
    with translation.override(payment.language):
        subject = render_to_string(
            "payments/email/refund_subject.txt", {"payment": payment}
        ).strip()
        body = render_to_string("payments/email/refund.txt", {"payment": payment})
    send_email(to=[payment.payer_email], subject=subject, body=body)


# Partner plan ------------------------------------------------------------------------------


def _subscription_plan_id(remote: dict) -> str | None:
    items = (remote.get("items") or {}).get("data") or []
    if items:
        item = items[0]
        return ((item.get("plan") or {}).get("id")) or ((item.get("price") or {}).get("id"))
    return (remote.get("plan") or {}).get("id")


def _subscription_period_end(remote: dict) -> datetime.datetime | None:
    end = remote.get("current_period_end")
    if end is None:
        items = (remote.get("items") or {}).get("data") or []
        end = items[0].get("current_period_end") if items else None
    return datetime.datetime.fromtimestamp(int(end), tz=datetime.UTC) if end else None


def _apply_subscription(record: PartnerSubscription, remote: dict) -> bool:
    """Copy a subscription's state from Stripe onto the (locked) local record."""
    price = partner_price_for_plan(_subscription_plan_id(remote))
    values = {
        "stripe_subscription_id": remote["id"],
        "status": remote.get("status") or "",
        "interval": price.key if price else record.interval,
        "current_period_end": _subscription_period_end(remote),
        "cancel_at_period_end": bool(remote.get("cancel_at_period_end")),
    }
    if not record.stripe_customer_id and isinstance(remote.get("customer"), str):
        values["stripe_customer_id"] = remote["customer"]
    changed = [name for name, value in values.items() if getattr(record, name) != value]
    for name in changed:
        setattr(record, name, values[name])
    if changed:
        record.save(update_fields=[*changed, "updated_at"])
    _entitlement_sync(record)
    return bool(changed)


def _entitlement_sync(record: PartnerSubscription) -> None:
    """Tell the marketplace which plan the organisation now has (idempotent)."""
    marketplace_services.organisation_set_plan(
        organisation=record.organisation, plan=Plan.PARTNER if record.is_active else Plan.FREE
    )


def _first_invoice_intent(remote: dict) -> dict:
    invoice = remote.get("latest_invoice")
    intent = invoice.get("payment_intent") if isinstance(invoice, dict) else None
    return intent if isinstance(intent, dict) else {}


def _plan_outcome(record: PartnerSubscription, remote: dict) -> PlanOutcome:
    if record.is_active:
        return PlanOutcome(record, SUCCEEDED)
    intent = _first_invoice_intent(remote)
    if intent.get("status") == "requires_action":
        return PlanOutcome(record, REQUIRES_ACTION, client_secret=intent.get("client_secret", ""))
    if intent.get("status") == "requires_payment_method" or record.status in (
        "incomplete_expired",
        "canceled",
    ):
        error = intent.get("last_payment_error") or {}
        return PlanOutcome(
            record, FAILED, decline_message(error.get("code", ""), error.get("decline_code", ""))
        )
    return PlanOutcome(
        record, PROCESSING, _("Your payment is being processed. This page will show the result.")
    )


def _abandon_incomplete(record: PartnerSubscription) -> None:
    """End a subscription whose first payment failed, so that the next try starts afresh."""
    try:
        stripe_api.subscription_cancel_now(subscription_id=record.stripe_subscription_id)
    except stripe_api.PaymentProviderError as exc:
        logger.warning(
            "Could not cancel incomplete subscription %s: %s", record.stripe_subscription_id, exc
        )
    record.stripe_subscription_id = ""
    record.status = ""
    record.save(update_fields=["stripe_subscription_id", "status", "updated_at"])
    _entitlement_sync(record)


def partner_upgrade(
    *, organisation: Organisation, actor: AbstractBaseUser, interval: str, payment_method: str
) -> PlanOutcome:
    """Start the Partner plan: one subscription per organisation, however often this is called."""
    _require_owner(actor, organisation)
    if not organisation.is_provider:
        raise ValidationError(_("Only companies, funds and public bodies have a plan."))
    price = PARTNER_PRICES.get(interval)
    if price is None:
        raise ValidationError({"interval": _("Choose monthly or yearly payment.")})
    _check_payment_method(payment_method)
    PartnerSubscription.objects.get_or_create(organisation=organisation)
    with transaction.atomic():
        # Parallel upgrades of one organisation wait here; the first one subscribes.
        record = PartnerSubscription.objects.select_for_update().get(organisation=organisation)
        if record.is_active:
            return PlanOutcome(record, SUCCEEDED)
        try:
            if record.stripe_subscription_id:
                remote = stripe_api.subscription_retrieve(
                    subscription_id=record.stripe_subscription_id
                )
                _apply_subscription(record, remote)
                outcome = _plan_outcome(record, remote)
                if outcome.status in (SUCCEEDED, REQUIRES_ACTION, PROCESSING):
                    return outcome
                _abandon_incomplete(record)
            if not record.stripe_customer_id:
                customer = stripe_api.customer_create(
                    email=actor.email,
                    name=organisation.name,
                    metadata={"organisation": str(organisation.pk)},
                    idempotency_key=f"b2c-organisation-{organisation.pk}-customer",
                )
                record.stripe_customer_id = customer["id"]
                record.save(update_fields=["stripe_customer_id", "updated_at"])
            stripe_api.customer_set_payment_method(
                customer_id=record.stripe_customer_id, payment_method=payment_method
            )
            remote = stripe_api.subscription_create(
                customer_id=record.stripe_customer_id,
                stripe_plan_id=price.stripe_plan_id,
                metadata={"organisation": str(organisation.pk)},
            )
            _apply_subscription(record, remote)
        except stripe_api.CardDeclined as exc:
            return PlanOutcome(record, FAILED, exc.message)
        except stripe_api.PaymentProviderUnavailable:
            return PlanOutcome(record, UNAVAILABLE, unavailable_message())
        outcome = _plan_outcome(record, remote)
        if outcome.status == FAILED:
            _abandon_incomplete(record)
        return outcome


def partner_refresh(*, organisation: Organisation) -> PlanOutcome:
    """Ask Stripe where the Partner subscription stands (after 3-D Secure) and record it."""
    record = selectors.partner_subscription_for(organisation=organisation)
    if record is None or not record.stripe_subscription_id:
        return PlanOutcome(record, FAILED, _("There is no Partner subscription to check."))
    try:
        remote = stripe_api.subscription_retrieve(subscription_id=record.stripe_subscription_id)
    except stripe_api.PaymentProviderUnavailable:
        return PlanOutcome(record, UNAVAILABLE, unavailable_message())
    with transaction.atomic():
        record = PartnerSubscription.objects.select_for_update().get(pk=record.pk)
        if record.stripe_subscription_id != remote["id"]:
            return _plan_outcome(record, {})
        _apply_subscription(record, remote)
        outcome = _plan_outcome(record, remote)
        if outcome.status == FAILED:
            _abandon_incomplete(record)
        return outcome


def _partner_set_renewal(
    *, organisation: Organisation, actor: AbstractBaseUser, cancel: bool
) -> PartnerSubscription:
    _require_owner(actor, organisation)
    with transaction.atomic():
        record = (
            PartnerSubscription.objects.select_for_update()
            .filter(organisation=organisation)
            .first()
        )
        if record is None or not record.is_active:
            raise ValidationError(_("Your organisation has no active Partner plan."))
        remote = stripe_api.subscription_set_cancel_at_period_end(
            subscription_id=record.stripe_subscription_id, cancel=cancel
        )
        _apply_subscription(record, remote)
        return record


def partner_cancel(*, organisation: Organisation, actor: AbstractBaseUser) -> PartnerSubscription:
    """Stop renewing the Partner plan; its benefits last until the paid period ends (owners only)."""
    return _partner_set_renewal(organisation=organisation, actor=actor, cancel=True)


def partner_resume(*, organisation: Organisation, actor: AbstractBaseUser) -> PartnerSubscription:
    """Undo a cancellation before the paid period ends (owners only)."""
    return _partner_set_renewal(organisation=organisation, actor=actor, cancel=False)


def partner_subscription_sync(*, subscription_id: str) -> bool:
    """Fetch a subscription from Stripe and record it; True when the local record changed."""
    remote = stripe_api.subscription_retrieve(subscription_id=subscription_id)
    with transaction.atomic():
        record = (
            PartnerSubscription.objects.select_for_update()
            .filter(stripe_subscription_id=remote["id"])
            .first()
        )
        if record is None and isinstance(remote.get("customer"), str):
            # Our own request's answer was lost: adopt the subscription of our customer.
            record = (
                PartnerSubscription.objects.select_for_update()
                .filter(stripe_customer_id=remote["customer"], stripe_subscription_id="")
                .first()
            )
        if record is None:
            return False
        return _apply_subscription(record, remote)


def partner_plans_ensure() -> list[str]:
    """Create the Partner product and its plans in Stripe if they are missing; returns what was made."""
    from .pricing import PARTNER_PRODUCT_ID, PARTNER_PRODUCT_NAME

    created = []
    if stripe_api.product_retrieve(product_id=PARTNER_PRODUCT_ID) is None:
        stripe_api.product_create(product_id=PARTNER_PRODUCT_ID, name=PARTNER_PRODUCT_NAME)
        created.append(PARTNER_PRODUCT_ID)
    for price in PARTNER_PRICES.values():
        if stripe_api.plan_retrieve(plan_id=price.stripe_plan_id) is None:
            stripe_api.plan_create(
                plan_id=price.stripe_plan_id,
                product_id=PARTNER_PRODUCT_ID,
                amount_cents=price.amount_cents,
                currency=CURRENCY,
                interval=price.interval,
                nickname=f"Partner ({price.key})",
            )
            created.append(price.stripe_plan_id)
    return created


# Reconciliation ----------------------------------------------------------------------------


def stripe_reconcile(
    *, since: datetime.datetime, payments_since: datetime.datetime | None = None
) -> ReconcileReport:
    """Repair local state from Stripe for webhooks that never arrived; a second run changes nothing.

    Replays the events since `since`, then re-reads from Stripe every open payment and every
    payment created or changed since `payments_since` (default: `since`), whatever its state:
    a refund, a late success or a lost event is recorded, featured periods and funding totals
    follow.
    """
    from .models import StripeEvent
    from .webhooks import HANDLERS, event_process

    events = []
    for event_type in HANDLERS:
        events.extend(
            stripe_api.event_list(event_type=event_type, created_gte=int(since.timestamp()))
        )
    events.sort(key=lambda event: (event.get("created") or 0, event["id"]))
    handled = sum(
        event_process(event=event, source=StripeEvent.Source.RECONCILE) for event in events
    )

    # Objects, for what the event list no longer holds (older than Stripe keeps events).
    payments_changed = 0
    window = payments_since or since
    touched = Payment.objects.filter(
        Q(status__in=Payment.OPEN_STATUSES) | Q(created_at__gte=window) | Q(updated_at__gte=window),
        stripe_payment_intent_id__isnull=False,
    ).order_by("pk")
    for intent_id in touched.values_list("stripe_payment_intent_id", flat=True).iterator():
        payments_changed += payment_sync(payment_intent_id=intent_id)
    subscriptions_changed = 0
    for record in PartnerSubscription.objects.exclude(stripe_subscription_id=""):
        subscriptions_changed += partner_subscription_sync(
            subscription_id=record.stripe_subscription_id
        )
    # The payments now show Stripe's state and their bookings were made with it; what still
    # differs is reported for a person to look at (the ledger is never edited).
    checked = list(touched.filter(purpose=PaymentPurpose.CONTRIBUTION).select_related("need"))
    mismatches = tuple(ledger.ledger_check(payments=checked))
    for problem in mismatches:
        logger.error("Ledger mismatch: %s", problem)
    return ReconcileReport(handled, payments_changed, subscriptions_changed, mismatches)
