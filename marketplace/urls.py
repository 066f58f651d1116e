from django.urls import path

from . import follow_views, match_views, pool_views, report_views, views

app_name = "marketplace"

urlpatterns = [
    # Home, the public need and organisation pages, the dashboard and the manage pages combine several apps: they
    # live in web/ (web/urls.py), served in this namespace by config/urls.py.
    # Public browse and detail pages
    path("offers/", views.offer_list, name="offer_list"),
    path("offers/<slug:slug>/", views.offer_detail, name="offer_detail"),
    path("needs/", views.need_list, name="need_list"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("placeholders/<slug:slug>.svg", views.theme_placeholder, name="theme_placeholder"),
    # The member's own workspace
    path("dashboard/onboarding/dismiss/", views.onboarding_dismiss, name="onboarding_dismiss"),
    path("dashboard/organisation/", views.organisation_edit, name="organisation_edit"),
    path("dashboard/members/", views.members, name="members"),
    path("dashboard/offers/new/", views.offer_create, name="offer_create"),
    path("dashboard/offers/<int:pk>/edit/", views.offer_edit, name="offer_edit"),
    path("dashboard/needs/new/", views.need_create, name="need_create"),
    path("dashboard/needs/<int:pk>/edit/", views.need_edit, name="need_edit"),
    # Matches: interest, introductions, conversations, outcomes
    path("dashboard/matches/", match_views.match_list, name="match_list"),
    path("matches/start/", match_views.match_start, name="match_start"),
    path("matches/<int:pk>/", match_views.match_detail, name="match_detail"),
    path("matches/<int:pk>/<str:action>/", match_views.match_action, name="match_action"),
    # Demand pooling: initiatives with similar needs join forces (started from a need's page)
    path("pools/<int:pk>/", pool_views.pool_detail, name="pool_detail"),
    path("pools/<int:pk>/<str:action>/", pool_views.pool_action, name="pool_action"),
    # Report content (POST only): kind is offer, need, organisation or message
    path("report/<str:kind>/<int:pk>/", report_views.report_create, name="report"),
    # Follow or unfollow (POST only): kind is organisation or theme
    path("follow/<str:kind>/<slug:slug>/", follow_views.follow_toggle, name="follow"),
    # Lifecycle actions (POST only): kind is "offers" or "needs"; action is submit, close, renew
    path(
        "dashboard/<str:kind>/<int:pk>/<str:action>/",
        views.listing_action,
        name="listing_action",
    ),
]
