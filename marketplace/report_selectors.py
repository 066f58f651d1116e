"""Reads for content reports: what may be reported, and the moderators' queue."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count
from django.http import Http404

from . import match_selectors, selectors
from .models import ContentReport, MatchMessage, Need, Offer, Organisation

REPORT_KINDS = ("offer", "need", "organisation", "message")


def report_target_get(*, kind: str, pk: int, user: AbstractBaseUser) -> models.Model:
    """What the user may report: public content, or a message in one of their own matches."""
    try:
        if kind == "offer":
            return selectors.offer_list_public().get(pk=pk)
        if kind == "need":
            return selectors.need_list_public().get(pk=pk)
        if kind == "organisation":
            return Organisation.objects.get(pk=pk, is_hidden=False)
        if kind == "message":
            message = MatchMessage.objects.select_related("match").get(pk=pk, is_hidden=False)
            match_selectors.match_get_for_user(pk=message.match_id, user=user)
            return message
    except (Offer.DoesNotExist, Need.DoesNotExist, Organisation.DoesNotExist,
            MatchMessage.DoesNotExist) as exc:
        raise Http404 from exc
    raise Http404


@dataclass(frozen=True)
class ReportRow:
    """An open report in the moderators' queue, with how many open reports its content has."""

    report: ContentReport
    target: models.Model | None
    open_reports: int

    @property
    def kind_label(self) -> str:
        return str(self.report.content_type.model_class()._meta.verbose_name)


def report_queue() -> list[ReportRow]:
    """Open reports, oldest first, one row per reported content (its first open report)."""
    reports = list(
        ContentReport.objects.filter(status=ContentReport.Status.OPEN)
        .select_related("reporter", "reporter_organisation", "content_type")
        .order_by("created_at", "pk")
    )
    counts = {
        (row["content_type"], row["object_id"]): row["n"]
        for row in ContentReport.objects.filter(status=ContentReport.Status.OPEN)
        .values("content_type", "object_id").annotate(n=Count("pk"))
    }
    firsts: dict[tuple[int, int], ContentReport] = {}
    for report in reports:
        firsts.setdefault((report.content_type_id, report.object_id), report)
    # One query per kind of content, not one per row.
    ids_by_type: dict[int, list[int]] = {}
    for content_type_id, object_id in firsts:
        ids_by_type.setdefault(content_type_id, []).append(object_id)
    targets: dict[tuple[int, int], models.Model] = {}
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        for target in model.objects.filter(pk__in=ids):
            targets[(content_type_id, target.pk)] = target
    return [
        ReportRow(report, targets.get(key), counts.get(key, 1)) for key, report in firsts.items()
    ]


def report_get_open(*, pk: int) -> ContentReport:
    try:
        return ContentReport.objects.get(pk=pk, status=ContentReport.Status.OPEN)
    except ContentReport.DoesNotExist as exc:
        raise Http404 from exc


def report_kind_of(target: models.Model) -> str:
    """The `kind` of the report URL for this content."""
    return {Offer: "offer", Need: "need", Organisation: "organisation",
            MatchMessage: "message"}[type(target)]
