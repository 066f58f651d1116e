"""Run localstripe for the local demo on the port of STRIPE_API_BASE, sending webhooks to this site."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from payments import localstripe_server


class Command(BaseCommand):
    help = "Run localstripe (the Stripe stand-in) in the foreground for `make run`."

    def add_arguments(self, parser):
        parser.add_argument(
            "--port", type=int, default=urlsplit(settings.STRIPE_API_BASE).port or 8420
        )
        parser.add_argument(
            "--state-file",
            default=str(Path(settings.BASE_DIR) / ".localstripe" / "state.pickle"),
            help="where localstripe keeps customers, payments and plans between runs",
        )
        parser.add_argument("--from-scratch", action="store_true")
        parser.add_argument(
            "--webhook-url",
            default=settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("stripe_webhook"),
        )

    def handle(self, *args, **options):
        argv = [
            "--port",
            str(options["port"]),
            "--state-file",
            options["state_file"],
            "--webhook-url",
            options["webhook_url"],
            "--webhook-secret",
            settings.STRIPE_WEBHOOK_SECRET,
        ]
        if options["from_scratch"]:
            argv.append("--from-scratch")
        self.stdout.write(
            f"localstripe on port {options['port']}, webhooks to {options['webhook_url']}"
        )
        localstripe_server.main(argv)
