"""What was paid, by whom, for what, and what Stripe told us about it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxLengthValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.validators import validate_multi_line, validate_single_line
from marketplace.models import Need, Offer, Organisation

from .pricing import FUNDING_GOAL_MIN_CENTS


class PartnerSubscription(models.Model):
    """An organisation's Partner plan as Stripe last told us; no active one means the free plan."""

    class Interval(models.TextChoices):
        MONTHLY = "monthly", _("Monthly")
        YEARLY = "yearly", _("Yearly")

    # Stripe statuses that keep the Partner benefits (past_due: Stripe is still retrying).
    ACTIVE_STATUSES = ("active", "trialing", "past_due")

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="partner_subscription",
    )
    stripe_customer_id = models.CharField(_("Stripe customer"), max_length=255, blank=True)
    stripe_subscription_id = models.CharField(_("Stripe subscription"), max_length=255, blank=True)
    interval = models.CharField(
        _("billing interval"), max_length=10, choices=Interval.choices, blank=True
    )
    status = models.CharField(_("Stripe status"), max_length=32, blank=True)
    current_period_end = models.DateTimeField(_("paid until"), null=True, blank=True)
    cancel_at_period_end = models.BooleanField(_("ends at the end of the period"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Partner subscription")
        verbose_name_plural = _("Partner subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["stripe_customer_id"],
                condition=~models.Q(stripe_customer_id=""),
                name="partner_subscription_unique_customer",
            ),
            models.UniqueConstraint(
                fields=["stripe_subscription_id"],
                condition=~models.Q(stripe_subscription_id=""),
                name="partner_subscription_unique_subscription",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.status or 'free'})"

    @property
    def is_active(self) -> bool:
        return bool(self.stripe_subscription_id) and self.status in self.ACTIVE_STATUSES


class PaymentPurpose(models.TextChoices):
    FEATURED_OFFER = "featured_offer", _("Featured offer")
    CONTRIBUTION = "contribution", _("Contribution")


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Started")
    REQUIRES_ACTION = "requires_action", _("Waiting for card authentication")
    PROCESSING = "processing", _("Processing")
    SUCCEEDED = "succeeded", _("Paid")
    FAILED = "failed", _("Failed")
    CANCELED = "canceled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")


class Payment(models.Model):
    """One attempt to pay once: a featured offer or a contribution, backed by one PaymentIntent."""

    Purpose = PaymentPurpose
    Status = PaymentStatus
    OPEN_STATUSES = (PaymentStatus.PENDING, PaymentStatus.REQUIRES_ACTION, PaymentStatus.PROCESSING)
    PAID_STATUSES = (PaymentStatus.SUCCEEDED, PaymentStatus.REFUNDED)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    purpose = models.CharField(_("purpose"), max_length=20, choices=PaymentPurpose.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    amount_cents = models.PositiveIntegerField(
        _("amount (cents)"), validators=[MinValueValidator(1)]
    )
    currency = models.CharField(_("currency"), max_length=3)
    # One payment per form shown: a double click or parallel requests carry the same key.
    attempt_key = models.CharField(max_length=200, unique=True, editable=False)
    stripe_payment_intent_id = models.CharField(
        _("Stripe PaymentIntent"), max_length=255, unique=True, null=True, blank=True
    )
    payer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("payer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    payer_email = models.EmailField(_("payer's email address"))
    payer_name = models.CharField(
        _("payer's name"), max_length=100, blank=True, validators=[validate_single_line]
    )
    # Featured offers
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("paying organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    feature_days = models.PositiveSmallIntegerField(_("days featured"), null=True, blank=True)
    # Contributions
    need = models.ForeignKey(
        Need,
        verbose_name=_("need"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
    )
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    # card, or ideal (a redirect to the payer's bank)
    method = models.CharField(_("payment method"), max_length=10, default="card")
    # Consent to be named on the public contributor wall (never without it).
    show_on_wall = models.BooleanField(_("name on the public wall"), default=False)
    message = models.TextField(
        _("message"), blank=True, validators=[MaxLengthValidator(500), validate_multi_line]
    )
    failure_message = models.CharField(_("reason for failure"), max_length=300, blank=True)
    # The language the payer used, for the receipt.
    language = models.CharField(max_length=8, default="nl", editable=False)
    succeeded_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    refunded_cents = models.PositiveIntegerField(_("refunded (cents)"), default=0)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        indexes = [
            models.Index(fields=["need", "status"]),
            models.Index(fields=["status", "created_at"]),
        ]
        permissions = [("refund_payment", _("Can refund payments"))]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(purpose=PaymentPurpose.CONTRIBUTION, need__isnull=False)
                    | models.Q(purpose=PaymentPurpose.FEATURED_OFFER, offer__isnull=False)
                ),
                name="payment_has_its_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.amount_cents / 100:.2f} {self.currency.upper()} ({self.status})"

    @property
    def failure_text(self) -> str:
        """Why it failed, in the reader's language (payments.declines)."""
        from .declines import failure_text

        return failure_text(self.failure_message)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_paid(self) -> bool:
        return self.status in self.PAID_STATUSES

    @property
    def net_cents(self) -> int:
        return self.amount_cents - self.refunded_cents if self.is_paid else 0


class FeaturedPlacement(models.Model):
    """A paid period during which an offer is shown as featured on the home and theme pages."""

    payment = models.OneToOneField(
        Payment, verbose_name=_("payment"), on_delete=models.PROTECT, related_name="placement"
    )
    offer = models.ForeignKey(
        Offer, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="featured_placements"
    )
    starts_at = models.DateTimeField(_("featured from"))
    ends_at = models.DateTimeField(_("featured until"))

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("featured placement")
        verbose_name_plural = _("featured placements")
        indexes = [models.Index(fields=["starts_at", "ends_at"])]

    def __str__(self) -> str:
        return f"{self.offer} {self.starts_at:%Y-%m-%d} → {self.ends_at:%Y-%m-%d}"


class FundingGoal(models.Model):
    """How much money an initiative hopes to raise for a need through contributions."""

    need = models.OneToOneField(
        Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="funding_goal"
    )
    goal_cents = models.PositiveIntegerField(
        _("goal (cents)"), validators=[MinValueValidator(FUNDING_GOAL_MIN_CENTS)]
    )
    currency = models.CharField(_("currency"), max_length=3, default="eur")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    class Meta:
        verbose_name = _("funding goal")
        verbose_name_plural = _("funding goals")

    def __str__(self) -> str:
        return f"{self.need}: {self.goal_cents / 100:.2f} {self.currency.upper()}"


class StripeEvent(models.Model):
    """A Stripe event we have handled; its unique id makes handling each event once."""

    class Source(models.TextChoices):
        WEBHOOK = "webhook", _("Webhook")
        RECONCILE = "reconcile", _("Reconciliation")

    stripe_id = models.CharField(max_length=255, unique=True, verbose_name=_("stripe id"))
    type = models.CharField(max_length=100, verbose_name=_("type"))
    stripe_created = models.PositiveBigIntegerField()
    source = models.CharField(max_length=10, choices=Source.choices, verbose_name=_("source"))
    payload = models.JSONField()
    processed_at = models.DateTimeField(default=timezone.now, verbose_name=_("processed at"))

    class Meta:
        ordering = ["-processed_at"]
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")

    def __str__(self) -> str:
        return f"{self.type} {self.stripe_id}"


class MalformedStripeEvent(models.Model):
    """A webhook signed with our secret whose body we could not read as a handled event (400).

    Only Stripe, or someone holding the webhook secret, can send one: a changed API version or a
    leaked secret. Kept so an operator sees it (Django admin); Stripe shows the 400 too.
    """

    received_at = models.DateTimeField(default=timezone.now, verbose_name=_("received at"))
    reason = models.CharField(max_length=300, verbose_name=_("reason"))
    stripe_id = models.CharField(max_length=255, blank=True, verbose_name=_("stripe id"))
    type = models.CharField(max_length=100, blank=True, verbose_name=_("type"))
    payload = models.TextField()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("malformed Stripe event")
        verbose_name_plural = _("malformed Stripe events")

    def __str__(self) -> str:
        return f"{self.type or '?'} {self.stripe_id or '?'}: {self.reason}"


# The ledger: every euro in and out, double entry, append-only ----------------------------------


class LedgerAccount(models.TextChoices):
    """The accounts of the fiscal host's books (see docs/payments.md, "The ledger")."""

    # Money held by the platform at Stripe and its bank (an asset: debit-normal).
    CASH = "cash", _("Cash at Stripe and the bank")
    # What the platform owes an initiative: its balance (a liability: credit-normal).
    INITIATIVE = "initiative", _("Funds held for the initiative")
    # The platform's own income from contributions (credit-normal).
    PLATFORM_FEES = "platform_fees", _("Platform fees")


class LedgerKind(models.TextChoices):
    CONTRIBUTION = "contribution", _("Contribution received")
    PLATFORM_FEE = "platform_fee", _("Platform fee")
    STRIPE_FEE = "stripe_fee", _("Stripe fee")
    REFUND = "refund", _("Refund")
    PAYOUT = "payout", _("Payout")


class LedgerEntryQuerySet(models.QuerySet):
    """Entries are never changed or removed, not even in bulk."""

    def update(self, **kwargs):
        raise PermissionError("Ledger entries are append-only.")

    def delete(self):
        raise PermissionError("Ledger entries are append-only.")


class LedgerEntry(models.Model):
    """One line of a ledger transaction; the lines of a transaction sum to zero.

    `amount_cents` is signed: positive is a debit, negative a credit. Written only by
    `payments.ledger`, in the same database transaction as the change it records.
    """

    Account = LedgerAccount
    Kind = LedgerKind

    transaction_id = models.UUIDField(_("transaction"), db_index=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=LedgerKind.choices)
    account = models.CharField(_("account"), max_length=20, choices=LedgerAccount.choices)
    amount_cents = models.BigIntegerField(_("amount (cents, debit positive)"))
    currency = models.CharField(_("currency"), max_length=3, default="eur")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    payment = models.ForeignKey(
        Payment, verbose_name=_("payment"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="ledger_entries",
    )
    payout = models.ForeignKey(
        "Payout", verbose_name=_("payout"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="ledger_entries",
    )
    memo = models.CharField(_("memo"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("booked at"), default=timezone.now, editable=False)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [
            models.Index(fields=["organisation", "account"]),
            models.Index(fields=["need", "account"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.account} {self.amount_cents / 100:.2f}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise PermissionError("Ledger entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Ledger entries are append-only.")


# Payouts: bank accounts, requests, approvals, SEPA batches --------------------------------------


class BankAccount(models.Model):
    """Where an initiative's payouts go; usable once a second person confirmed it."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("initiative"), on_delete=models.CASCADE,
        related_name="bank_accounts",
    )
    iban = models.CharField(_("IBAN"), max_length=34)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    holder_name = models.CharField(
        _("account holder"), max_length=70, validators=[validate_single_line]
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), on_delete=models.PROTECT,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(_("registered at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")
        permissions = [("confirm_bankaccount", _("Can confirm bank accounts of initiatives"))]

    def __str__(self) -> str:
        return f"{self.holder_name} {self.iban_masked}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def iban_masked(self) -> str:
        return f"{self.iban[:4]} … {self.iban[-4:]}"


class PayoutStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    EXPORTED = "exported", _("In a SEPA batch")
    PAID = "paid", _("Paid out")
    REJECTED = "rejected", _("Rejected")


class SepaBatch(models.Model):
    """One pain.001 credit transfer file made of approved payouts."""

    message_id = models.CharField(_("message id"), max_length=35, unique=True)
    xml = models.TextField(_("pain.001 XML"))
    total_cents = models.PositiveBigIntegerField(_("total (cents)"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("SEPA batch")
        verbose_name_plural = _("SEPA batches")

    def __str__(self) -> str:
        return self.message_id


class Payout(models.Model):
    """An initiative asks for (part of) its balance; administrators approve; money is sent."""

    Status = PayoutStatus
    # What still counts against the balance before the payout entry is booked.
    RESERVING_STATUSES = (PayoutStatus.REQUESTED, PayoutStatus.APPROVED, PayoutStatus.EXPORTED)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("initiative"), on_delete=models.PROTECT,
        related_name="payouts",
    )
    need = models.ForeignKey(
        Need, verbose_name=_("need"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="payouts",
    )
    bank_account = models.ForeignKey(
        BankAccount, verbose_name=_("bank account"), on_delete=models.PROTECT, related_name="+"
    )
    amount_cents = models.PositiveIntegerField(
        _("amount (cents)"), validators=[MinValueValidator(1)]
    )
    currency = models.CharField(_("currency"), max_length=3, default="eur")
    note = models.CharField(
        _("what it is for"), max_length=140, validators=[validate_single_line]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PayoutStatus.choices, default=PayoutStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT,
        related_name="+",
    )
    batch = models.ForeignKey(
        SepaBatch, verbose_name=_("SEPA batch"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="payouts",
    )
    backend = models.CharField(_("sent by"), max_length=20, blank=True)
    backend_reference = models.CharField(_("reference at the bank or Stripe"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("payout")
        verbose_name_plural = _("payouts")
        permissions = [("approve_payout", _("Can approve and send payouts"))]

    def __str__(self) -> str:
        return f"{self.organisation} {self.amount_cents / 100:.2f} ({self.status})"


class PayoutEvent(models.Model):
    """One step in a payout's life (requested, approved, exported, paid, rejected): the history."""

    payout = models.ForeignKey(
        Payout, verbose_name=_("payout"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("step"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="+",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("payout step")
        verbose_name_plural = _("payout steps")
        constraints = [
            # One approval per person: four eyes means distinct people.
            models.UniqueConstraint(
                fields=["payout", "actor"], condition=models.Q(action="approved"),
                name="payout_one_approval_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.payout_id} {self.action}"


class ConnectedAccount(models.Model):
    """An initiative's Stripe Connect account, for PAYOUTS_BACKEND = "stripe_connect".

    Onboarding happens at Stripe (Express or Custom accounts); an administrator records the
    account id here.
    """

    organisation = models.OneToOneField(
        Organisation, verbose_name=_("initiative"), on_delete=models.CASCADE,
        related_name="connected_account",
    )
    stripe_account_id = models.CharField(_("Stripe account"), max_length=255, unique=True)
    created_at = models.DateTimeField(default=timezone.now, verbose_name=_("created at"))

    class Meta:
        verbose_name = _("Stripe Connect account")
        verbose_name_plural = _("Stripe Connect accounts")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.stripe_account_id}"
