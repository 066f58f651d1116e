"""The marketplace in the Wagtail admin: review queue, item history and verification for hub editors."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import include, path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem

from . import admin_views, selectors
from .admin_views import REVIEW_PERMISSION

app_name = "marketplace_admin"
urlpatterns = [
    path("review/", admin_views.ReviewQueueView.as_view(), name="queue"),
    path("items/", admin_views.ItemListView.as_view(), name="items"),
    path("review/<str:kind>/<int:pk>/", admin_views.ItemView.as_view(), name="item"),
    path(
        "review/<str:kind>/<int:pk>/approve/", admin_views.ApproveView.as_view(), name="approve"
    ),
    path("review/<str:kind>/<int:pk>/reject/", admin_views.RejectView.as_view(), name="reject"),
    path("reports/", admin_views.ReportQueueView.as_view(), name="reports"),
    path(
        "reports/<int:pk>/<str:action>/",
        admin_views.ReportDecideView.as_view(),
        name="report_decide",
    ),
    path("organisations/", admin_views.OrganisationListView.as_view(), name="organisations"),
    path(
        "organisations/<int:pk>/verify/",
        admin_views.OrganisationVerifyView.as_view(),
        name="organisation_verify",
    ),
]


@hooks.register("register_admin_urls")
def register_admin_urls() -> list:
    return [path("marketplace/", include((urlpatterns, app_name), namespace=app_name))]


class EditorMenuItem(MenuItem):
    """A menu item only hub editors see."""

    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(REVIEW_PERMISSION)


class ReviewQueueMenuItem(EditorMenuItem):
    """The review queue, labelled with how many items wait."""

    def render_component(self, request: HttpRequest) -> LinkMenuItem:
        # Menu items are shared between requests: build the counted label per request.
        count = selectors.review_queue_count()
        label = gettext("Review queue (%(count)s)") % {"count": count} if count else self.label
        return LinkMenuItem(
            self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs
        )


@hooks.register("register_admin_menu_item")
def register_review_queue_menu_item() -> MenuItem:
    return ReviewQueueMenuItem(
        _("Review queue"),
        reverse("marketplace_admin:queue"),
        name="marketplace-review-queue",
        icon_name="tasks",
        order=150,
    )


@hooks.register("register_admin_menu_item")
def register_marketplace_menu() -> MenuItem:
    menu = Menu(
        items=[
            EditorMenuItem(
                _("All offers and needs"),
                reverse("marketplace_admin:items"),
                name="marketplace-items",
                icon_name="list-ul",
                order=100,
            ),
            EditorMenuItem(
                _("Reports"),
                reverse("marketplace_admin:reports"),
                name="marketplace-reports",
                icon_name="warning",
                order=150,
            ),
            EditorMenuItem(
                _("Organisations"),
                reverse("marketplace_admin:organisations"),
                name="marketplace-organisations",
                icon_name="group",
                order=200,
            ),
        ]
    )
    return SubmenuMenuItem(
        _("Marketplace"), menu, name="marketplace", icon_name="folder-open-1", order=160
    )


@hooks.register("construct_homepage_panels")
def add_review_queue_panel(request: HttpRequest, panels: list[Any]) -> None:
    if request.user.has_perm(REVIEW_PERMISSION):
        panels.append(admin_views.ReviewQueuePanel())


@hooks.register("register_log_actions")
def register_verification_log_actions(actions: Any) -> None:
    actions.register_action(
        "marketplace.verify", _("Verify organisation"), _("Organisation verified")
    )
    actions.register_action(
        "marketplace.unverify", _("Unverify organisation"), _("Organisation no longer verified")
    )
