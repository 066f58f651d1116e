"""Run the task worker that survives database errors and dead workers (core/worker.py).

The options of django-tasks-db's `db_worker`, plus `--stuck-after` and `--heartbeat-file`.
"""

import os
from pathlib import Path

from django_tasks_db.management.commands import db_worker

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader

from core.worker import ResilientWorker, WorkerPolicy


class Command(db_worker.Command):
    help = "Run the background task worker: reconnects, recovers abandoned tasks, retries idempotent ones"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--stuck-after",
            type=float,
            default=None,
            help="Seconds a task may stay RUNNING before it is queued again (default: TASK_WORKER['STUCK_AFTER'])",
        )
        parser.add_argument(
            "--heartbeat-file",
            type=Path,
            default=None,
            help="A file touched after every successful look at the queue (for a healthcheck)",
        )

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload,
               max_tasks, worker_id, exclude_queues, stuck_after, heartbeat_file, **options):
        self.configure_logging(verbosity)
        if reload and batch:
            reload = False
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            policy=WorkerPolicy.from_settings(stuck_after=stuck_after),
            heartbeat=heartbeat_file,
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
