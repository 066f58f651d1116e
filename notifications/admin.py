"""Notices are read-only in the admin; preferences are saved through the service."""

from django.contrib import admin

from .models import Notification, NotificationPreference
from .services import notification_preference_set


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["kind", "recipient", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email_frequency", "language"]
    raw_id_fields = ["user"]

    def save_model(self, request, obj, form, change) -> None:
        saved = notification_preference_set(
            user=obj.user, email_frequency=obj.email_frequency, language=obj.language
        )
        obj.pk = saved.pk
