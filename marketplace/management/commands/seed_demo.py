"""Build the bilingual demo data set through the marketplace services and print the demo logins.

Idempotent: people are found by email address, organisations by KvK number and listings by the
slug of their title, so a second run creates nothing and changes nothing (passwords included).
"""

from __future__ import annotations

import datetime
import time
from collections import Counter
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.test.utils import override_settings
from django.utils import timezone, translation
from django.utils.text import slugify

from cms.hub import MODERATORS, hub_seed
from marketplace import demo_data, services
from marketplace.models import (
    SDG,
    Listing,
    ListingStatus,
    Need,
    Offer,
    Organisation,
    Province,
    Theme,
)

User = get_user_model()

# The demo accounts have no mailboxes: whatever the services would mail while seeding goes nowhere.
SILENT_EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"

LISTING_STATES = ("draft", "submitted", "rejected", "published", "expired", "closed")


def listing_slug(title: str) -> str:
    """The slug the services give a listing with this title when no other listing has it yet."""
    return (slugify(title) or "item")[:150].strip("-") or "item"


def region_text(names: list[str] | None, language: str) -> str:
    """'Overijssel en Gelderland' / 'Overijssel and Gelderland'; None means nationwide."""
    dutch = language == "nl"
    if not names:
        return "heel Nederland" if dutch else "the Netherlands"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + (" en " if dutch else " and ") + names[-1]


class DemoSeeder:
    """Creates whatever part of the demo data set is missing, through the services."""

    def __init__(self, *, today: datetime.date) -> None:
        self.today = today
        self.created: Counter[str] = Counter()
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.sdgs = {sdg.number: sdg for sdg in SDG.objects.all()}
        self.provinces = {province.slug: province for province in Province.objects.all()}
        if len(self.themes) < 11 or len(self.sdgs) < 17 or len(self.provinces) < 12:
            raise CommandError("Reference data is missing: run `manage.py migrate` first.")
        self.organisation_data = {data["key"]: data for data in demo_data.ORGANISATIONS}
        self.organisations: dict[str, Organisation] = {}
        self.owners: dict[str, AbstractBaseUser] = {}
        self.expire_due = False

    def run(self) -> None:
        self.editor = self._editor()
        self._administrator()
        for data in demo_data.ORGANISATIONS:
            self._organisation(data)
        for template in demo_data.OFFERS:
            for placement in template["placements"]:
                self._offer(template, *placement)
        for template in demo_data.NEEDS:
            for placement in template["placements"]:
                self._need(template, *placement)
        if self.expire_due:
            services.listings_expire(today=self.today)

    # People ------------------------------------------------------------------------------

    def _user(
        self, email: str, first_name: str, last_name: str, *, can_log_in: bool = True
    ) -> tuple[Any, bool]:
        user = User.objects.filter(username__iexact=email).first()
        if user is not None:
            return user, False
        if can_log_in:
            user = services.user_create(
                email=email,
                password=demo_data.DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
                check_password=False,
            )
        else:
            # The owners behind the other organisations only act for the services. Without a
            # usable password they cost no hashing (a third of a second each) and publish no
            # further accounts with a known password.
            user = User.objects.create_user(
                username=email, email=email, first_name=first_name, last_name=last_name
            )
        self.created["users"] += 1
        return user, True

    def _editor(self) -> Any:
        user, created = self._user(
            demo_data.EDITOR_LOGIN, *demo_data.STAFF[demo_data.EDITOR_LOGIN]
        )
        if created:
            try:
                group = Group.objects.get(name=demo_data.EDITORS_GROUP)
            except Group.DoesNotExist as exc:
                raise CommandError(
                    f"The group {demo_data.EDITORS_GROUP!r} is missing: run `manage.py migrate`."
                ) from exc
            user.groups.add(group)
        return User.objects.get(pk=user.pk)  # a fresh instance: no stale permission cache

    def _administrator(self) -> None:
        user, created = self._user(demo_data.ADMIN_LOGIN, *demo_data.STAFF[demo_data.ADMIN_LOGIN])
        if created:
            user.is_staff = True
            user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])

    # Organisations -----------------------------------------------------------------------

    def _organisation(self, data: dict[str, Any]) -> None:
        key = data["key"]
        login = data.get("owner_email")
        email = login or f"owner-{key}@{demo_data.EMAIL_DOMAIN}"
        owner, _created = self._user(email, *data["owner"], can_log_in=bool(login))
        organisation = Organisation.objects.filter(kvk_number=data["kvk_number"]).first()
        if organisation is None:
            province_slug = demo_data.PLACES[data["municipality"]][0]
            _province, latitude, longitude = demo_data.PLACES[
                data.get("place", data["municipality"])
            ]
            organisation = services.organisation_create(
                owner=owner,
                themes=[self.themes[slug] for slug in data["themes"]],
                sdgs=[self.sdgs[number] for number in data["sdgs"]],
                kind=data["kind"],
                name=data["name"],
                legal_form=data["legal_form"],
                kvk_number=data["kvk_number"],
                municipality=data["municipality"],
                province=self.provinces[province_slug],
                latitude=Decimal(latitude),
                longitude=Decimal(longitude),
                description=data["description"],
                initiative_kind=data.get("initiative_kind", ""),
                member_count=data.get("member_count"),
            )
            if data["is_verified"]:
                organisation = services.organisation_verify(
                    organisation=organisation, actor=self.editor, verified=True
                )
            self.created["organisations"] += 1
        self.organisations[key] = organisation
        self.owners[key] = owner

    # Listings ----------------------------------------------------------------------------

    def _offer(
        self,
        template: dict[str, Any],
        key: str,
        language: str,
        regions: list[str] | str,
        options: dict[str, Any] | None = None,
    ) -> None:
        options = options or {}
        organisation = self.organisations[key]
        national = regions == demo_data.NATIONAL
        provinces = [] if national else [self.provinces[slug] for slug in regions]
        context = {
            "provider": organisation.name,
            "city": organisation.municipality,
            "region": region_text(None if national else [p.name for p in provinces], language),
            **template.get("vars", {}),
            **options.get("vars", {}),
        }
        text = {name: value.format(**context) for name, value in template[language].items()}
        if Offer.objects.filter(slug=listing_slug(text["title"])).exists():
            return
        offer = services.offer_create(
            organisation=organisation,
            actor=self.owners[key],
            sdgs=[self.sdgs[number] for number in template["sdgs"]],
            regions=provinces,
            title=text["title"],
            description=text["description"],
            price_terms=text.get("price_terms", ""),
            theme=self.themes[template["theme"]],
            language=language,
            offer_type=template["offer_type"],
            is_national=national,
            eligible_legal_forms=list(template.get("eligible_legal_forms", [])),
            eligible_initiative_kinds=list(template.get("eligible_initiative_kinds", [])),
            min_members=template.get("min_members"),
            valid_until=self._in_days(options.get("valid_days", template["valid_days"])),
        )
        self.created["offers"] += 1
        self._lifecycle(offer, actor=self.owners[key], options=options)

    def _need(
        self,
        template: dict[str, Any],
        key: str,
        language: str,
        options: dict[str, Any] | None = None,
    ) -> None:
        options = options or {}
        organisation = self.organisations[key]
        data = self.organisation_data[key]
        context = {
            "initiative": organisation.name,
            "place": data.get("place", data["municipality"]),
            "members": organisation.member_count,
            **template.get("vars", {}),
            **options.get("vars", {}),
        }
        text = {name: value.format(**context) for name, value in template[language].items()}
        if Need.objects.filter(slug=listing_slug(text["title"])).exists():
            return
        budget_min, budget_max = template["budget"] or (None, None)
        need = services.need_create(
            organisation=organisation,
            actor=self.owners[key],
            sdgs=[self.sdgs[number] for number in template["sdgs"]],
            title=text["title"],
            description=text["description"],
            theme=self.themes[template["theme"]],
            language=language,
            need_type=template["need_type"],
            budget_min=None if budget_min is None else Decimal(budget_min),
            budget_max=None if budget_max is None else Decimal(budget_max),
            deadline=self._in_days(options.get("deadline_days", template["deadline_days"])),
            municipality=organisation.municipality,
            province=organisation.province,
        )
        self.created["needs"] += 1
        self._lifecycle(need, actor=self.owners[key], options=options)

    def _in_days(self, days: int | None) -> datetime.date | None:
        return None if days is None else self.today + datetime.timedelta(days=days)

    def _lifecycle(self, listing: Listing, *, actor: AbstractBaseUser, options: dict) -> None:
        """Take a new draft to the state the demo data asks for, step by step."""
        state = options.get("state", ListingStatus.PUBLISHED)
        if state not in LISTING_STATES:
            raise CommandError(f"Unknown demo state {state!r} for “{listing.title}”.")
        if state == ListingStatus.DRAFT:
            return
        listing = services.listing_submit(listing=listing, actor=actor)
        if state in (ListingStatus.SUBMITTED, ListingStatus.REJECTED):
            if listing.status != ListingStatus.SUBMITTED:
                raise CommandError(
                    f"“{listing.title}” should wait for review, but its organisation is verified."
                )
            if state == ListingStatus.REJECTED:
                services.listing_reject(listing=listing, actor=self.editor, reason=options["reason"])
            return
        if listing.status == ListingStatus.SUBMITTED:
            listing = services.listing_approve(listing=listing, actor=self.editor)
        if state == ListingStatus.EXPIRED:
            # A past end date is refused on submit, so a published item is moved into the past
            # and then expired the way the daily job does it.
            type(listing).objects.filter(pk=listing.pk).update(
                **{listing.end_date_field: self.today - datetime.timedelta(days=1)}
            )
            self.expire_due = True
        elif state == ListingStatus.CLOSED:
            services.listing_close(
                listing=listing,
                actor=actor,
                reason=options["close_reason"],
                note=options.get("reason", ""),
            )


class Command(BaseCommand):
    help = (
        "Load the bilingual demo data set (organisations, offers, needs and demo logins) through "
        "the marketplace services. Safe to run again: existing data is found, not duplicated."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--logins", action="store_true", help="Only print the demo logins (make run ends so)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["logins"]:
            self._print_logins()
            return
        started = time.monotonic()
        # The demo providers' catalogues predate the plans: seed them without the free-plan cap.
        with override_settings(
            EMAIL_BACKEND=SILENT_EMAIL_BACKEND, PAYMENTS_FREE_OFFER_LIMIT=None
        ), transaction.atomic():
            seeder = DemoSeeder(today=timezone.localdate())
            seeder.run()
        # The knowledge hub's page tree and articles (cms.hub; idempotent).
        hub = hub_seed()
        # The one demo editor login also moderates the hub, so the demo can publish articles.
        Group.objects.get(name=MODERATORS).user_set.add(
            User.objects.get(email=demo_data.EDITOR_LOGIN)
        )
        if options["verbosity"] >= 1:
            # The report is written in English: keep the model and choice labels in it English too.
            with translation.override("en"):
                self._report(seeder.created, seconds=time.monotonic() - started)
            self.stdout.write(
                f"Knowledge hub: {hub['articles']} articles in Dutch and English "
                f"({hub['pages_created']} page(s) created)."
            )

    def _report(self, created: Counter, *, seconds: float) -> None:
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
        self._print_logins()

    def _print_logins(self) -> None:
        write = self.stdout.write
        write(f"Demo logins (password for all: {demo_data.DEMO_PASSWORD})")
        company = Organisation.objects.filter(memberships__user__email=demo_data.COMPANY_LOGIN)
        initiative = Organisation.objects.filter(
            memberships__user__email=demo_data.INITIATIVE_LOGIN
        )
        rows = [
            ("Company", demo_data.COMPANY_LOGIN,
             f"owner of {company.first() or '—'} (verified: publishes directly)"),
            ("Initiative", demo_data.INITIATIVE_LOGIN,
             f"owner of {initiative.first() or '—'} (unverified: needs go through review)"),
            ("Hub editor", demo_data.EDITOR_LOGIN,
             "reviews submissions; Wagtail admin at /admin/"),
            ("Administrator", demo_data.ADMIN_LOGIN,
             "superuser; /admin/ and /django-admin/"),
        ]
        width = max(len(email) for _role, email, _what in rows)
        for role, email, what in rows:
            write(f"  {role:<14} {email:<{width}}  {what}")
        write(
            "  The other organisations' owners (for example "
            f"owner-wijkwiel@{demo_data.EMAIL_DOMAIN}) have no password; "
            "set one in /django-admin/ to log in as them."
        )
