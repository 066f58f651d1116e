"""Create the Partner product and its monthly and yearly plans in Stripe when they are missing."""

import contextlib
import logging
import time

from django.conf import settings
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
        waiting_said = False
        while True:
            try:
                # While it is expected that Stripe (localstripe, starting beside us) does not
                # answer yet, its connection errors are not news: one calm line says we wait.
                with _quiet(options["wait"] > 0):
                    created = services.partner_plans_ensure()
                break
            except stripe_api.PaymentProviderUnavailable as exc:
                if time.monotonic() >= deadline:
                    raise CommandError(
                        f"Stripe at {settings.STRIPE_API_BASE} does not answer: {exc.message}"
                    ) from exc
                if not waiting_said:
                    self.stdout.write(
                        f"Waiting up to {options['wait']:g} s for Stripe at "
                        f"{settings.STRIPE_API_BASE} to start…"
                    )
                    waiting_said = True
                time.sleep(0.5)
        if created:
            self.stdout.write(self.style.SUCCESS(f"Created in Stripe: {', '.join(created)}"))
        else:
            self.stdout.write("The Partner product and plans already exist in Stripe.")


@contextlib.contextmanager
def _quiet(enabled: bool):
    """Silence the per-attempt warnings of the Stripe client and our wrapper while waiting."""
    loggers = [logging.getLogger(name) for name in ("payments.stripe_api", "stripe")]
    levels = [logger.level for logger in loggers]
    if enabled:
        for logger in loggers:
            logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
