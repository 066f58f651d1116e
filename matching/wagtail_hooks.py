"""The matcher in the Wagtail admin: ranker versions with their figures, and switching back."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

app_name = "matching_admin"
urlpatterns = [
    path("rankers/", admin_views.RankerListView.as_view(), name="rankers"),
    path("rankers/<int:pk>/activate/", admin_views.RankerActivateView.as_view(), name="activate"),
]


@hooks.register("register_admin_urls")
def register_admin_urls() -> list:
    return [path("matching/", include((urlpatterns, app_name), namespace=app_name))]


class RankerMenuItem(MenuItem):
    """Shown to those who may switch the ranker."""

    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(admin_views.ACTIVATE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_rankers_menu_item() -> MenuItem:
    return RankerMenuItem(
        _("Rankers"), reverse("matching_admin:rankers"), name="matching-rankers",
        icon_name="pick", order=900,
    )
