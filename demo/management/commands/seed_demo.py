"""Build the bilingual demo from the data files in demo/data/ and print the demo logins.

Everything goes through the marketplace services and Wagtail's page API (see demo/seed.py and
demo/hub.py). Idempotent: a second run creates nothing and changes nothing.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.test.utils import override_settings
from django.utils import timezone, translation

from demo.hub import MODERATORS, hub_seed
from demo.impact import ImpactSeeder, impact_summary, load_impact
from demo.loader import DemoData, DemoError, load_demo, load_hub
from demo.seed import DemoSeeder, seed_pooled_cluster
from demo.vectors import demo_vectors_import
from marketplace.models import ListingStatus, Need, Offer, Organisation

User = get_user_model()

# The demo accounts have no mailboxes: whatever the services would mail while seeding goes nowhere.
SILENT_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = (
        "Load the bilingual demo data set of demo/data/ (organisations, offers, needs, demo logins "
        "and the knowledge hub) through the services. Safe to run again: existing data is found, "
        "not duplicated."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--logins", action="store_true", help="Only print the demo logins (make run ends so)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            # Every file is read and checked before anything is written.
            data = load_demo()
            if options["logins"]:
                self._print_logins(data)
                return
            hub_data = load_hub()
            impact_data = load_impact()
            # The demo providers' catalogues predate the plans: seed them without the free-plan
            # cap. One transaction: a mistake found while seeding leaves nothing behind.
            with override_settings(
                EMAIL_BACKEND=SILENT_EMAIL_BACKEND, PAYMENTS_FREE_OFFER_LIMIT=None
            ), transaction.atomic():
                seeder = DemoSeeder(data=data, today=timezone.localdate())
                seeder.run()
                # Similar needs of two initiatives in one province: the demo's pooled demand.
                seed_pooled_cluster(seeder)
                # Deals at every stage with outcomes, funding goals, Partners (demo.impact).
                impact = ImpactSeeder(data=impact_data, demo=data, today=timezone.localdate())
                impact.run()
                # The knowledge hub's page tree and articles (demo.hub; idempotent).
                hub = hub_seed(data=hub_data)
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        # The one demo editor login also moderates the hub, so the demo can publish articles.
        Group.objects.get(name=MODERATORS).user_set.add(
            User.objects.get(email=data.people.editor.email)
        )
        # The shipped vectors of the demo's texts (demo/data/vectors/), so rebuild_embeddings
        # only embeds what differs from them.
        vectors_line, _report = demo_vectors_import()
        if options["verbosity"] >= 1:
            # The report is written in English: keep the model and choice labels in it English too.
            with translation.override("en"):
                self._report(data, seeder.created, seconds=time.monotonic() - started)
            self.stdout.write(
                f"Knowledge hub: {hub['articles']} articles in Dutch and English "
                f"({hub['pages_created']} page(s) created)."
            )
            self.stdout.write(
                f"{impact_summary()} Created now: {impact.created['deals']} deal(s), "
                f"{impact.created['funding goals']} funding goal(s), "
                f"{impact.created['partners']} Partner(s)."
            )
            self.stdout.write(vectors_line)

    def _report(self, data: DemoData, created: Counter, *, seconds: float) -> None:
        write = self.stdout.write
        made = ", ".join(
            f"{created[name]} {name}" for name in ("users", "organisations", "offers", "needs")
        )
        write(self.style.SUCCESS(f"Demo data ready in {seconds:.1f} s (created now: {made})."))
        write("")
        kinds = dict(
            Organisation.objects.values_list("kind").annotate(n=Count("pk")).order_by("kind")
        )
        write(
            f"Organisations: {sum(kinds.values())} ("
            + ", ".join(f"{label.lower()} {kinds.get(value, 0)}"
                        for value, label in Organisation.Kind.choices)
            + ")"
        )
        for model in (Offer, Need):
            statuses = dict(model.objects.values_list("status").annotate(n=Count("pk")).order_by())
            languages = dict(
                model.objects.values_list("language").annotate(n=Count("pk")).order_by()
            )
            write(
                f"{model._meta.verbose_name_plural.capitalize()}: {sum(statuses.values())} — "
                + ", ".join(f"{value} {statuses[value]}"
                            for value in ListingStatus.values if statuses.get(value))
                + " — "
                + ", ".join(f"{code} {count}" for code, count in sorted(languages.items()))
            )
        queue = sum(
            model.objects.filter(status=ListingStatus.SUBMITTED).count() for model in (Offer, Need)
        )
        write(f"Review queue: {queue} item(s) waiting for a hub editor.")
        write("")
        self._print_logins(data)

    def _print_logins(self, data: DemoData) -> None:
        write = self.stdout.write
        write(f"Demo logins (password for all: {data.people.password})")
        rows = []
        with translation.override("en"):
            for record in data.owner_logins:
                organisation = Organisation.objects.filter(
                    memberships__user__email=record.owner.email
                ).first()
                verified = (
                    "verified: publishes directly" if record.is_verified
                    else "unverified: needs go through review"
                )
                rows.append((str(Organisation.Kind(record.kind).label), record.owner.email,
                             f"owner of {organisation or '—'} ({verified})"))
        rows += [
            ("Hub editor", data.people.editor.email,
             "reviews submissions; Wagtail admin at /admin/"),
            ("Administrator", data.people.administrator.email,
             "superuser; /admin/ and /django-admin/"),
        ]
        width = max(len(email) for _role, email, _what in rows)
        for role, email, what in rows:
            write(f"  {role:<14} {email:<{width}}  {what}")
        example = next(
            (record.owner.email for record in data.organisations if not record.owner.can_log_in),
            None,
        )
        if example:
            write(
                f"  The other organisations' owners (for example {example}) have no password; "
                "set one in /django-admin/ to log in as them."
            )
