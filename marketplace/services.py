"""Writes of the marketplace: every change to organisations, people, offers and needs goes here."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .changes import change_record
from .models import (
    CloseReason,
    Invitation,
    Listing,
    ListingStatus,
    ListingTransition,
    Membership,
    Need,
    Offer,
    Organisation,
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


@transaction.atomic
def organisation_create(
    *,
    owner: AbstractBaseUser | None,
    themes: Iterable = (),
    sdgs: Iterable = (),
    **fields: Any,
) -> Organisation:
    """Create an organisation; the creating user becomes its owner."""
    organisation = Organisation(**fields)
    organisation.slug = _unique_slug(Organisation, organisation.name)
    organisation.full_clean()
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
    themes: Iterable | None = None,
    sdgs: Iterable | None = None,
    **fields: Any,
) -> Organisation:
    """Change an organisation's profile; only its owners may."""
    _require_owner(actor, organisation)
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    if themes is not None:
        organisation.themes.set(themes)
    if sdgs is not None:
        organisation.sdgs.set(sdgs)
    change_record(instance=organisation)
    return organisation


def _require_owner(user: AbstractBaseUser, organisation: Organisation) -> None:
    if not Membership.objects.filter(
        user=user, organisation=organisation, role=Membership.Role.OWNER
    ).exists():
        raise PermissionDenied(_("Only an owner of the organisation may do this."))


def _require_member(user: AbstractBaseUser, organisation: Organisation) -> None:
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        raise PermissionDenied(_("Only members of the organisation may do this."))


@transaction.atomic
def user_create(*, email: str, password: str, first_name: str = "", last_name: str = "") -> Any:
    """Create a person's account; the email address is also the username."""
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(username__iexact=email).exists():
        raise ValidationError({"email": _("An account with this email address already exists.")})
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
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
    send_mail(
        subject=_("You are invited to join %(organisation)s on Business2Community")
        % {"organisation": invitation.organisation.name},
        message=_(
            "%(inviter)s invites you to join %(organisation)s on Business2Community.\n\n"
            "Accept the invitation: %(link)s\n\nThe link is valid for 14 days."
        )
        % {
            "inviter": invitation.invited_by.get_full_name() or invitation.invited_by.email,
            "organisation": invitation.organisation.name,
            "link": link,
        },
        from_email=None,
        recipient_list=[invitation.email],
    )


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
    listing: Listing, *, from_status: str, actor: AbstractBaseUser | None, reason: str = ""
) -> None:
    ListingTransition.objects.create(
        content_type=ContentType.objects.get_for_model(listing),
        object_id=listing.pk,
        from_status=from_status,
        to_status=listing.status,
        actor=actor,
        reason=reason,
    )


def _move(
    listing: L,
    to_status: str,
    *,
    actor: AbstractBaseUser | None,
    reason: str = "",
    extra_fields: Iterable[str] = (),
) -> L:
    from_status = listing.status
    listing.status = to_status
    if to_status == ListingStatus.PUBLISHED:
        listing.published_at = timezone.now()
        listing.rejection_reason = ""
    listing.save(update_fields=["status", "published_at", "rejection_reason", "updated_at",
                                "close_reason", *extra_fields])
    _record(listing, from_status=from_status, actor=actor, reason=reason)
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


def _listing_create(
    model: type[L],
    *,
    organisation: Organisation,
    actor: AbstractBaseUser,
    sdgs: Iterable = (),
    **fields: Any,
) -> L:
    _require_member(actor, organisation)
    listing = model(organisation=organisation, created_by=actor, **fields)
    listing.slug = _unique_slug(model, listing.title)
    listing.full_clean()
    listing.save()
    listing.sdgs.set(sdgs)
    _record(listing, from_status="", actor=actor, reason="")
    return listing


@transaction.atomic
def offer_create(
    *,
    organisation: Organisation,
    actor: AbstractBaseUser,
    sdgs: Iterable = (),
    regions: Iterable = (),
    **fields: Any,
) -> Offer:
    """Create a draft offer for a company, fund or public body."""
    if not organisation.is_provider:
        raise ValidationError(_("Only companies, funds and public bodies publish offers."))
    offer = _listing_create(Offer, organisation=organisation, actor=actor, sdgs=sdgs, **fields)
    offer.regions.set(regions)
    return offer


@transaction.atomic
def need_create(
    *, organisation: Organisation, actor: AbstractBaseUser, sdgs: Iterable = (), **fields: Any
) -> Need:
    """Create a draft need for an initiative."""
    if not organisation.is_initiative:
        raise ValidationError(_("Only initiatives post needs."))
    return _listing_create(Need, organisation=organisation, actor=actor, sdgs=sdgs, **fields)


@transaction.atomic
def listing_update(
    *,
    listing: L,
    actor: AbstractBaseUser,
    sdgs: Iterable | None = None,
    regions: Iterable | None = None,
    **fields: Any,
) -> L:
    """Edit an offer or need. A published item of an unverified organisation goes back to review."""
    _require_member(actor, listing.organisation)
    listing = _lock(listing)
    _require(listing, [s for s in ListingStatus.values if s != ListingStatus.CLOSED], _("edit"))
    for name, value in fields.items():
        setattr(listing, name, value)
    listing.full_clean()
    listing.save()
    if sdgs is not None:
        listing.sdgs.set(sdgs)
    if regions is not None and isinstance(listing, Offer):
        listing.regions.set(regions)
    _after_listing_change(listing)
    if listing.status == ListingStatus.PUBLISHED and not listing.organisation.is_verified:
        _move(listing, ListingStatus.SUBMITTED, actor=actor,
              reason=_("Edited after publication; waiting for review again."))
    return listing


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
                     reason=_("Published directly: verified organisation."))
    listing = _move(listing, ListingStatus.SUBMITTED, actor=actor)
    transaction.on_commit(lambda: _notify_editors_of_submission(listing))
    return listing


def _require_plan_allows_another_offer(offer: Offer) -> None:
    """The free plan allows a few live offers; the Partner plan lifts the limit (payments)."""
    from payments.selectors import offer_limit_reached

    if offer_limit_reached(organisation=offer.organisation, exclude_offer=offer):
        raise TransitionNotAllowed(
            _("Your plan allows no more published offers. Close one or upgrade to the Partner plan.")
        )


def _notify_editors_of_submission(listing: Listing) -> None:
    from .selectors import hub_editor_emails

    recipients = hub_editor_emails()
    if recipients:
        send_mail(
            subject=_("New item to review: %(title)s") % {"title": listing.title},
            message=_("%(organisation)s submitted “%(title)s”. Review it in the admin.")
            % {"organisation": listing.organisation.name, "title": listing.title},
            from_email=None,
            recipient_list=recipients,
        )


def _require_editor(actor: AbstractBaseUser) -> None:
    if not actor.has_perm("marketplace.review_listing"):
        raise PermissionDenied(_("Only hub editors review submissions."))


@transaction.atomic
def listing_approve(*, listing: L, actor: AbstractBaseUser) -> L:
    """A hub editor publishes a submitted item."""
    _require_editor(actor)
    listing = _lock(listing)
    _require(listing, [ListingStatus.SUBMITTED], _("approve"))
    listing = _move(listing, ListingStatus.PUBLISHED, actor=actor, reason=_("Approved."))
    transaction.on_commit(lambda: _notify_author(listing, approved=True))
    return listing


@transaction.atomic
def listing_reject(*, listing: L, actor: AbstractBaseUser, reason: str) -> L:
    """A hub editor sends a submitted item back with a reason the author sees."""
    _require_editor(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tell the author why, so they can improve it.")})
    listing = _lock(listing)
    _require(listing, [ListingStatus.SUBMITTED], _("reject"))
    listing.rejection_reason = reason
    from_status = listing.status
    listing.status = ListingStatus.REJECTED
    listing.save(update_fields=["status", "rejection_reason", "updated_at"])
    _record(listing, from_status=from_status, actor=actor, reason=reason)
    _after_listing_change(listing)
    transaction.on_commit(lambda: _notify_author(listing, approved=False))
    return listing


def _notify_author(listing: Listing, *, approved: bool) -> None:
    author = listing.created_by
    if author is None or not author.email:
        return
    if approved:
        subject = _("Published: %(title)s") % {"title": listing.title}
        body = _("“%(title)s” has been approved and is now public.") % {"title": listing.title}
    else:
        subject = _("Not yet published: %(title)s") % {"title": listing.title}
        body = _("“%(title)s” was not approved. The editor's reason:\n\n%(reason)s") % {
            "title": listing.title,
            "reason": listing.rejection_reason,
        }
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[author.email])


@transaction.atomic
def listing_close(
    *, listing: L, actor: AbstractBaseUser, reason: str, note: str = ""
) -> L:
    """Close an item as fulfilled or withdrawn; it leaves the public pages."""
    _require_member(actor, listing.organisation)
    if reason not in CloseReason.values:
        raise ValidationError({"reason": _("Choose whether the item was fulfilled or withdrawn.")})
    listing = _lock(listing)
    _require(listing, [s for s in ListingStatus.values if s != ListingStatus.CLOSED], _("close"))
    listing.close_reason = reason
    return _move(listing, ListingStatus.CLOSED, actor=actor,
                 reason=note or CloseReason(reason).label)


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
                reason=_("Renewed until %(date)s.") % {"date": until.isoformat()})
        return listing
    return _move(listing, ListingStatus.PUBLISHED, actor=actor,
                 reason=_("Renewed until %(date)s.") % {"date": until.isoformat()},
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
                      reason=_("End date %(date)s passed.") % {"date": locked.end_date})
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
