"""Ask whether introductions and deals led to something, and owners to renew or close listings
about to expire (each once; safe to run again)."""

from django.core.management.base import BaseCommand

from marketplace.nudge_services import nudges_send


class Command(BaseCommand):
    help = "Send the nudges that are due: matches without a deal or outcome, expiring listings."

    def handle(self, *args, **options) -> None:
        report = nudges_send()
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.total} nudge(s) sent: {report.introduced} after an introduction, "
                f"{report.agreed} after a deal, {report.expiring} before expiry."
            )
        )
