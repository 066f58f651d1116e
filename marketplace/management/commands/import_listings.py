"""Bulk import of offers or needs from a CSV or XLSX file, as the dashboard's import does."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.ratelimit import RateLimited
from marketplace import listing_table
from marketplace.models import Organisation


class Command(BaseCommand):
    help = (
        "Import offers or needs of an organisation from a CSV or XLSX file (the columns of the "
        "listings export). New rows become drafts; rows with a known external_id update their listing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("organisation", help="the organisation's slug")
        parser.add_argument("file", help="a .csv or .xlsx file")
        parser.add_argument("--actor", required=True, help="email of a member who imports")
        parser.add_argument("--dry-run", action="store_true", help="check every row, save nothing")
        parser.add_argument("--submit", action="store_true", help="submit new drafts for publication")

    def handle(self, *args, **options) -> None:
        try:
            organisation = Organisation.objects.get(slug=options["organisation"])
        except Organisation.DoesNotExist as exc:
            raise CommandError(f"No organisation with slug {options['organisation']!r}.") from exc
        try:
            actor = get_user_model().objects.get(email__iexact=options["actor"], is_active=True)
        except get_user_model().DoesNotExist as exc:
            raise CommandError(f"No active user with email {options['actor']!r}.") from exc
        path = Path(options["file"])
        try:
            dataset = listing_table.dataset_load(
                content=path.read_bytes(), format=path.suffix.lower().lstrip(".")
            )
        except (OSError, ValidationError) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        rows = listing_table.listing_rows_check(organisation=organisation, dataset=dataset)
        for row in rows:
            detail = "; ".join(row.errors) if row.errors else row.action
            self.stdout.write(f"row {row.number} [{row.external_id or '-'}] {row.title}: {detail}")
        failed = [row for row in rows if not row.ok]
        if failed:
            raise CommandError(f"{len(failed)} of {len(rows)} row(s) have errors; nothing saved.")
        if options["dry_run"]:
            self.stdout.write(self.style.SUCCESS(f"Dry run: {len(rows)} row(s) OK; nothing saved."))
            return
        try:
            result = listing_table.listings_import(
                organisation=organisation, actor=actor, dataset=dataset, submit=options["submit"]
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        except RateLimited as exc:
            raise CommandError(
                f"Too many new listings for {actor.email} right now ({exc}); nothing saved. "
                f"Try again in {exc.retry_after} seconds."
            ) from exc
        self.stdout.write(self.style.SUCCESS(
            f"{len(result.created)} created, {len(result.updated)} updated, "
            f"{result.unchanged} unchanged, {result.submitted} submitted."
        ))
