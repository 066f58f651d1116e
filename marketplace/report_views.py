"""Report content (POST only): listings, organisations and the messages of one's own matches."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import report_selectors, report_services
from .forms import ReportForm

HIDDEN_GOES_TO = {
    "offer": "marketplace:offer_list",
    "need": "marketplace:need_list",
    "organisation": "marketplace:organisation_list",
}


def _back(request: HttpRequest) -> str:
    """The page of this site the form came from, else the home page."""
    back = request.POST.get("back", "")
    if back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return reverse("marketplace:home")


@require_POST
@login_required
def report_create(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    target = report_selectors.report_target_get(kind=kind, pk=pk, user=request.user)
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a reason to report this."))
        return redirect(_back(request))
    try:
        report = report_services.content_report(
            reporter=request.user, target=target, reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_back(request))
    messages.success(
        request, _("Thank you. A moderator will look at your report and tell you the outcome.")
    )
    if kind in HIDDEN_GOES_TO and report.target.is_hidden:
        # Its page is gone now: back to the list instead of a 404.
        return redirect(HIDDEN_GOES_TO[kind])
    return redirect(_back(request))
