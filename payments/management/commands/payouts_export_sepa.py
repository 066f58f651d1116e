"""Write every approved payout into one pain.001 SEPA credit transfer file (validated)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from payments import payout_services


class Command(BaseCommand):
    help = "Export approved payouts as a SEPA credit transfer batch (pain.001.001.03)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="file to write the XML to (default: print it)")

    def handle(self, *args, **options):
        batch = payout_services.payouts_export_sepa(actor=None)
        if batch is None:
            self.stdout.write("No approved payouts to export.")
            return
        if options["output"]:
            Path(options["output"]).write_text(batch.xml, encoding="utf-8")
            self.stdout.write(
                f"Batch {batch.message_id}: {batch.payouts.count()} payouts, "
                f"{batch.total_cents / 100:.2f} EUR written to {options['output']}"
            )
        else:
            self.stdout.write(batch.xml)
