"""Supply-desert alerts: who hears about a theme × province with unmet needs, and how often."""

from __future__ import annotations

import datetime

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from impact.alerts import desert_alerts_send
from impact.models import DesertAlert
from impact.notifications import SUPPLY_DESERT
from marketplace.models import Plan, Province, Theme
from notifications.models import Notification, NotificationPreference
from tests.factories import MembershipFactory, OfferFactory, OrganisationFactory
from tests.impact.conftest import unmet_need

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _alert_settings(settings):
    settings.IMPACT_DESERT_ALERTS = {"MIN_NEEDS": 3, "EVERY_DAYS": 7, "PARTNER_HEAD_START_HOURS": 24}


def provider(name: str, *, theme: str = "energy", regions: tuple[str, ...] = ("gelderland",),
             national: bool = False, partner: bool = False, language: str = "nl"):
    """A provider with one member and a public offer of `theme` in `regions`."""
    organisation = OrganisationFactory(name=name, plan=Plan.PARTNER if partner else Plan.FREE)
    member = MembershipFactory(organisation=organisation).user
    NotificationPreference.objects.create(user=member, language=language)
    offer = OfferFactory(
        organisation=organisation, published=True, theme=Theme.objects.get(slug=theme),
        is_national=national,
    )
    offer.regions.set(Province.objects.filter(slug__in=regions))
    return organisation, member


def desert(province: str = "zeeland", theme: str = "energy", count: int = 3):
    return [unmet_need(province=province, theme=theme, title=f"Behoefte {i} in {province}")
            for i in range(count)]


def alerted(now=NOW):
    return {(a.organisation.name, a.theme.slug, a.province.slug)
            for a in desert_alerts_send(now=now).sent}


def test_providers_of_the_theme_elsewhere_get_one_alert_with_the_needs(django_capture_on_commit_callbacks):
    needs = desert()
    _, member = provider("Zon BV", language="en")
    provider("Zorg BV", theme="care")  # not active in the theme
    provider("Al in Zeeland BV", regions=("zeeland",))  # already serves the province
    provider("Overal BV", national=True)  # so does a nationwide offer
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = desert_alerts_send(now=NOW).sent
    assert [(a.organisation.name, a.theme.slug, a.province.slug) for a in sent] == [
        ("Zon BV", "energy", "zeeland")
    ]
    assert sorted(sent[0].need_ids) == sorted(n.pk for n in needs)

    # In-site: one notice for the member, opening the map on that theme and province.
    notice = Notification.objects.get(kind=SUPPLY_DESERT)
    assert notice.recipient == member
    with translation.override("en"):
        assert notice.url == "/en/impact/map/?theme=energy&province=zeeland"
        assert notice.text == "3 needs in Zeeland find no good offer for Energy"
    # E-mail: in the member's language, with every need behind it.
    assert [m.to for m in mail.outbox] == [[member.email]]
    body = mail.outbox[0].body
    assert mail.outbox[0].subject == "3 needs in Zeeland find no good offer for Energy"
    for need in needs:
        assert need.title in body and f"/en/needs/{need.slug}/" in body
    assert "/en/impact/map/?theme=energy&province=zeeland" in body


def test_dutch_members_read_it_in_dutch(django_capture_on_commit_callbacks):
    desert()
    _, member = provider("Zon BV", language="nl")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        desert_alerts_send(now=NOW)
    assert mail.outbox[0].subject == "3 behoeften in Zeeland vinden geen goed aanbod voor Energie"
    assert "/impact/map/?theme=energy&province=zeeland" in mail.outbox[0].body
    assert "/en/" not in mail.outbox[0].body


def test_below_the_threshold_nobody_is_alerted():
    desert(count=2)
    provider("Zon BV")
    assert alerted() == set()


def test_at_most_once_a_week_per_theme_and_province_and_a_rerun_sends_nothing():
    desert()
    desert(province="drenthe")
    provider("Zon BV")
    assert alerted() == {("Zon BV", "energy", "zeeland"), ("Zon BV", "energy", "drenthe")}
    assert alerted() == set()  # the same run again
    assert alerted(NOW + 6 * DAY) == set()
    assert Notification.objects.filter(kind=SUPPLY_DESERT).count() == 2
    assert alerted(NOW + 7 * DAY + datetime.timedelta(minutes=1)) == {
        ("Zon BV", "energy", "zeeland"), ("Zon BV", "energy", "drenthe")
    }
    assert DesertAlert.objects.count() == 4


def test_partners_first_the_others_after_the_head_start():
    desert()
    provider("Aardwarmte BV")
    provider("Zonnige Partner BV", partner=True)
    assert alerted() == {("Zonnige Partner BV", "energy", "zeeland")}
    assert alerted(NOW + 12 * datetime.timedelta(hours=1)) == set()
    assert alerted(NOW + DAY) == {("Aardwarmte BV", "energy", "zeeland")}
    assert alerted(NOW + 2 * DAY) == set()


def test_without_partners_everybody_is_alerted_at_once_partners_listed_first():
    desert()
    provider("B BV")
    provider("A BV")
    sent = desert_alerts_send(now=NOW).sent
    assert [a.organisation.name for a in sent] == ["A BV", "B BV"]


def test_a_need_that_found_a_match_can_end_the_desert():
    from tests.impact.conftest import record_match_result

    needs = desert()
    provider("Zon BV")
    record_match_result(needs[0], good=True)
    assert alerted() == set()


def test_the_command_reports_what_it_sent():
    desert()
    provider("Zon BV")
    from io import StringIO

    out = StringIO()
    call_command("send_desert_alerts", stdout=out)
    assert "1 alert(s) sent" in out.getvalue()
    out = StringIO()
    call_command("send_desert_alerts", stdout=out)
    assert "0 alert(s) sent" in out.getvalue() and "1 already alerted" in out.getvalue()
