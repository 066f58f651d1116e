"""Follow or unfollow an organisation or a theme (POST only), then back to the page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import follow_services
from .models import Organisation, Theme
from .report_views import _back


@require_POST
@login_required
def follow_toggle(request: HttpRequest, kind: str, slug: str) -> HttpResponse:
    if kind == "organisation":
        target = {"organisation": get_object_or_404(Organisation, slug=slug, is_hidden=False)}
    elif kind == "theme":
        target = {"theme": get_object_or_404(Theme, slug=slug)}
    else:
        raise Http404
    name = str(next(iter(target.values())))
    if request.POST.get("action") == "unfollow":
        follow_services.unfollow(user=request.user, **target)
        messages.success(request, _("You no longer follow %(name)s.") % {"name": name})
    else:
        follow_services.follow(user=request.user, **target)
        messages.success(
            request,
            _("You follow %(name)s: its new listings come in your digest.") % {"name": name},
        )
    return redirect(_back(request))
