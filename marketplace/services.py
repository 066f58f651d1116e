"""Writes of the marketplace: every change to organisations, people, offers and needs goes here."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Final, TypeVar

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core import ratelimit
from core.email import send_email
from core.validators import validate_text_fields
from notifications.selectors import notification_language_for
from notifications.services import notify

from . import notifications as kinds
from . import selectors
from .changes import change_record
from .images import LISTING_IMAGE_SIZE, LOGO_SIZE, rendition_refresh
from .models import (
    SDG,
    CloseReason,
    Invitation,
    Language,
    Listing,
    ListingStatus,
    ListingTransition,
    Membership,
    Need,
    Offer,
    Organisation,
    Plan,
    Province,
    Theme,
)

User = get_user_model()
L = TypeVar("L", bound=Listing)


class TransitionNotAllowed(ValidationError):
    """A lifecycle step that the listing's current state does not allow."""


def _unique_slug(model: type, text: str, *, exclude_pk: int | None = None) -> str:
    base = (slugify(text) or "item")[:150].strip("-") or "item"
    slug, n = base, 1
    queryset = model._default_manager.all()
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    while queryset.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# Organisations and people ------------------------------------------------------------------


class _Unset(enum.Enum):
    UNSET = "unset"


# "Leave this field as it is" in the update services (None is a value some fields take).
UNSET: Final = _Unset.UNSET


def _given(**values: Any) -> dict[str, Any]:
    """The named values a caller actually passed (drops UNSET)."""
    return {name: value for name, value in values.items() if value is not UNSET}


def _organisation_check(*, kind: str) -> None:
    """What the sign-up form checks, checked again here for every caller."""
    if not kind:
        raise ValidationError({"kind": _("Choose the type of organisation.")})


@transaction.atomic
def organisation_create(
    *,
    owner: AbstractBaseUser | None,
    kind: str,
    name: str,
    legal_form: str,
    province: Province,
    kvk_number: str = "",
    website: str = "",
    description: str = "",
    municipality: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    logo: Any = "",
    initiative_kind: str = "",
    member_count: int | None = None,
    themes: Iterable[Theme] = (),
    sdgs: Iterable[SDG] = (),
) -> Organisation:
    """Create an unverified organisation on the free plan; the creating user becomes its owner."""
    _organisation_check(kind=kind)
    organisation = Organisation(
        kind=kind,
        name=name,
        legal_form=legal_form,
        province=province,
        kvk_number=kvk_number,
        website=website,
        description=description,
        municipality=municipality,
        latitude=latitude,
        longitude=longitude,
        logo=logo,
        initiative_kind=initiative_kind,
        member_count=member_count,
    )
    organisation.slug = _unique_slug(Organisation, organisation.name)
    organisation.full_clean()
    _logo_rendition_refresh(organisation)
    organisation.save()
    organisation.themes.set(themes)
    organisation.sdgs.set(sdgs)
    change_record(instance=organisation)
    if owner is not None:
        Membership.objects.create(
            user=owner, organisation=organisation, role=Membership.Role.OWNER
        )
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    actor: AbstractBaseUser,
    name: str | _Unset = UNSET,
    legal_form: str | _Unset = UNSET,
    kvk_number: str | _Unset = UNSET,
    website: str | _Unset = UNSET,
    description: str | _Unset = UNSET,
    municipality: str | _Unset = UNSET,
    province: Province | _Unset = UNSET,
    latitude: Decimal | None | _Unset = UNSET,
    longitude: Decimal | None | _Unset = UNSET,
    logo: Any = UNSET,
    initiative_kind: str | _Unset = UNSET,
    member_count: int | None | _Unset = UNSET,
    themes: Iterable[Theme] | None = None,
    sdgs: Iterable[SDG] | None = None,
) -> Organisation:
    """Change an organisation's profile (owners, or administrators who may change organisations).

    Its kind, verification and plan change only through their own services.
    """
    _require_owner_or_admin(actor, organisation)
    changes = _given(
        name=name, legal_form=legal_form, kvk_number=kvk_number, website=website,
        description=description, municipality=municipality, province=province,
        latitude=latitude, longitude=longitude, logo=logo, initiative_kind=initiative_kind,
        member_count=member_count,
    )
    for field, value in changes.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    _logo_rendition_refresh(organisation)
    organisation.save()
    if themes is not None:
        organisation.themes.set(themes)
    if sdgs is not None:
        organisation.sdgs.set(sdgs)
    change_record(instance=organisation)
    return organisation


@transaction.atomic
def organisation_set_plan(*, organisation: Organisation, plan: str) -> Organisation:
    """Record the plan an organisation is entitled to (called by payments); idempotent."""
    if plan not in Plan.values:
        raise ValidationError({"plan": _("Unknown plan.")})
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if locked.plan != plan:
        locked.plan = plan
        locked.save(update_fields=["plan", "updated_at"])
    organisation.plan = plan
    return locked


@transaction.atomic
def organisation_onboarding_dismiss(*, organisation: Organisation, actor: AbstractBaseUser) -> None:
    """Hide the first-steps checklist of the organisation's dashboard (any member may); idempotent."""
    _require_member(actor, organisation)
    if organisation.onboarding_dismissed_at is None:
        organisation.onboarding_dismissed_at = timezone.now()
        organisation.save(update_fields=["onboarding_dismissed_at", "updated_at"])


def _require_owner_or_admin(user: AbstractBaseUser, organisation: Organisation) -> None:
    if user.has_perm("marketplace.change_organisation"):
        return
    _require_owner(user, organisation)


def _require_admin(user: AbstractBaseUser, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied(_("Only administrators may do this."))


@transaction.atomic
def organisation_delete(*, organisation: Organisation, actor: AbstractBaseUser) -> None:
    """Delete an organisation with its people and items (administrators only); search forgets them."""
    _require_admin(actor, "marketplace.delete_organisation")
    for model in (Offer, Need):
        for listing in model.objects.filter(organisation=organisation).only("pk"):
            change_record(instance=listing, removed=True)
    change_record(instance=organisation, removed=True)
    organisation.delete()


@transaction.atomic
def membership_add(
    *, organisation: Organisation, user: AbstractBaseUser, role: str, actor: AbstractBaseUser
) -> Membership:
    """Make a person a member or owner of an organisation (owners, or administrators)."""
    _require_owner_or_admin(actor, organisation)
    if Membership.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError({"user": _("This person is already a member.")})
    membership = Membership(organisation=organisation, user=user, role=role)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_set_role(
    *, membership: Membership, role: str, actor: AbstractBaseUser
) -> Membership:
    """Change a member's role (owners, or administrators)."""
    _require_owner_or_admin(actor, membership.organisation)
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor: AbstractBaseUser) -> None:
    """Take a person out of an organisation (owners, or administrators)."""
    _require_owner_or_admin(actor, membership.organisation)
    membership.delete()


def _require_owner(user: AbstractBaseUser, organisation: Organisation) -> None:
    if not Membership.objects.filter(
        user=user, organisation=organisation, role=Membership.Role.OWNER
    ).exists():
        raise PermissionDenied(_("Only an owner of the organisation may do this."))


def _require_member(user: AbstractBaseUser, organisation: Organisation) -> None:
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise PermissionDenied(_("Only members of the organisation may do this."))


@transaction.atomic
def user_create(
    *,
    email: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    check_password: bool = True,
) -> Any:
    """Create a person's account; the email address is also the username.

    The password must pass the password validators, as on the sign-up form; only the demo, whose
    logins share one published password, passes check_password=False.
    """
    validate_text_fields(single_line={"first_name": first_name, "last_name": last_name})
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(username__iexact=email).exists():
        raise ValidationError({"email": _("An account with this email address already exists.")})
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    try:
        if check_password:
            password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, invited_by: AbstractBaseUser, role: str = "member"
) -> Invitation:
    """Invite a colleague by email to join the organisation (owners only)."""
    _require_owner(invited_by, organisation)
    email = User.objects.normalize_email(email).lower()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member.")})
    invitation = Invitation(
        organisation=organisation, email=email, role=role, invited_by=invited_by
    )
    invitation.full_clean()
    invitation.save()
    transaction.on_commit(lambda: _send_invitation_email(invitation))
    return invitation


def _send_invitation_email(invitation: Invitation) -> None:
    from django.conf import settings
    from django.urls import reverse

    link = settings.WAGTAILADMIN_BASE_URL + reverse(
        "invitation_accept", kwargs={"token": invitation.token}
    )
    # In the invitee's language when they already have an account, else in the inviter's.
    invitee = User.objects.filter(email__iexact=invitation.email).first()
    language = notification_language_for(user=invitee) if invitee else translation.get_language()
    with translation.override(language):
        subject = _("You are invited to join %(organisation)s on Business2Community") % {
            "organisation": invitation.organisation.name
        }
        body = _(
            "%(inviter)s invites you to join %(organisation)s on Business2Community.\n\n"
            "Accept the invitation: %(link)s\n\nThe link is valid for 14 days."
        ) % {
            "inviter": invitation.invited_by.get_full_name() or invitation.invited_by.email,
            "organisation": invitation.organisation.name,
            "link": link,
        }
    send_email(to=[invitation.email], subject=subject, body=body)


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: AbstractBaseUser) -> Membership:
    """Join the organisation an open invitation is for."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        raise ValidationError(_("This invitation has expired or has already been used."))
    if user.email.lower() != invitation.email.lower():
        raise PermissionDenied(_("This invitation was sent to another email address."))
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


# Listings (offers and needs) ------------------------------------------------------------


def _record(
    listing: Listing, *, from_status: str, actor: AbstractBaseUser | None, reason: str = "",
    reason_code: str = "", reason_params: dict | None = None,
) -> None:
    ListingTransition.objects.create(
        content_type=ContentType.objects.get_for_model(listing),
        object_id=listing.pk,
        from_status=from_status,
        to_status=listing.status,
        actor=actor,
        reason=reason,
        reason_code=reason_code,
        reason_params=reason_params or {},
    )


def _move(
    listing: L,
    to_status: str,
    *,
    actor: AbstractBaseUser | None,
    reason: str = "",
    reason_code: str = "",
    reason_params: dict | None = None,
    extra_fields: Iterable[str] = (),
) -> L:
    from_status = listing.status
    listing.status = to_status
    if to_status == ListingStatus.PUBLISHED:
        listing.published_at = timezone.now()
        listing.rejection_reason = ""
    listing.save(update_fields=["status", "published_at", "rejection_reason", "updated_at",
                                "close_reason", *extra_fields])
    _record(listing, from_status=from_status, actor=actor, reason=reason,
            reason_code=reason_code, reason_params=reason_params)
    _after_listing_change(listing)
    return listing


def _after_listing_change(listing: Listing) -> None:
    """Record the change; search and the matcher refresh what they derive from it after commit."""
    change_record(instance=listing)


def _require(listing: Listing, allowed: Iterable[str], action: str) -> None:
    if listing.status not in allowed:
        raise TransitionNotAllowed(
            _("You cannot %(action)s an item that is %(status)s.")
            % {"action": action, "status": listing.get_status_display().lower()}
        )


def _lock(listing: L) -> L:
    return type(listing).objects.select_for_update().get(pk=listing.pk)


def _require_member_or_admin(user: AbstractBaseUser, listing: Listing) -> None:
    """Members edit their organisation's items; so may administrators allowed to change them."""
    if user.has_perm(f"marketplace.change_{listing._meta.model_name}"):
        return
    _require_member(user, listing.organisation)


def offer_check_coverage(*, is_national: bool, regions: Iterable[Province]) -> None:
    """An offer serves the whole country or names the provinces it serves."""
    if not is_national and not list(regions):
        raise ValidationError(
            {"regions": _("Choose at least one province, or mark the offer as available nationwide.")}
        )


def _logo_rendition_refresh(organisation: Organisation) -> None:
    rendition_refresh(organisation, source="logo", target="logo_rendition", size=LOGO_SIZE, crop=False)


def _listing_rendition_refresh(listing: Listing) -> None:
    rendition_refresh(listing, source="image", target="image_rendition", size=LISTING_IMAGE_SIZE)


def _listing_save_new(
    listing: L, *, actor: AbstractBaseUser, sdgs: Iterable[SDG]
) -> L:
    if not actor.has_perm(f"marketplace.add_{listing._meta.model_name}"):
        _require_member(actor, listing.organisation)
    listing.created_by = actor
    listing.slug = _unique_slug(type(listing), listing.title)
    if listing.external_id and type(listing).objects.filter(
        organisation=listing.organisation, external_id=listing.external_id
    ).exists():
        raise ValidationError({"external_id": _(
            "Your organisation already has a listing with external ID “%(external_id)s”."
        ) % {"external_id": listing.external_id}})
    listing.full_clean()
    _listing_rendition_refresh(listing)
    listing.save()
    listing.sdgs.set(sdgs)
    _record(listing, from_status="", actor=actor, reason="")
    return listing


@transaction.atomic
def offer_create(
    *,
    organisation: Organisation,
    actor: AbstractBaseUser,
    title: str,
    description: str,
    theme: Theme,
    offer_type: str,
    language: str = Language.DUTCH,
    sdgs: Iterable[SDG] = (),
    is_national: bool = False,
    regions: Iterable[Province] = (),
    eligible_legal_forms: list[str] | None = None,
    eligible_initiative_kinds: list[str] | None = None,
    min_members: int | None = None,
    price_terms: str = "",
    image: Any = "",
    valid_until: datetime.date | None = None,
    external_id: str = "",
    rate_limit: str | None = "listing_create",
) -> Offer:
    """Create a draft offer for a company, fund or public body.

    `rate_limit` is the abuse limit one call counts against; a bulk import counts the file once
    against its own limit instead (`listing_table.listings_import`) and passes None.
    """
    if rate_limit:
        ratelimit.limit(rate_limit, account=actor.pk)
    if not organisation.is_provider:
        raise ValidationError(_("Only companies, funds and public bodies publish offers."))
    regions = list(regions)
    offer_check_coverage(is_national=is_national, regions=regions)
    offer = Offer(
        organisation=organisation,
        title=title,
        description=description,
        theme=theme,
        offer_type=offer_type,
        language=language,
        is_national=is_national,
        eligible_legal_forms=list(eligible_legal_forms or []),
        eligible_initiative_kinds=list(eligible_initiative_kinds or []),
        min_members=min_members,
        price_terms=price_terms,
        image=image,
        valid_until=valid_until,
        external_id=external_id,
    )
    offer = _listing_save_new(offer, actor=actor, sdgs=sdgs)
    offer.regions.set(regions)
    return offer


@transaction.atomic
def need_create(
    *,
    organisation: Organisation,
    actor: AbstractBaseUser,
    title: str,
    description: str,
    theme: Theme,
    need_type: str,
    province: Province,
    language: str = Language.DUTCH,
    sdgs: Iterable[SDG] = (),
    budget_min: Decimal | None = None,
    budget_max: Decimal | None = None,
    deadline: datetime.date | None = None,
    municipality: str = "",
    image: Any = "",
    external_id: str = "",
    rate_limit: str | None = "listing_create",
) -> Need:
    """Create a draft need for an initiative (`rate_limit`: as for `offer_create`)."""
    if rate_limit:
        ratelimit.limit(rate_limit, account=actor.pk)
    if not organisation.is_initiative:
        raise ValidationError(_("Only initiatives post needs."))
    need = Need(
        organisation=organisation,
        title=title,
        description=description,
        theme=theme,
        need_type=need_type,
        province=province,
        language=language,
        budget_min=budget_min,
        budget_max=budget_max,
        deadline=deadline,
        municipality=municipality,
        image=image,
        external_id=external_id,
    )
    return _listing_save_new(need, actor=actor, sdgs=sdgs)


def _listing_apply(
    listing: L,
    *,
    actor: AbstractBaseUser,
    changes: dict[str, Any],
    sdgs: Iterable[SDG] | None,
    regions: Iterable[Province] | None = None,
) -> L:
    """Apply checked content changes to an item; lifecycle fields never pass through here."""
    _require_member_or_admin(actor, listing)
    listing = _lock(listing)
    _require(listing, [s for s in ListingStatus.values if s != ListingStatus.CLOSED], _("edit"))
    for name, value in changes.items():
        setattr(listing, name, value)
    if isinstance(listing, Offer):
        offer_check_coverage(
            is_national=listing.is_national,
            regions=listing.regions.all() if regions is None else regions,
        )
    listing.full_clean()
    _listing_rendition_refresh(listing)
    listing.save()
    if sdgs is not None:
        listing.sdgs.set(sdgs)
    if regions is not None and isinstance(listing, Offer):
        listing.regions.set(regions)
    _after_listing_change(listing)
    if listing.status == ListingStatus.PUBLISHED and not listing.organisation.is_verified:
        _move(listing, ListingStatus.SUBMITTED, actor=actor,
              reason_code="edited_after_publication")
    return listing


@transaction.atomic
def listing_update(
    *,
    listing: L,
    actor: AbstractBaseUser,
    title: str | _Unset = UNSET,
    description: str | _Unset = UNSET,
    theme: Theme | _Unset = UNSET,
    language: str | _Unset = UNSET,
    sdgs: Iterable[SDG] | None = None,
) -> L:
    """Edit what offers and needs share. A published item of an unverified organisation goes back to review."""
    changes = _given(title=title, description=description, theme=theme, language=language)
    return _listing_apply(listing, actor=actor, changes=changes, sdgs=sdgs)


@transaction.atomic
def offer_update(
    *,
    offer: Offer,
    actor: AbstractBaseUser,
    title: str | _Unset = UNSET,
    description: str | _Unset = UNSET,
    theme: Theme | _Unset = UNSET,
    offer_type: str | _Unset = UNSET,
    language: str | _Unset = UNSET,
    sdgs: Iterable[SDG] | None = None,
    is_national: bool | _Unset = UNSET,
    regions: Iterable[Province] | None = None,
    eligible_legal_forms: list[str] | _Unset = UNSET,
    eligible_initiative_kinds: list[str] | _Unset = UNSET,
    min_members: int | None | _Unset = UNSET,
    price_terms: str | _Unset = UNSET,
    image: Any = UNSET,
    valid_until: datetime.date | None | _Unset = UNSET,
) -> Offer:
    """Edit an offer. A published offer of an unverified organisation goes back to review."""
    changes = _given(
        title=title, description=description, theme=theme, offer_type=offer_type,
        language=language, is_national=is_national, eligible_legal_forms=eligible_legal_forms,
        eligible_initiative_kinds=eligible_initiative_kinds, min_members=min_members,
        price_terms=price_terms, image=image, valid_until=valid_until,
    )
    return _listing_apply(
        offer, actor=actor, changes=changes, sdgs=sdgs,
        regions=None if regions is None else list(regions),
    )


@transaction.atomic
def need_update(
    *,
    need: Need,
    actor: AbstractBaseUser,
    title: str | _Unset = UNSET,
    description: str | _Unset = UNSET,
    theme: Theme | _Unset = UNSET,
    need_type: str | _Unset = UNSET,
    language: str | _Unset = UNSET,
    sdgs: Iterable[SDG] | None = None,
    budget_min: Decimal | None | _Unset = UNSET,
    budget_max: Decimal | None | _Unset = UNSET,
    deadline: datetime.date | None | _Unset = UNSET,
    municipality: str | _Unset = UNSET,
    province: Province | _Unset = UNSET,
    image: Any = UNSET,
) -> Need:
    """Edit a need. A published need of an unverified organisation goes back to review."""
    changes = _given(
        title=title, description=description, theme=theme, need_type=need_type,
        language=language, budget_min=budget_min, budget_max=budget_max, deadline=deadline,
        municipality=municipality, province=province, image=image,
    )
    return _listing_apply(need, actor=actor, changes=changes, sdgs=sdgs)


@transaction.atomic
def listing_delete(*, listing: Listing, actor: AbstractBaseUser) -> None:
    """Delete an offer or need for good (administrators only; members close it instead)."""
    _require_admin(actor, f"marketplace.delete_{listing._meta.model_name}")
    change_record(instance=listing, removed=True)
    listing.delete()


@transaction.atomic
def listing_submit(*, listing: L, actor: AbstractBaseUser) -> L:
    """Offer a draft for publication: verified organisations publish at once, others wait for review."""
    _require_member(actor, listing.organisation)
    listing = _lock(listing)
    _require(listing, [ListingStatus.DRAFT, ListingStatus.REJECTED], _("submit"))
    if listing.end_date and listing.end_date < timezone.localdate():
        raise TransitionNotAllowed(_("The end date has passed; choose a later date first."))
    if isinstance(listing, Offer):
        _require_plan_allows_another_offer(listing)
    if listing.organisation.is_verified:
        return _move(listing, ListingStatus.PUBLISHED, actor=actor,
                     reason_code="published_verified")
    listing = _move(listing, ListingStatus.SUBMITTED, actor=actor)
    _notify_editors_of_submission(listing)
    return listing


def _require_plan_allows_another_offer(offer: Offer) -> None:
    """The free plan allows a few live offers; the Partner plan (set by payments) lifts the limit."""
    if selectors.offer_limit_reached(organisation=offer.organisation, exclude_offer=offer):
        raise TransitionNotAllowed(
            _("Your plan allows %(limit)s published offers and you have %(live)s published or "
              "waiting for review. Close one or upgrade to the Partner plan.")
            % {"limit": offer.organisation.offer_limit,
               "live": selectors.organisation_live_offer_count(organisation=offer.organisation)}
        )


def _listing_data(listing: Listing) -> dict[str, str]:
    return {
        "title": listing.title, "language": listing.language, "slug": listing.slug,
        "listing_type": "offer" if isinstance(listing, Offer) else "need",
        "organisation": listing.organisation.name,
    }


def _notify_editors_of_submission(listing: Listing) -> None:
    notify(recipients=selectors.hub_editors(), kind=kinds.LISTING_SUBMITTED, target=listing,
           data=_listing_data(listing))


def _require_editor(actor: AbstractBaseUser) -> None:
    if not actor.has_perm("marketplace.review_listing"):
        raise PermissionDenied(_("Only hub editors review submissions."))


@transaction.atomic
def listing_approve(*, listing: L, actor: AbstractBaseUser) -> L:
    """A hub editor publishes a submitted item."""
    _require_editor(actor)
    listing = _lock(listing)
    _require(listing, [ListingStatus.SUBMITTED], _("approve"))
    listing = _move(listing, ListingStatus.PUBLISHED, actor=actor, reason_code="approved")
    _notify_author(listing, approved=True)
    return listing


@transaction.atomic
def listing_reject(*, listing: L, actor: AbstractBaseUser, reason: str) -> L:
    """A hub editor sends a submitted item back with a reason the author sees."""
    _require_editor(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tell the author why, so they can improve it.")})
    validate_text_fields(multi_line={"reason": reason})
    listing = _lock(listing)
    _require(listing, [ListingStatus.SUBMITTED], _("reject"))
    listing.rejection_reason = reason
    from_status = listing.status
    listing.status = ListingStatus.REJECTED
    listing.save(update_fields=["status", "rejection_reason", "updated_at"])
    _record(listing, from_status=from_status, actor=actor, reason=reason)
    _after_listing_change(listing)
    _notify_author(listing, approved=False)
    return listing


def _notify_author(listing: Listing, *, approved: bool) -> None:
    """Tell the author, in the author's language (not the editor's)."""
    if listing.created_by is None:
        return
    notify(
        recipients=[listing.created_by],
        kind=kinds.LISTING_APPROVED if approved else kinds.LISTING_REJECTED,
        target=listing,
        data={**_listing_data(listing), "reason": listing.rejection_reason},
    )


@transaction.atomic
def listing_close(
    *, listing: L, actor: AbstractBaseUser, reason: str, note: str = ""
) -> L:
    """Close an item as fulfilled or withdrawn; it leaves the public pages."""
    _require_member(actor, listing.organisation)
    if reason not in CloseReason.values:
        raise ValidationError({"reason": _("Choose whether the item was fulfilled or withdrawn.")})
    validate_text_fields(multi_line={"note": note})
    listing = _lock(listing)
    _require(listing, [s for s in ListingStatus.values if s != ListingStatus.CLOSED], _("close"))
    if reason == CloseReason.FULFILLED and listing.published_at is None:
        raise ValidationError(
            {"reason": _("An item that was never published cannot be fulfilled; withdraw it.")}
        )
    listing.close_reason = reason
    return _move(listing, ListingStatus.CLOSED, actor=actor,
                 reason=note, reason_code="closed", reason_params={"close_reason": reason})


@transaction.atomic
def listing_renew(*, listing: L, actor: AbstractBaseUser, until: datetime.date) -> L:
    """Give an expired (or soon expiring) published item a new end date and publish it again."""
    _require_member(actor, listing.organisation)
    if until is None or until <= timezone.localdate():
        raise ValidationError({"until": _("Choose a date in the future.")})
    listing = _lock(listing)
    _require(listing, [ListingStatus.EXPIRED, ListingStatus.PUBLISHED], _("renew"))
    if isinstance(listing, Offer) and listing.status == ListingStatus.EXPIRED:
        _require_plan_allows_another_offer(listing)
    setattr(listing, listing.end_date_field, until)
    if listing.status == ListingStatus.PUBLISHED:
        listing.save(update_fields=[listing.end_date_field, "updated_at"])
        _after_listing_change(listing)
        _record(listing, from_status=listing.status, actor=actor,
                reason_code="renewed", reason_params={"date": until.isoformat()})
        return listing
    return _move(listing, ListingStatus.PUBLISHED, actor=actor,
                 reason_code="renewed", reason_params={"date": until.isoformat()},
                 extra_fields=[listing.end_date_field])


def listings_expire(*, today: datetime.date | None = None) -> int:
    """Mark published items whose end date has passed as expired; returns how many."""
    today = today or timezone.localdate()
    count = 0
    for model in (Offer, Need):
        due = model.objects.filter(
            status=ListingStatus.PUBLISHED, **{f"{model.end_date_field}__lt": today}
        )
        for listing in due:
            with transaction.atomic():
                locked = _lock(listing)
                if locked.status != ListingStatus.PUBLISHED:
                    continue
                _move(locked, ListingStatus.EXPIRED, actor=None,
                      reason_code="expired",
                      reason_params={"date": locked.end_date.isoformat()})
                count += 1
    return count


# Hub editors ----------------------------------------------------------------------------


@transaction.atomic
def organisation_verify(
    *, organisation: Organisation, actor: AbstractBaseUser, verified: bool
) -> Organisation:
    """A hub editor marks an organisation verified (it then publishes directly) or unverified."""
    # Imported here: the audit log belongs to Wagtail, which this module otherwise does not need.
    from wagtail.log_actions import log

    _require_editor(actor)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if organisation.is_verified == verified:
        return organisation
    organisation.is_verified = verified
    organisation.save(update_fields=["is_verified", "updated_at"])
    change_record(instance=organisation)
    log(
        instance=organisation,
        action="marketplace.verify" if verified else "marketplace.unverify",
        user=actor,
    )
    return organisation
