"""The ledger's writes: book what a payment or payout means for an initiative's money.

Double entry: every booking is one transaction of lines that sum to zero (debit positive,
credit negative). Bookings are made from the difference between what the payment shows and
what the ledger already holds for it, so booking again changes nothing (webhooks, reconcile),
and always inside the caller's transaction, under the payment's (or payout's) row lock.
"""

from __future__ import annotations

import logging
import uuid

from django.conf import settings
from django.db.models import Sum

from .models import LedgerAccount, LedgerEntry, LedgerKind, Payment, PaymentPurpose, Payout

logger = logging.getLogger(__name__)

Account = LedgerAccount
Kind = LedgerKind


def platform_fee_cents(amount_cents: int) -> int:
    """The platform's share of a contribution (settings.PAYMENTS_PLATFORM_FEE_BASIS_POINTS)."""
    basis_points = int(getattr(settings, "PAYMENTS_PLATFORM_FEE_BASIS_POINTS", 0) or 0)
    return amount_cents * basis_points // 10_000


def stripe_fee_from_intent(intent: dict | None) -> int | None:
    """Stripe's fee on the intent's charge, when the balance transaction was included."""
    charge = (intent or {}).get("latest_charge")
    if not isinstance(charge, dict):
        return None
    balance = charge.get("balance_transaction")
    if not isinstance(balance, dict):
        return None
    return int(balance.get("fee") or 0)


def _book(
    *,
    kind: str,
    lines: list[tuple[str, int]],
    organisation_id: int,
    need_id: int | None = None,
    payment: Payment | None = None,
    payout: Payout | None = None,
    memo: str = "",
    currency: str = "eur",
) -> uuid.UUID:
    if sum(amount for _account, amount in lines) != 0:
        raise ValueError("A ledger transaction must balance.")
    transaction_id = uuid.uuid4()
    LedgerEntry.objects.bulk_create(
        [
            LedgerEntry(
                transaction_id=transaction_id,
                kind=kind,
                account=account,
                amount_cents=amount,
                currency=currency,
                organisation_id=organisation_id,
                need_id=need_id,
                payment=payment,
                payout=payout,
                memo=memo[:200],
            )
            for account, amount in lines
            if amount
        ]
    )
    return transaction_id


def _booked(payment: Payment, kind: str) -> int:
    """What the ledger holds of one kind for a payment, as credited to the initiative (or fee)."""
    total = (
        LedgerEntry.objects.filter(payment=payment, kind=kind, account=Account.CASH).aggregate(
            total=Sum("amount_cents")
        )["total"]
        or 0
    )
    return abs(total)


def ledger_book_payment(*, payment: Payment, stripe_fee_cents: int | None = None) -> int:
    """Bring a locked contribution's bookings up to its state; returns the lines written.

    A paid contribution: cash in, the initiative's funds up (less the platform fee); Stripe's
    fee, once it is known, from the initiative's funds; each refunded cent back out.
    """
    if payment.purpose != PaymentPurpose.CONTRIBUTION or payment.need_id is None:
        return 0
    before = LedgerEntry.objects.filter(payment=payment).count()
    organisation_id = payment.need.organisation_id
    common = {
        "organisation_id": organisation_id,
        "need_id": payment.need_id,
        "payment": payment,
        "currency": payment.currency,
    }
    if (
        payment.is_paid
        and not LedgerEntry.objects.filter(payment=payment, kind=Kind.CONTRIBUTION).exists()
    ):
        amount = payment.amount_cents
        _book(
            kind=Kind.CONTRIBUTION,
            lines=[(Account.CASH, amount), (Account.INITIATIVE, -amount)],
            memo=str(payment.public_id),
            **common,
        )
        fee = platform_fee_cents(amount)
        if fee:
            _book(
                kind=Kind.PLATFORM_FEE,
                lines=[(Account.INITIATIVE, fee), (Account.PLATFORM_FEES, -fee)],
                **common,
            )
    if (
        payment.is_paid
        and stripe_fee_cents
        and not LedgerEntry.objects.filter(payment=payment, kind=Kind.STRIPE_FEE).exists()
    ):
        # Stripe keeps its fee from the cash it pays out; the initiative bears it.
        _book(
            kind=Kind.STRIPE_FEE,
            lines=[(Account.INITIATIVE, stripe_fee_cents), (Account.CASH, -stripe_fee_cents)],
            **common,
        )
    refund_due = payment.refunded_cents - _booked(payment, Kind.REFUND) if payment.is_paid else 0
    if refund_due > 0:
        _book(
            kind=Kind.REFUND,
            lines=[(Account.INITIATIVE, refund_due), (Account.CASH, -refund_due)],
            **common,
        )
    return LedgerEntry.objects.filter(payment=payment).count() - before


def ledger_book_payout(*, payout: Payout) -> None:
    """The money of a paid payout leaves the initiative's funds and the platform's cash."""
    if LedgerEntry.objects.filter(payout=payout, kind=Kind.PAYOUT).exists():
        return
    _book(
        kind=Kind.PAYOUT,
        lines=[(Account.INITIATIVE, payout.amount_cents), (Account.CASH, -payout.amount_cents)],
        organisation_id=payout.organisation_id,
        need_id=payout.need_id,
        payout=payout,
        memo=payout.note,
        currency=payout.currency,
    )


def ledger_check(*, payments: list[Payment] | None = None) -> list[str]:
    """Where the ledger disagrees with the payments as last read from Stripe, and with itself.

    Checks each contribution (all, or those given): its contribution entry equals the amount
    once paid (and is absent otherwise), its refunds equal what Stripe refunded; every
    transaction sums to zero; every paid payout has exactly its entry.
    """
    problems: list[str] = []
    contributions = (
        payments
        if payments is not None
        else Payment.objects.filter(purpose=PaymentPurpose.CONTRIBUTION).exclude(need=None)
    )
    for payment in contributions:
        if payment.purpose != PaymentPurpose.CONTRIBUTION:
            continue
        received = _booked(payment, Kind.CONTRIBUTION)
        expected = payment.amount_cents if payment.is_paid else 0
        if received != expected:
            problems.append(
                f"payment {payment.public_id}: contribution booked {received}, Stripe {expected}"
            )
        refunded = _booked(payment, Kind.REFUND)
        expected_refund = payment.refunded_cents if payment.is_paid else 0
        if refunded != expected_refund:
            problems.append(
                f"payment {payment.public_id}: refunds booked {refunded}, Stripe {expected_refund}"
            )
    unbalanced = (
        LedgerEntry.objects.values("transaction_id")
        .annotate(total=Sum("amount_cents"))
        .exclude(total=0)
        .order_by()
    )
    problems += [f"transaction {row['transaction_id']} does not balance" for row in unbalanced]
    for payout in Payout.objects.filter(status="paid"):
        booked = abs(
            LedgerEntry.objects.filter(payout=payout, account=Account.CASH).aggregate(
                total=Sum("amount_cents")
            )["total"]
            or 0
        )
        if booked != payout.amount_cents:
            problems.append(
                f"payout {payout.public_id}: booked {booked}, paid {payout.amount_cents}"
            )
    return problems
