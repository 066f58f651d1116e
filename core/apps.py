from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground floor every app may import: text folding and the one e-mail send."""

    name = "core"
    label = "core"
