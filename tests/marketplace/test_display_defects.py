"""What people read: history in the reader's language, numbers and dates as their language writes
them, names that end a sentence once, funding progress that never hides a contribution."""

import datetime

import pytest

from django.urls import reverse
from django.utils import formats, translation

from marketplace import services
from marketplace.models import ListingTransition
from payments.selectors import FundingProgress
from payments.views import _euros
from tests.factories import NeedFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_history_reads_in_the_readers_language_whoever_wrote_it(client, initiative_owner, initiative):
    initiative.is_verified = True
    initiative.save()
    need = NeedFactory(organisation=initiative)
    with translation.override("nl"):  # the writer works in Dutch
        services.listing_submit(listing=need, actor=initiative_owner)
        services.listing_renew(listing=need, actor=initiative_owner,
                               until=datetime.date(2031, 3, 5))
    steps = list(ListingTransition.objects.order_by("id"))
    assert [s.reason_code for s in steps if s.reason_code] == ["published_verified", "renewed"]
    assert all(not s.reason for s in steps)  # nothing stored in the writer's language
    client.force_login(initiative_owner)
    english = client.get(reverse("marketplace:need_manage", args=[need.pk]).replace("/", "/en/", 1))
    assert english.status_code == 200
    html = english.content.decode()
    assert "Published directly: verified organisation." in html
    assert "Renewed until 5 March 2031." in html
    assert "Direct gepubliceerd" not in html
    with translation.override("nl"):
        dutch_url = reverse("marketplace:need_manage", args=[need.pk])
    dutch = client.get(dutch_url).content.decode()
    assert "Direct gepubliceerd: geverifieerde organisatie." in dutch
    assert "Verlengd tot 5 maart 2031." in dutch


def test_closing_keeps_the_note_as_written_and_translates_the_reason(initiative_owner, initiative):
    need = NeedFactory(organisation=initiative, published=True)
    services.listing_close(listing=need, actor=initiative_owner, reason="withdrawn",
                           note="Opgelost met de gemeente.")
    step = ListingTransition.objects.latest("id")
    with translation.override("en"):
        assert step.reason_text == "Closed: withdrawn.\nOpgelost met de gemeente."
    with translation.override("nl"):
        assert step.reason_text.startswith("Gesloten: ingetrokken.")


def test_english_dates_are_day_first():
    day = datetime.date(2026, 12, 4)
    with translation.override("en"):
        assert formats.date_format(day) == "4 December 2026"
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == "04/12/2026"
    with translation.override("nl"):
        assert formats.date_format(day) == "4 december 2026"


def test_a_name_ending_in_a_full_stop_ends_a_sentence_once(client):
    from payments.models import FundingGoal

    initiative = OrganisationFactory(kind="initiative", name="Energiecoöperatie Zonnedorp U.A.",
                                     slug="zonnedorp")
    need = NeedFactory(organisation=initiative, published=True)
    FundingGoal.objects.create(need=need, goal_cents=1_500_000)
    html = client.get(reverse("payments:need_contribute", args=[need.slug])).content.decode()
    assert "Zonnedorp U.A." in html
    assert "U.A.." not in html


def test_member_counts_and_outcomes_are_grouped_in_the_readers_language(client):
    organisation = OrganisationFactory(kind="initiative", member_count=12500, slug="groot")
    url = reverse("marketplace:organisation_detail", args=[organisation.slug])
    assert "12.500" in client.get(url).content.decode()
    with translation.override("en"):
        url = reverse("marketplace:organisation_detail", args=[organisation.slug])
    assert "12,500" in client.get(url).content.decode()


def test_the_funding_goal_form_shows_whole_euros():
    assert _euros(1_500_000) == 15000 and str(_euros(1_500_000)) == "15000"
    assert str(_euros(1250)) == "12.5"


def test_a_small_contribution_never_shows_as_zero_percent():
    funding = FundingProgress(goal_cents=1_500_000, raised_cents=11_500, contributor_count=1,
                              currency="eur")
    assert funding.percent == 0  # the whole-number share would hide it
    assert 0.76 < funding.percent_exact < 0.77


def test_funding_progress_shows_below_one_percent(client, initiative_owner, initiative):
    from payments.models import FundingGoal, Payment, PaymentPurpose, PaymentStatus

    need = NeedFactory(organisation=initiative, published=True)
    FundingGoal.objects.create(need=need, goal_cents=1_500_000)
    Payment.objects.create(purpose=PaymentPurpose.CONTRIBUTION, need=need, amount_cents=11_500,
                           currency="eur", status=PaymentStatus.SUCCEEDED,
                           payer_email="a@example.nl")
    html = client.get(reverse("marketplace:need_detail", args=[need.slug])).content.decode()
    assert "0,8% van het doel" in html
    assert "0% van het doel" not in html.replace("0,8% van het doel", "")


def test_admin_lists_amounts_in_euros(client):
    from payments.models import FundingGoal

    admin = UserFactory(email="beheer@example.nl", is_staff=True, is_superuser=True)
    need = NeedFactory(published=True)
    FundingGoal.objects.create(need=need, goal_cents=1_500_000)
    client.force_login(admin)
    html = client.get("/django-admin/payments/fundinggoal/").content.decode()
    assert "15.000,00" in html and "1500000" not in html


def test_the_admin_loads_nothing_from_other_sites(client):
    admin = UserFactory(email="wagtail@example.nl", is_staff=True, is_superuser=True)
    client.force_login(admin)
    html = client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
    assert "releases.wagtail.io" not in html and "data-w-upgrade" not in html


@pytest.fixture
def urls_built_with_debug(settings, request):
    """config/urls.py as a DEBUG (or production) process builds it; rebuilt as before afterwards."""
    import importlib

    from django.urls import clear_url_caches

    import config.urls

    settings.DEBUG = request.param  # with DEBUG, config/urls.py also imports a `static` of its own
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.mark.parametrize("urls_built_with_debug", [False, True], indirect=True)
def test_every_page_has_a_favicon(client, urls_built_with_debug):
    from django.contrib.staticfiles import finders

    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url == "/static/favicon.svg"
    assert finders.find("favicon.svg")
