"""GET /health: is the site up, and which of its parts run degraded."""

import logging

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database() -> dict:
    try:
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure means the database is down
        return {"status": "down", "detail": exc.__class__.__name__}
    return {"status": "ok"}


def _matcher() -> dict:
    from semantic.encoders import EncoderUnavailable, get_encoder

    try:
        encoder = get_encoder()
    except EncoderUnavailable as exc:
        return {"status": "degraded", "detail": f"model unavailable: {exc}",
                "fallback": "lexical and structured ranking"}
    return {"status": "ok", "model": encoder.name}


def _search() -> dict:
    from search.backends import get_search_backend
    from search.backends.base import SearchBackendUnavailable

    try:
        backend = get_search_backend()
        backend.count()
    except SearchBackendUnavailable as exc:
        return {"status": "degraded", "detail": str(exc), "fallback": "embedded search"}
    return {"status": "ok", "backend": backend.__class__.__name__}


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 while the database answers (parts may be degraded); 503 when it does not."""
    checks = {"database": _database(), "matcher": _matcher(), "search": _search()}
    if checks["database"]["status"] != "ok":
        overall, status = "down", 503
    elif any(check["status"] != "ok" for check in checks.values()):
        overall, status = "degraded", 200
    else:
        overall, status = "ok", 200
    return JsonResponse({"status": overall, "checks": checks}, status=status)
