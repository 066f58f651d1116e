"""Reads of demand pooling: one pool for its members, the pools a need is in, their totals."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Membership, Need, Pool, PoolMember, PoolMessage


def pool_get_for_user(*, pk: int, user: AbstractBaseUser | AnonymousUser) -> Pool:
    """A pool the user's initiative was invited to or joined; 404 for anybody else (a declined
    initiative included), so a pool's existence does not leak."""
    if not user.is_authenticated:
        raise Http404
    org_ids = Membership.objects.filter(user=user).values_list("organisation_id", flat=True)
    try:
        return (
            Pool.objects.select_related("theme", "province", "joint_need")
            .filter(
                members__organisation_id__in=org_ids,
            )
            .exclude(
                pk__in=PoolMember.objects.filter(
                    organisation_id__in=org_ids, status=PoolMember.Status.DECLINED
                ).values("pool_id")
            )
            .distinct()
            .get(pk=pk)
        )
    except Pool.DoesNotExist as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class PoolTotals:
    """What the initiatives that joined bring together."""

    initiatives: int
    members: int
    budget_min: Decimal
    budget_max: Decimal


def pool_members(*, pool: Pool) -> list[PoolMember]:
    return list(
        pool.members.select_related("organisation", "need", "need__province").order_by(
            "created_at", "pk"
        )
    )


def pool_totals(*, members: list[PoolMember]) -> PoolTotals:
    joined = [m for m in members if m.status == PoolMember.Status.JOINED]
    return PoolTotals(
        initiatives=len(joined),
        members=sum(m.organisation.member_count or 0 for m in joined),
        budget_min=sum((m.need.budget_min or Decimal(0) for m in joined), Decimal(0)),
        budget_max=sum(
            (m.need.budget_max or m.need.budget_min or Decimal(0) for m in joined), Decimal(0)
        ),
    )


def pool_messages(*, pool: Pool) -> QuerySet[PoolMessage]:
    return pool.messages.select_related("author", "organisation")


def pools_for_need(*, need: Need) -> list[Pool]:
    """The pools this need is in (not declined) or is the joint need of, newest first."""
    declined = PoolMember.objects.filter(need=need, status=PoolMember.Status.DECLINED)
    return list(
        Pool.objects.filter(Q(members__need=need) | Q(joint_need=need))
        .exclude(pk__in=declined.values("pool_id"))
        .select_related("joint_need")
        .distinct()
        .order_by("-updated_at")
    )
