"""The task worker survives (issue 10, finding 5): the real `run_worker` as a subprocess.

Each test starts `manage.py run_worker` (tests/faults/worker_settings.py: the real command and
queue, only the apps the worker needs) on its own database, a SQLite file with the demo's options
or a throw-away PostgreSQL database, puts tasks in the queue through the database itself and then
breaks things: the database locked under the worker mid-task, the worker killed mid-task, its
PostgreSQL connection terminated. Each task must end SUCCESSFUL and the worker must still be up.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOLD = "tests.faults.worker_tasks.hold"
FLAKY = "tests.faults.worker_tasks.flaky"
TABLE = "django_tasks_database_dbtaskresult"


def worker_env(url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.faults.worker_settings",
        WORKER_DATABASE_URL=url,
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(url: str, *args: str, log: Path | None = None) -> subprocess.Popen:
    out = log.open("ab") if log else subprocess.DEVNULL
    return subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=worker_env(url),
        stdout=out,
        stderr=subprocess.STDOUT,
    )


def start_worker(url: str, log: Path, *extra: str) -> subprocess.Popen:
    return manage(
        url,
        "run_worker",
        "--no-startup-delay",
        "--no-reload",
        "--interval=0.1",
        "--stuck-after=1",
        *extra,
        log=log,
    )


def wait_for(predicate, *, timeout: float = 8, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.wait(timeout=10)


class Queue:
    """The task table, read and written through the database driver (no Django in the test)."""

    def __init__(self, connect, placeholder: str, now):
        self.connect, self.p, self.now = connect, placeholder, now

    def enqueue(self, task_path: str, *args) -> str:
        task_id = uuid.uuid4().hex
        p = self.p
        with self.connect() as conn:
            conn.cursor().execute(
                f"INSERT INTO {TABLE} (id, status, enqueued_at, args_kwargs, priority, task_path,"  # noqa: S608
                f" worker_ids, queue_name, backend_name, run_after, exception_class_path, traceback)"
                f" VALUES ({p}, 'READY', {p}, {p}, 0, {p}, '[]', 'default', 'default', {p}, '', '')",
                [task_id, self.now(), json.dumps({"args": list(args), "kwargs": {}}), task_path,
                 self.now()],
            )
        return task_id

    def row(self, task_id: str) -> dict:
        with self.connect() as conn:
            cursor = conn.cursor()
            cursor.execute(
                f"SELECT status, worker_ids, exception_class_path FROM {TABLE} WHERE id = {self.p}",  # noqa: S608
                [task_id],
            )
            status, worker_ids, exception = cursor.fetchone()
        if isinstance(worker_ids, str):
            worker_ids = json.loads(worker_ids)
        return {"status": status, "attempts": len(worker_ids), "exception": exception}


def sqlite_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated queue database, made once and copied for each test."""
    path = tmp_path_factory.mktemp("queue") / "template.sqlite3"
    migrate = manage(f"sqlite:///{path}", "migrate", "-v", "0")
    assert migrate.wait(timeout=60) == 0
    return path


@pytest.fixture
def sqlite_queue(sqlite_template, tmp_path):
    path = tmp_path / "queue.sqlite3"
    shutil.copy(sqlite_template, path)

    def connect():
        return sqlite3.connect(path, timeout=5, isolation_level=None)

    queue = Queue(connect, "?", sqlite_now)
    queue.url, queue.path = f"sqlite:///{path}", path
    return queue


def test_worker_survives_a_locked_database_mid_task_and_runs_the_task_again(sqlite_queue, tmp_path):
    """The database refuses the worker's writes while a task finishes: db_worker died here."""
    log = tmp_path / "worker.log"
    task_id = sqlite_queue.enqueue(HOLD, str(tmp_path))
    worker = start_worker(sqlite_queue.url, log)
    try:
        wait_for(lambda: (tmp_path / "runs").exists(), what="the task to start")
        locker = sqlite3.connect(sqlite_queue.path, isolation_level=None)
        locker.execute("BEGIN IMMEDIATE")  # holds the write lock: the worker cannot record the end
        (tmp_path / "go").write_text("go")
        wait_for(lambda: "database error" in log.read_text(), what="the worker to meet the lock")
        assert worker.poll() is None, log.read_text()
        locker.execute("ROLLBACK")
        locker.close()
        wait_for(lambda: sqlite_queue.row(task_id)["status"] == "SUCCESSFUL", what="success")
        assert worker.poll() is None, log.read_text()
        assert sqlite_queue.row(task_id)["attempts"] == 2
    finally:
        stop(worker)


def test_task_killed_mid_run_is_run_again_by_the_next_worker(sqlite_queue, tmp_path):
    log = tmp_path / "worker.log"
    task_id = sqlite_queue.enqueue(HOLD, str(tmp_path))
    first = start_worker(sqlite_queue.url, log)
    try:
        wait_for(lambda: (tmp_path / "runs").exists(), what="the task to start")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=5)
        assert sqlite_queue.row(task_id)["status"] == "RUNNING"
    finally:
        stop(first)
    second = start_worker(sqlite_queue.url, log)
    try:
        wait_for(lambda: sqlite_queue.row(task_id)["status"] == "SUCCESSFUL", what="success")
        assert (tmp_path / "runs").read_text().count("run") == 2
        assert "abandoned" in log.read_text()
    finally:
        stop(second)


def test_failed_idempotent_task_is_retried_after_a_backoff(sqlite_queue, tmp_path):
    log = tmp_path / "worker.log"
    task_id = sqlite_queue.enqueue(FLAKY, str(tmp_path))
    worker = start_worker(sqlite_queue.url, log)
    try:
        wait_for(lambda: sqlite_queue.row(task_id)["status"] == "SUCCESSFUL", what="success")
        assert sqlite_queue.row(task_id)["attempts"] == 2
        assert "runs again after" in log.read_text()
    finally:
        stop(worker)


# PostgreSQL: the connection itself is terminated -------------------------------------------------


@pytest.fixture
def postgres_queue(tmp_path):
    url = os.environ.get("TEST_DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("needs PostgreSQL ($TEST_DATABASE_URL), where a connection can be terminated")
    import psycopg

    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    name = f"b2c_fault_worker_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    db_url = url.rsplit("/", 1)[0] + "/" + name
    assert manage(db_url, "migrate", "-v", "0").wait(timeout=60) == 0

    def connect():
        return psycopg.connect(db_url, autocommit=True)

    queue = Queue(connect, "%s", lambda: datetime.now(UTC))
    queue.url = db_url

    def terminate_worker_connections() -> int:
        with connect() as conn:
            rows = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND application_name = 'b2c-fault-worker'",
                [name],
            ).fetchall()
        return len(rows)

    queue.terminate = terminate_worker_connections
    yield queue
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_worker_survives_its_postgresql_connection_being_terminated(postgres_queue, tmp_path):
    log = tmp_path / "worker.log"
    worker = start_worker(postgres_queue.url, log)
    try:
        # Idle: the connection goes while the worker waits for work.
        wait_for(lambda: "starting" in log.read_text().lower(), what="the worker to start")
        time.sleep(0.3)
        assert postgres_queue.terminate() >= 1
        first = postgres_queue.enqueue(FLAKY, str(tmp_path))  # fails once, then succeeds
        wait_for(lambda: postgres_queue.row(first)["status"] == "SUCCESSFUL", what="idle recovery")

        # Mid-task: the connection goes while a task runs; it is run again and completes.
        held = tmp_path / "held"
        held.mkdir()
        second = postgres_queue.enqueue(HOLD, str(held))
        wait_for(lambda: (held / "runs").exists(), what="the task to start")
        assert postgres_queue.terminate() >= 1
        (held / "go").write_text("go")
        wait_for(lambda: postgres_queue.row(second)["status"] == "SUCCESSFUL", what="success")
        assert worker.poll() is None, log.read_text()
        assert "database error" in log.read_text()
    finally:
        stop(worker)


# In-process: recovery rules, and the queue keeping work while no worker runs ---------------------


def _task_row(*, path: str, started_minutes_ago: float, attempts: int = 1, status: str = "RUNNING"):
    from datetime import timedelta

    from django_tasks_db.models import DBTaskResult, get_date_max

    from django.utils import timezone

    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path=path,
        backend_name="default",
        run_after=get_date_max(),
        started_at=timezone.now() - timedelta(minutes=started_minutes_ago),
        worker_ids=[f"worker-{n}" for n in range(attempts)],
    )


@pytest.mark.django_db
def test_tasks_stuck_in_running_are_queued_again_or_failed_for_good():
    from core.worker import ABANDONED, WorkerPolicy, tasks_recover_stuck

    policy = WorkerPolicy.from_settings(stuck_after=600)
    stuck = _task_row(path="marketplace.tasks.dispatch_changes", started_minutes_ago=20)
    running = _task_row(path="marketplace.tasks.dispatch_changes", started_minutes_ago=2)
    unsafe = _task_row(path="somewhere.tasks.not_idempotent", started_minutes_ago=20)
    exhausted = _task_row(path="search.tasks.drain_search_outbox", started_minutes_ago=20, attempts=5)

    assert tasks_recover_stuck(policy=policy) == {"READY": 1, "FAILED": 2}

    for row in (stuck, running, unsafe, exhausted):
        row.refresh_from_db()
    assert stuck.status == "READY"
    assert running.status == "RUNNING"
    assert (unsafe.status, unsafe.exception_class_path) == ("FAILED", ABANDONED)
    assert exhausted.status == "FAILED"
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.ready().filter(pk=stuck.pk).exists()


@pytest.mark.django_db
def test_retries_wait_longer_each_time_and_stop_after_the_last_attempt():
    from core.worker import WorkerPolicy

    policy = WorkerPolicy.from_settings()
    waits = [policy.retry_after(attempts).total_seconds() for attempts in (1, 2, 3)]
    assert waits == [10, 20, 40]
    assert policy.retryable("marketplace.tasks.dispatch_changes")
    assert policy.retryable("semantic.tasks.refresh_embedding")
    assert not policy.retryable("somewhere.tasks.not_idempotent")


@pytest.mark.django_db
def test_a_change_made_while_the_worker_is_down_is_handled_when_it_returns(
    settings, initiative, initiative_owner, django_capture_on_commit_callbacks
):
    """The queue and the change cursors keep the work; a worker started later does all of it."""
    from django_tasks_db.models import DBTaskResult

    from core.worker import ResilientWorker, WorkerPolicy
    from marketplace import changes, services
    from tests.factories import NeedFactory

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    need = NeedFactory(organisation=initiative)
    with django_capture_on_commit_callbacks(execute=True):
        services.listing_submit(listing=need, actor=initiative_owner)

    # No worker: the change waits, the dispatch waits in the queue.
    assert all(count >= 1 for count in changes.changes_pending().values())
    queued = DBTaskResult.objects.ready().filter(task_path="marketplace.tasks.dispatch_changes")
    assert queued.exists()

    worker = ResilientWorker(
        policy=WorkerPolicy.from_settings(), queue_names=["*"], interval=0, batch=True,
        backend_name="default", startup_delay=False, max_tasks=None, worker_id="returning",
        excluded_queue_names=[],
    )
    worker.run()

    assert changes.changes_pending() == dict.fromkeys(settings.MARKETPLACE_CHANGE_CONSUMERS, 0)
    assert not DBTaskResult.objects.ready().exists()
    assert not DBTaskResult.objects.failed().exists()
    assert DBTaskResult.objects.successful().filter(task_path="marketplace.tasks.dispatch_changes").exists()
