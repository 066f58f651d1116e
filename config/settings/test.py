"""Test settings: fast and hermetic."""

import dj_database_url

from .base import *  # noqa: F403
from .base import BASE_DIR, env

SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# SQLite by default; `make test` re-runs the postgres-marked tests with TEST_DATABASE_URL set.
DATABASES = {
    "default": dj_database_url.parse(env("TEST_DATABASE_URL"))
    if env("TEST_DATABASE_URL")
    else {"ENGINE": "django.db.backends.sqlite3", "NAME": str(BASE_DIR / "test-db.sqlite3")}
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Off for the suite (tests see every render); tests/cms/test_pagecache.py turns it on.
PAGE_CACHE = {"ENABLED": False}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
# No sleeping after failed logins; tests/security checks the delay with a patched sleep.
LOGIN_FAILURE_DELAY_STEP = 0
# No abuse limits for the suite; tests/security/test_rate_limits.py sets its own.
RATE_LIMITS: dict[str, str] = {}

# Serve static files straight from the apps' folders (no collectstatic needed).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Payments: tests/payments starts localstripe on a free port and points these at it; any other
# test that reaches for Stripe meets a closed port and fails fast.
STRIPE_SECRET_KEY = "sk_test_tests"  # noqa: S105
STRIPE_PUBLISHABLE_KEY = "pk_test_tests"
STRIPE_WEBHOOK_SECRET = "whsec_tests"  # noqa: S105
STRIPE_API_BASE = "http://127.0.0.1:9"
STRIPE_JS_URL = "http://127.0.0.1:9/js.stripe.com/v3/"
STRIPE_CONNECT_TIMEOUT = 1
STRIPE_READ_TIMEOUT = 2
STRIPE_MAX_NETWORK_RETRIES = 0
STRIPE_SUBSCRIPTION_PRICE_PARAM = "plan"
# Generous request budgets on a busy test machine (tasks run inside requests here); the fault
# tests (tests/faults) set the deployed ones.
STRIPE_REQUEST_BUDGET = 20

# Search: always the embedded engine, whatever ELASTICSEARCH_URL says; the live Elasticsearch
# tests (tests/search) configure their own, throw-away indices.
SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.embedded.EmbeddedBackend"}}

# Unit and page tests embed with the deterministic fake encoder; tests/matching exercises the
# real models on their own.
SEMANTIC = {  # noqa: F405
    **SEMANTIC,  # noqa: F405
    "ENCODER": {"BACKEND": "semantic.encoders.FakeEncoder", "OPTIONS": {}},
    "REQUEST_BUDGET_SECONDS": 30,
}

# Every ranked suggestion is shown in the suite (the shipped curves with their bars at 0, see the
# folder); the tests of the shown bar set MATCHING["CALIBRATION_DIR"] to "" (the shipped curves).
MATCHING = {  # noqa: F405
    **MATCHING,  # noqa: F405
    "CALIBRATION_DIR": str(BASE_DIR / "tests" / "matching" / "data" / "calibration-open"),
}
# The API's webhook tests post to a receiver they start on 127.0.0.1.
API = {**API, "WEBHOOK_ALLOW_LOOPBACK_HTTP": True, "WEBHOOK_TIMEOUT": 2}  # noqa: F405
