"""Create the knowledge hub's page tree and articles in Dutch and English (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from demo.hub import hub_seed
from demo.loader import DemoError


class Command(BaseCommand):
    help = (
        "Create the knowledge hub's page tree and articles of demo/data/ in Dutch and English "
        "(pages that exist are left alone)."
    )

    def handle(self, *args, **options):
        try:
            result = hub_seed()
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Hub: {result['articles']} articles per language; "
            f"{result['pages_created']} page(s) created."
        )
