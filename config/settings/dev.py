"""Development settings: the demo served by `make run`."""

from .base import *  # noqa: F403
from .base import API, PAGE_CACHE, env, env_bool

DEBUG = True
SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-change-me")  # noqa: S105
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Template edits show at once: no whole-page cache unless asked for (PAGE_CACHE=1).
PAGE_CACHE = {**PAGE_CACHE, "ENABLED": env_bool("PAGE_CACHE", False)}

# Serve static files straight from the apps' folders (no collectstatic needed).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Payments against localstripe, which `make run` starts on port 8420 (manage.py localstripe).
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", "sk_test_localstripe")  # noqa: S105
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", "pk_test_localstripe")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", "whsec_localstripe_demo")  # noqa: S105
STRIPE_API_BASE = env("STRIPE_API_BASE", "http://127.0.0.1:8420")
STRIPE_JS_URL = env("STRIPE_JS_URL", STRIPE_API_BASE + "/js.stripe.com/v3/")
STRIPE_SUBSCRIPTION_PRICE_PARAM = "plan"

# Outgoing webhooks may go to a receiver on this machine over plain http (docs/api.md).
API = {**API, "WEBHOOK_ALLOW_LOOPBACK_HTTP": True}
