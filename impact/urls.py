"""Public impact pages: /impact/ (platform totals) and /impact/map/ (unmet demand)."""

app_name = "impact"

urlpatterns: list = []
