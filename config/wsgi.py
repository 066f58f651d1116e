"""WSGI entry point (gunicorn config.wsgi; runserver imports it too)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Load the text encoder now, beside the first requests, rather than inside one of them.
from semantic.encoders import warm_up_in_background  # noqa: E402 - needs the app registry

warm_up_in_background()
