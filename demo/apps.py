from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Seeding: the demo data files (demo/data/) and the commands that load them."""

    name = "demo"
    label = "demo"
