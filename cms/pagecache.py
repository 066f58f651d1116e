"""The page cache: whole pages for anonymous visitors, dropped whenever public content changes.

An anonymous GET (no session or messages cookie) of a public page is answered from the cache
(settings.PAGE_CACHE: TIMEOUT seconds, the cache ALIAS). Stored are the status, the headers without
cookies and the HTML with each CSRF token replaced by a placeholder; a hit puts this visitor's own
token back, so the language switcher's form keeps working. Keys carry a content version that any
save or delete of a model of the apps in PAGE_CACHE["APPS"] (listings, organisations, hub pages,
payments) moves on, so a publish shows at once; bulk `update()`s are caught by the timeout.
With the per-process memory cache (no REDIS_URL) another worker only notices the version change
of its own process, so there the timeout is the bound (PAGE_CACHE["TIMEOUT_LOCAL"]).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "ENABLED": True,
    "ALIAS": "default",
    "TIMEOUT": 300,
    "TIMEOUT_LOCAL": 30,
    # Public content: a write to a model of one of these apps moves the content version on.
    "APPS": ["marketplace", "cms", "payments", "search", "wagtailcore", "wagtailimages", "taggit"],
    # Never cached, whoever asks (after the optional language prefix).
    "SKIP_PREFIXES": [
        "/admin/",
        "/django-admin/",
        "/documents/",
        "/accounts/",
        "/dashboard/",
        "/matches/",
        "/payments/",
        "/stripe/",
        "/i18n/",
        "/search/saved/",
        "/health",
        "/api/",
        "/static/",
        "/media/",
    ],
}
VERSION_KEY = "pagecache:version"
CSRF_PLACEHOLDER = "__PAGECACHE_CSRF_TOKEN__"
_CSRF_INPUT = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]*(")')
HIT_HEADER = "X-Page-Cache"


def config() -> dict[str, Any]:
    return {**DEFAULTS, **getattr(settings, "PAGE_CACHE", {})}


def _cache():
    return caches[config()["ALIAS"]]


def cache_timeout() -> int:
    """Seconds a page or fragment keyed by the content version is kept."""
    options = config()
    return options["TIMEOUT_LOCAL"] if isinstance(_cache(), LocMemCache) else options["TIMEOUT"]


def content_version() -> int:
    """The current content version (0 when the cache has none or is unreachable)."""
    try:
        return int(_cache().get(VERSION_KEY) or 0)
    except Exception:  # noqa: BLE001 - a broken cache serves uncached pages, never an error
        logger.warning("page cache: cannot read the content version", exc_info=True)
        return 0


def content_changed() -> None:
    """Move the content version on: every cached page and fragment keyed by it is dropped."""
    cache = _cache()
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 1, timeout=None)
    except Exception:  # noqa: BLE001
        logger.warning("page cache: cannot move the content version on", exc_info=True)


def _on_write(sender, **kwargs) -> None:
    if sender._meta.app_label in config()["APPS"]:
        content_changed()


def connect_invalidation() -> None:
    """Listen for writes to public content (called once, from CmsConfig.ready)."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_write, dispatch_uid=f"pagecache-{signal!r}")


def _path_without_language(path: str) -> str:
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def request_is_cacheable(request: HttpRequest) -> bool:
    """An anonymous GET of a public page: no session, no pending messages, not a preview."""
    if not config()["ENABLED"] or request.method != "GET":
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    if request.headers.get("Authorization"):
        return False
    path = _path_without_language(request.path)
    return not any(path.startswith(prefix) for prefix in config()["SKIP_PREFIXES"])


def response_is_cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or getattr(request, "is_preview", False):
        return False
    if any(name != settings.CSRF_COOKIE_NAME for name in response.cookies):
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and (getattr(messages, "used", False) or messages._queued_messages):
        return False  # the page shows a message meant for this visitor only
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def cache_key(request: HttpRequest, version: int) -> str:
    digest = hashlib.sha256(
        f"{request.scheme}|{request.get_host()}|{request.get_full_path()}".encode()
    ).hexdigest()
    return f"pagecache:{version}:{get_language()}:{digest}"


class AnonymousPageCacheMiddleware:
    """Answer anonymous GETs of public pages from the cache; store what they render.

    Sits after CsrfViewMiddleware and AuthenticationMiddleware, so a hit still gets its own CSRF
    cookie and the language chosen by LocaleMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request_is_cacheable(request):
            return self.get_response(request)
        key = cache_key(request, content_version())
        try:
            stored = _cache().get(key)
        except Exception:  # noqa: BLE001
            logger.warning("page cache: read failed", exc_info=True)
            stored = None
        if stored is not None:
            return self._rebuild(request, stored)
        response = self.get_response(request)
        if response_is_cacheable(request, response):
            self._store(key, response)
            response[HIT_HEADER] = "miss"
        return response

    def _store(self, key: str, response: HttpResponse) -> None:
        charset = response.charset or "utf-8"
        content = _CSRF_INPUT.sub(
            rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", response.content.decode(charset)
        )
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "set-cookie"]
        try:
            _cache().set(key, (response.status_code, headers, content, charset), cache_timeout())
        except Exception:  # noqa: BLE001
            logger.warning("page cache: write failed", exc_info=True)

    def _rebuild(self, request: HttpRequest, stored: tuple) -> HttpResponse:
        status, headers, content, charset = stored
        if CSRF_PLACEHOLDER in content:
            content = content.replace(CSRF_PLACEHOLDER, get_token(request))
        response = HttpResponse(content.encode(charset), status=status)
        for name, value in headers:
            if name.lower() != "content-length":
                response[name] = value
        response["Content-Length"] = str(len(response.content))
        response[HIT_HEADER] = "hit"
        return response
