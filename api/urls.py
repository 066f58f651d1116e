"""The dashboard pages of the API: keys and webhooks (inside the language prefixes)."""

from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("api-keys/", views.api_keys, name="keys"),
    path("api-keys/<int:pk>/revoke/", views.api_key_revoke, name="key_revoke"),
    path("webhooks/", views.webhooks, name="webhooks"),
    path("webhooks/<int:pk>/delete/", views.webhook_delete, name="webhook_delete"),
    path("webhooks/<int:pk>/roll-secret/", views.webhook_roll_secret, name="webhook_roll_secret"),
]
