"""Send the supply-desert alerts that are due (run daily; running again is harmless)."""

from django.core.management.base import BaseCommand

from impact.alerts import desert_alerts_send


class Command(BaseCommand):
    help = (
        "Alert providers of a theme when a province has several open needs in it without a good "
        "match (Partners first, at most weekly per theme and province)."
    )

    def handle(self, *args, **options) -> None:
        report = desert_alerts_send()
        self.stdout.write(self.style.SUCCESS(
            f"{len(report.sent)} alert(s) sent for {report.cells} theme×province cell(s); "
            f"{report.already_alerted} already alerted this week, "
            f"{report.waiting_for_partners} waiting for the Partners' head start."
        ))
