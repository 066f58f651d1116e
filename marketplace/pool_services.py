"""Writes of demand pooling: initiatives with similar needs join forces and post a joint need.

start (one initiative invites the initiatives of similar needs; it has joined) → each invited
initiative joins or declines → the joined ones talk in one shared conversation → once nobody is
left to answer and at least two joined, one of them posts a joint need that names all of them
and sums their members and budgets (a draft submitted like any need: review rules apply).
Which needs are similar is the matcher's business (matching.pooling); the services here check
the rules a pool must keep whatever asks: published needs of other initiatives, the same theme,
need type and province.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import ratelimit
from notifications.services import notify

from . import notifications as kinds
from . import services
from .models import (
    ListingStatus,
    Membership,
    Need,
    Organisation,
    Pool,
    PoolMember,
    PoolMessage,
)

MemberStatus = PoolMember.Status


def _organisation_ids(user: AbstractBaseUser) -> set[int]:
    return set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))


def pool_member_of(*, pool: Pool, user: AbstractBaseUser) -> PoolMember | None:
    """The pool's entry of the organisation the user acts for in it (None when none)."""
    if not user.is_authenticated:
        return None
    return (
        pool.members.filter(organisation_id__in=_organisation_ids(user))
        .select_related("organisation", "need")
        .order_by("created_at", "pk")
        .first()
    )


def _require_member(pool: Pool, user: AbstractBaseUser, *statuses: str) -> PoolMember:
    member = pool_member_of(pool=pool, user=user)
    if member is None or member.status == MemberStatus.DECLINED:
        raise PermissionDenied(_("Only the initiatives in this pool can do this."))
    if statuses and member.status not in statuses:
        raise ValidationError(_("Join the pool first."))
    return member


def _lock(pool: Pool) -> Pool:
    return Pool.objects.select_for_update().select_related("theme", "province").get(pk=pool.pk)


def _people(organisations: Iterable[Organisation]) -> list[AbstractBaseUser]:
    return [
        membership.user
        for membership in Membership.objects.filter(organisation__in=list(organisations))
        .select_related("user")
        .order_by("pk")
    ]


def _notify(
    pool: Pool, *, kind: str, organisations: Iterable[Organisation], actor: AbstractBaseUser,
    data: dict[str, str],
) -> None:
    notify(recipients=_people(organisations), kind=kind, target=pool, data=data, actor=actor)


def _pool_check_need(need: Need, *, first: Need) -> None:
    if need.status != ListingStatus.PUBLISHED or not need.organisation.is_initiative:
        raise ValidationError(_("Only published needs of initiatives can join forces."))
    if (need.theme_id, need.need_type, need.province_id) != (
        first.theme_id, first.need_type, first.province_id
    ):
        raise ValidationError(
            _("Needs join forces only with needs of the same theme, kind and province.")
        )


@transaction.atomic
def pool_start(*, need: Need, actor: AbstractBaseUser, others: Iterable[Need]) -> Pool:
    """Join forces: invite the initiatives of `others` to a shared conversation about `need`.

    Starting again from a need already in an open pool returns that pool."""
    services._require_member(actor, need.organisation)
    need = Need.objects.select_for_update().select_related("organisation").get(pk=need.pk)
    _pool_check_need(need, first=need)
    existing = (
        PoolMember.objects.filter(need=need, pool__joint_need__isnull=True)
        .exclude(status=MemberStatus.DECLINED)
        .select_related("pool")
        .first()
    )
    if existing is not None:
        return existing.pool
    invited: dict[int, Need] = {}
    for other in Need.objects.filter(pk__in=[o.pk for o in others]).select_related(
        "organisation"
    ).order_by("pk"):
        if other.organisation_id == need.organisation_id:
            continue
        _pool_check_need(other, first=need)
        invited.setdefault(other.organisation_id, other)
    if not invited:
        raise ValidationError(_("Choose at least one need of another initiative."))
    now = timezone.now()
    pool = Pool(theme=need.theme, need_type=need.need_type, province=need.province,
                started_by=need.organisation)
    pool.full_clean()
    pool.save()
    PoolMember.objects.create(pool=pool, organisation=need.organisation, need=need,
                              status=MemberStatus.JOINED, answered_at=now)
    for other in invited.values():
        PoolMember.objects.create(pool=pool, organisation=other.organisation, need=other)
    _notify(
        pool, kind=kinds.POOL_INVITATION,
        organisations=[other.organisation for other in invited.values()], actor=actor,
        data={"title": need.title, "organisation": need.organisation.name,
              "language": need.language},
    )
    return pool


@transaction.atomic
def pool_answer(*, pool: Pool, actor: AbstractBaseUser, join: bool) -> PoolMember:
    """An invited initiative joins the pool or declines the invitation."""
    pool = _lock(pool)
    member = _require_member(pool, actor)
    services._require_member(actor, member.organisation)
    if member.status != MemberStatus.INVITED:
        raise ValidationError(_("You have already answered this invitation."))
    if pool.joint_need_id is not None:
        raise ValidationError(_("This pool has already posted its joint need."))
    member.status = MemberStatus.JOINED if join else MemberStatus.DECLINED
    member.answered_at = timezone.now()
    member.save(update_fields=["status", "answered_at"])
    pool.save(update_fields=["updated_at"])
    others = [m.organisation for m in pool.members.filter(status=MemberStatus.JOINED)
              .exclude(pk=member.pk).select_related("organisation")]
    _notify(
        pool, kind=kinds.POOL_JOINED if join else kinds.POOL_DECLINED, organisations=others,
        actor=actor, data={"title": member.need.title, "organisation": member.organisation.name},
    )
    return member


@transaction.atomic
def pool_message_send(*, pool: Pool, actor: AbstractBaseUser, body: str) -> PoolMessage:
    """Write in the pool's shared conversation (initiatives that joined)."""
    ratelimit.limit("message", account=actor.pk)
    pool = _lock(pool)
    member = _require_member(pool, actor, MemberStatus.JOINED)
    if not (body or "").strip():
        raise ValidationError({"body": _("Write a message first.")})
    message = PoolMessage(pool=pool, author=actor, organisation=member.organisation,
                          body=body.strip())
    message.full_clean()
    message.save()
    pool.save(update_fields=["updated_at"])
    others = [m.organisation for m in pool.members.filter(status=MemberStatus.JOINED)
              .exclude(pk=member.pk).select_related("organisation")]
    _notify(pool, kind=kinds.POOL_MESSAGE, organisations=others, actor=actor,
            data={"title": member.need.title, "organisation": member.organisation.name})
    return message


def _joint_description(description: str, joined: list[PoolMember], members: int,
                       language: str) -> str:
    with translation.override(language):
        lines = [_("A joint need of %(count)s initiatives:") % {"count": len(joined)}]
        lines += [f"- {m.organisation.name}: {m.need.title}" for m in joined]
        if members:
            lines.append(_("Together %(members)s members.") % {"members": members})
    return f"{description.strip()}\n\n" + "\n".join(lines)


@transaction.atomic
def pool_joint_need_create(
    *,
    pool: Pool,
    actor: AbstractBaseUser,
    title: str,
    description: str,
    deadline: datetime.date | None = None,
) -> Need:
    """Post the pool's joint need for the actor's initiative, naming every initiative that joined,
    with their members and budgets summed; it is submitted like any need (review rules apply)."""
    pool = _lock(pool)
    member = _require_member(pool, actor, MemberStatus.JOINED)
    if pool.joint_need_id is not None:
        raise ValidationError(_("This pool has already posted its joint need."))
    entries = list(pool.members.select_related("organisation", "need").order_by("created_at", "pk"))
    if any(m.status == MemberStatus.INVITED for m in entries):
        raise ValidationError(_("Wait until every invited initiative has answered."))
    joined = [m for m in entries if m.status == MemberStatus.JOINED]
    if len(joined) < 2:
        raise ValidationError(_("A joint need needs at least two initiatives that joined."))
    if not (title or "").strip() or not (description or "").strip():
        raise ValidationError(_("Give the joint need a title and a description."))
    members = sum(m.organisation.member_count or 0 for m in joined)
    budget_min = sum((m.need.budget_min or Decimal(0) for m in joined), Decimal(0))
    budget_max = sum((m.need.budget_max or m.need.budget_min or Decimal(0) for m in joined),
                     Decimal(0))
    deadlines = [m.need.deadline for m in joined if m.need.deadline]
    language = member.need.language
    sdgs = {sdg.pk: sdg for m in joined for sdg in m.need.sdgs.all()}
    need = services.need_create(
        organisation=member.organisation,
        actor=actor,
        title=title.strip(),
        description=_joint_description(description, joined, members, language),
        theme=pool.theme,
        need_type=pool.need_type,
        province=pool.province,
        language=language,
        sdgs=list(sdgs.values()),
        budget_min=budget_min or None,
        budget_max=budget_max or None,
        deadline=deadline or (max(deadlines) if deadlines else None),
        municipality=member.need.municipality,
    )
    need = services.listing_submit(listing=need, actor=actor)
    pool.joint_need = need
    pool.save(update_fields=["joint_need", "updated_at"])
    _notify(
        pool, kind=kinds.POOL_JOINT_NEED,
        organisations=[m.organisation for m in joined if m.pk != member.pk], actor=actor,
        data={"title": need.title, "organisation": member.organisation.name},
    )
    return need
