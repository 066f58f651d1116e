"""Reads of the ledger and payouts: balances are sums of ledger lines, never stored numbers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet, Sum
from django.http import Http404

from marketplace.models import Need, Organisation
from marketplace.selectors import user_is_hub_editor

from .models import (
    BankAccount,
    LedgerAccount,
    LedgerEntry,
    LedgerKind,
    Payment,
    PaymentPurpose,
    Payout,
    PayoutStatus,
)


@dataclass(frozen=True)
class Account:
    """An initiative's (or one need's) money: what came in, what went out, what remains."""

    raised_cents: int  # contributions received
    refunded_cents: int
    fees_cents: int  # platform and Stripe fees
    paid_out_cents: int
    balance_cents: int  # what the platform holds for the initiative now

    @property
    def net_raised_cents(self) -> int:
        return self.raised_cents - self.refunded_cents


def _initiative_lines(*, organisation: Organisation | None = None, need: Need | None = None):
    lines = LedgerEntry.objects.filter(account=LedgerAccount.INITIATIVE)
    if organisation is not None:
        lines = lines.filter(organisation=organisation)
    if need is not None:
        lines = lines.filter(need=need)
    return lines


def ledger_account(
    *, organisation: Organisation | None = None, need: Need | None = None
) -> Account:
    """The sums of the initiative's ledger lines, per kind (credit-normal: credits count up)."""
    totals = {
        row["kind"]: -(row["total"] or 0)
        for row in _initiative_lines(organisation=organisation, need=need)
        .values("kind")
        .annotate(total=Sum("amount_cents"))
        .order_by()
    }
    fees = -(totals.get(LedgerKind.PLATFORM_FEE, 0) + totals.get(LedgerKind.STRIPE_FEE, 0))
    return Account(
        raised_cents=totals.get(LedgerKind.CONTRIBUTION, 0),
        refunded_cents=-totals.get(LedgerKind.REFUND, 0),
        fees_cents=fees,
        paid_out_cents=-totals.get(LedgerKind.PAYOUT, 0),
        balance_cents=sum(totals.values()),
    )


def reserved_cents(*, organisation: Organisation, need: Need | None = None) -> int:
    """Payouts requested, approved or on their way that the ledger does not show yet."""
    payouts = Payout.objects.filter(organisation=organisation, status__in=Payout.RESERVING_STATUSES)
    if need is not None:
        payouts = payouts.filter(need=need)
    return payouts.aggregate(total=Sum("amount_cents"))["total"] or 0


def available_cents(*, organisation: Organisation, need: Need | None = None) -> int:
    """What may still be requested: the balance less payouts under way (of the need, if given)."""
    available = ledger_account(organisation=organisation).balance_cents - reserved_cents(
        organisation=organisation
    )
    if need is not None:
        available = min(
            available,
            ledger_account(need=need).balance_cents
            - reserved_cents(organisation=organisation, need=need),
        )
    return available


def ledger_balances() -> dict[str, int]:
    """The balance of every account over the whole ledger (debit positive); all sum to zero."""
    return {
        row["account"]: row["total"] or 0
        for row in LedgerEntry.objects.values("account")
        .annotate(total=Sum("amount_cents"))
        .order_by()
    }


def ledger_unbalanced_transactions() -> list[str]:
    """Ledger transactions whose lines do not sum to zero (there should be none)."""
    return [
        str(row["transaction_id"])
        for row in LedgerEntry.objects.values("transaction_id")
        .annotate(total=Sum("amount_cents"))
        .exclude(total=0)
        .order_by()
    ]


# Bank accounts and payouts of an organisation (members only: views pass the member's own) ---


def bank_account_active(*, organisation: Organisation) -> BankAccount | None:
    return BankAccount.objects.filter(organisation=organisation, is_active=True).first()


def bank_account_get_for_confirmation(*, pk: int, user: AbstractBaseUser) -> BankAccount:
    """A bank account the user may see: of their own organisation (or any, for an editor)."""
    account = BankAccount.objects.select_related("organisation").filter(pk=pk).first()
    if account is None:
        raise Http404
    if user.has_perm("payments.confirm_bankaccount") or user_is_hub_editor(user):
        return account
    if not account.organisation.memberships.filter(user=user).exists():
        raise Http404
    return account


def payouts_for_organisation(*, organisation: Organisation) -> QuerySet[Payout]:
    return (
        Payout.objects.filter(organisation=organisation)
        .select_related("need", "bank_account", "requested_by")
        .prefetch_related("events", "events__actor")
    )


def contributions_for_organisation(*, organisation: Organisation) -> QuerySet[Payment]:
    """Every paid contribution to the initiative's needs (the dashboard; anonymous hide the person)."""
    return (
        Payment.objects.filter(
            purpose=PaymentPurpose.CONTRIBUTION,
            need__organisation=organisation,
            status__in=Payment.PAID_STATUSES,
        )
        .select_related("need")
        .order_by("-succeeded_at", "-pk")
    )


def payouts_paid(*, organisation: Organisation | None = None, need: Need | None = None):
    payouts = Payout.objects.filter(status=PayoutStatus.PAID)
    if organisation is not None:
        payouts = payouts.filter(organisation=organisation)
    if need is not None:
        payouts = payouts.filter(need=need)
    return payouts.order_by("-paid_at")


# The public account ---------------------------------------------------------------------------


def contributor_wall(
    *, organisation: Organisation | None = None, need: Need | None = None
) -> list[str]:
    """Names of contributors who agreed to be shown, oldest first, each name once."""
    payments = Payment.objects.filter(
        purpose=PaymentPurpose.CONTRIBUTION,
        status=Payment.Status.SUCCEEDED,
        show_on_wall=True,
        is_anonymous=False,
    ).exclude(payer_name="")
    if organisation is not None:
        payments = payments.filter(need__organisation=organisation)
    if need is not None:
        payments = payments.filter(need=need)
    names: list[str] = []
    for name in payments.order_by("succeeded_at", "pk").values_list("payer_name", flat=True):
        if name not in names:
            names.append(name)
    return names


# Year statements for contributors --------------------------------------------------------------


@dataclass(frozen=True)
class StatementLine:
    date: datetime.date
    initiative: str
    need: str
    amount_cents: int
    reference: str


def year_statement(
    *, year: int, user: AbstractBaseUser | None = None, email: str = ""
) -> list[StatementLine]:
    """A contributor's gifts in a calendar year (after refunds), for the gift deduction."""
    if user is None and not email:
        return []
    who = Q(payer=user) if user is not None else Q(payer_email__iexact=email)
    if user is not None and user.email:
        who |= Q(payer_email__iexact=user.email, payer__isnull=True)
    payments = (
        Payment.objects.filter(
            who,
            purpose=PaymentPurpose.CONTRIBUTION,
            status__in=Payment.PAID_STATUSES,
            succeeded_at__year=year,
        )
        .select_related("need", "need__organisation")
        .order_by("succeeded_at", "pk")
    )
    return [
        StatementLine(
            date=payment.succeeded_at.date(),
            initiative=payment.need.organisation.name,
            need=payment.need.title,
            amount_cents=payment.net_cents,
            reference=str(payment.public_id),
        )
        for payment in payments
        if payment.net_cents > 0
    ]
