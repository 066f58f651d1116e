"""Django admin (/django-admin/) for administrators; hub editors review in the Wagtail admin.

Lifecycle fields (status, verification) are read-only here: they change only through the
services, so every change is recorded with who, when and why.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import (
    SDG,
    Invitation,
    ListingTransition,
    Membership,
    Need,
    Offer,
    Organisation,
    Province,
    Theme,
)


class ReadOnlyAdminMixin:
    """Viewable, never added, changed or deleted by hand."""

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_nl", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(SDG)
class SDGAdmin(admin.ModelAdmin):
    list_display = ["number", "name_nl", "name_en"]
    search_fields = ["name_nl", "name_en"]


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


def _set_verified(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet, *, verified: bool
) -> None:
    try:
        for organisation in queryset:
            services.organisation_verify(
                organisation=organisation, actor=request.user, verified=verified
            )
    except PermissionDenied as error:
        modeladmin.message_user(request, str(error), messages.ERROR)
        return
    count = queryset.count()
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d organisation updated.", "%(count)d organisations updated.", count
        )
        % {"count": count},
        messages.SUCCESS,
    )


@admin.action(description=_("Mark as verified (publishes without review)"))
def verify(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    _set_verified(modeladmin, request, queryset, verified=True)


@admin.action(description=_("Mark as not verified (items wait for review)"))
def unverify(modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> None:
    _set_verified(modeladmin, request, queryset, verified=False)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "legal_form", "kvk_number", "province", "is_verified"]
    list_filter = ["kind", "is_verified", "legal_form", "province"]
    search_fields = ["name", "kvk_number", "slug", "municipality"]
    readonly_fields = ["is_verified", "created_at", "updated_at"]
    filter_horizontal = ["themes", "sdgs"]
    inlines = [MembershipInline]
    actions = [verify, unverify]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    readonly_fields = ["token", "invited_by", "created_at", "accepted_at"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["organisation"]


class TransitionInline(ReadOnlyAdminMixin, GenericTabularInline):
    model = ListingTransition
    fields = ["created_at", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields
    extra = 0


LISTING_READONLY = [
    "status",
    "published_at",
    "rejection_reason",
    "close_reason",
    "created_by",
    "created_at",
    "updated_at",
]


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "offer_type", "theme", "status", "published_at"]
    list_filter = ["status", "offer_type", "theme", "language", "is_national"]
    search_fields = ["title", "description", "slug", "organisation__name"]
    readonly_fields = LISTING_READONLY
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["sdgs", "regions"]
    list_select_related = ["organisation", "theme"]
    inlines = [TransitionInline]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "need_type", "theme", "province", "status", "deadline"]
    list_filter = ["status", "need_type", "theme", "language", "province"]
    search_fields = ["title", "description", "slug", "organisation__name"]
    readonly_fields = LISTING_READONLY
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["sdgs"]
    list_select_related = ["organisation", "theme", "province"]
    inlines = [TransitionInline]


@admin.register(ListingTransition)
class ListingTransitionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "content_type", "object_id", "from_status", "to_status", "actor"]
    list_filter = ["to_status", "from_status", "content_type"]
    search_fields = ["reason", "actor__email"]
    list_select_related = ["content_type", "actor"]
    date_hierarchy = "created_at"
