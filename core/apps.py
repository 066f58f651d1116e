from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    """The ground floor every app may import: text folding and rules, the one e-mail send, time budgets."""

    name = "core"
    label = "core"

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from . import budget

        request_started.connect(budget.on_request_started, dispatch_uid="core.budget.started")
        request_finished.connect(budget.on_request_finished, dispatch_uid="core.budget.finished")

        # Pillow warns above this many pixels and refuses twice as many, wherever an image opens.
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = getattr(settings, "MAX_IMAGE_PIXELS", Image.MAX_IMAGE_PIXELS)
