"""Put background tasks abandoned in RUNNING back in the queue (the worker also does this itself)."""

from django.core.management.base import BaseCommand

from core.worker import WorkerPolicy, tasks_recover_stuck


class Command(BaseCommand):
    help = "Queue again (or fail for good) tasks RUNNING for longer than --stuck-after seconds"

    def add_arguments(self, parser):
        parser.add_argument("--stuck-after", type=float, default=None,
                            help="seconds (default: TASK_WORKER['STUCK_AFTER'])")

    def handle(self, *, stuck_after, **options):
        counts = tasks_recover_stuck(policy=WorkerPolicy.from_settings(stuck_after=stuck_after))
        self.stdout.write(f"{counts['READY']} task(s) queued again, {counts['FAILED']} failed for good")
