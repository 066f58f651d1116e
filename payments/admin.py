"""Django admin (/django-admin/) for payments: read-only records, and refunds as an action.

Payment state changes only through the services (Stripe is the source of truth), so records are
viewable here but not editable; refunds go through `services.payment_refund`.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import payout_services, services, stripe_api
from .models import (
    BankAccount,
    ConnectedAccount,
    FeaturedPlacement,
    FundingGoal,
    LedgerEntry,
    MalformedStripeEvent,
    PartnerSubscription,
    Payment,
    Payout,
    PayoutEvent,
    SepaBatch,
    StripeEvent,
)
from .pricing import format_money


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable, never added, changed or deleted by hand."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.action(description=_("Refund the selected payments in full"), permissions=["refund"])
def refund(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    refunded = 0
    for payment in queryset:
        try:
            services.payment_refund(payment=payment, actor=request.user)
        except (PermissionDenied, ValidationError, stripe_api.PaymentProviderError) as error:
            message = (
                getattr(error, "message", "")
                or " ".join(getattr(error, "messages", []))
                or str(error)
            )
            modeladmin.message_user(request, f"{payment}: {message}", messages.ERROR)
        else:
            refunded += 1
    if refunded:
        modeladmin.message_user(
            request,
            ngettext("%(count)d payment refunded.", "%(count)d payments refunded.", refunded)
            % {"count": refunded},
            messages.SUCCESS,
        )


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "purpose",
        "status",
        "amount",
        "refunded",
        "need",
        "offer",
        "payer_email",
    ]
    list_filter = ["purpose", "status"]
    search_fields = ["payer_email", "payer_name", "stripe_payment_intent_id", "public_id"]
    list_select_related = ["need", "offer"]
    date_hierarchy = "created_at"
    actions = [refund]

    def has_refund_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("payments.refund_payment")

    @admin.display(description=_("Amount"), ordering="amount_cents")
    def amount(self, payment: Payment) -> str:
        return format_money(payment.amount_cents, payment.currency)

    @admin.display(description=_("Refunded"), ordering="refunded_cents")
    def refunded(self, payment: Payment) -> str:
        return format_money(payment.refunded_cents, payment.currency) if payment.refunded_cents else "–"


@admin.register(PartnerSubscription)
class PartnerSubscriptionAdmin(ReadOnlyAdmin):
    list_display = [
        "organisation",
        "status",
        "interval",
        "current_period_end",
        "cancel_at_period_end",
    ]
    list_filter = ["status", "interval"]
    search_fields = ["organisation__name", "stripe_customer_id", "stripe_subscription_id"]
    list_select_related = ["organisation"]


@admin.register(FeaturedPlacement)
class FeaturedPlacementAdmin(ReadOnlyAdmin):
    list_display = ["offer", "starts_at", "ends_at"]
    list_select_related = ["offer"]


@admin.register(FundingGoal)
class FundingGoalAdmin(ReadOnlyAdmin):
    list_display = ["need", "goal", "updated_at"]
    list_select_related = ["need"]

    @admin.display(description=_("Goal"), ordering="goal_cents")
    def goal(self, funding_goal: FundingGoal) -> str:
        return format_money(funding_goal.goal_cents)


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyAdmin):
    list_display = ["processed_at", "type", "stripe_id", "source"]
    list_filter = ["type", "source"]
    search_fields = ["stripe_id"]


@admin.register(MalformedStripeEvent)
class MalformedStripeEventAdmin(ReadOnlyAdmin):
    list_display = ["received_at", "type", "stripe_id", "reason"]
    search_fields = ["stripe_id", "reason"]


# The ledger and payouts ----------------------------------------------------------------------


def _error_text(error: Exception) -> str:
    return (
        getattr(error, "message", "")
        or " ".join(getattr(error, "messages", []))
        or str(error)
    )


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    """The ledger is append-only: nothing here adds, changes or deletes an entry."""

    list_display = ["created_at", "kind", "account", "amount_cents", "organisation", "need"]
    list_filter = ["kind", "account"]
    search_fields = ["organisation__name", "memo", "transaction_id"]
    list_select_related = ["organisation", "need"]
    actions = None


@admin.action(description=_("Confirm the selected bank accounts"))
def confirm_bank_accounts(modeladmin, request, queryset) -> None:
    for account in queryset:
        try:
            payout_services.bank_account_confirm(account=account, actor=request.user)
        except (PermissionDenied, ValidationError) as error:
            modeladmin.message_user(request, f"{account}: {_error_text(error)}", messages.ERROR)


@admin.register(BankAccount)
class BankAccountAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "holder_name", "iban", "confirmed_at", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["organisation__name", "holder_name", "iban"]
    list_select_related = ["organisation"]
    actions = [confirm_bank_accounts]


def _each_payout(modeladmin, request, queryset, step, done_message) -> None:
    done = 0
    for payout in queryset:
        try:
            step(payout=payout, actor=request.user)
        except (PermissionDenied, ValidationError, stripe_api.PaymentProviderError) as error:
            modeladmin.message_user(request, f"{payout}: {_error_text(error)}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message % {"count": done}, messages.SUCCESS)


@admin.action(description=_("Approve the selected payouts"), permissions=["approve"])
def approve_payouts(modeladmin, request, queryset) -> None:
    _each_payout(modeladmin, request, queryset, payout_services.payout_approve,
                 _("%(count)d approval(s) recorded."))


@admin.action(description=_("Reject the selected payouts"), permissions=["approve"])
def reject_payouts(modeladmin, request, queryset) -> None:
    def step(*, payout, actor):
        return payout_services.payout_reject(
            payout=payout, actor=actor, reason=str(_("rejected by an administrator"))
        )

    _each_payout(modeladmin, request, queryset, step, _("%(count)d payout(s) rejected."))


@admin.action(description=_("Export every approved payout as a SEPA file"), permissions=["approve"])
def export_sepa(modeladmin, request, queryset):
    try:
        batch = payout_services.payouts_export_sepa(actor=request.user)
    except (PermissionDenied, ValidationError) as error:
        modeladmin.message_user(request, _error_text(error), messages.ERROR)
        return None
    if batch is None:
        modeladmin.message_user(request, _("There are no approved payouts to export."), messages.WARNING)
        return None
    return _sepa_download(batch)


@admin.action(description=_("Mark the selected payouts paid (the bank confirmed)"), permissions=["approve"])
def mark_paid(modeladmin, request, queryset) -> None:
    _each_payout(modeladmin, request, queryset, payout_services.payout_mark_paid,
                 _("%(count)d payout(s) marked paid."))


def _sepa_download(batch: SepaBatch) -> HttpResponse:
    response = HttpResponse(batch.xml, content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{batch.message_id}.xml"'
    return response


class PayoutEventInline(admin.TabularInline):
    model = PayoutEvent
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "action", "actor", "note"]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "organisation", "amount_cents", "note", "status", "requested_by"]
    list_filter = ["status"]
    search_fields = ["organisation__name", "note", "public_id"]
    list_select_related = ["organisation", "requested_by"]
    inlines = [PayoutEventInline]
    actions = [approve_payouts, reject_payouts, export_sepa, mark_paid]

    def has_approve_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("payments.approve_payout")


@admin.action(description=_("Download the SEPA file"))
def download_sepa(modeladmin, request, queryset):
    batch = queryset.first()
    return _sepa_download(batch) if batch else None


@admin.register(SepaBatch)
class SepaBatchAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "message_id", "total_cents", "created_by"]
    actions = [download_sepa]


@admin.register(ConnectedAccount)
class ConnectedAccountAdmin(admin.ModelAdmin):
    list_display = ["organisation", "stripe_account_id", "created_at"]
    search_fields = ["organisation__name", "stripe_account_id"]
