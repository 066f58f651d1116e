"""The impact pages: /impact/ and /en/impact/, handprints on organisation pages, print and CSV."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest

from django.test import Client
from django.urls import reverse
from django.utils import translation

from impact import selectors
from marketplace.models import OutcomeReport
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def kwh(value, sdg=7):
    return {"indicator": "kwh", "value": str(value), "sdg": sdg}


def _get(path: str, user=None) -> str:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def _handprint(html: str) -> str:
    """The handprint section of a page (the organisation page also lists its open needs)."""
    start = html.index('<section class="handprint"')
    return html[start:html.index("</section>", start)]


def _total_on_page(html: str, label: str) -> str:
    """The figure shown beside a label in the totals list of /impact/."""
    found = re.search(r"<dt>" + re.escape(label) + r"</dt><dd>([^<]+)</dd>", html)
    assert found, label
    return found.group(1)


def test_one_fulfilment_moves_the_totals_by_exactly_its_outcome(deal):
    deal(indicators=[kwh(200000), {"indicator": "households", "value": "40", "sdg": 11}],
         visibility="public")
    before = selectors.platform_impact()
    html = _get("/en/impact/")
    assert _total_on_page(html, "kWh generated or saved") == "200,000"
    assert _total_on_page(html, "Fulfilled deals") == "1"

    deal(indicators=[kwh(30000), {"indicator": "co2_kg", "value": "1234.5", "sdg": 13}])

    after = selectors.platform_impact()
    assert after.deals - before.deals == 1
    assert after.total("kwh") - before.total("kwh") == Decimal("30000")
    assert after.total("co2_kg") - before.total("co2_kg") == Decimal("1234.5")
    assert after.total("households") == before.total("households")
    html = _get("/en/impact/")  # the page cache notices the new outcome
    assert _total_on_page(html, "kWh generated or saved") == "230,000"
    assert _total_on_page(html, "kg CO₂ avoided") == "1,234.50"
    assert _total_on_page(html, "Fulfilled deals") == "2"


def test_a_private_outcome_leaves_the_public_totals_alone(deal):
    deal(indicators=[kwh(1000)])
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    html = csrf.sub("", _get("/impact/"))
    deal(indicators=[kwh(5)], visibility="private")
    assert csrf.sub("", _get("/impact/")) == html


def test_numbers_follow_the_readers_language(deal):
    deal(indicators=[kwh(230000), {"indicator": "euros", "value": "1500.25", "sdg": 1}],
         visibility="public")
    dutch = _get("/impact/")
    english = _get("/en/impact/")
    assert _total_on_page(dutch, "kWh opgewekt of bespaard") == "230.000"
    assert _total_on_page(english, "kWh generated or saved") == "230,000"
    assert "1.500,25" in dutch and "1,500.25" in english
    assert 'lang="nl"' in dutch and 'lang="en"' in english


def test_impact_page_draws_svg_charts_with_text_equivalents(deal):
    deal(indicators=[kwh(100)], visibility="public", province="friesland")
    html = _get("/en/impact/")
    assert html.count('<svg class="chart ') == 4
    assert 'role="img"' in html and "<title" in html
    assert "<table" in html and "Friesland" in html
    # coordinates are never written with a decimal comma, whatever the language
    assert not re.search(r'(x|y|width|height)="\d+,\d', _get("/impact/"))
    # another measure for the charts, chosen by a plain link
    assert "?metric=kwh" in html
    assert _get("/en/impact/?metric=kwh").count('<svg class="chart ') == 4
    assert _get("/en/impact/?metric=nonsense").count('<svg class="chart ') == 4


def test_empty_impact_page_answers(db):
    html = _get("/impact/")
    assert "Er is nog geen deal" in html or "No deal" in html


def test_organisation_page_shows_the_public_handprint(deal, initiative):
    public = deal(indicators=[kwh(1000)], visibility="public",
                  title="Zonnedak voor het dorpshuis")
    deal(indicators=[kwh(250)], visibility="totals", title="Geheime warmtepomp")
    html = _handprint(_get(reverse("marketplace:organisation_detail", args=[initiative.slug])))
    assert "1.250" in html  # both count in the figures
    assert "Zonnedak voor het dorpshuis" in html
    assert "Geheime warmtepomp" not in html  # its details stay private
    assert public.offer.organisation.name in html
    assert reverse("impact:handprint_csv", args=[initiative.slug]) in html
    assert "Nog 1 deal telt mee in de cijfers" in html


def test_members_see_their_private_details_and_others_do_not(deal, initiative, initiative_owner):
    deal(indicators=[kwh(7)], visibility="private", title="Alleen voor ons")
    deal(indicators=[kwh(3)], visibility="totals", title="Cijfers openbaar")
    stranger = MembershipFactory(organisation=OrganisationFactory()).user
    page = reverse("marketplace:organisation_detail", args=[initiative.slug])
    printable = reverse("impact:handprint", args=[initiative.slug])
    for path in (page, printable):
        own = _handprint(_get(path, initiative_owner))
        assert "Alleen voor ons" in own and "Cijfers openbaar" in own
        for viewer in (None, stranger):
            other = _handprint(_get(path, viewer))
            assert "Alleen voor ons" not in other and "Cijfers openbaar" not in other
    dashboard = _handprint(_get(reverse("marketplace:dashboard"), initiative_owner))
    assert "Alleen voor ons" in dashboard


def _csv(path: str, user=None) -> list[list[str]]:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_export_has_totals_and_the_visible_deals(deal, initiative, initiative_owner, company):
    deal(indicators=[kwh(1000), {"indicator": "members", "value": "12", "sdg": 11}],
         visibility="public", title="Zonnedak")
    deal(indicators=[kwh("250.5")], visibility="totals", title="Warmtepomp")
    deal(indicators=[kwh(7)], visibility="private", title="Privé")
    with translation.override("en"):
        path = reverse("impact:handprint_csv", args=[initiative.slug])
    rows = _csv(path)
    header, body = rows[0], rows[1:]
    assert header[:7] == ["row", "date", "SDG", "SDG name", "indicator code", "indicator", "value"]
    totals = {(r[2], r[4]): r[6] for r in body if r[0] == "total"}
    assert totals == {("7", "kwh"): "1250.5", ("11", "members"): "12"}
    deals = [r for r in body if r[0] == "deal"]
    assert {r[8] for r in deals} == {"Zonnedak"}
    assert {r[10] for r in deals} == {company.name}
    assert sorted(r[6] for r in deals) == ["1000", "12"]

    own = _csv(path, initiative_owner)
    own_totals = {(r[2], r[4]): r[6] for r in own[1:] if r[0] == "total"}
    assert own_totals[("7", "kwh")] == "1257.5"
    assert {r[8] for r in own[1:] if r[0] == "deal"} == {"Zonnedak", "Warmtepomp", "Privé"}


def test_csv_in_dutch_has_dutch_headings(deal, initiative):
    deal(indicators=[kwh(10)], visibility="public")
    rows = _csv(reverse("impact:handprint_csv", args=[initiative.slug]))
    assert rows[0][0] == "regel" and rows[1][0] == "totaal"


def test_printable_handprint_has_print_css(deal, initiative):
    deal(indicators=[kwh(10)], visibility="public")
    html = _get(reverse("impact:handprint", args=[initiative.slug]))
    assert "css/impact.css" in html and "data-print" in html
    from django.contrib.staticfiles import finders

    with open(finders.find("css/impact.css")) as css:
        assert "@media print" in css.read()


def test_unknown_organisation_is_404(db):
    assert Client().get("/impact/organisations/nobody/").status_code == 404
    assert Client().get("/impact/organisations/nobody/handprint.csv").status_code == 404


def test_fulfil_form_offers_the_visibility_choice_with_the_default(
    company_owner, initiative_owner, company, initiative
):
    from marketplace import match_services
    from tests.factories import NeedFactory, OfferFactory

    need = NeedFactory(organisation=initiative, published=True)
    offer = OfferFactory(organisation=company, published=True)
    match = match_services.match_express_interest(
        need=need, offer=offer, actor=initiative_owner, proposal="Panels")
    match_services.match_accept(match=match, actor=company_owner)
    match_services.match_agree(match=match, actor=company_owner)
    match_services.match_agree(match=match, actor=initiative_owner)
    client = Client()
    client.force_login(initiative_owner, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("marketplace:match_detail", args=[match.pk])).content.decode()
    assert re.search(r'name="visibility" value="totals"[^>]*checked', page)
    response = client.post(reverse("marketplace:match_action", args=[match.pk, "fulfil"]), {
        "delivered": "Done", "visibility": "public",
        "indicator_0": "kwh", "value_0": "10", "sdg_0": "7",
    })
    assert response.status_code == 302
    assert OutcomeReport.objects.get(match=match).visibility == "public"
