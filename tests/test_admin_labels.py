"""Column headings of the admin lists speak the editor's language ("AANGEMAAKT OP", not "CREATED AT")."""

import pytest

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.utils import translation
from django.utils.functional import Promise

OUR_APPS = {"marketplace", "payments", "notifications", "matching", "search", "semantic", "cms",
            "core", "impact", "api"}
SAME_IN_DUTCH = {"slug", "status", "type", "IBAN", "e-mail", "deadline"}


def _list_columns():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in OUR_APPS:
            continue
        for name in model_admin.list_display:
            try:
                yield model, name, model._meta.get_field(name)
            except FieldDoesNotExist:
                continue  # a method column: its description is checked by the translations test


def test_every_admin_column_of_a_field_is_translated():
    untranslated = []
    for model, name, field in _list_columns():
        if not isinstance(field.verbose_name, Promise):
            untranslated.append(f"{model._meta.label}.{name}: {field.verbose_name!r} not marked")
            continue
        with translation.override("en"):
            english = str(field.verbose_name)
        with translation.override("nl"):
            dutch = str(field.verbose_name)
        if dutch == english and english not in SAME_IN_DUTCH:
            untranslated.append(f"{model._meta.label}.{name}: {english!r} has no Dutch")
    assert untranslated == []


@pytest.mark.django_db
def test_the_dutch_admin_list_shows_dutch_headings(client):
    from notifications.models import Notification
    from tests.factories import UserFactory

    admin_user = UserFactory(email="beheer@example.nl", is_staff=True, is_superuser=True)
    Notification.objects.create(kind="interest", recipient=admin_user, target=admin_user)  # a row
    client.force_login(admin_user)
    html = client.get("/django-admin/notifications/notification/",
                      HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Aangemaakt op" in html and "Created at" not in html
