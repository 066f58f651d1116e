"""Send the daily notification digest (run once a day)."""

from django.core.management.base import BaseCommand

from notifications.services import notifications_send_daily_digest


class Command(BaseCommand):
    help = "E-mail the daily digest (every kind of notice) to everyone who chose it."

    def handle(self, *args, **options) -> None:
        count = notifications_send_daily_digest()
        self.stdout.write(self.style.SUCCESS(f"{count} digest(s) sent."))
