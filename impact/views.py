"""The impact pages: the public dashboard at /impact/ and an organisation's printable handprint.

Thin: selectors in, template (or CSV) out. Anonymous visitors get the public figures; the page
cache (cms.pagecache) keeps their answer until public content changes. Reads never write.
"""

from __future__ import annotations

import csv
from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from marketplace.models import Indicator
from marketplace.selectors import organisation_get_public

from . import charts, selectors


def _metric(request: HttpRequest) -> str:
    metric = request.GET.get("metric", selectors.DEALS)
    return metric if metric in selectors.METRICS else selectors.DEALS


def _metric_label(metric: str) -> str:
    return _("fulfilled deals") if metric == selectors.DEALS else str(Indicator(metric).label)


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Platform totals per SDG and indicator, per province, per theme and per month."""
    impact = selectors.platform_impact()
    metric = _metric(request)

    def chart(groups, label=lambda group: group.label):
        shown = [group for group in groups if group.value(metric)]
        return charts.bar_chart([(label(group), group.value(metric)) for group in shown])

    months = [
        (formats.date_format(group.key, "M Y"), group.value(metric)) for group in impact.by_month
    ]
    return render(request, "impact/index.html", {
        "impact": impact,
        "metric": metric,
        "metric_label": _metric_label(metric),
        "metrics": [(code, _metric_label(code)) for code in selectors.METRICS],
        "sdg_chart": chart(impact.by_sdg, lambda group: _("SDG %(number)s") % {
            "number": group.key}),
        "province_chart": chart(impact.by_province),
        "theme_chart": chart(impact.by_theme),
        "month_chart": charts.column_chart(months) if months else None,
        "indicator_labels": [str(label) for label in Indicator.labels],
    })


def _handprint_context(request: HttpRequest, slug: str) -> dict:
    organisation = organisation_get_public(slug=slug)
    full = selectors.viewer_is_member(organisation=organisation, user=request.user)
    return {
        "organisation": organisation,
        "handprint": selectors.organisation_handprint(organisation=organisation, full=full),
        "track_record": selectors.organisation_track_record(organisation=organisation),
    }


@require_safe
def handprint(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's handprint as a printable page (for funders and annual reports)."""
    return render(request, "impact/handprint.html", _handprint_context(request, slug))


def _plain(value: Decimal) -> str:
    """A number for a spreadsheet: no thousands separator, a point, no needless decimals."""
    return f"{value.normalize():f}"


@require_safe
def handprint_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The handprint as CSV: a row per SDG and indicator (totals), then a row per deal line."""
    context = _handprint_context(request, slug)
    handprint = context["handprint"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="handprint-{handprint.organisation.slug}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow([
        _("row"), _("date"), _("SDG"), _("SDG name"), _("indicator code"), _("indicator"),
        _("value"), _("deals"), _("need"), _("offer"), _("partner organisation"),
    ])
    for item in handprint.sdgs:
        for value in item.indicators:
            writer.writerow([
                _("total"), "", item.sdg.number, item.sdg.name, value.indicator, value.label,
                _plain(value.value), item.deals, "", "", "",
            ])
    for deal in handprint.deals:
        for line in deal.lines:
            writer.writerow([
                _("deal"), deal.fulfilled_at.date().isoformat(), line.sdg.number, line.sdg.name,
                line.indicator, line.label, _plain(line.value), "", deal.need_title,
                deal.offer_title, deal.partner.name,
            ])
    return response
