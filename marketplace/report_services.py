"""Reports of content: anybody logged in reports a listing, an organisation or a message.

After `settings.MARKETPLACE_REPORTS_TO_HIDE` independent open reports (distinct reporters of
distinct organisations) the content leaves the public pages until a hub editor reviews it:
upheld keeps it hidden, dismissed shows it again. Each reporter is told the outcome.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import ratelimit
from core.validators import validate_text_fields
from notifications.services import notify

from . import notifications as kinds
from . import selectors
from .changes import SUBJECTS, change_record
from .models import ContentReport, MatchMessage, Need, Offer, Organisation

REPORTABLE: tuple[type[models.Model], ...] = (Offer, Need, Organisation, MatchMessage)


def _independent_reports(*, content_type: ContentType, object_id: int) -> int:
    """Open reports that count: one per organisation; people without one count on their own."""
    rows = ContentReport.objects.filter(
        content_type=content_type, object_id=object_id, status=ContentReport.Status.OPEN
    ).values_list("reporter_id", "reporter_organisation_id")
    return len({f"org:{org}" if org else f"user:{user}" for user, org in rows})


def _set_hidden(target: models.Model, hidden: bool) -> None:
    if target.is_hidden == hidden:
        return
    target.is_hidden = hidden
    fields = ["is_hidden"]
    if hasattr(target, "updated_at"):
        fields.append("updated_at")
    target.save(update_fields=fields)
    if type(target) in SUBJECTS:
        # Search and the matcher drop (or bring back) what they derived from it.
        change_record(instance=target)


def _target_label(target: models.Model) -> str:
    if isinstance(target, MatchMessage):
        return _("a message about “%(title)s”") % {"title": target.match.need.title}
    return str(target)


@transaction.atomic
def content_report(
    *, reporter: AbstractBaseUser, target: models.Model, reason: str, note: str = ""
) -> ContentReport:
    """Report content; it is hidden once enough independent people have reported it."""
    if not reporter.is_authenticated:
        raise PermissionDenied(_("Log in to report content."))
    if not isinstance(target, REPORTABLE):
        raise ValidationError(_("This cannot be reported."))
    if reason not in ContentReport.Reason.values:
        raise ValidationError({"reason": _("Choose a reason.")})
    note = (note or "").strip()
    validate_text_fields(multi_line={"note": note})
    ratelimit.limit("content_report", account=reporter.pk)
    target = type(target).objects.select_for_update().get(pk=target.pk)
    content_type = ContentType.objects.get_for_model(target)
    already = ContentReport.objects.filter(
        content_type=content_type, object_id=target.pk, reporter=reporter,
        status=ContentReport.Status.OPEN,
    ).exists()
    if already:
        raise ValidationError(_("You have reported this already; a moderator will look at it."))
    report = ContentReport(
        content_type=content_type, object_id=target.pk, reporter=reporter,
        reporter_organisation=selectors.user_organisation(reporter), reason=reason, note=note,
    )
    report.full_clean()
    report.save()
    needed = settings.MARKETPLACE_REPORTS_TO_HIDE
    if _independent_reports(content_type=content_type, object_id=target.pk) >= needed:
        _set_hidden(target, True)
    return report


def _decide(*, report: ContentReport, actor: AbstractBaseUser, status: str) -> int:
    if not actor.has_perm("marketplace.review_listing"):
        raise PermissionDenied(_("Only hub editors review reports."))
    report = ContentReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ContentReport.Status.OPEN:
        raise ValidationError(_("This report has been reviewed already."))
    target = report.content_type.model_class().objects.select_for_update().get(
        pk=report.object_id
    )
    _set_hidden(target, status == ContentReport.Status.UPHELD)
    # One decision closes every open report about the same content.
    reports = list(
        ContentReport.objects.select_for_update()
        .filter(content_type=report.content_type, object_id=report.object_id,
                status=ContentReport.Status.OPEN)
        .select_related("reporter")
    )
    now = timezone.now()
    ContentReport.objects.filter(pk__in=[r.pk for r in reports]).update(
        status=status, reviewed_by=actor, reviewed_at=now
    )
    kind = kinds.REPORT_UPHELD if status == ContentReport.Status.UPHELD else kinds.REPORT_DISMISSED
    notify(
        recipients=[r.reporter for r in reports], kind=kind, target=target,
        data={"title": _target_label(target)}, actor=actor,
    )
    return len(reports)


@transaction.atomic
def report_uphold(*, report: ContentReport, actor: AbstractBaseUser) -> int:
    """A hub editor agrees: the content stays hidden; every open report about it is closed."""
    return _decide(report=report, actor=actor, status=ContentReport.Status.UPHELD)


@transaction.atomic
def report_dismiss(*, report: ContentReport, actor: AbstractBaseUser) -> int:
    """A hub editor disagrees: the content is public again; every open report about it closes."""
    return _decide(report=report, actor=actor, status=ContentReport.Status.DISMISSED)
