"""Writes of payouts: bank accounts, payout requests, approvals (four eyes), SEPA, paid.

Every step locks its row, checks who may take it, records a PayoutEvent (the history) and
notifies the people concerned (notifications.notify: on the site and by e-mail), in one
transaction. The payout's ledger entry is booked when the money has left (marked paid).
"""

from __future__ import annotations

import datetime
import logging

from schwifty import BIC, IBAN, exceptions
from schwifty.exceptions import SchwiftyException

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.validators import single_line_text
from marketplace.models import Membership, Need, Organisation
from marketplace.selectors import user_is_hub_editor
from notifications.services import notify

from . import ledger, payout_backends, payout_selectors, sepa, stripe_api
from . import notifications as kinds
from .models import BankAccount, ConnectedAccount, Payout, PayoutEvent, PayoutStatus, SepaBatch
from .pricing import format_money

logger = logging.getLogger(__name__)


# Who may do what ----------------------------------------------------------------------------


def _is_member(user: AbstractBaseUser, organisation: Organisation) -> bool:
    return bool(
        user.is_authenticated
        and Membership.objects.filter(user=user, organisation=organisation).exists()
    )


def _require_initiative_member(user: AbstractBaseUser, organisation: Organisation) -> None:
    if not _is_member(user, organisation):
        raise PermissionDenied(_("Only members of the organisation may do this."))
    if not organisation.is_initiative:
        raise PermissionDenied(_("Only initiatives receive payouts."))


def _is_payout_admin(user: AbstractBaseUser) -> bool:
    return bool(user.is_authenticated and user.has_perm("payments.approve_payout"))


def _members(organisation: Organisation) -> list[AbstractBaseUser]:
    return [
        m.user for m in Membership.objects.filter(organisation=organisation).select_related("user")
    ]


def _payout_admins() -> list[AbstractBaseUser]:
    User = get_user_model()
    return list(
        User.objects.filter(
            Q(is_superuser=True)
            | Q(user_permissions__codename="approve_payout")
            | Q(groups__permissions__codename="approve_payout"),
            is_active=True,
        ).distinct()
    )


def _record(payout: Payout, action: str, actor: AbstractBaseUser | None, note: str = "") -> None:
    PayoutEvent.objects.create(payout=payout, action=action, actor=actor, note=note[:300])


def _payout_data(payout: Payout, **extra: str) -> dict[str, str]:
    return {
        "amount": format_money(payout.amount_cents),
        "organisation": payout.organisation.name,
        "note": payout.note,
        **extra,
    }


def approvals_required(*, amount_cents: int) -> int:
    """How many distinct administrators must approve a payout of this amount."""
    return 2 if amount_cents > settings.PAYOUTS_TWO_APPROVERS_ABOVE_CENTS else 1


# Bank accounts ------------------------------------------------------------------------------


def _iban_problem(error: SchwiftyException) -> str:
    if isinstance(error, exceptions.InvalidChecksumDigits):
        return _("the check digits do not match, so a character is probably mistyped")
    if isinstance(error, exceptions.InvalidLength):
        return _("it has the wrong length for its country")
    if isinstance(error, exceptions.InvalidCountryCode):
        return _("it does not start with a known country code")
    if isinstance(error, exceptions.InvalidStructure):
        return _("it contains characters that do not belong in an IBAN")
    return _("its bank or account number is not valid")


def clean_iban(value: str) -> tuple[str, str]:
    """The IBAN in its compact form and its BIC (if known); ValidationError with a clear reason."""
    try:
        iban = IBAN(value or "")
    except SchwiftyException as error:
        raise ValidationError(
            {
                "iban": _("This is not a valid IBAN: %(reason)s. Check it and try again.")
                % {"reason": _iban_problem(error)}
            }
        ) from None
    bic = iban.bic
    return iban.compact, str(bic) if isinstance(bic, BIC) else ""


@transaction.atomic
def bank_account_register(
    *, organisation: Organisation, actor: AbstractBaseUser, iban: str, holder_name: str
) -> BankAccount:
    """An initiative member registers the account payouts go to; it waits for a second person."""
    _require_initiative_member(actor, organisation)
    compact, bic = clean_iban(iban)
    holder = single_line_text(holder_name or "").strip()
    if not holder:
        raise ValidationError({"holder_name": _("Enter the name of the account holder.")})
    account = BankAccount(
        organisation=organisation, iban=compact, bic=bic, holder_name=holder, registered_by=actor
    )
    account.full_clean()
    # The previous account stays on record but is no longer used.
    BankAccount.objects.filter(organisation=organisation, is_active=True).update(is_active=False)
    account.save()
    notify(
        recipients=_members(organisation),
        kind=kinds.BANK_ACCOUNT_REGISTERED,
        target=organisation,
        data={"organisation": organisation.name, "iban": account.iban_masked},
        actor=actor,
    )
    return account


@transaction.atomic
def bank_account_confirm(*, account: BankAccount, actor: AbstractBaseUser) -> BankAccount:
    """A second member of the initiative, or an administrator, confirms a registered account."""
    account = (
        BankAccount.objects.select_for_update().select_related("organisation").get(pk=account.pk)
    )
    may_confirm = actor.is_authenticated and (
        actor.has_perm("payments.confirm_bankaccount")
        or user_is_hub_editor(actor)
        or (_is_member(actor, account.organisation) and actor.pk != account.registered_by_id)
    )
    if not may_confirm:
        raise PermissionDenied(
            _("A bank account is confirmed by a second member of the initiative or by an editor.")
        )
    if not account.is_active:
        raise ValidationError(_("This bank account is no longer in use."))
    if account.is_confirmed:
        return account
    account.confirmed_by = actor
    account.confirmed_at = timezone.now()
    account.save(update_fields=["confirmed_by", "confirmed_at"])
    notify(
        recipients=_members(account.organisation),
        kind=kinds.BANK_ACCOUNT_CONFIRMED,
        target=account.organisation,
        data={"organisation": account.organisation.name, "iban": account.iban_masked},
        actor=actor,
    )
    return account


# Payouts ------------------------------------------------------------------------------------


@transaction.atomic
def payout_request(
    *,
    organisation: Organisation,
    actor: AbstractBaseUser,
    amount_cents: int,
    note: str,
    need: Need | None = None,
) -> Payout:
    """An initiative member asks for (part of) the balance, saying what it is for."""
    _require_initiative_member(actor, organisation)
    # Requests of one initiative take turns here, so two together never exceed the balance.
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    if need is not None and need.organisation_id != organisation.pk:
        raise PermissionDenied(_("This need belongs to another organisation."))
    account = payout_selectors.bank_account_active(organisation=organisation)
    if account is None or not account.is_confirmed:
        raise ValidationError(
            _("Register a bank account and have a second person confirm it first.")
        )
    note = single_line_text(note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what the money is for.")})
    available = payout_selectors.available_cents(organisation=organisation, need=need)
    if amount_cents < 1:
        raise ValidationError({"amount": _("Enter an amount of at least € 0.01.")})
    if amount_cents > available:
        raise ValidationError(
            {
                "amount": _("At most %(amount)s can be paid out now.")
                % {"amount": format_money(max(0, available))}
            }
        )
    payout = Payout(
        organisation=organisation,
        need=need,
        bank_account=account,
        amount_cents=amount_cents,
        note=note,
        requested_by=actor,
    )
    payout.full_clean()
    payout.save()
    _record(payout, "requested", actor, note)
    notify(
        recipients=_payout_admins(),
        kind=kinds.PAYOUT_REQUESTED,
        target=payout,
        data=_payout_data(payout),
        actor=actor,
    )
    return payout


def _locked(payout: Payout) -> Payout:
    return Payout.objects.select_for_update().select_related("organisation").get(pk=payout.pk)


@transaction.atomic
def payout_approve(*, payout: Payout, actor: AbstractBaseUser) -> Payout:
    """An administrator approves; never the requester, and two distinct people above the threshold."""
    if not _is_payout_admin(actor):
        raise PermissionDenied(_("Only administrators approve payouts."))
    payout = _locked(payout)
    if payout.status != PayoutStatus.REQUESTED:
        raise ValidationError(_("Only a requested payout can be approved."))
    if actor.pk == payout.requested_by_id or _is_member(actor, payout.organisation):
        raise PermissionDenied(_("You cannot approve a payout of your own organisation."))
    if payout.events.filter(action="approved", actor=actor).exists():
        raise ValidationError(_("You already approved this payout; a second person must."))
    try:
        with transaction.atomic():
            _record(payout, "approved", actor)
    except IntegrityError:
        raise ValidationError(
            _("You already approved this payout; a second person must.")
        ) from None
    approvals = payout.events.filter(action="approved").values("actor").distinct().count()
    if approvals >= approvals_required(amount_cents=payout.amount_cents):
        payout.status = PayoutStatus.APPROVED
        payout.save(update_fields=["status"])
        notify(
            recipients=_members(payout.organisation),
            kind=kinds.PAYOUT_APPROVED,
            target=payout,
            data=_payout_data(payout),
            actor=actor,
        )
        if payout_backends.payouts_backend() == payout_backends.STRIPE_CONNECT:
            _send_by_connect(payout, actor)
    return payout


@transaction.atomic
def payout_reject(*, payout: Payout, actor: AbstractBaseUser, reason: str) -> Payout:
    """An administrator refuses a payout that was not sent yet; its amount is free again."""
    if not _is_payout_admin(actor):
        raise PermissionDenied(_("Only administrators approve payouts."))
    payout = _locked(payout)
    if payout.status not in (PayoutStatus.REQUESTED, PayoutStatus.APPROVED):
        raise ValidationError(_("Only a payout that was not sent yet can be rejected."))
    reason = single_line_text(reason or "").strip() or _("no reason given")
    payout.status = PayoutStatus.REJECTED
    payout.save(update_fields=["status"])
    _record(payout, "rejected", actor, reason)
    notify(
        recipients=_members(payout.organisation),
        kind=kinds.PAYOUT_REJECTED,
        target=payout,
        data=_payout_data(payout, reason=reason),
        actor=actor,
    )
    return payout


def _send_by_connect(payout: Payout, actor: AbstractBaseUser) -> None:
    connected = ConnectedAccount.objects.filter(organisation=payout.organisation).first()
    if connected is None:
        raise ValidationError(_("This initiative has no Stripe Connect account yet."))
    transfer = stripe_api.transfer_create(
        amount_cents=payout.amount_cents,
        currency=payout.currency,
        destination_account=connected.stripe_account_id,
        metadata={"payout": str(payout.public_id), "organisation": str(payout.organisation_id)},
        idempotency_key=f"b2c-payout-{payout.public_id}",
    )
    payout.backend = payout_backends.STRIPE_CONNECT
    payout.backend_reference = transfer["id"]
    payout.save(update_fields=["backend", "backend_reference"])
    _payout_mark_paid(payout, actor)


@transaction.atomic
def payouts_export_sepa(
    *, actor: AbstractBaseUser | None, execution_date: datetime.date | None = None
) -> SepaBatch | None:
    """Collect every approved payout in one validated pain.001 file; None when there is none."""
    if actor is not None and not _is_payout_admin(actor):
        raise PermissionDenied(_("Only administrators approve payouts."))
    payouts = list(
        Payout.objects.select_for_update()
        .filter(status=PayoutStatus.APPROVED)
        .select_related("organisation", "bank_account")
        .order_by("pk")
    )
    if not payouts:
        return None
    transfers = [
        sepa.Transfer(
            name=p.bank_account.holder_name,
            iban=p.bank_account.iban,
            bic=p.bank_account.bic,
            amount_cents=p.amount_cents,
            description=f"Business2Community {p.organisation.name}: {p.note}"[:140],
            end_to_end_id=p.public_id.hex[:35],
        )
        for p in payouts
    ]
    message_id, xml = sepa.credit_transfer_xml(
        debtor=settings.PAYOUTS_SEPA_DEBTOR,
        transfers=transfers,
        execution_date=execution_date or timezone.localdate() + datetime.timedelta(days=1),
    )
    batch = SepaBatch.objects.create(
        message_id=message_id[:35],
        xml=xml,
        total_cents=sum(p.amount_cents for p in payouts),
        created_by=actor,
    )
    for payout in payouts:
        payout.status = PayoutStatus.EXPORTED
        payout.batch = batch
        payout.backend = payout_backends.SEPA
        payout.backend_reference = batch.message_id
        payout.save(update_fields=["status", "batch", "backend", "backend_reference"])
        _record(payout, "exported", actor, batch.message_id)
        notify(
            recipients=_members(payout.organisation),
            kind=kinds.PAYOUT_EXPORTED,
            target=payout,
            data=_payout_data(payout),
            actor=actor,
        )
    return batch


def _payout_mark_paid(payout: Payout, actor: AbstractBaseUser | None) -> None:
    payout.status = PayoutStatus.PAID
    payout.paid_at = timezone.now()
    payout.save(update_fields=["status", "paid_at"])
    ledger.ledger_book_payout(payout=payout)
    _record(payout, "paid", actor)
    notify(
        recipients=_members(payout.organisation),
        kind=kinds.PAYOUT_PAID,
        target=payout,
        data=_payout_data(payout),
        actor=actor,
    )


@transaction.atomic
def payout_mark_paid(*, payout: Payout, actor: AbstractBaseUser) -> Payout:
    """The bank confirmed the transfer: the payout is paid and leaves the ledger (once)."""
    if not _is_payout_admin(actor):
        raise PermissionDenied(_("Only administrators approve payouts."))
    payout = _locked(payout)
    if payout.status == PayoutStatus.PAID:
        return payout
    if payout.status != PayoutStatus.EXPORTED:
        raise ValidationError(_("Only a payout in a SEPA batch can be marked paid."))
    _payout_mark_paid(payout, actor)
    return payout


# Year statements ----------------------------------------------------------------------------

STATEMENT_SALT = "payments.year-statement"
STATEMENT_LINK_DAYS = 7


def statement_token(*, email: str, year: int) -> str:
    """A signed token that opens one e-mail address's statement of one year."""
    from django.core import signing

    return signing.dumps({"email": email.strip().lower(), "year": year}, salt=STATEMENT_SALT)


def statement_link_send(*, email: str, year: int, language: str) -> None:
    """E-mail a signed link to the year statement of this address (sent whether or not it gave)."""
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils import translation

    from core.email import send_email

    email = (email or "").strip()
    if not email:
        raise ValidationError({"email": _("Enter your e-mail address.")})
    with translation.override(language):
        path = reverse("finance:statement_signed", args=[statement_token(email=email, year=year)])
        context = {
            "year": year,
            "url": settings.WAGTAILADMIN_BASE_URL + path,
            "days": STATEMENT_LINK_DAYS,
        }
        subject = render_to_string("payments/email/statement_subject.txt", context).strip()
        body = render_to_string("payments/email/statement.txt", context)
    transaction.on_commit(lambda: send_email(to=[email], subject=subject, body=body))
