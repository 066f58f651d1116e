"""Apply pending search index changes (e.g. after an Elasticsearch outage); safe to run any time."""

from django.core.management.base import BaseCommand

from search.services import search_outbox_replay


class Command(BaseCommand):
    help = "Drain the search outbox of every backend and forget rows processed long ago."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--purge-days", type=int, default=7,
            help="Delete outbox rows processed more than this many days ago.",
        )

    def handle(self, *args, purge_days: int, **options) -> None:
        failed = False
        for report in search_outbox_replay(purge_days=purge_days):
            line = (
                f"{report.backend}: {report.indexed} indexed, {report.removed} removed, "
                f"{report.pending} pending"
            )
            if report.error:
                failed = True
                self.stdout.write(self.style.WARNING(f"{line} ({report.error})"))
            else:
                self.stdout.write(self.style.SUCCESS(line))
        if failed:
            self.stdout.write("Pending changes stay in the outbox; run this again later.")
