"""Public impact pages: /impact/ (platform totals) and /impact/map/ (unmet demand)."""

from django.urls import path

from . import map_views, views

app_name = "impact"

urlpatterns: list = [
    path("", views.index, name="index"),
    path("organisations/<slug:slug>/", views.handprint, name="handprint"),
    path("organisations/<slug:slug>/handprint.csv", views.handprint_csv, name="handprint_csv"),
    path("map/", map_views.unmet_map, name="map"),
]
