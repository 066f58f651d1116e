"""Django admin (/django-admin/) for administrators; hub editors review in the Wagtail admin.

Every save and delete here goes through the services, like the site's own pages: the change is
recorded, the search outbox and the listing refresh are queued, and a published item of an
unverified organisation goes back to review. Lifecycle and derived fields (status, verification,
plan, slugs) are read-only: they change only through their lifecycle services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericTabularInline
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .forms import add_service_errors
from .models import (
    SDG,
    Invitation,
    Listing,
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


class ServiceAdminMixin:
    """Saves and deletes through the services; a form's many-to-many fields are the service's job."""

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


def _adopt(obj: Any, saved: Any) -> None:
    """Let the admin's own object stand for what the service saved (for messages and redirects)."""
    obj.pk = saved.pk
    obj.__dict__.update(
        {f.attname: getattr(saved, f.attname) for f in saved._meta.concrete_fields}
    )


def _values(form: Any, names: list[str]) -> dict[str, Any]:
    """The cleaned values of the named form fields present on the form (a cleared file: "")."""
    values = {}
    for name in names:
        if name in form.cleaned_data:
            value = form.cleaned_data[name]
            if name in ("image", "logo") and not value:
                value = ""
            values[name] = value
    return values


class MembershipInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Members are shown here; they are added and changed under Memberships (through services)."""

    model = Membership
    fields = ["user", "role", "created_at"]
    readonly_fields = fields
    extra = 0


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


ORGANISATION_FIELDS = [
    "name", "legal_form", "kvk_number", "website", "description", "municipality", "province",
    "latitude", "longitude", "logo", "initiative_kind", "member_count", "themes", "sdgs",
]


class OrganisationAdminForm(forms.ModelForm):
    website = forms.URLField(
        label=_("website"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Organisation
        fields = ["kind", *ORGANISATION_FIELDS]


@admin.register(Organisation)
class OrganisationAdmin(ServiceAdminMixin, admin.ModelAdmin):
    form = OrganisationAdminForm
    list_display = ["name", "kind", "legal_form", "kvk_number", "province", "is_verified", "plan"]
    list_filter = ["kind", "is_verified", "plan", "legal_form", "province"]
    search_fields = ["name", "kvk_number", "slug", "municipality"]
    readonly_fields = ["slug", "is_verified", "plan", "created_at", "updated_at"]
    filter_horizontal = ["themes", "sdgs"]
    inlines = [MembershipInline]
    actions = [verify, unverify]

    def get_readonly_fields(self, request: HttpRequest, obj: Organisation | None = None) -> list:
        # The kind decides what an organisation may publish; it is chosen once.
        return [*self.readonly_fields, "kind"] if obj else self.readonly_fields

    def save_model(
        self, request: HttpRequest, obj: Organisation, form: Any, change: bool
    ) -> None:
        values = _values(form, ORGANISATION_FIELDS)
        if change:
            saved = services.organisation_update(
                organisation=obj, actor=request.user, **values
            )
        else:
            saved = services.organisation_create(
                owner=None, kind=form.cleaned_data["kind"], **values
            )
        _adopt(obj, saved)

    def delete_model(self, request: HttpRequest, obj: Organisation) -> None:
        services.organisation_delete(organisation=obj, actor=request.user)


@admin.register(Membership)
class MembershipAdmin(ServiceAdminMixin, admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation"]

    def get_readonly_fields(self, request: HttpRequest, obj: Membership | None = None) -> list:
        return ["user", "organisation", "created_at"] if obj else ["created_at"]

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        if change:
            saved = services.membership_set_role(
                membership=obj, role=form.cleaned_data["role"], actor=request.user
            )
        else:
            saved = services.membership_add(
                organisation=form.cleaned_data["organisation"],
                user=form.cleaned_data["user"],
                role=form.cleaned_data["role"],
                actor=request.user,
            )
        _adopt(obj, saved)

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        services.membership_remove(membership=obj, actor=request.user)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Owners invite from the members page (services.invitation_create); here they are viewed or revoked."""

    list_display = ["email", "organisation", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class TransitionInline(ReadOnlyAdminMixin, GenericTabularInline):
    model = ListingTransition
    fields = ["created_at", "from_status", "to_status", "actor", "reason"]
    readonly_fields = fields
    extra = 0


LISTING_READONLY = [
    "slug",
    "status",
    "published_at",
    "rejection_reason",
    "close_reason",
    "created_by",
    "created_at",
    "updated_at",
]
OFFER_FIELDS = [
    "title", "description", "theme", "offer_type", "language", "sdgs", "is_national", "regions",
    "eligible_legal_forms", "eligible_initiative_kinds", "min_members", "price_terms", "image",
    "valid_until",
]
NEED_FIELDS = [
    "title", "description", "theme", "need_type", "language", "sdgs", "budget_min",
    "budget_max", "deadline", "municipality", "province",
]


class OfferAdminForm(forms.ModelForm):
    class Meta:
        model = Offer
        fields = ["organisation", *OFFER_FIELDS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "is_national" in cleaned and "regions" in cleaned:
            try:
                services.offer_check_coverage(
                    is_national=cleaned["is_national"], regions=cleaned["regions"]
                )
            except ValidationError as error:
                add_service_errors(self, error)
        return cleaned


class NeedAdminForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["organisation", *NEED_FIELDS]


class ListingAdmin(ServiceAdminMixin, admin.ModelAdmin):
    """Offers and needs: edited through the services; closed items can only be viewed."""

    readonly_fields = LISTING_READONLY
    autocomplete_fields = ["organisation"]
    inlines = [TransitionInline]
    service_fields: list[str] = []

    def get_readonly_fields(self, request: HttpRequest, obj: Listing | None = None) -> list:
        # Moving an item to another organisation is no step of its lifecycle.
        return [*self.readonly_fields, "organisation"] if obj else self.readonly_fields

    def has_change_permission(self, request: HttpRequest, obj: Listing | None = None) -> bool:
        if obj is not None and not obj.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Listing, form: Any, change: bool) -> None:
        values = _values(form, self.service_fields)
        if change:
            saved = self.update(listing=obj, actor=request.user, **values)
        else:
            saved = self.create(
                organisation=form.cleaned_data["organisation"], actor=request.user, **values
            )
        _adopt(obj, saved)

    def delete_model(self, request: HttpRequest, obj: Listing) -> None:
        services.listing_delete(listing=obj, actor=request.user)


@admin.register(Offer)
class OfferAdmin(ListingAdmin):
    form = OfferAdminForm
    service_fields = OFFER_FIELDS
    list_display = ["title", "organisation", "offer_type", "theme", "status", "published_at"]
    list_filter = ["status", "offer_type", "theme", "language", "is_national"]
    search_fields = ["title", "description", "slug", "organisation__name"]
    filter_horizontal = ["sdgs", "regions"]
    list_select_related = ["organisation", "theme"]

    @staticmethod
    def create(**values: Any) -> Offer:
        return services.offer_create(**values)

    @staticmethod
    def update(*, listing: Offer, **values: Any) -> Offer:
        return services.offer_update(offer=listing, **values)


@admin.register(Need)
class NeedAdmin(ListingAdmin):
    form = NeedAdminForm
    service_fields = NEED_FIELDS
    list_display = ["title", "organisation", "need_type", "theme", "province", "status", "deadline"]
    list_filter = ["status", "need_type", "theme", "language", "province"]
    search_fields = ["title", "description", "slug", "organisation__name"]
    filter_horizontal = ["sdgs"]
    list_select_related = ["organisation", "theme", "province"]

    @staticmethod
    def create(**values: Any) -> Need:
        return services.need_create(**values)

    @staticmethod
    def update(*, listing: Need, **values: Any) -> Need:
        return services.need_update(need=listing, **values)


@admin.register(ListingTransition)
class ListingTransitionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "content_type", "object_id", "from_status", "to_status", "actor"]
    list_filter = ["to_status", "from_status", "content_type"]
    search_fields = ["reason", "actor__email"]
    list_select_related = ["content_type", "actor"]
    date_hierarchy = "created_at"
