"""Send the notification digests: daily (run once a day) and weekly (safe to run daily too)."""

from django.core.management.base import BaseCommand

from notifications.services import (
    notifications_send_daily_digest,
    notifications_send_weekly_digest,
)


class Command(BaseCommand):
    help = (
        "E-mail the daily digest to everyone who chose it and the weekly digest to everyone "
        "whose last one is a week old (running it again the same week sends nothing twice)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--frequency", choices=["daily", "weekly", "all"], default="all",
            help="Which digests to send (default: both).",
        )

    def handle(self, *args, frequency: str = "all", **options) -> None:
        daily = weekly = 0
        if frequency in ("daily", "all"):
            daily = notifications_send_daily_digest()
        if frequency in ("weekly", "all"):
            weekly = notifications_send_weekly_digest()
        self.stdout.write(self.style.SUCCESS(f"{daily} daily and {weekly} weekly digest(s) sent."))
