from django.core.management.base import BaseCommand

from core.tasks import failed_mail_requeue


class Command(BaseCommand):
    help = "Queue again every e-mail whose delivery failed on all its attempts (after a mail outage)."

    def handle(self, *args, **options) -> None:
        count = failed_mail_requeue()
        self.stdout.write(f"{count} e-mail(s) queued again.")
