from django.apps import AppConfig


class ImpactConfig(AppConfig):
    """What the platform achieved and where demand goes unserved: handprints, totals, the map."""

    name = "impact"
    label = "impact"
