"""Writes of the match lifecycle: suggest, express interest, accept or decline, talk, agree, report.

suggested → interested (one side, with a structured message) → introduced (the other side
accepts; contact details and the thread open) or declined (never suggested again) → agreed
(both sides confirm) → fulfilled (with an outcome report) or closed.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from core import ratelimit
from core.validators import validate_text_fields
from notifications.services import notify

from . import notifications as kinds
from .models import (
    SDG,
    ListingStatus,
    Match,
    MatchEvent,
    MatchMessage,
    MatchSide,
    MatchStatus,
    Membership,
    Need,
    Offer,
    OutcomeIndicator,
    OutcomeReport,
    OutcomeVisibility,
)

EXCERPT_CHARS = 160


class MatchTransitionNotAllowed(ValidationError):
    """A step the match's current state does not allow."""


def match_side_of(*, match: Match, user: AbstractBaseUser) -> str | None:
    """Which side of the match the user acts for (None when neither)."""
    org_ids = set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
    if match.need.organisation_id in org_ids:
        return MatchSide.NEED
    if match.offer.organisation_id in org_ids:
        return MatchSide.OFFER
    return None


def _require_side(match: Match, user: AbstractBaseUser) -> str:
    side = match_side_of(match=match, user=user)
    if side is None:
        raise PermissionDenied(_("Only the two organisations of a match can act on it."))
    return side


def _require_status(match: Match, allowed: Iterable[str]) -> None:
    if match.status not in allowed:
        raise MatchTransitionNotAllowed(
            _("This is not possible while the match is %(status)s.")
            % {"status": match.get_status_display().lower()}
        )


def _lock(match: Match) -> Match:
    return Match.objects.select_for_update().select_related(
        "need__organisation", "offer__organisation"
    ).get(pk=match.pk)


def _move(
    match: Match, to_status: str, *, actor: AbstractBaseUser | None, side: str = "", note: str = ""
) -> Match:
    from_status = match.status
    match.status = to_status
    match.save()
    MatchEvent.objects.create(
        match=match, from_status=from_status, to_status=to_status, actor=actor, side=side,
        note=note,
    )
    return match


def _notify(match: Match, *, side: str, kind: str) -> None:
    """Notify the members of one side; e-mail goes out after commit for those who want it."""
    organisation = match.organisation_for(side)
    notify(
        recipients=[m.user for m in organisation.memberships.select_related("user")],
        kind=kind, target=match,
        data={"title": match.need.title, "language": match.need.language,
              "organisation_id": organisation.pk,
              # The digest shows a snippet and, when the matcher gave one, why the pair fits.
              "excerpt": Truncator(match.need.description).chars(EXCERPT_CHARS),
              "why": (match.explanation or {}).get("need_sentence", "")},
    )


def _receives_lead_alerts(offer: Offer) -> bool:
    """Lead alerts are a benefit of the Partner plan (which payments sets on the organisation)."""
    return offer.status == ListingStatus.PUBLISHED and offer.organisation.is_partner


@transaction.atomic
def match_suggest(
    *,
    need: Need,
    offer: Offer,
    score: float | None = None,
    ranker_version: str = "",
    explanation: dict | None = None,
    lead_alert: bool = True,
) -> Match | None:
    """Record (or refresh) the matcher's suggestion; declined pairs are never suggested again.

    A new suggestion alerts a Partner offer's members when `lead_alert` (the matcher asks for it
    for strong leads only)."""
    match, created = Match.objects.get_or_create(
        need=need,
        offer=offer,
        defaults={"score": score, "ranker_version": ranker_version,
                  "explanation": explanation or {}},
    )
    if created:
        MatchEvent.objects.create(match=match, to_status=MatchStatus.SUGGESTED, actor=None)
        if lead_alert and _receives_lead_alerts(offer):
            _notify(match, side=MatchSide.OFFER, kind=kinds.LEAD)
        return match
    if match.status == MatchStatus.DECLINED:
        return None
    match.score, match.ranker_version = score, ranker_version
    match.explanation = explanation or match.explanation
    match.save(update_fields=["score", "ranker_version", "explanation", "updated_at"])
    return match


@transaction.atomic
def match_express_interest(
    *,
    need: Need,
    offer: Offer,
    actor: AbstractBaseUser,
    proposal: str,
    timing: str = "",
    question: str = "",
) -> Match:
    """One side says it is interested, with what it proposes, when, and a question."""
    ratelimit.limit("interest", account=actor.pk)
    if need.status != ListingStatus.PUBLISHED or offer.status != ListingStatus.PUBLISHED:
        raise MatchTransitionNotAllowed(_("Both the need and the offer must be published."))
    if not (proposal or "").strip():
        raise ValidationError({"proposal": _("Say briefly what you propose.")})
    match, created = Match.objects.get_or_create(need=need, offer=offer)
    match = _lock(match)
    side = _require_side(match, actor)
    if match.status == MatchStatus.DECLINED:
        raise MatchTransitionNotAllowed(_("This match was declined and cannot be reopened."))
    _require_status(match, [MatchStatus.SUGGESTED])
    message = MatchMessage(
        match=match, author=actor, side=side, proposal=proposal.strip(), timing=timing.strip(),
        question=question.strip(),
    )
    message.full_clean()
    message.save()
    match.interested_side = side
    if match.explanation.get("reasons") and not match.suggested_explanation:
        # Interest from a recommendation: keep what it was suggested with for the match page.
        match.suggested_explanation = dict(match.explanation)
    _move(match, MatchStatus.INTERESTED, actor=actor, side=side)
    _notify(match, side=Match.other(side), kind=kinds.INTEREST)
    return match


@transaction.atomic
def match_accept(*, match: Match, actor: AbstractBaseUser) -> Match:
    """The other side accepts the interest: both are introduced and the thread opens."""
    match = _lock(match)
    side = _require_side(match, actor)
    _require_status(match, [MatchStatus.INTERESTED])
    if side == match.interested_side:
        raise PermissionDenied(_("The other organisation has to accept your interest."))
    _move(match, MatchStatus.INTRODUCED, actor=actor, side=side)
    _notify(match, side=Match.other(side), kind=kinds.ACCEPTED)
    return match


@transaction.atomic
def match_decline(*, match: Match, actor: AbstractBaseUser, note: str = "") -> Match:
    """Say "no thanks": the pair is never suggested again."""
    validate_text_fields(multi_line={"note": note})
    match = _lock(match)
    side = _require_side(match, actor)
    _require_status(match, Match.OPEN_STATUSES)
    match.declined_side = side
    was_interested = match.status == MatchStatus.INTERESTED
    _move(match, MatchStatus.DECLINED, actor=actor, side=side, note=note.strip())
    if was_interested and match.interested_side != side:
        _notify(match, side=match.interested_side, kind=kinds.DECLINED)
    return match


@transaction.atomic
def match_message_send(*, match: Match, actor: AbstractBaseUser, body: str) -> MatchMessage:
    """Write in an open conversation."""
    ratelimit.limit("message", account=actor.pk)
    match = _lock(match)
    side = _require_side(match, actor)
    _require_status(match, Match.CONVERSATION_STATUSES)
    if not (body or "").strip():
        raise ValidationError({"body": _("Write a message first.")})
    message = MatchMessage(match=match, author=actor, side=side, body=body.strip())
    message.full_clean()
    message.save()
    match.save(update_fields=["updated_at"])
    _notify(match, side=Match.other(side), kind=kinds.MESSAGE)
    return message


@transaction.atomic
def match_agree(*, match: Match, actor: AbstractBaseUser) -> Match:
    """Confirm the deal for one's side; it is agreed once both sides confirmed."""
    match = _lock(match)
    side = _require_side(match, actor)
    _require_status(match, [MatchStatus.INTRODUCED])
    if side == MatchSide.NEED:
        match.agreed_by_need = True
    else:
        match.agreed_by_offer = True
    match.save(update_fields=["agreed_by_need", "agreed_by_offer", "updated_at"])
    if match.agreed_by_need and match.agreed_by_offer:
        _move(match, MatchStatus.AGREED, actor=actor, side=side)
        _notify(match, side=Match.other(side), kind=kinds.AGREED)
    else:  # the first confirmation is a step of the history too
        MatchEvent.objects.create(match=match, from_status=match.status, to_status=match.status,
                                  actor=actor, side=side)
    return match


def _as_int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


@transaction.atomic
def match_fulfil(
    *,
    match: Match,
    actor: AbstractBaseUser,
    delivered: str,
    indicators: Iterable[dict[str, Any]] = (),
    visibility: str = OutcomeVisibility.TOTALS,
) -> Match:
    """Report what the agreed deal delivered (indicators per SDG) and mark it fulfilled.

    `visibility` says who sees the outcome: by default its figures count in the public totals
    while the details stay with the two organisations (`OutcomeVisibility`).
    """
    match = _lock(match)
    side = _require_side(match, actor)
    _require_status(match, [MatchStatus.AGREED])
    report = OutcomeReport(
        match=match, delivered=(delivered or "").strip(), reported_by=actor, visibility=visibility
    )
    report.full_clean(exclude=["match"])
    report.save()
    sdgs = {sdg.number: sdg for sdg in SDG.objects.all()}
    for n, item in enumerate(indicators, start=1):
        values = [item.get(name) for name in ("indicator", "value", "sdg")]
        if any(value in (None, "") for value in values):
            raise ValidationError(
                {
                    "indicators": _("Indicator %(n)s: fill in the indicator, its value and its SDG.")
                    % {"n": n}
                }
            )
        sdg = sdgs.get(_as_int(item["sdg"]))
        if sdg is None:
            raise ValidationError({"indicators": _("Choose an SDG for every indicator.")})
        try:
            value = Decimal(str(item["value"]))
        except InvalidOperation:
            raise ValidationError(
                {"indicators": _("Indicator %(n)s: the value must be a number.") % {"n": n}}
            ) from None
        indicator = OutcomeIndicator(
            report=report, indicator=item["indicator"], value=value, sdg=sdg,
        )
        indicator.full_clean(exclude=["report"])
        indicator.save()
    _move(match, MatchStatus.FULFILLED, actor=actor, side=side)
    _notify(match, side=Match.other(side), kind=kinds.FULFILLED)
    return match


# From most to least public: after fulfilment either side may only move down this list.
VISIBILITY_ORDER = (OutcomeVisibility.PUBLIC, OutcomeVisibility.TOTALS, OutcomeVisibility.PRIVATE)


@transaction.atomic
def outcome_restrict_visibility(*, match: Match, actor: AbstractBaseUser, visibility: str) -> Match:
    """Make a fulfilled match's outcome more private; either side may, neither may widen it.

    The side that reported the outcome chose its visibility; the other side never agreed to
    more than that, so afterwards it can only be narrowed (public → totals → private).
    """
    match = _lock(match)
    _require_side(match, actor)
    _require_status(match, [MatchStatus.FULFILLED])
    if visibility not in VISIBILITY_ORDER:
        raise ValidationError({"visibility": _("Choose who may see this outcome.")})
    report = OutcomeReport.objects.select_for_update().get(match=match)
    if VISIBILITY_ORDER.index(visibility) < VISIBILITY_ORDER.index(report.visibility):
        raise ValidationError(
            {"visibility": _("An outcome can only be made more private once it is recorded.")}
        )
    if report.visibility != visibility:
        report.visibility = visibility
        report.save(update_fields=["visibility"])
        match.save(update_fields=["updated_at"])
    return match


@transaction.atomic
def match_close(*, match: Match, actor: AbstractBaseUser, note: str = "") -> Match:
    """End a conversation without a deal."""
    validate_text_fields(multi_line={"note": note})
    match = _lock(match)
    side = _require_side(match, actor)
    # Once both sides confirmed the deal, what remains is reporting what it achieved.
    _require_status(match, [MatchStatus.INTRODUCED])
    return _move(match, MatchStatus.CLOSED, actor=actor, side=side, note=note.strip())
