"""Record the top suggestions of every published offer and need (after rebuild_embeddings)."""

from django.core.management.base import BaseCommand

from matching.services import suggestions_refresh_all


class Command(BaseCommand):
    help = "Record the current top suggestions of every published listing."

    def handle(self, *args, **options) -> None:
        count = suggestions_refresh_all()
        self.stdout.write(self.style.SUCCESS(f"{count} suggestion(s) recorded."))
