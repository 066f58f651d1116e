"""The hub editors' review in the Wagtail admin: queue, item and history, approval, verification."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from wagtail.admin import messages
from wagtail.admin.auth import permission_required
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.validators import validate_multi_line

from . import report_selectors, report_services, selectors, services
from .models import InitiativeKind, LegalForm, Listing, ListingStatus, Offer

REVIEW_PERMISSION = "marketplace.review_listing"

# Wagtail's own check: without the permission, back to the admin home with a message.
editors_only = method_decorator(permission_required(REVIEW_PERMISSION), name="dispatch")

HOME = {"url": reverse_lazy("wagtailadmin_home"), "label": _("Home")}
QUEUE = {"url": reverse_lazy("marketplace_admin:queue"), "label": _("Review queue")}


@dataclass(frozen=True)
class ListingRow:
    """An offer or need as a row in the admin lists."""

    listing: Listing
    submitted_at: datetime.datetime | None = None

    @property
    def kind(self) -> str:
        return selectors.listing_review_kind(self.listing)

    @property
    def kind_label(self) -> str:
        return gettext("Offer") if isinstance(self.listing, Offer) else gettext("Need")

    @property
    def url(self) -> str:
        return reverse("marketplace_admin:item", args=[self.kind, self.listing.pk])


def _messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def _labels(choices: type[models.TextChoices], values: list[str]) -> list[str]:
    return [str(dict(choices.choices).get(value, value)) for value in values]


def _form_messages(form: forms.Form) -> str:
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"),
        help_text=_("The author sees this reason and can improve the item."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        validators=[validate_multi_line],
        error_messages={"required": _("Tell the author why, so they can improve it.")},
    )


class ItemFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Offers and needs")), ("offers", _("Offers")), ("needs", _("Needs"))],
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *ListingStatus.choices]
    )


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or KvK number"), required=False, max_length=100)
    verified = forms.ChoiceField(
        label=_("Verified"),
        required=False,
        choices=[("", _("All")), ("yes", _("Verified")), ("no", _("Not verified"))],
    )


@editors_only
class ReviewQueueView(WagtailAdminTemplateMixin, TemplateView):
    """Submitted offers and needs waiting for a hub editor, oldest first."""

    template_name = "marketplace/admin/queue.html"
    page_title = _("Review queue")
    header_icon = "tasks"
    breadcrumbs_items = [HOME, QUEUE]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        queue = selectors.review_queue()
        submitted = selectors.listing_submission_times(listings=queue)
        context["rows"] = [ListingRow(item, submitted.get(item)) for item in queue]
        return context


@editors_only
class ItemListView(WagtailAdminTemplateMixin, TemplateView):
    """Every offer and need, searchable, to look up any item's history."""

    template_name = "marketplace/admin/items.html"
    page_title = _("All offers and needs")
    header_icon = "list-ul"
    breadcrumbs_items = [
        HOME,
        {"url": reverse_lazy("marketplace_admin:items"), "label": _("All offers and needs")},
    ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = ItemFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        context["filter_form"] = form if form.is_bound else ItemFilterForm()
        context["rows"] = [
            ListingRow(item)
            for item in selectors.listing_list_for_review(
                q=filters.get("q", ""),
                kind=filters.get("kind", ""),
                status=filters.get("status", ""),
            )
        ]
        return context


@editors_only
class ItemView(WagtailAdminTemplateMixin, TemplateView):
    """One offer or need in full, with its whole history and, when submitted, the review forms."""

    template_name = "marketplace/admin/item.html"
    header_icon = "doc-full"

    reject_form: RejectForm | None = None

    @cached_property
    def listing(self) -> Listing:
        # Looked up on first use, after the permission check: outsiders learn nothing, not even 404s.
        return selectors.listing_get_for_review(kind=self.kwargs["kind"], pk=self.kwargs["pk"])

    def get_page_title(self) -> str:
        return self.listing.title

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [HOME, QUEUE, {"url": "", "label": self.listing.title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        row = ListingRow(self.listing)
        context.update(
            listing=self.listing,
            row=row,
            is_offer=isinstance(self.listing, Offer),
            organisation=self.listing.organisation,
            history=selectors.listing_history(listing=self.listing),
            can_review=self.listing.status == ListingStatus.SUBMITTED,
            reject_form=self.reject_form or RejectForm(),
            approve_url=reverse("marketplace_admin:approve", args=[row.kind, self.listing.pk]),
            reject_url=reverse("marketplace_admin:reject", args=[row.kind, self.listing.pk]),
            eligible_legal_forms=_labels(
                LegalForm, getattr(self.listing, "eligible_legal_forms", [])
            ),
            eligible_initiative_kinds=_labels(
                InitiativeKind, getattr(self.listing, "eligible_initiative_kinds", [])
            ),
        )
        return context


@editors_only
class ApproveView(View):
    """Publish a submitted item (POST only)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, kind: str, pk: int) -> HttpResponse:
        listing = selectors.listing_get_for_review(kind=kind, pk=pk)
        try:
            services.listing_approve(listing=listing, actor=request.user)
        except ValidationError as error:
            messages.error(
                request,
                gettext("“%(title)s” was not approved: %(error)s")
                % {"title": listing.title, "error": _messages_of(error)},
            )
            return redirect("marketplace_admin:item", kind=kind, pk=pk)
        messages.success(
            request, gettext("“%(title)s” is approved and published.") % {"title": listing.title}
        )
        return redirect("marketplace_admin:queue")


class RejectView(ItemView):
    """Send a submitted item back to its author with a reason (POST only)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, kind: str, pk: int) -> HttpResponse:
        self.reject_form = form = RejectForm(request.POST)
        if form.is_valid():
            try:
                services.listing_reject(
                    listing=self.listing, actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    gettext("“%(title)s” is rejected; the author has been told why.")
                    % {"title": self.listing.title},
                )
                return redirect("marketplace_admin:queue")
        messages.error(
            request,
            gettext("“%(title)s” was not rejected: %(error)s")
            % {"title": self.listing.title, "error": _form_messages(form)},
        )
        # The item may have changed meanwhile: show it as it is now.
        del self.listing
        return self.render_to_response(self.get_context_data())


@editors_only
class OrganisationListView(WagtailAdminTemplateMixin, TemplateView):
    """Organisations with their verification, which decides whether their items need review."""

    template_name = "marketplace/admin/organisations.html"
    page_title = _("Organisations")
    header_icon = "group"
    breadcrumbs_items = [
        HOME,
        {"url": reverse_lazy("marketplace_admin:organisations"), "label": _("Organisations")},
    ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = OrganisationFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        verified = {"yes": True, "no": False}.get(filters.get("verified", ""))
        context["filter_form"] = form if form.is_bound else OrganisationFilterForm()
        context["organisations"] = selectors.organisation_list_for_review(
            q=filters.get("q", ""), verified=verified
        )[:200]
        context["current_url"] = self.request.get_full_path()
        return context


@editors_only
class OrganisationVerifyView(View):
    """Mark an organisation verified or unverified (POST only)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = selectors.organisation_get_for_review(pk=pk)
        verified = request.POST.get("verified") == "1"
        organisation = services.organisation_verify(
            organisation=organisation, actor=request.user, verified=verified
        )
        if organisation.is_verified:
            message = gettext("%(name)s is verified: its items publish without review.")
        else:
            message = gettext("%(name)s is no longer verified: its items wait for review.")
        messages.success(request, message % {"name": organisation.name})
        return redirect(
            get_valid_next_url_from_request(request) or reverse("marketplace_admin:organisations")
        )


class ReviewQueuePanel(Component):
    """Dashboard panel for hub editors: how many items wait for review."""

    name = "marketplace_review_queue"
    template_name = "marketplace/admin/review_panel.html"
    order = 50

    def get_context_data(self, parent_context: dict[str, Any] | None) -> dict[str, Any]:
        return {"count": selectors.review_queue_count()}


REPORTS = {"url": reverse_lazy("marketplace_admin:reports"), "label": _("Reports")}


@editors_only
class ReportQueueView(WagtailAdminTemplateMixin, TemplateView):
    """Reported content waiting for a moderator, oldest report first."""

    template_name = "marketplace/admin/reports.html"
    page_title = _("Reports")
    header_icon = "warning"
    breadcrumbs_items = [HOME, REPORTS]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["rows"] = report_selectors.report_queue()
        return context


@editors_only
class ReportDecideView(View):
    """Uphold (keep the content hidden) or dismiss (show it again) a report (POST only)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        decide = {
            "uphold": report_services.report_uphold, "dismiss": report_services.report_dismiss
        }.get(action)
        if decide is None:
            raise Http404
        report = report_selectors.report_get_open(pk=pk)
        try:
            decide(report=report, actor=request.user)
        except ValidationError as error:
            messages.error(request, _messages_of(error))
        else:
            if action == "uphold":
                messages.success(request, gettext("Report upheld: the content stays hidden."))
            else:
                messages.success(request, gettext("Report dismissed: the content is public again."))
        return redirect("marketplace_admin:reports")
