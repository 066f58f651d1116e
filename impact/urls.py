"""Public impact pages: /impact/ (platform totals) and /impact/map/ (unmet demand)."""

from django.urls import path

from . import map_views

app_name = "impact"

urlpatterns: list = [
    path("map/", map_views.unmet_map, name="map"),
]
