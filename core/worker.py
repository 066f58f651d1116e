"""The task worker that survives: django-tasks-db's worker with reconnects, recovery and retries.

`manage.py run_worker` runs `ResilientWorker`, which keeps django-tasks-db's claiming and running of
tasks and adds what its `db_worker` lacks:

- **reconnects**: a database error (the connection killed, the server restarting, SQLite locked for
  longer than the busy timeout) closes the connections, waits (1, 2, 4 ... at most 30 s) and goes
  on; the task that was running when it happened goes back to the queue;
- **recovers abandoned tasks**: a task RUNNING for longer than `STUCK_AFTER` seconds (its worker was
  killed mid-run) is put back in the queue, at start and then every minute;
- **retries**: a task named in `RETRY_TASKS` (idempotent ones only) that fails runs again after
  `RETRY_DELAY` seconds, doubling, until `MAX_ATTEMPTS` runs in all; then it stays FAILED;
- **a heartbeat file** touched after every successful poll of the queue, for docker's healthcheck.

Settings: `TASK_WORKER` (any key left out takes its default below).
"""

from __future__ import annotations

import fnmatch
import logging
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from django.conf import settings
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)
from django.utils import timezone

logger = logging.getLogger("core.worker")

DEFAULTS = {
    # Seconds a task may stay RUNNING before it counts as abandoned (its worker died mid-run).
    "STUCK_AFTER": 600,
    # Seconds between two looks for abandoned tasks.
    "RECOVER_EVERY": 60,
    # Task paths (fnmatch patterns) that are safe to run again: they are idempotent.
    "RETRY_TASKS": [],
    # Runs in all, the first included, before a failing or abandoned task stays FAILED.
    "MAX_ATTEMPTS": 5,
    # Seconds before the first retry; doubled for each further one, at most RETRY_DELAY_MAX.
    "RETRY_DELAY": 10,
    "RETRY_DELAY_MAX": 3600,
    # Longest wait between two attempts to reach the database again.
    "RECONNECT_DELAY_MAX": 30,
}

ABANDONED = "core.worker.TaskAbandoned"


@dataclass(frozen=True)
class WorkerPolicy:
    stuck_after: float
    recover_every: float
    retry_tasks: tuple[str, ...]
    max_attempts: int
    retry_delay: float
    retry_delay_max: float
    reconnect_delay_max: float

    @classmethod
    def from_settings(cls, **overrides) -> WorkerPolicy:
        values = {**DEFAULTS, **getattr(settings, "TASK_WORKER", {})}
        policy = {
            "stuck_after": float(values["STUCK_AFTER"]),
            "recover_every": float(values["RECOVER_EVERY"]),
            "retry_tasks": tuple(values["RETRY_TASKS"]),
            "max_attempts": int(values["MAX_ATTEMPTS"]),
            "retry_delay": float(values["RETRY_DELAY"]),
            "retry_delay_max": float(values["RETRY_DELAY_MAX"]),
            "reconnect_delay_max": float(values["RECONNECT_DELAY_MAX"]),
        }
        policy.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**policy)

    def retryable(self, task_path: str) -> bool:
        return any(fnmatch.fnmatchcase(task_path, pattern) for pattern in self.retry_tasks)

    def retry_after(self, attempts: int) -> timedelta:
        """The wait before the next run of a task that has run `attempts` times."""
        seconds = self.retry_delay * 2 ** max(attempts - 1, 0)
        return timedelta(seconds=min(seconds, self.retry_delay_max))


def task_requeue(*, result: DBTaskResult, policy: WorkerPolicy, reason: str, delay: timedelta) -> str:
    """Put a task that did not finish back in the queue, or fail it for good; the new status.

    Only a task still in the state the caller saw is changed (a compare-and-set on status and
    start time), so a worker that finishes the task meanwhile wins.
    """
    attempts = len(result.worker_ids)
    unchanged = DBTaskResult.objects.filter(
        pk=result.pk, status=result.status, started_at=result.started_at
    )
    if policy.retryable(result.task_path) and attempts < policy.max_attempts:
        run_after = timezone.now() + delay
        if unchanged.update(status="READY", run_after=run_after, finished_at=None):
            logger.warning(
                "task %s (%s) %s: attempt %d of %d, runs again after %s",
                result.pk, result.task_path, reason, attempts, policy.max_attempts,
                run_after.isoformat(timespec="seconds"),
            )
            return "READY"
        return result.status
    if result.status == "FAILED":
        logger.error("task %s (%s) failed for good after %d attempts", result.pk, result.task_path, attempts)
        return "FAILED"
    if unchanged.update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path=ABANDONED,
        traceback=f"{reason}; not run again after {attempts} attempt(s)",
        return_value=None,
    ):
        logger.error("task %s (%s) %s: marked failed", result.pk, result.task_path, reason)
        return "FAILED"
    return result.status


def tasks_recover_stuck(*, policy: WorkerPolicy | None = None) -> dict[str, int]:
    """Put tasks RUNNING for longer than `stuck_after` back in the queue (or fail them for good)."""
    policy = policy or WorkerPolicy.from_settings()
    cutoff = timezone.now() - timedelta(seconds=policy.stuck_after)
    counts = {"READY": 0, "FAILED": 0}
    for result in DBTaskResult.objects.running().filter(started_at__lt=cutoff).order_by("started_at"):
        status = task_requeue(
            result=result,
            policy=policy,
            reason=f"abandoned (running since {result.started_at.isoformat(timespec='seconds')})",
            delay=timedelta(0),
        )
        if status in counts:
            counts[status] += 1
    return counts


def close_connections() -> None:
    """Drop every database connection of this thread, broken ones included."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DatabaseError:
            connection.connection = None


class ResilientWorker(Worker):
    """django-tasks-db's worker loop, made to survive database errors and dead workers."""

    def __init__(self, *, policy: WorkerPolicy, heartbeat: Path | None = None, **kwargs):
        super().__init__(**kwargs)
        self.policy = policy
        self.heartbeat = heartbeat
        self.current: DBTaskResult | None = None
        self._next_recovery = 0.0

    def run(self) -> None:
        logger.info("worker %s starting on queues %s", self.worker_id, ",".join(self.queue_names))
        if self.startup_delay and self.interval:
            time.sleep(self.interval * 0.5)
        failures = 0
        while self.running:
            try:
                if self.poll_once() == "stop":
                    return
                failures = 0
            except (OperationalError, InterfaceError) as exc:
                failures += 1
                delay = min(2 ** (failures - 1), self.policy.reconnect_delay_max)
                logger.warning(
                    "database error (%s: %s); reconnecting in %s s",
                    type(exc).__name__, str(exc).strip().splitlines()[0] if str(exc) else "", delay,
                )
                close_connections()
                if self.running:
                    time.sleep(delay)

    def poll_once(self) -> str | None:
        """Recover, claim one task and run it; "stop" when the worker should end."""
        close_old_connections()
        self.requeue_interrupted()
        if time.monotonic() >= self._next_recovery:
            counts = tasks_recover_stuck(policy=self.policy)
            if any(counts.values()):
                logger.warning("abandoned tasks: %(READY)d queued again, %(FAILED)d failed", counts)
            self._next_recovery = time.monotonic() + self.policy.recover_every

        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        retrieved = True
        with exclusive_transaction(tasks.db):
            try:
                result = tasks.get_locked()
                if result is not None:
                    result.claim(self.worker_id)
            except OperationalError as exc:
                if not is_locked_database_exception(exc):
                    raise
                result, retrieved = None, False
        self.beat()

        if result is not None:
            self.current = result
            self.run_task(result)
            self.current = None

        if self.batch and retrieved and result is None:
            logger.info("no more tasks for worker %s: exiting", self.worker_id)
            return "stop"
        if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
            logger.info("ran %d tasks on worker %s: exiting", self._run_tasks, self.worker_id)
            return "stop"
        close_old_connections()
        if self.running and result is None:
            time.sleep(self.interval)
        return None

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if db_task_result.status == "FAILED":
            task_requeue(
                result=db_task_result,
                policy=self.policy,
                reason=f"failed ({db_task_result.exception_class_path})",
                delay=self.policy.retry_after(len(db_task_result.worker_ids)),
            )

    def requeue_interrupted(self) -> None:
        """The task a database error interrupted goes back to the queue (or fails for good)."""
        if self.current is None:
            return
        interrupted = DBTaskResult.objects.filter(pk=self.current.pk, status="RUNNING").first()
        if interrupted is not None:
            task_requeue(
                result=interrupted,
                policy=self.policy,
                reason="interrupted by a database error",
                delay=timedelta(0),
            )
        self.current = None

    def beat(self) -> None:
        if self.heartbeat is not None:
            try:
                self.heartbeat.touch()
            except OSError:
                logger.warning("cannot touch the heartbeat file %s", self.heartbeat)
