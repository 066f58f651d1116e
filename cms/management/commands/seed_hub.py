"""Create the knowledge hub's page tree and articles in Dutch and English (idempotent)."""

from django.core.management.base import BaseCommand

from cms.hub import hub_seed


class Command(BaseCommand):
    help = "Create the knowledge hub's page tree and articles in Dutch and English."

    def handle(self, *args, **options):
        result = hub_seed()
        self.stdout.write(
            f"Hub: {result['articles']} articles per language; "
            f"{result['pages_created']} page(s) created."
        )
