from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    """The ground floor every app may import: text folding and rules, the one e-mail send."""

    name = "core"
    label = "core"

    def ready(self) -> None:
        # Pillow warns above this many pixels and refuses twice as many, wherever an image opens.
        from PIL import Image

        Image.MAX_IMAGE_PIXELS = getattr(settings, "MAX_IMAGE_PIXELS", Image.MAX_IMAGE_PIXELS)
