"""Send the daily digest of saved searches (run once a day)."""

from django.core.management.base import BaseCommand

from search.services import saved_searches_send_daily_digest


class Command(BaseCommand):
    help = "E-mail the daily digest of new listings to everyone whose saved searches ask for it."

    def handle(self, *args, **options) -> None:
        count = saved_searches_send_daily_digest()
        self.stdout.write(self.style.SUCCESS(f"{count} digest(s) sent."))
