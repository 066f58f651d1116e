"""Dashboard pages for an organisation's API keys and webhooks: members read, owners change.

A new key (and a new webhook's signing secret) is shown once, on the page that answers the POST
that made it; afterwards only its prefix is shown.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace import selectors as marketplace_selectors
from marketplace.forms import add_service_errors
from marketplace.models import Organisation

from . import selectors, services
from .forms import ApiKeyForm, WebhookEndpointForm


def _organisation(request: HttpRequest) -> tuple[Organisation, bool]:
    organisation = marketplace_selectors.user_organisation(request.user)
    if organisation is None:
        raise Http404
    return organisation, marketplace_selectors.user_is_owner(request.user, organisation)


def _require_owner(is_owner: bool) -> None:
    if not is_owner:
        raise PermissionDenied(_("Only an owner of the organisation may manage API keys and webhooks."))


@login_required
def api_keys(request: HttpRequest) -> HttpResponse:
    """The organisation's keys; owners create one here (shown once) and revoke them."""
    organisation, is_owner = _organisation(request)
    form = ApiKeyForm(request.POST or None) if is_owner else None
    new_key = ""
    if request.method == "POST":
        _require_owner(is_owner)
        if form.is_valid():
            try:
                _key, new_key = services.api_key_create(
                    organisation=organisation, actor=request.user,
                    name=form.cleaned_data["name"], scope=form.cleaned_data["scope"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                form = ApiKeyForm()
    return render(request, "api/api_keys.html", {
        "organisation": organisation,
        "is_owner": is_owner,
        "form": form,
        "new_key": new_key,
        "keys": selectors.api_keys_for_organisation(organisation=organisation),
    })


@require_POST
@login_required
def api_key_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, is_owner = _organisation(request)
    key = selectors.api_key_get_for_organisation(pk=pk, organisation=organisation)
    _require_owner(is_owner)
    services.api_key_revoke(key=key, actor=request.user)
    messages.success(request, _("The key “%(name)s” is revoked.") % {"name": key.name})
    return redirect("api:keys")


@login_required
def webhooks(request: HttpRequest) -> HttpResponse:
    """The organisation's webhook endpoints and the log of recent deliveries."""
    organisation, is_owner = _organisation(request)
    form = WebhookEndpointForm(request.POST or None) if is_owner else None
    new_endpoint = None
    if request.method == "POST":
        _require_owner(is_owner)
        if form.is_valid():
            try:
                new_endpoint = services.webhook_endpoint_create(
                    organisation=organisation, actor=request.user,
                    url=form.cleaned_data["url"], events=form.cleaned_data["events"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                form = WebhookEndpointForm()
    return _webhooks_page(request, organisation, is_owner, form=form, new_endpoint=new_endpoint)


def _webhooks_page(
    request: HttpRequest,
    organisation: Organisation,
    is_owner: bool,
    *,
    form: WebhookEndpointForm | None,
    new_endpoint=None,
    rolled_endpoint=None,
) -> HttpResponse:
    return render(request, "api/webhooks.html", {
        "organisation": organisation,
        "is_owner": is_owner,
        "form": form,
        "new_endpoint": new_endpoint,
        "rolled_endpoint": rolled_endpoint,
        "now_time": timezone.now(),
        "endpoints": selectors.webhook_endpoints_for_organisation(organisation=organisation),
        "deliveries": selectors.webhook_deliveries_for_organisation(organisation=organisation),
    })


@require_POST
@login_required
def webhook_roll_secret(request: HttpRequest, pk: int) -> HttpResponse:
    """A new signing secret, shown once on the page this POST answers; the old one signs 24 h more."""
    organisation, is_owner = _organisation(request)
    endpoint = selectors.webhook_endpoint_get_for_organisation(pk=pk, organisation=organisation)
    _require_owner(is_owner)
    grace = services.WEBHOOK_SECRET_GRACE if request.POST.get("now") != "1" else timedelta(0)
    endpoint = services.webhook_secret_roll(endpoint=endpoint, actor=request.user, grace=grace)
    response = _webhooks_page(
        request, organisation, is_owner, form=WebhookEndpointForm(), rolled_endpoint=endpoint
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def webhook_delete(request: HttpRequest, pk: int) -> HttpResponse:
    organisation, is_owner = _organisation(request)
    endpoint = selectors.webhook_endpoint_get_for_organisation(pk=pk, organisation=organisation)
    _require_owner(is_owner)
    services.webhook_endpoint_delete(endpoint=endpoint, actor=request.user)
    messages.success(request, _("The webhook is deleted."))
    return redirect("api:webhooks")
