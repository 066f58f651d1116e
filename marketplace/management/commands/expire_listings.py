"""Mark published offers and needs whose end date has passed as expired (run daily)."""

from django.core.management.base import BaseCommand

from marketplace.services import listings_expire


class Command(BaseCommand):
    help = "Expire published offers and needs whose end date has passed."

    def handle(self, *args, **options) -> None:
        count = listings_expire()
        self.stdout.write(self.style.SUCCESS(f"{count} item(s) expired."))
