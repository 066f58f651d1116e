"""Django admin (/django-admin/) for payments: read-only records, and refunds as an action.

Payment state changes only through the services (Stripe is the source of truth), so records are
viewable here but not editable; refunds go through `services.payment_refund`.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services, stripe_api
from .models import (
    FeaturedPlacement,
    FundingGoal,
    MalformedStripeEvent,
    PartnerSubscription,
    Payment,
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
