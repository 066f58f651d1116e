"""Repair local payment state from Stripe for webhooks that never arrived; running it twice changes nothing."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from payments import services, stripe_api


class Command(BaseCommand):
    help = (
        "Replay missed Stripe events; re-read from Stripe every open payment, every payment "
        "touched in the last --payments-days, and every subscription."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=3, help="how far back to read events (Stripe keeps 30 days)"
        )
        parser.add_argument(
            "--payments-days",
            type=int,
            default=30,
            help="re-read every payment created or changed in this many days, whatever its state",
        )

    def handle(self, *args, **options):
        now = timezone.now()
        since = now - datetime.timedelta(days=options["days"])
        payments_since = now - datetime.timedelta(days=options["payments_days"])
        try:
            report = services.stripe_reconcile(since=since, payments_since=payments_since)
        except stripe_api.PaymentProviderError as exc:
            raise CommandError(f"Stripe: {exc.message or exc}") from exc
        self.stdout.write(
            f"Events handled: {report.events_handled}; payments changed: {report.payments_changed}; "
            f"subscriptions changed: {report.subscriptions_changed}"
        )
        self.stdout.write(f"Ledger mismatches: {len(report.ledger_mismatches)}")
        for problem in report.ledger_mismatches:
            self.stdout.write(f"  {problem}")
