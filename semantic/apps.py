from django.apps import AppConfig


class SemanticConfig(AppConfig):
    """Encoders, the one embedding table and the one nearest-neighbour function."""

    name = "semantic"
    label = "semantic"
