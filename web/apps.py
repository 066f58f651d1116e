from django.apps import AppConfig


class WebConfig(AppConfig):
    """Pages that combine several apps: home, dashboard, manage pages, the public need page."""

    name = "web"
    label = "web"
