"""GET /health: is the site up, and which of its parts run degraded.

Each check answers `ok`, `degraded` (working with a fallback) or `down`, with a `detail`; a check
that raises is reported as `down` itself, so /health never answers 500. The answer is 503 only
when the database does not answer (nothing works without it), 200 otherwise.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

# A task due longer ago than this and not yet run means the worker is down or far behind.
QUEUE_LATE_AFTER = timedelta(minutes=10)
# Failed tasks counted over this window.
QUEUE_FAILED_WINDOW = timedelta(hours=24)
# The mail server is asked at most this often per process (a login per poll would be rude).
MAIL_PROBE_SECONDS = 60.0
_mail_probe: dict[str, tuple[float, dict]] = {}


def _database() -> dict:
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"status": "ok", "vendor": connection.vendor}


def _cache() -> dict:
    from django.core.cache import cache

    health = getattr(cache, "health", None)
    if health is not None:
        return health()
    key = "health:probe"
    cache.set(key, "1", 10)
    if cache.get(key) != "1":
        return {"status": "down", "detail": "a value written was not read back"}
    return {"status": "ok", "backend": type(cache).__name__}


def _encoder() -> dict:
    from semantic.encoders import EncoderUnavailable, encoder_state, get_encoder

    fallback = "words-only search and lexical ranking"
    try:
        encoder = get_encoder()
    except EncoderUnavailable as exc:
        state = encoder_state()
        return {"status": "degraded", "detail": f"model unavailable: {exc}", "fallback": fallback,
                "breaker": state["breaker"], "retry_in": state["retry_in"]}
    state = encoder_state()
    if state["breaker"] != "closed":
        return {"status": "degraded", "model": encoder.name, "breaker": state["breaker"],
                "detail": state["last_error"], "retry_in": state["retry_in"], "fallback": fallback}
    return {"status": "ok", "model": encoder.name, "breaker": "closed"}


def _search() -> dict:
    from search.backends import get_search_backend
    from search.backends.base import SearchBackendUnavailable

    try:
        backend = get_search_backend()
        backend.count()
    except SearchBackendUnavailable as exc:
        return {"status": "degraded", "detail": str(exc), "fallback": "embedded search"}
    return {"status": "ok", "backend": backend.__class__.__name__}


def _queue() -> dict:
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db.backend import DatabaseBackend

    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if not isinstance(backend, DatabaseBackend):
        return {"status": "ok", "backend": type(backend).__name__}
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    now = timezone.now()
    results = DBTaskResult.objects.all()
    pending = results.filter(status=TaskResultStatus.READY)
    cutoff = now - QUEUE_LATE_AFTER
    late = pending.filter(
        Q(run_after=get_date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff)
    )
    failed = results.filter(status=TaskResultStatus.FAILED, finished_at__gte=now - QUEUE_FAILED_WINDOW)
    answer = {
        "pending": pending.count(),
        "running": results.filter(status=TaskResultStatus.RUNNING).count(),
        "failed_24h": failed.count(),
        "late": late.count(),
    }
    if answer["late"]:
        return {"status": "degraded", "detail": "tasks wait longer than "
                f"{int(QUEUE_LATE_AFTER.total_seconds() // 60)} minutes: is the worker running?",
                **answer}
    return {"status": "ok", **answer}


def _mail() -> dict:
    from core.email import mail_backend_probe, mail_retries_pending

    backend = settings.EMAIL_BACKEND
    now = time.monotonic()
    cached = _mail_probe.get(backend)
    if cached and now - cached[0] < MAIL_PROBE_SECONDS:
        answer = dict(cached[1])
    else:
        answer = mail_backend_probe()
        _mail_probe[backend] = (now, answer)
        answer = dict(answer)
    waiting = mail_retries_pending()
    answer["waiting_for_retry"] = waiting
    if answer["status"] == "ok" and waiting:
        answer.update(status="degraded", detail=f"{waiting} mail(s) waiting for a retry")
    return answer


CHECKS: dict[str, Callable[[], dict]] = {
    "database": _database,
    "cache": _cache,
    "encoder": _encoder,
    "search": _search,
    "queue": _queue,
    "mail": _mail,
}


def _run(name: str, check: Callable[[], dict]) -> dict:
    started = time.monotonic()
    try:
        answer = check()
    except Exception as exc:  # noqa: BLE001 - a check that fails reports "down", never a 500
        logger.warning("health: %s check failed", name, exc_info=True)
        answer = {"status": "down", "detail": f"{type(exc).__name__}: {exc}"[:300]}
    answer["ms"] = round((time.monotonic() - started) * 1000)
    return answer


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 while the database answers (parts may be degraded or down); 503 when it does not."""
    checks = {name: _run(name, check) for name, check in CHECKS.items()}
    # The former name of the encoder check, for monitors that read it.
    checks["matcher"] = checks["encoder"]
    if checks["database"]["status"] != "ok":
        overall, status = "down", 503
    elif any(check["status"] != "ok" for check in checks.values()):
        overall, status = "degraded", 200
    else:
        overall, status = "ok", 200
    return JsonResponse({"status": overall, "checks": checks}, status=status)
