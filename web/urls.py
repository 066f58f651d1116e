"""The combined pages. config/urls.py serves them in the "marketplace" namespace, so their names
(marketplace:home, marketplace:need_manage, ...) stayed what they were before the move."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("needs/<slug:slug>/", views.need_detail, name="need_detail"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("style/", views.StyleGuideView.as_view(), name="style_guide"),
    path("dashboard/offers/<int:pk>/", views.offer_manage, name="offer_manage"),
    path("dashboard/needs/<int:pk>/", views.need_manage, name="need_manage"),
    path("dashboard/join-forces/<int:pk>/", views.need_join_forces, name="need_join_forces"),
    path("dashboard/export/", views.export_index, name="export_index"),
    path("dashboard/export/<slug:what>.<slug:fmt>", views.export_download, name="export_download"),
    path("dashboard/import/", views.listing_import, name="listing_import"),
    path("dashboard/import/template.<slug:fmt>", views.import_template, name="import_template"),
]
