"""Mail delivery through the task queue, with bounded retries.

django-tasks has no retries of its own: `deliver_email` schedules its own next attempt. When
the mail backend fails, the task enqueues the same message again to run after the next delay of
RETRY_DELAYS (1, 5, 30 minutes, 2 hours) and ends normally; after the last attempt it raises,
so the task result is FAILED and keeps the message: `manage.py retry_failed_mail` queues those
again once the mail server is repaired. A backend that cannot run tasks later (the immediate
backend of the tests) gets a single attempt.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta

from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends

from django.utils import timezone

logger = logging.getLogger("core.email")

RETRY_DELAYS = (60, 300, 1800, 7200)
TASK_PATH = "core.tasks.deliver_email"


class MailNotSent(Exception):
    """The mail backend failed on the last attempt; the task result keeps the message."""


@task()
def deliver_email(message: Mapping, attempt: int = 1) -> str:
    """Send one message queued by `core.email.send_email`; schedule a retry when that fails."""
    from .email import deliver

    try:
        deliver(message)
    except Exception as exc:  # noqa: BLE001 - any failure of the mail backend is retried
        retry = _schedule_retry(message, attempt, exc)
        if retry:
            return retry
        logger.error("E-mail %r to %d recipient(s) not sent after %d attempt(s): %s",
                     message.get("subject"), len(message.get("to") or []), attempt, exc)
        raise MailNotSent(f"attempt {attempt}: {type(exc).__name__}: {exc}") from exc
    return "sent" if attempt == 1 else f"sent at attempt {attempt}"


def _schedule_retry(message: Mapping, attempt: int, error: Exception) -> str:
    """Queue the next attempt after its delay; '' when there is none (last one, or no delays)."""
    if attempt > len(RETRY_DELAYS) or not deliver_email.get_backend().supports_defer:
        return ""
    delay = RETRY_DELAYS[attempt - 1]
    run_after = timezone.now() + timedelta(seconds=delay)
    try:
        deliver_email.using(run_after=run_after).enqueue(dict(message), attempt + 1)
    except Exception:  # noqa: BLE001 - cannot queue the retry: fail this task, keep the message
        logger.exception("E-mail %r: the retry could not be queued", message.get("subject"))
        return ""
    logger.warning("E-mail %r not sent (%s: %s); attempt %d in %d s", message.get("subject"),
                   type(error).__name__, error, attempt + 1, delay)
    return f"retry {attempt + 1} after {delay} s"


def _database_results():
    """The queue's task results, when the queue is the database (else None)."""
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=TASK_PATH)


def mail_tasks_waiting() -> int:
    """Mails waiting for a retry, plus those that failed for good in the last day."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import get_date_max

    results = _database_results()
    if results is None:
        return 0
    retries = results.filter(status=TaskResultStatus.READY).exclude(run_after=get_date_max())
    failed = results.filter(
        status=TaskResultStatus.FAILED, finished_at__gte=timezone.now() - timedelta(days=1)
    )
    return retries.count() + failed.count()


def failed_mail_requeue() -> int:
    """Queue every mail that failed for good once more (attempt 1); how many."""
    from django_tasks.base import TaskResultStatus

    from django.db import transaction

    results = _database_results()
    if results is None:
        return 0
    count = 0
    with transaction.atomic():
        for result in results.filter(status=TaskResultStatus.FAILED).select_for_update():
            args = result.args_kwargs.get("args") or []
            kwargs = result.args_kwargs.get("kwargs") or {}
            message = args[0] if args else kwargs.get("message")
            if message:
                deliver_email.enqueue(message)
                count += 1
            result.delete()
    return count
