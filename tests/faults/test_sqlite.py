"""The SQLite demo holds a few parallel writers (issue 10, finding 13).

Ten threads, each with its own Django connection to one SQLite file, run the shape of a payment
submit at once: a transaction that reads, waits a little (Stripe), then writes. With SQLite's
defaults the transactions that read first cannot take the write lock later and fail with
"database is locked" (9 of 10 submits in the issue); with the demo's options (WAL, a busy timeout,
IMMEDIATE transactions: config/settings/base.py SQLITE_OPTIONS) every one commits.
"""

from __future__ import annotations

import threading
import time

from django.db import OperationalError, connections, transaction

from config.settings.base import SQLITE_OPTIONS

WRITERS = 10


def parallel_submits(path, options: dict, django_db_blocker) -> tuple[int, list[str]]:
    alias = f"fault_sqlite_{threading.get_ident()}_{time.monotonic_ns()}"
    connections.settings[alias] = connections.configure_settings(
        {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path), "OPTIONS": options}}
    )["default"]
    errors: list[str] = []
    start = threading.Barrier(WRITERS)

    def submit(n: int) -> None:
        try:
            start.wait()
            with transaction.atomic(using=alias):
                cursor = connections[alias].cursor()
                cursor.execute("SELECT COUNT(*) FROM payment")
                time.sleep(0.05)
                cursor.execute("INSERT INTO payment (payer) VALUES (%s)", [n])
        except OperationalError as error:
            errors.append(str(error))
        finally:
            connections[alias].close()

    try:
        with django_db_blocker.unblock():
            with connections[alias].cursor() as cursor:
                cursor.execute("CREATE TABLE payment (id INTEGER PRIMARY KEY, payer INTEGER)")
            connections[alias].close()
            threads = [threading.Thread(target=submit, args=(n,)) for n in range(WRITERS)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=30)
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM payment")
                committed = cursor.fetchone()[0]
            connections[alias].close()
    finally:
        del connections.settings[alias]
    return committed, errors


def test_parallel_read_then_write_transactions_all_commit_with_the_demo_options(
    tmp_path, django_db_blocker
):
    committed, errors = parallel_submits(tmp_path / "demo.sqlite3", SQLITE_OPTIONS, django_db_blocker)
    assert errors == []
    assert committed == WRITERS


def test_the_same_writers_fail_with_sqlite_defaults(tmp_path, django_db_blocker):
    """The control: what the demo answered before (a "database is locked" 500 per failure)."""
    committed, errors = parallel_submits(tmp_path / "plain.sqlite3", {}, django_db_blocker)
    assert errors and all("locked" in error for error in errors)
    assert committed == WRITERS - len(errors)


def test_the_demo_settings_use_the_options_for_sqlite():
    from config.settings import dev

    if dev.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        options = dev.DATABASES["default"]["OPTIONS"]
        assert options["transaction_mode"] == "IMMEDIATE"
        assert "journal_mode=WAL" in options["init_command"]
        assert options["timeout"] >= 5
