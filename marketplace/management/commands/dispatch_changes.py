"""Hand recorded changes to their consumers: on a schedule, and after a queue outage."""

from django.core.management.base import BaseCommand

from marketplace.changes import changes_dispatch, changes_pending


class Command(BaseCommand):
    help = "Hand the recorded marketplace changes to the consumers that have not handled them."

    def handle(self, *args, **options):
        handed = changes_dispatch()
        pending = changes_pending()
        self.stdout.write(f"Handed {handed} change(s); still pending: {pending or 'none'}")
