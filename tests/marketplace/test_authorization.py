"""The access policy as a table: every marketplace, account and review URL × who asks × GET/POST.

Each row names a URL and the organisation that owns what the URL is about; "member" and "owner"
are people of that organisation (role member / owner). Every cell says what the answer is and,
through its kind, whether the request may change the database:

    OK          200, nothing written           SAVED        302 after a successful write
    MOVED       302 elsewhere, nothing written LOGIN        302 to the log-in page
    ADMIN_LOGIN 302 to the Wagtail admin login DENIED/NOT_FOUND/NOT_ALLOWED  403 / 404 / 405

Every POST that is refused (and every POST to a read-only page) leaves the rows that matter
unchanged: listings, their history, memberships, invitations, organisations, matches, users.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from api import services as api_services
from api.models import ApiKey, WebhookEndpoint
from marketplace import (
    account_urls,
    match_services,
    pool_services,
    report_services,
    selectors,
    services,
    wagtail_hooks,
)
from marketplace.models import (
    SDG,
    ContentReport,
    Follow,
    Invitation,
    ListingTransition,
    Match,
    MatchEvent,
    MatchMessage,
    Membership,
    Need,
    Offer,
    Organisation,
    Pool,
    PoolMember,
    PoolMessage,
    Province,
    Theme,
)
from notifications.models import Notification, NotificationPreference
from payments import payout_services
from payments.models import BankAccount, Payout
from tests.factories import (
    PASSWORD,
    InitiativeFactory,
    MembershipFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    UserFactory,
    hub_editor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_plan_limit(settings):
    """The company here has several live offers; the free-plan cap is tested in tests/payments."""
    settings.PAYMENTS_FREE_OFFER_LIMIT = None


@pytest.fixture(autouse=True)
def _dutch():
    """URLs below are the Dutch (unprefixed) ones, whatever an earlier request left active."""
    with translation.override("nl"):
        yield


User = get_user_model()
ACTORS = ("anonymous", "outsider", "stranger", "member", "owner", "editor")
FUTURE = timezone.localdate() + datetime.timedelta(days=30)
INVITEE = "invitee@example.nl"


@dataclass(frozen=True)
class Expect:
    status: int
    location: str | None = None  # the redirect must start with this
    writes: bool = False  # the request must change the database (else: must not)

    def __repr__(self) -> str:
        return f"{self.status}{' → ' + self.location if self.location else ''}"


OK = Expect(200)
SAVED = Expect(302, writes=True)
SHOWN = Expect(200, writes=True)  # saved, and the answer shows what was made once (an API key)
MOVED = Expect(302)
LOGIN = Expect(302, "/accounts/login/")
ADMIN_LOGIN = Expect(302, "/admin/login/")
DENIED = Expect(403)
NOT_FOUND = Expect(404)
NOT_ALLOWED = Expect(405)
INVALID = Expect(400)


# The world every cell runs in -------------------------------------------------------------


@dataclass
class World:
    people: dict[str, Any]
    company: Organisation
    initiative: Organisation
    other: Organisation
    offer_draft: Offer
    offer_published: Offer
    offer_unmatched: Offer
    offer_submitted: Offer
    need_draft: Need
    need_published: Need
    need_submitted: Need
    match: Match
    invitation: Invitation
    org_people: dict[str, dict[str, Any]] = field(default_factory=dict)
    bank_account: BankAccount | None = None
    pool: Pool | None = None  # the initiative joined forces with another initiative
    api_key: ApiKey | None = None
    webhook: WebhookEndpoint | None = None
    report: ContentReport | None = None  # the stranger reported the second offer (still shown)

    def actor(self, who: str, org: str) -> Any:
        """The user playing `who` for a row about `org` (None when anonymous)."""
        if who in ("member", "owner"):
            return self.org_people[org][who]
        return self.people[who]


def build_world() -> World:
    company = OrganisationFactory(name="Provider BV")
    initiative = InitiativeFactory(name="Dorpscoöperatie")
    other = OrganisationFactory(name="Other BV")
    org_people = {
        "company": {
            "owner": MembershipFactory(organisation=company).user,
            "member": MembershipFactory(organisation=company, role=Membership.Role.MEMBER).user,
        },
        "initiative": {
            "owner": MembershipFactory(organisation=initiative).user,
            "member": MembershipFactory(organisation=initiative, role=Membership.Role.MEMBER).user,
        },
    }
    people = {
        "anonymous": None,
        "outsider": UserFactory(),
        "stranger": MembershipFactory(organisation=other).user,
        "editor": hub_editor(),
    }
    company_owner = org_people["company"]["owner"]
    initiative_owner = org_people["initiative"]["owner"]
    offer_published = OfferFactory(organisation=company, published=True, title="Public offer")
    need_published = NeedFactory(organisation=initiative, published=True, title="Public need")
    world = World(
        people=people,
        company=company,
        initiative=initiative,
        other=other,
        offer_draft=OfferFactory(organisation=company, title="Draft offer"),
        offer_published=offer_published,
        offer_unmatched=OfferFactory(organisation=company, published=True, title="Second offer"),
        offer_submitted=services.listing_submit(
            listing=OfferFactory(organisation=company, title="Submitted offer"),
            actor=company_owner,
        ),
        need_draft=NeedFactory(organisation=initiative, title="Draft need"),
        need_published=need_published,
        need_submitted=services.listing_submit(
            listing=NeedFactory(organisation=initiative, title="Submitted need"),
            actor=initiative_owner,
        ),
        match=match_services.match_express_interest(
            need=need_published, offer=offer_published, actor=initiative_owner, proposal="Panels"
        ),
        invitation=services.invitation_create(
            organisation=company, email=INVITEE, invited_by=company_owner
        ),
        org_people=org_people,
    )
    world.bank_account = payout_services.bank_account_register(
        organisation=initiative, actor=initiative_owner, iban="NL91ABNA0417164300",
        holder_name="Dorpscoöperatie",
    )
    # A pool: the initiative invited another initiative with a similar need (not yet answered).
    neighbour = InitiativeFactory(name="Buurtinitiatief")
    similar = NeedFactory(
        organisation=neighbour, published=True, title="Similar need", theme=need_published.theme,
        need_type=need_published.need_type, province=need_published.province,
    )
    world.pool = pool_services.pool_start(
        need=need_published, actor=initiative_owner, others=[similar]
    )
    world.api_key, _full_key = api_services.api_key_create(
        organisation=company, actor=company_owner, name="CRM", scope="read"
    )
    world.webhook = api_services.webhook_endpoint_create(
        organisation=company, actor=company_owner, url="https://crm.example.nl/hooks",
        events=["interest.created"],
    )
    world.report = report_services.content_report(
        reporter=people["stranger"], target=world.offer_unmatched, reason="misleading"
    )
    everybody = [*people.values(), *org_people["company"].values(), *org_people["initiative"].values()]
    for user in filter(None, everybody):
        NotificationPreference.objects.get_or_create(user=user)
    return world


def snapshot() -> dict[str, Any]:
    """The rows a refused request must leave alone."""

    def listings(model):
        return sorted(model.objects.values_list("pk", "status", "title", "description"))

    return {
        "offers": listings(Offer),
        "needs": listings(Need),
        "transitions": ListingTransition.objects.count(),
        "organisations": sorted(
            Organisation.objects.values_list(
                "pk", "name", "description", "is_verified", "onboarding_dismissed_at"
            )
        ),
        "memberships": sorted(Membership.objects.values_list("user_id", "organisation_id", "role")),
        "invitations": sorted(Invitation.objects.values_list("pk", "email", "accepted_at")),
        "matches": sorted(
            Match.objects.values_list("pk", "status", "interested_side", "agreed_by_need")
        ),
        "match_messages": MatchMessage.objects.count(),
        "pools": sorted(Pool.objects.values_list("pk", "joint_need_id")),
        "pool_members": sorted(PoolMember.objects.values_list("pk", "status")),
        "pool_messages": PoolMessage.objects.count(),
        "match_events": MatchEvent.objects.count(),
        "users": User.objects.count(),
        "notifications_read": sorted(
            Notification.objects.filter(read_at__isnull=False).values_list("pk", flat=True)
        ),
        "bank_accounts": sorted(
            BankAccount.objects.values_list("pk", "iban", "confirmed_at", "is_active")
        ),
        "payouts": sorted(Payout.objects.values_list("pk", "status", "amount_cents")),
        "notification_preferences": sorted(
            NotificationPreference.objects.values_list("user_id", "email_frequency", "language")
        ),
        "api_keys": sorted(ApiKey.objects.values_list("pk", "organisation_id", "revoked_at")),
        "webhooks": sorted(WebhookEndpoint.objects.values_list("pk", "organisation_id", "url", "secret")),
        "content_reports": sorted(ContentReport.objects.values_list("pk", "status")),
        "follows": sorted(Follow.objects.values_list("user_id", "organisation_id", "theme_id")),
    }


# What the forms are sent: valid input, so a refusal is the policy and not a form error -------


def offer_data(world: World, who: Any) -> dict[str, Any]:
    return {
        "title": "Offer written by the request",
        "description": "Monthly repair workshops.",
        "theme": Theme.objects.get(slug="mobility").pk,
        "offer_type": "service",
        "sdgs": [SDG.objects.get(number=11).pk],
        "language": "en",
        "is_national": "on",
        "valid_until": FUTURE.isoformat(),
    }


def need_data(world: World, who: Any) -> dict[str, Any]:
    return {
        "title": "Need written by the request",
        "description": "Solar panels for the village hall.",
        "theme": Theme.objects.get(slug="energy").pk,
        "need_type": "money",
        "sdgs": [SDG.objects.get(number=7).pk],
        "language": "nl",
        "deadline": FUTURE.isoformat(),
        "municipality": "Utrecht",
        "province": Province.objects.get(slug="utrecht").pk,
    }


def organisation_data(world: World, who: Any) -> dict[str, Any]:
    """The profile of the organisation the requester acts for, with a new description."""
    organisation = (who and selectors.user_organisation(who)) or world.company
    data = {
        "name": organisation.name,
        "legal_form": organisation.legal_form,
        "kvk_number": organisation.kvk_number,
        "description": "Rewritten by the request.",
        "municipality": organisation.municipality,
        "province": organisation.province_id,
    }
    if organisation.is_initiative:
        data |= {"initiative_kind": organisation.initiative_kind, "member_count": "10"}
    return data


def signup_data(world: World, who: Any) -> dict[str, Any]:
    return {
        "side": "initiative",
        "first_name": "Anna",
        "last_name": "de Vries",
        "email": "anna@example.nl",
        "password1": "Wind-mills-4-the-village",
        "password2": "Wind-mills-4-the-village",
        "name": "Buurtcoöperatie Nieuw",
        "legal_form": "cooperatie_ua",
        "kvk_number": "87654321",
        "province": Province.objects.get(slug="friesland").pk,
        "municipality": "Leeuwarden",
        "initiative_kind": "energy_coop",
        "member_count": "85",
    }


def import_file_data(world: World, who: Any) -> dict[str, Any]:
    """A CSV with one offer, as the import template has it."""
    header = "kind,title,description,theme,offer_type,is_national,valid_until"
    row = f"offer,Imported offer,Repair workshops.,mobility,service,yes,{FUTURE.isoformat()}"
    return {"file": SimpleUploadedFile("offers.csv", f"{header}\n{row}\n".encode())}


def constant(data: dict[str, Any]) -> Callable[[World, Any], dict[str, Any]]:
    return lambda world, who: data


def no_data(world: World, who: Any) -> dict[str, Any]:
    return {}


# The policy ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    name: str  # the URL name, namespace included
    url: Callable[[World], str]
    get: tuple[Expect, ...]
    post: tuple[Expect, ...]
    org: str = "company"  # whose member and owner the row is about
    data: Callable[[World, Any], dict[str, Any]] = no_data


def r(name: str, *args: Callable[[World], Any]) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[arg(world) for arg in args])


def slug(attr):
    return lambda world: getattr(world, attr).slug


def pk(attr):
    return lambda world: getattr(world, attr).pk


def const(value):
    return lambda world: value


def owners_notice(world: World) -> int:
    owner = world.org_people["company"]["owner"]
    return Notification.objects.filter(recipient=owner).values_list("pk", flat=True).first()


M, A, N, F, K, IMP = (
    "marketplace:", "marketplace_admin:", "notifications:", "finance:", "api:", "impact:"
)
ALL_OK = (OK,) * 6

# fmt: off
MATRIX: list[Row] = [
    # label / URL                                     anonymous    outsider     stranger     member       owner        editor
    # -- Public pages: everybody reads; a POST renders the page again and writes nothing.
    Row("home", M + "home", r(M + "home"),
        get=ALL_OK, post=ALL_OK),
    Row("offer_list", M + "offer_list", r(M + "offer_list"),
        get=ALL_OK, post=ALL_OK),
    Row("need_list", M + "need_list", r(M + "need_list"),
        get=ALL_OK, post=ALL_OK),
    Row("organisation_list", M + "organisation_list", r(M + "organisation_list"),
        get=ALL_OK, post=ALL_OK),
    Row("organisation_detail", M + "organisation_detail", r(M + "organisation_detail", slug("company")),
        get=ALL_OK, post=ALL_OK),
    Row("offer_detail published", M + "offer_detail", r(M + "offer_detail", slug("offer_published")),
        get=ALL_OK, post=ALL_OK),
    Row("need_detail published", M + "need_detail", r(M + "need_detail", slug("need_published")),
        get=ALL_OK, post=ALL_OK, org="initiative"),
    # The map of unmet demand reads only: a POST is refused.
    Row("impact map", "impact:map", r("impact:map"),
        get=ALL_OK, post=(NOT_ALLOWED,) * 6),
    Row("impact map, a province and theme", "impact:map",
        lambda world: reverse("impact:map") + "?province=utrecht&theme=energy",
        get=ALL_OK, post=(NOT_ALLOWED,) * 6),
    # -- Impact: public figures for everybody (a member's handprint also shows its private
    #    outcomes); the pages only answer GET and HEAD.
    Row("impact index", IMP + "index", r(IMP + "index"),
        get=ALL_OK, post=(NOT_ALLOWED,) * 6),
    Row("impact handprint", IMP + "handprint", r(IMP + "handprint", slug("company")),
        get=ALL_OK, post=(NOT_ALLOWED,) * 6),
    Row("impact handprint csv", IMP + "handprint_csv", r(IMP + "handprint_csv", slug("initiative")),
        get=ALL_OK, post=(NOT_ALLOWED,) * 6, org="initiative"),
    # The style guide and the themes' generated pictures are read-only pages for everybody.
    Row("style_guide", M + "style_guide", r(M + "style_guide"),
        get=ALL_OK, post=(NOT_ALLOWED,) * 6),
    Row("theme_placeholder", M + "theme_placeholder", r(M + "theme_placeholder", const("energy")),
        get=ALL_OK, post=(NOT_ALLOWED,) * 6),
    # -- Nobody reads a draft or a submitted item in public, not its owner, not an editor.
    Row("offer_detail draft", M + "offer_detail", r(M + "offer_detail", slug("offer_draft")),
        get=(NOT_FOUND,) * 6, post=(NOT_FOUND,) * 6),
    Row("offer_detail submitted", M + "offer_detail", r(M + "offer_detail", slug("offer_submitted")),
        get=(NOT_FOUND,) * 6, post=(NOT_FOUND,) * 6),
    Row("need_detail draft", M + "need_detail", r(M + "need_detail", slug("need_draft")),
        get=(NOT_FOUND,) * 6, post=(NOT_FOUND,) * 6, org="initiative"),
    Row("need_detail submitted", M + "need_detail", r(M + "need_detail", slug("need_submitted")),
        get=(NOT_FOUND,) * 6, post=(NOT_FOUND,) * 6, org="initiative"),
    # -- The workspace needs a login; without an organisation there is nothing to manage.
    Row("dashboard", M + "dashboard", r(M + "dashboard"),
        get=(LOGIN,       OK,          OK,          OK,          OK,          OK),
        post=(LOGIN,      OK,          OK,          OK,          OK,          OK)),
    # Any member hides the first-steps checklist of their own organisation (POST only).
    Row("onboarding_dismiss", M + "onboarding_dismiss", r(M + "onboarding_dismiss"),
        get=(NOT_ALLOWED,) * 6,
        post=(LOGIN,      NOT_FOUND,   SAVED,       SAVED,       SAVED,       NOT_FOUND)),
    # Owners only; the page is always about one's own organisation (the stranger edits Other BV).
    Row("organisation_edit", M + "organisation_edit", r(M + "organisation_edit"),
        get=(LOGIN,       NOT_FOUND,   OK,          DENIED,      OK,          NOT_FOUND),
        post=(LOGIN,      NOT_FOUND,   SAVED,       DENIED,      SAVED,       NOT_FOUND),
        data=organisation_data),
    Row("members", M + "members", r(M + "members"),
        get=(LOGIN,       NOT_FOUND,   OK,          OK,          OK,          NOT_FOUND),
        post=(LOGIN,      NOT_FOUND,   SAVED,       DENIED,      SAVED,       NOT_FOUND),
        data=constant({"email": "new.colleague@example.nl", "role": "member"})),
    # -- API keys and webhooks (api/views.py): members read, owners change, each their own
    #    organisation's; a new key or signing secret is shown once on the answer to the POST.
    Row("api keys", K + "keys", r(K + "keys"),
        get=(LOGIN,       NOT_FOUND,   OK,          OK,          OK,          NOT_FOUND),
        post=(LOGIN,      NOT_FOUND,   SHOWN,       DENIED,      SHOWN,       NOT_FOUND),
        data=constant({"name": "Boekhouding", "scope": "read-write"})),
    Row("api key revoke", K + "key_revoke", r(K + "key_revoke", pk("api_key")),
        get=(NOT_ALLOWED,) * 6,
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   DENIED,      SAVED,       NOT_FOUND)),
    Row("webhooks", K + "webhooks", r(K + "webhooks"),
        get=(LOGIN,       NOT_FOUND,   OK,          OK,          OK,          NOT_FOUND),
        post=(LOGIN,      NOT_FOUND,   SHOWN,       DENIED,      SHOWN,       NOT_FOUND),
        data=constant({"url": "https://hooks.example.nl/b2c", "events": ["message.created"]})),
    Row("webhook delete", K + "webhook_delete", r(K + "webhook_delete", pk("webhook")),
        get=(NOT_ALLOWED,) * 6,
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   DENIED,      SAVED,       NOT_FOUND)),
    Row("webhook roll secret", K + "webhook_roll_secret", r(K + "webhook_roll_secret", pk("webhook")),
        get=(NOT_ALLOWED,) * 6,
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   DENIED,      SHOWN,       NOT_FOUND)),
    # -- Exports and bulk import (web/views.py): each person's own organisation's data; the
    #    programme exports for hub editors only. Downloads only read: a POST is refused.
    Row("export page", M + "export_index", r(M + "export_index"),
        get=(LOGIN,       NOT_FOUND,   OK,          OK,          OK,          OK),
        post=(LOGIN,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED)),
    Row("export listings", M + "export_download",
        r(M + "export_download", const("listings"), const("csv")),
        get=(LOGIN,       NOT_FOUND,   OK,          OK,          OK,          NOT_FOUND),
        post=(LOGIN,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED)),
    Row("export impact", M + "export_download",
        r(M + "export_download", const("impact"), const("xlsx")),
        get=(LOGIN,       NOT_FOUND,   OK,          OK,          OK,          NOT_FOUND),
        post=(LOGIN,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
        org="initiative"),
    Row("export moderation log", M + "export_download",
        r(M + "export_download", const("moderation-log"), const("xlsx")),
        get=(LOGIN,       DENIED,      DENIED,      DENIED,      DENIED,      OK),
        post=(LOGIN,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED)),
    Row("import template", M + "import_template", r(M + "import_template", const("csv")),
        get=(LOGIN,       OK,          OK,          OK,          OK,          OK),
        post=(LOGIN,      NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED)),
    # The upload is a dry run: it shows the checked rows and saves no listing.
    Row("listing import, dry run", M + "listing_import", r(M + "listing_import"),
        get=(LOGIN,       NOT_FOUND,   OK,          OK,          OK,          NOT_FOUND),
        post=(LOGIN,      NOT_FOUND,   OK,          OK,          OK,          NOT_FOUND),
        data=import_file_data),
    # A confirmation without a checked file imports nothing and sends back to the upload.
    Row("listing import, confirm without a file", M + "listing_import", r(M + "listing_import"),
        get=(LOGIN,       NOT_FOUND,   OK,          OK,          OK,          NOT_FOUND),
        post=(LOGIN,      NOT_FOUND,   MOVED,       MOVED,       MOVED,       NOT_FOUND),
        data=constant({"confirm": "1"})),
    # -- Offers only by providers, needs only by initiatives (the stranger owns a company).
    Row("offer_create by a provider", M + "offer_create", r(M + "offer_create"),
        get=(LOGIN,       DENIED,      OK,          OK,          OK,          DENIED),
        post=(LOGIN,      DENIED,      SAVED,       SAVED,       SAVED,       DENIED),
        data=offer_data),
    Row("offer_create by an initiative", M + "offer_create", r(M + "offer_create"),
        get=(LOGIN,       DENIED,      OK,          DENIED,      DENIED,      DENIED),
        post=(LOGIN,      DENIED,      SAVED,       DENIED,      DENIED,      DENIED),
        org="initiative", data=offer_data),
    Row("need_create by an initiative", M + "need_create", r(M + "need_create"),
        get=(LOGIN,       DENIED,      DENIED,      OK,          OK,          DENIED),
        post=(LOGIN,      DENIED,      DENIED,      SAVED,       SAVED,       DENIED),
        org="initiative", data=need_data),
    Row("need_create by a provider", M + "need_create", r(M + "need_create"),
        get=(LOGIN,       DENIED,      DENIED,      DENIED,      DENIED,      DENIED),
        post=(LOGIN,      DENIED,      DENIED,      DENIED,      DENIED,      DENIED),
        data=need_data),
    # -- Managing an item: its organisation's people only; for everyone else it does not exist.
    Row("offer_manage", M + "offer_manage", r(M + "offer_manage", pk("offer_draft")),
        get=(LOGIN,       NOT_FOUND,   NOT_FOUND,   OK,          OK,          NOT_FOUND),
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   OK,          OK,          NOT_FOUND)),
    Row("offer_edit", M + "offer_edit", r(M + "offer_edit", pk("offer_draft")),
        get=(LOGIN,       NOT_FOUND,   NOT_FOUND,   OK,          OK,          NOT_FOUND),
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   SAVED,       SAVED,       NOT_FOUND),
        data=offer_data),
    Row("offer_edit published", M + "offer_edit", r(M + "offer_edit", pk("offer_published")),
        get=(LOGIN,       NOT_FOUND,   NOT_FOUND,   OK,          OK,          NOT_FOUND),
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   SAVED,       SAVED,       NOT_FOUND),
        data=offer_data),
    Row("need_manage", M + "need_manage", r(M + "need_manage", pk("need_draft")),
        get=(LOGIN,       NOT_FOUND,   NOT_FOUND,   OK,          OK,          NOT_FOUND),
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   OK,          OK,          NOT_FOUND),
        org="initiative"),
    Row("need_edit", M + "need_edit", r(M + "need_edit", pk("need_draft")),
        get=(LOGIN,       NOT_FOUND,   NOT_FOUND,   OK,          OK,          NOT_FOUND),
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   SAVED,       SAVED,       NOT_FOUND),
        org="initiative", data=need_data),
    # Lifecycle actions are POST only (GET is 405 before the login check).
    Row("listing_action submit offer", M + "listing_action",
        r(M + "listing_action", const("offers"), pk("offer_draft"), const("submit")),
        get=(NOT_ALLOWED,) * 6,
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   SAVED,       SAVED,       NOT_FOUND)),
    Row("listing_action close need", M + "listing_action",
        r(M + "listing_action", const("needs"), pk("need_published"), const("close")),
        get=(NOT_ALLOWED,) * 6,
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   SAVED,       SAVED,       NOT_FOUND),
        org="initiative", data=constant({"reason": "fulfilled", "note": ""})),
    # -- Reports (POST only): anybody logged in reports public content; messages only in one's
    # own matches (here the initiative's first message, reported by the provider side).
    Row("report an offer", M + "report", r(M + "report", const("offer"), pk("offer_published")),
        get=(NOT_ALLOWED,) * 6,
        post=(LOGIN,      SAVED,       SAVED,       SAVED,       SAVED,       SAVED),
        data=constant({"reason": "spam", "note": ""})),
    Row("report a message", M + "report",
        r(M + "report", const("message"), lambda world: world.match.messages.first().pk),
        get=(NOT_ALLOWED,) * 6,
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   SAVED,       SAVED,       NOT_FOUND),
        data=constant({"reason": "offensive", "note": "Rude."})),
    # -- Follow (POST only): anybody logged in follows an organisation or a theme.
    Row("follow an organisation", M + "follow", r(M + "follow", const("organisation"), slug("company")),
        get=(NOT_ALLOWED,) * 6,
        post=(LOGIN,      SAVED,       SAVED,       SAVED,       SAVED,       SAVED),
        data=constant({"action": "follow"})),
    # -- Matches: only the two sides. The initiative said it is interested; the provider accepts.
    Row("match_list", M + "match_list", r(M + "match_list"),
        get=(LOGIN,       OK,          OK,          OK,          OK,          OK),
        post=(LOGIN,      OK,          OK,          OK,          OK,          OK)),
    # -- Notifications: each person's own; the company's people were told of the interest.
    Row("notifications", N + "list", r(N + "list"),
        get=(LOGIN,       OK,          OK,          OK,          OK,          OK),
        post=(LOGIN,      SAVED,       SAVED,       SAVED,       SAVED,       SAVED),
        data=constant({"email_frequency": "never", "language": "en"})),
    Row("notifications mark all read", N + "mark_read", r(N + "mark_read"),
        get=(LOGIN,       NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
        post=(LOGIN,      MOVED,       MOVED,       SAVED,       SAVED,       SAVED)),
    Row("notification open (the owner's)", N + "open", r(N + "open", owners_notice),
        get=(LOGIN,       NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   NOT_FOUND,   SAVED,       NOT_FOUND)),
    Row("match_start", M + "match_start", r(M + "match_start"),
        get=(LOGIN,       NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
        post=(LOGIN,      DENIED,      DENIED,      SAVED,       SAVED,       DENIED),
        org="initiative",
        data=lambda world, who: {
            "need": world.need_published.pk, "offer": world.offer_unmatched.pk,
            "proposal": "Forty panels", "timing": "", "question": "",
        }),
    Row("match_detail provider side", M + "match_detail", r(M + "match_detail", pk("match")),
        get=(LOGIN,       NOT_FOUND,   NOT_FOUND,   OK,          OK,          NOT_FOUND),
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   OK,          OK,          NOT_FOUND)),
    Row("match_detail initiative side", M + "match_detail", r(M + "match_detail", pk("match")),
        get=(LOGIN,       NOT_FOUND,   NOT_FOUND,   OK,          OK,          NOT_FOUND),
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   OK,          OK,          NOT_FOUND),
        org="initiative"),
    Row("match_action accept, provider side", M + "match_action",
        r(M + "match_action", pk("match"), const("accept")),
        get=(LOGIN,       NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   SAVED,       SAVED,       NOT_FOUND)),
    # The side that asked cannot accept its own interest.
    Row("match_action accept, initiative side", M + "match_action",
        r(M + "match_action", pk("match"), const("accept")),
        get=(LOGIN,       NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   DENIED,      DENIED,      NOT_FOUND),
        org="initiative"),
    # -- Pools: only the initiatives in the pool (here: the initiative that started it).
    Row("pool_detail", M + "pool_detail", r(M + "pool_detail", pk("pool")),
        get=(LOGIN,       NOT_FOUND,   NOT_FOUND,   OK,          OK,          NOT_FOUND),
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   OK,          OK,          NOT_FOUND),
        org="initiative"),
    Row("pool_action message", M + "pool_action",
        r(M + "pool_action", pk("pool"), const("message")),
        get=(LOGIN,       NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   SAVED,       SAVED,       NOT_FOUND),
        org="initiative", data=constant({"body": "Shall we order together?"})),
    # The initiative that started the pool has joined already: answering again changes nothing.
    Row("pool_action join, already joined", M + "pool_action",
        r(M + "pool_action", pk("pool"), const("join")),
        get=(LOGIN,       NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   MOVED,       MOVED,       NOT_FOUND),
        org="initiative"),
    # Join forces needs a recorded cluster; without one the page says so and nothing is written.
    Row("need_join_forces", M + "need_join_forces", r(M + "need_join_forces", pk("need_published")),
        get=(LOGIN,       NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
        post=(LOGIN,      NOT_FOUND,   NOT_FOUND,   MOVED,       MOVED,       NOT_FOUND),
        org="initiative"),
    # -- Accounts. Logged-in people are sent on from sign-up and log-in.
    Row("signup", "signup", r("signup"),
        get=(OK,          MOVED,       MOVED,       MOVED,       MOVED,       MOVED),
        post=(SAVED,      MOVED,       MOVED,       MOVED,       MOVED,       MOVED),
        data=signup_data),
    Row("login", "login", r("login"),
        get=(OK,          MOVED,       MOVED,       MOVED,       MOVED,       MOVED),
        post=(MOVED,      MOVED,       MOVED,       MOVED,       MOVED,       MOVED),
        data=lambda world, who: {"username": world.other.memberships.get().user.email,
                                 "password": PASSWORD}),
    Row("logout", "logout", r("logout"),
        get=(NOT_ALLOWED,) * 6, post=(MOVED,) * 6),
    Row("password_reset", "password_reset", r("password_reset"),
        get=ALL_OK, post=(MOVED,) * 6,
        data=lambda world, who: {"email": world.other.memberships.get().user.email}),
    Row("password_reset_done", "password_reset_done", r("password_reset_done"),
        get=ALL_OK, post=(NOT_ALLOWED,) * 6),
    # A made-up link: the page says the link is invalid and changes nothing.
    Row("password_reset_confirm (invalid link)", "password_reset_confirm",
        r("password_reset_confirm", const("MQ"), const("bad-token")),
        get=ALL_OK, post=ALL_OK,
        data=constant({"new_password1": "Another-pass-123", "new_password2": "Another-pass-123"})),
    Row("password_reset_complete", "password_reset_complete", r("password_reset_complete"),
        get=ALL_OK, post=(NOT_ALLOWED,) * 6),
    # The invitation is for invitee@example.nl: a visitor signs up with it; anybody else
    # logged in is refused, members of the inviting organisation included.
    Row("invitation_accept", "invitation_accept",
        lambda world: reverse("invitation_accept", args=[world.invitation.token]),
        get=(OK,          DENIED,      DENIED,      DENIED,      DENIED,      DENIED),
        post=(SAVED,      DENIED,      DENIED,      DENIED,      DENIED,      DENIED),
        data=constant({"first_name": "In", "last_name": "Vitee",
                       "password1": "Wind-mills-4-the-village",
                       "password2": "Wind-mills-4-the-village"})),
    # -- The review in the Wagtail admin: hub editors only; the others are sent to its login.
    Row("review queue", A + "queue", r(A + "queue"),
        get=(ADMIN_LOGIN,) * 5 + (OK,), post=(ADMIN_LOGIN,) * 5 + (NOT_ALLOWED,)),
    Row("review items", A + "items", r(A + "items"),
        get=(ADMIN_LOGIN,) * 5 + (OK,), post=(ADMIN_LOGIN,) * 5 + (NOT_ALLOWED,)),
    Row("review item (draft)", A + "item", r(A + "item", const("offers"), pk("offer_draft")),
        get=(ADMIN_LOGIN,) * 5 + (OK,), post=(ADMIN_LOGIN,) * 5 + (NOT_ALLOWED,)),
    Row("review approve", A + "approve", r(A + "approve", const("offers"), pk("offer_submitted")),
        get=(ADMIN_LOGIN,) * 5 + (NOT_ALLOWED,), post=(ADMIN_LOGIN,) * 5 + (SAVED,)),
    Row("review reject", A + "reject", r(A + "reject", const("needs"), pk("need_submitted")),
        get=(ADMIN_LOGIN,) * 5 + (NOT_ALLOWED,), post=(ADMIN_LOGIN,) * 5 + (SAVED,),
        org="initiative", data=constant({"reason": "Please add a budget."})),
    Row("reports", A + "reports", r(A + "reports"),
        get=(ADMIN_LOGIN,) * 5 + (OK,), post=(ADMIN_LOGIN,) * 5 + (NOT_ALLOWED,)),
    Row("report dismiss", A + "report_decide", r(A + "report_decide", pk("report"), const("dismiss")),
        get=(ADMIN_LOGIN,) * 5 + (NOT_ALLOWED,), post=(ADMIN_LOGIN,) * 5 + (SAVED,)),
    Row("review organisations", A + "organisations", r(A + "organisations"),
        get=(ADMIN_LOGIN,) * 5 + (OK,), post=(ADMIN_LOGIN,) * 5 + (NOT_ALLOWED,)),
    Row("verify organisation", A + "organisation_verify",
        r(A + "organisation_verify", pk("company")),
        get=(ADMIN_LOGIN,) * 5 + (NOT_ALLOWED,), post=(ADMIN_LOGIN,) * 5 + (SAVED,),
        data=constant({"verified": "1"})),
    # -- The rankers in the Wagtail admin: only with matching.activate_ranker (none of these
    # actors; a hub editor is sent back to the admin home). tests/matching/test_safe_learning.py
    # covers the people who may.
    Row("rankers", "matching_admin:rankers", r("matching_admin:rankers"),
        get=(ADMIN_LOGIN,) * 5 + (MOVED,), post=(ADMIN_LOGIN,) * 5 + (MOVED,)),
    Row("activate ranker", "matching_admin:activate", r("matching_admin:activate", const(0)),
        get=(ADMIN_LOGIN,) * 5 + (MOVED,), post=(ADMIN_LOGIN,) * 5 + (MOVED,)),
    # -- Money (payments/finance_urls.py): an initiative's own finance pages; public accounts.
    Row("finance dashboard", F + "dashboard", r(F + "dashboard"),
        get=(LOGIN, DENIED, DENIED, OK, OK, DENIED), post=(LOGIN,) + (NOT_ALLOWED,) * 5,
        org="initiative"),
    Row("bank account register", F + "bank_account_register", r(F + "bank_account_register"),
        get=(LOGIN,) + (NOT_ALLOWED,) * 5, post=(LOGIN, DENIED, DENIED, SAVED, SAVED, DENIED),
        org="initiative",
        data=constant({"iban": "NL91 ABNA 0417 1643 00", "holder_name": "Dorpscoöperatie"})),
    # Registered by the owner: a second member or an editor confirms; other people see nothing.
    Row("bank account confirm", F + "bank_account_confirm",
        r(F + "bank_account_confirm", lambda world: world.bank_account.pk),
        get=(LOGIN,) + (NOT_ALLOWED,) * 5,
        post=(LOGIN, NOT_FOUND, NOT_FOUND, SAVED, DENIED, SAVED), org="initiative"),
    # The bank account is not confirmed yet: members are refused by the rule (400), others by role.
    Row("payout request", F + "payout_request", r(F + "payout_request"),
        get=(LOGIN,) + (NOT_ALLOWED,) * 5, post=(LOGIN, DENIED, DENIED, INVALID, INVALID, DENIED),
        org="initiative", data=constant({"amount": "10.00", "note": "Solar panels"})),
    Row("need account (public)", F + "need_account", r(F + "need_account", slug("need_published")),
        get=ALL_OK, post=(NOT_ALLOWED,) * 6, org="initiative"),
    Row("initiative account (public)", F + "initiative_account",
        r(F + "initiative_account", slug("initiative")),
        get=ALL_OK, post=(NOT_ALLOWED,) * 6, org="initiative"),
    Row("initiative account of a company", F + "initiative_account",
        r(F + "initiative_account", slug("company")),
        get=(NOT_FOUND,) * 6, post=(NOT_ALLOWED,) * 6),
    Row("year statement", F + "statement", r(F + "statement"),
        get=ALL_OK, post=(MOVED,) * 6,
        data=constant({"email": "gever@example.nl", "year": "2026"})),
    Row("year statement by a signed link", F + "statement_signed",
        r(F + "statement_signed", lambda world: payout_services.statement_token(
            email="gever@example.nl", year=2026)),
        get=ALL_OK, post=(NOT_ALLOWED,) * 6),
    Row("year statement, forged link", F + "statement_signed",
        r(F + "statement_signed", const("eyJlbWFpbCI6Im1lQGV4YW1wbGUubmwifQ:forged:sig")),
        get=(NOT_FOUND,) * 6, post=(NOT_ALLOWED,) * 6),
]
# fmt: on


def _log_in(client: Client, user: Any) -> None:
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")


def _check(response: Any, expected: Expect, changed: bool) -> str | None:
    """What is wrong with the answer to one cell, or None."""
    got = response.status_code
    location = response.get("Location", "")
    if got != expected.status:
        return f"status {got} (→ {location})" if location else f"status {got}"
    if expected.status == 302:
        to_login = location.startswith(("/accounts/login/", "/admin/login/"))
        if expected.location and not location.startswith(expected.location):
            return f"redirected to {location}"
        if not expected.location and to_login:
            return f"sent to log in ({location})"
    if changed != expected.writes:
        return "the database changed" if changed else "nothing was saved"
    return None


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("row", MATRIX, ids=[row.label for row in MATRIX])
def test_access_policy(row: Row, method: str):
    world = build_world()
    url = row.url(world)
    expectations = row.get if method == "GET" else row.post
    assert len(expectations) == len(ACTORS), row.label
    problems = []
    for who, expected in zip(ACTORS, expectations, strict=True):
        user = world.actor(who, row.org)
        # Each person starts from the same world: whatever the request wrote is rolled back.
        with transaction.atomic():
            client = Client()
            _log_in(client, user)
            before = snapshot()
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, row.data(world, user))
            changed = snapshot() != before
            transaction.set_rollback(True)
        problem = _check(response, expected, changed)
        if problem:
            problems.append(f"{who}: expected {expected!r}, got {problem}")
    assert not problems, f"{method} {row.label} ({url}):\n  " + "\n  ".join(problems)


def test_pages_without_an_id_act_on_ones_own_organisation():
    """The stranger's allowed writes above changed Other BV, never the company of the row."""
    world = build_world()
    client = Client()
    _log_in(client, world.people["stranger"])
    company_before = Organisation.objects.filter(pk=world.company.pk).values().get()

    response = client.post(reverse(M + "organisation_edit"), organisation_data(world, world.people["stranger"]))
    assert response.status_code == 302
    response = client.post(reverse(M + "members"), {"email": "someone@example.nl", "role": "owner"})
    assert response.status_code == 302

    world.other.refresh_from_db()
    assert world.other.description == "Rewritten by the request."
    assert Organisation.objects.filter(pk=world.company.pk).values().get() == company_before
    assert Invitation.objects.get(email="someone@example.nl").organisation == world.other


def _names(patterns: list, namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(namespace + pattern.name)
    return names


def test_every_url_is_in_the_matrix():
    """A new URL must get its row in the policy above."""
    namespaces = get_resolver().namespace_dict
    _prefix, marketplace = namespaces["marketplace"]
    _prefix, review = namespaces["marketplace_admin"]
    _prefix, notices = namespaces["notifications"]
    _prefix, impact = namespaces["impact"]
    _prefix, rankers = namespaces["matching_admin"]
    _prefix, finance = namespaces["finance"]
    _prefix, api_pages = namespaces["api"]
    expected = (
        _names(rankers.url_patterns, "matching_admin:")
        | _names(finance.url_patterns, "finance:")
        | _names(api_pages.url_patterns, "api:")
        | _names(marketplace.url_patterns, "marketplace:")
        | _names(account_urls.urlpatterns)
        | _names(review.url_patterns, "marketplace_admin:")
        | _names(notices.url_patterns, "notifications:")
        | _names(impact.url_patterns, "impact:")
    )
    assert len(expected) > 30
    assert {name for name in expected if name.startswith("marketplace_admin:")} == {
        f"marketplace_admin:{pattern.name}" for pattern in wagtail_hooks.urlpatterns
    }
    covered = {row.name for row in MATRIX}
    assert expected - covered == set(), "add these URLs to MATRIX"
    assert covered - expected == set(), "MATRIX names URLs that do not exist"


def test_every_row_has_a_cell_per_actor():
    for row in MATRIX:
        assert len(row.get) == len(row.post) == len(ACTORS), row.label
