"""The rankers in the Wagtail admin: every trained version with its figures, and switching back."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin import messages
from wagtail.admin.auth import permission_required
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import ranking, services
from .models import RankerArtifact

ACTIVATE_PERMISSION = "matching.activate_ranker"
rankers_only = method_decorator(permission_required(ACTIVATE_PERMISSION), name="dispatch")

HOME = {"url": reverse_lazy("wagtailadmin_home"), "label": _("Home")}
RANKERS = {"url": reverse_lazy("matching_admin:rankers"), "label": _("Rankers")}


def _artifact_or_builtin(pk: int) -> RankerArtifact | None:
    """The stored ranker `pk`, or None for 0 (the built-in default ranker)."""
    if pk == 0:
        return None
    artifact = RankerArtifact.objects.filter(pk=pk).first()
    if artifact is None:
        raise Http404
    return artifact


@rankers_only
class RankerListView(WagtailAdminTemplateMixin, TemplateView):
    """Every ranker version with the figures it was judged by (read-only) and which is active."""

    template_name = "matching/admin/rankers.html"
    page_title = _("Rankers")
    header_icon = "pick"
    breadcrumbs_items = [HOME, RANKERS]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        artifacts = list(RankerArtifact.objects.all())
        context["artifacts"] = artifacts
        context["builtin_version"] = ranking.DEFAULT_RANKER.version
        context["builtin_active"] = not any(a.is_active for a in artifacts)
        return context


@rankers_only
class RankerActivateView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm (GET) and switch (POST, through the service) the active ranker."""

    template_name = "matching/admin/activate.html"
    page_title = _("Switch the active ranker")
    header_icon = "pick"
    breadcrumbs_items = [HOME, RANKERS]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        artifact = _artifact_or_builtin(self.kwargs["pk"])
        context["artifact"] = artifact
        context["version"] = artifact.version if artifact else ranking.DEFAULT_RANKER.version
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        artifact = _artifact_or_builtin(pk)
        try:
            services.ranker_activate(artifact=artifact, actor=request.user)
        except PermissionDenied:
            messages.error(request, gettext("You may not switch the ranker."))
            return redirect("matching_admin:rankers")
        version = artifact.version if artifact else ranking.DEFAULT_RANKER.version
        messages.success(
            request,
            gettext("%(version)s is now the active ranker. Lists change at their next refresh.")
            % {"version": version},
        )
        return redirect("matching_admin:rankers")
