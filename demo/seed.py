"""Turns the demo data files into organisations, people, offers and needs, through the services.

Idempotent: people are found by e-mail address, organisations by KvK number and listings by the
slug of their title, so a second run creates nothing and changes nothing (passwords included).
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import ValidationError
from django.utils.text import slugify

from marketplace import services
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

from .loader import (
    DemoData,
    DemoDataError,
    DemoError,
    NeedRecord,
    OfferRecord,
    OrganisationRecord,
    Person,
    Placement,
)

User = get_user_model()

EDITORS_GROUP = "Hub editors"  # created by marketplace's migration 0003


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


@contextmanager
def _entry(where: str) -> Iterator[None]:
    """Report a service's refusal with the data file and entry that caused it."""
    try:
        yield
    except ValidationError as exc:
        messages = "; ".join(
            f"{name}: {' '.join(errors)}" if name != "__all__" else " ".join(errors)
            for name, errors in exc.message_dict.items()
        ) if hasattr(exc, "error_dict") else " ".join(exc.messages)
        raise DemoDataError(f"{where}: refused by the marketplace: {messages}") from exc


class DemoSeeder:
    """Creates whatever part of the demo data set is missing, through the services."""

    def __init__(self, *, data: DemoData, today: datetime.date) -> None:
        self.data = data
        self.today = today
        self.created: Counter[str] = Counter()
        self.themes = {theme.slug: theme for theme in Theme.objects.all()}
        self.sdgs = {sdg.number: sdg for sdg in SDG.objects.all()}
        self.provinces = {province.slug: province for province in Province.objects.all()}
        if len(self.themes) < 11 or len(self.sdgs) < 17 or len(self.provinces) < 12:
            raise DemoError("Reference data is missing: run `manage.py migrate` first.")
        self.records = {record.key: record for record in data.organisations}
        self.organisations: dict[str, Organisation] = {}
        self.owners: dict[str, AbstractBaseUser] = {}
        self.expire_due = False

    def run(self) -> None:
        self.editor = self._editor()
        self._administrator()
        for organisation in self.data.organisations:
            self._organisation(organisation)
        for offer in self.data.offers:
            for placement in offer.placements:
                self._offer(offer, placement)
        for need in self.data.needs:
            for placement in need.placements:
                self._need(need, placement)
        if self.expire_due:
            services.listings_expire(today=self.today)

    # Reference data, named in the files by slug or number ----------------------------------

    def _lookup(self, table: dict, values: Any, *, what: str, where: str) -> list:
        unknown = [value for value in values if value not in table]
        if unknown:
            raise DemoDataError(
                f"{where}: unknown {what} {', '.join(map(repr, unknown))}; known: "
                + ", ".join(map(str, table))
            )
        return [table[value] for value in values]

    # People ------------------------------------------------------------------------------

    def _user(self, person: Person) -> tuple[Any, bool]:
        user = User.objects.filter(username__iexact=person.email).first()
        if user is not None:
            return user, False
        if person.can_log_in:
            user = services.user_create(
                email=person.email,
                password=self.data.people.password,
                first_name=person.first_name,
                last_name=person.last_name,
                check_password=False,  # the one public demo password, on purpose
            )
        else:
            # The owners behind the other organisations only act for the services. Without a
            # usable password they cost no hashing (a third of a second each) and publish no
            # further accounts with a known password.
            user = User.objects.create_user(
                username=person.email, email=person.email,
                first_name=person.first_name, last_name=person.last_name,
            )
        self.created["users"] += 1
        return user, True

    def _editor(self) -> Any:
        user, created = self._user(self.data.people.editor)
        if created:
            try:
                group = Group.objects.get(name=EDITORS_GROUP)
            except Group.DoesNotExist as exc:
                raise DemoError(
                    f"The group {EDITORS_GROUP!r} is missing: run `manage.py migrate`."
                ) from exc
            user.groups.add(group)
        return User.objects.get(pk=user.pk)  # a fresh instance: no stale permission cache

    def _administrator(self) -> None:
        user, created = self._user(self.data.people.administrator)
        if created:
            user.is_staff = True
            user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])

    # Organisations -----------------------------------------------------------------------

    def _organisation(self, data: OrganisationRecord) -> None:
        owner, _created = self._user(data.owner)
        organisation = Organisation.objects.filter(kvk_number=data.kvk_number).first()
        if organisation is None:
            place = self.data.places[data.place]
            with _entry(data.where):
                organisation = services.organisation_create(
                    owner=owner,
                    themes=self._lookup(self.themes, data.themes, what="theme(s)",
                                        where=data.where),
                    sdgs=self._lookup(self.sdgs, data.sdgs, what="SDG(s)", where=data.where),
                    kind=data.kind,
                    name=data.name,
                    legal_form=data.legal_form,
                    kvk_number=data.kvk_number,
                    municipality=data.municipality,
                    province=self._lookup(
                        self.provinces, [self.data.places[data.municipality].province],
                        what="province", where=data.where,
                    )[0],
                    latitude=place.latitude,
                    longitude=place.longitude,
                    description=data.description,
                    initiative_kind=data.initiative_kind,
                    member_count=data.member_count,
                )
                if data.is_verified:
                    organisation = services.organisation_verify(
                        organisation=organisation, actor=self.editor, verified=True
                    )
            self.created["organisations"] += 1
        self.organisations[data.key] = organisation
        self.owners[data.key] = owner

    # Listings ----------------------------------------------------------------------------

    def _text(self, texts: dict[str, dict[str, str]], placement: Placement,
              context: dict[str, Any]) -> dict[str, str]:
        context = {**context, **placement.vars}
        return {name: value.format(**context) for name, value in texts[placement.language].items()}

    def _offer(self, template: OfferRecord, placement: Placement) -> None:
        organisation = self.organisations[placement.organisation]
        national = placement.regions is None
        provinces = [] if national else self._lookup(
            self.provinces, placement.regions, what="province(s)", where=placement.where
        )
        text = self._text(template.texts, placement, {
            "provider": organisation.name,
            "city": organisation.municipality,
            "region": region_text(None if national else [p.name for p in provinces],
                                  placement.language),
        })
        if Offer.objects.filter(slug=listing_slug(text["title"])).exists():
            return
        with _entry(placement.where):
            offer = services.offer_create(
                organisation=organisation,
                actor=self.owners[placement.organisation],
                sdgs=self._lookup(self.sdgs, template.sdgs, what="SDG(s)", where=template.where),
                regions=provinces,
                title=text["title"],
                description=text["description"],
                price_terms=text.get("price_terms", ""),
                theme=self._lookup(self.themes, [template.theme], what="theme",
                                   where=template.where)[0],
                language=placement.language,
                offer_type=template.offer_type,
                is_national=national,
                eligible_legal_forms=list(template.eligible_legal_forms),
                eligible_initiative_kinds=list(template.eligible_initiative_kinds),
                min_members=template.min_members,
                valid_until=self._in_days(placement.days),
            )
            self.created["offers"] += 1
            self._lifecycle(offer, placement)

    def _need(self, template: NeedRecord, placement: Placement) -> None:
        organisation = self.organisations[placement.organisation]
        text = self._text(template.texts, placement, {
            "initiative": organisation.name,
            "place": self.records[placement.organisation].place,
            "members": organisation.member_count,
        })
        if Need.objects.filter(slug=listing_slug(text["title"])).exists():
            return
        with _entry(placement.where):
            need = services.need_create(
                organisation=organisation,
                actor=self.owners[placement.organisation],
                sdgs=self._lookup(self.sdgs, template.sdgs, what="SDG(s)", where=template.where),
                title=text["title"],
                description=text["description"],
                theme=self._lookup(self.themes, [template.theme], what="theme",
                                   where=template.where)[0],
                language=placement.language,
                need_type=template.need_type,
                budget_min=template.budget_min,
                budget_max=template.budget_max,
                deadline=self._in_days(placement.days),
                municipality=organisation.municipality,
                province=organisation.province,
            )
            self.created["needs"] += 1
            self._lifecycle(need, placement)

    def _in_days(self, days: int | None) -> datetime.date | None:
        return None if days is None else self.today + datetime.timedelta(days=days)

    def _lifecycle(self, listing: Listing, placement: Placement) -> None:
        """Take a new draft to the state the placement asks for, step by step."""
        state = placement.state
        actor = self.owners[placement.organisation]
        if state == ListingStatus.DRAFT:
            return
        listing = services.listing_submit(listing=listing, actor=actor)
        if state in (ListingStatus.SUBMITTED, ListingStatus.REJECTED):
            if listing.status != ListingStatus.SUBMITTED:
                raise DemoDataError(
                    f"{placement.where}: “{listing.title}” should wait for review, but its "
                    "organisation is verified."
                )
            if state == ListingStatus.REJECTED:
                services.listing_reject(listing=listing, actor=self.editor,
                                        reason=placement.reason)
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
                reason=placement.close_reason,
                note=placement.reason,
            )


# Demand pooling --------------------------------------------------------------------------------

# One pooled cluster for the demo: near-identical needs of different initiatives in one province
# (same theme and need type), so the matcher's clustering (matching.pooling) records them as one
# cluster, the demo initiative's need page offers "join forces" and providers of charging
# points see one pooled lead. Their vectors are shipped with the others (demo/data/vectors/).
POOLED_CLUSTER = (
    {
        "organisation": "vechtstroom",
        "title": "Laadpalen voor onze elektrische deelauto's",
        "description": (
            "Onze energiecoöperatie deelt vier elektrische auto's met haar leden in Zwolle. We "
            "zoeken laadpalen met slimme laadsoftware bij de standplaatsen van de deelauto's in "
            "de wijk, zodat leden overdag met zonnestroom laden."
        ),
        "budget_min": 6000,
        "budget_max": 12000,
        "days": 120,
    },
    {
        "organisation": "noaberhuus",
        "title": "Laadpalen voor de elektrische buurtauto's",
        "description": (
            "In Hardenberg delen buurtbewoners drie elektrische auto's via het Noaberhuus. We "
            "zoeken laadpalen met slimme laadsoftware bij de standplaatsen van de deelauto's, "
            "zodat onze leden met zonnestroom kunnen laden."
        ),
        "budget_min": 4000,
        "budget_max": 9000,
        "days": 150,
    },
)
POOLED_THEME, POOLED_NEED_TYPE, POOLED_SDGS = "mobility", Need.NeedType.PRODUCT, (7, 11, 13)


def seed_pooled_cluster(seeder: DemoSeeder) -> int:
    """Publish the needs of the demo's pooled cluster through the services; how many were new.

    Idempotent (a need whose slug exists is left alone). The needs share theme, need type and
    province (their initiatives'); the background job records them as one cluster."""
    created = 0
    for item in POOLED_CLUSTER:
        if Need.objects.filter(slug=listing_slug(item["title"])).exists():
            continue
        organisation = seeder.organisations[item["organisation"]]
        actor = seeder.owners[item["organisation"]]
        need = services.need_create(
            organisation=organisation,
            actor=actor,
            title=item["title"],
            description=item["description"],
            theme=seeder.themes[POOLED_THEME],
            need_type=POOLED_NEED_TYPE,
            province=organisation.province,
            municipality=organisation.municipality,
            language="nl",
            sdgs=[seeder.sdgs[number] for number in POOLED_SDGS],
            budget_min=Decimal(item["budget_min"]),
            budget_max=Decimal(item["budget_max"]),
            deadline=seeder.today + datetime.timedelta(days=item["days"]),
        )
        need = services.listing_submit(listing=need, actor=actor)
        if need.status == ListingStatus.SUBMITTED:
            services.listing_approve(listing=need, actor=seeder.editor)
        seeder.created["needs"] += 1
        created += 1
    return created
