"""Create the Partner product and its monthly and yearly plans in Stripe when they are missing."""

import time

from django.core.management.base import BaseCommand, CommandError

from payments import services, stripe_api


class Command(BaseCommand):
    help = "Create the Partner product and plans in Stripe if missing (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--wait",
            type=float,
            default=0,
            help="seconds to wait for Stripe (localstripe) to answer",
        )

    def handle(self, *args, **options):
        deadline = time.monotonic() + options["wait"]
        while True:
            try:
                created = services.partner_plans_ensure()
                break
            except stripe_api.PaymentProviderUnavailable as exc:
                if time.monotonic() >= deadline:
                    raise CommandError(f"Stripe does not answer: {exc.message}") from exc
                time.sleep(0.5)
        if created:
            self.stdout.write(self.style.SUCCESS(f"Created in Stripe: {', '.join(created)}"))
        else:
            self.stdout.write("The Partner product and plans already exist in Stripe.")
