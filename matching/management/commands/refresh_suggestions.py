"""Record fresh suggestions for every published listing: run daily (pages only read them)."""

from django.core.management.base import BaseCommand

from matching.services import suggestions_refresh_all


class Command(BaseCommand):
    help = "Record the matcher's suggestions for every published offer and need."

    def handle(self, *args, **options):
        count = suggestions_refresh_all()
        self.stdout.write(f"Recorded {count} suggestion(s).")
