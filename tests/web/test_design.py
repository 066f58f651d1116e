"""The designed interface: the bell, the match stepper, the onboarding checklist, the style guide,
forms in sections. Reads never write: showing the bell or the checklist marks nothing."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace import match_services, services
from marketplace.match_selectors import match_progress
from marketplace.models import MatchStatus
from marketplace.selectors import onboarding_checklist
from notifications import services as notification_services
from notifications.models import Notification, NotificationPreference
from tests.factories import MembershipFactory, NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


def _interest(company, initiative_owner):
    need = NeedFactory(published=True, organisation=initiative_owner.memberships.get().organisation)
    offer = OfferFactory(published=True, organisation=company)
    return match_services.match_express_interest(
        need=need, offer=offer, actor=initiative_owner, proposal="Forty panels"
    )


# The bell -----------------------------------------------------------------------------------


def test_the_bell_shows_the_unread_count_and_a_get_marks_nothing_read(
    client, company, company_owner, initiative_owner
):
    _interest(company, initiative_owner)
    unread = Notification.objects.filter(recipient=company_owner, read_at__isnull=True)
    assert unread.count() == 1
    client.force_login(company_owner)
    html = client.get(reverse("marketplace:offer_list")).content.decode()
    assert 'class="bell__count"' in html and "(1 ongelezen)" in html
    client.get(reverse("notifications:list"))
    assert unread.count() == 1  # reading the page and the bell wrote nothing


def test_the_bell_costs_one_query_and_is_forgotten_when_notices_change(
    client, company, company_owner, initiative_owner
):
    from notifications.selectors import notification_unread_count_cached

    match = _interest(company, initiative_owner)
    with CaptureQueriesContext(connection) as first:
        assert notification_unread_count_cached(user=company_owner) == 1
    with CaptureQueriesContext(connection) as second:
        assert notification_unread_count_cached(user=company_owner) == 1
    assert len(first) == 1 and len(second) == 0
    notification_services.notification_mark_read_for_target(user=company_owner, target=match)
    assert notification_unread_count_cached(user=company_owner) == 0
    # A new notice resets the other side's kept count.
    assert notification_unread_count_cached(user=initiative_owner) == 0
    match_services.match_accept(match=match, actor=company_owner)
    assert notification_unread_count_cached(user=initiative_owner) == 1


def test_no_bell_for_visitors(client):
    assert 'class="bell"' not in client.get(reverse("marketplace:offer_list")).content.decode()


# The stepper --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "reached", "expected"),
    [
        ("suggested", [], ["todo", "todo", "todo", "todo"]),
        ("interested", [], ["current", "todo", "todo", "todo"]),
        ("introduced", ["interested"], ["done", "current", "todo", "todo"]),
        ("agreed", [], ["done", "done", "current", "todo"]),
        ("fulfilled", [], ["done", "done", "done", "current"]),
        ("declined", ["interested"], ["current", "todo", "todo", "todo"]),
        ("closed", ["interested", "introduced"], ["done", "current", "todo", "todo"]),
    ],
)
def test_the_stepper_marks_the_furthest_step(status, reached, expected):
    steps = match_progress(status=status, reached=reached)
    assert [step.status for step in steps] == ["interested", "introduced", "agreed", "fulfilled"]
    assert [step.state for step in steps] == expected


def test_the_match_page_marks_the_current_step(client, company, company_owner, initiative_owner):
    match = _interest(company, initiative_owner)
    match_services.match_accept(match=match, actor=company_owner)
    client.force_login(company_owner)
    html = client.get(reverse("marketplace:match_detail", args=[match.pk])).content.decode()
    stepper = html[html.index('class="stepper"'):html.index("</ol>", html.index('class="stepper"'))]
    assert stepper.count('aria-current="step"') == 1
    current = stepper[: stepper.index('aria-current="step"')]
    assert current.rstrip().endswith('stepper__step--current"')
    assert 'stepper__step--current" aria-current="step">' in stepper
    current_label = stepper.split('aria-current="step">', 1)[1].split("</li>", 1)[0]
    assert "Kennismaking" in current_label  # introduced, in Dutch
    assert stepper.count("stepper__step--done") == 1  # interest
    match.refresh_from_db()
    assert match.status == MatchStatus.INTRODUCED


# Onboarding ---------------------------------------------------------------------------------


def test_the_checklist_ticks_off_what_the_data_shows(company, company_owner):
    company.description = ""
    company.save()

    def done():
        checklist = onboarding_checklist(organisation=company, user=company_owner)
        return {step.key for step in checklist.steps if step.done}

    assert done() == set()
    services.organisation_update(
        organisation=company, actor=company_owner, description="We lend tools.",
        municipality="Utrecht",
    )
    OfferFactory(organisation=company)
    MembershipFactory(organisation=company, role="member")
    NotificationPreference.objects.create(user=company_owner)
    assert done() == {"profile", "listing", "invite", "preferences"}


def test_the_dashboard_shows_the_checklist_until_it_is_dismissed(client, company, company_owner):
    client.force_login(company_owner)
    dashboard = reverse("marketplace:dashboard")
    html = client.get(dashboard).content.decode()
    assert 'id="onboarding-title"' in html
    assert 'data-step="logo"' in html
    company.refresh_from_db()
    assert company.onboarding_dismissed_at is None  # showing it wrote nothing

    response = client.post(reverse("marketplace:onboarding_dismiss"))
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.onboarding_dismissed_at is not None
    assert 'id="onboarding-title"' not in client.get(dashboard).content.decode()


def test_only_members_dismiss_their_own_checklist(company, stranger):
    with pytest.raises(services.PermissionDenied):
        services.organisation_onboarding_dismiss(organisation=company, actor=stranger)


# The style guide and the forms ---------------------------------------------------------------


@pytest.mark.parametrize(("url", "heading"), [("/style/", "Stijlgids"), ("/en/style/", "Style guide")])
def test_the_style_guide_renders_in_both_languages(client, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    for name in ("--colour-text", "--text-3xl", "--space-4", "--radius-lg", "--shadow-md"):
        assert name in html
    assert 'aria-current="step"' in html  # the stepper sample
    assert reverse("marketplace:theme_placeholder", args=["energy"]) in html


def test_the_need_form_comes_in_sections_and_validates_as_before(client, initiative_owner):
    client.force_login(initiative_owner)
    url = reverse("marketplace:need_create")
    html = client.get(url).content.decode()
    assert html.count('class="form-section"') == 4
    assert "Stap 1 van 4" in html and 'href="#section-budget"' in html
    response = client.post(url, {"title": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'aria-invalid="true"' in html or "field--error" in html
    assert "badge--rejected" in html  # the section list points at the sections with errors


@pytest.mark.parametrize(
    ("url_name", "who", "sections"),
    [
        ("marketplace:offer_create", "company_owner", ["about", "audience", "terms", "picture"]),
        ("marketplace:organisation_edit", "company_owner", ["profile", "place", "themes", "logo"]),
        ("marketplace:organisation_edit", "initiative_owner", ["profile", "place", "themes", "logo"]),
    ],
)
def test_the_long_forms_come_in_sections_with_every_field(client, request, url_name, who, sections):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse(url_name))
    html = response.content.decode()
    found = [chunk.split('"', 1)[0] for chunk in html.split('<fieldset class="form-section" id="section-')[1:]]
    assert found == sections
    form = response.context["form"]
    in_sections = [field.name for section in form.section_list() for field in section.fields]
    assert sorted(in_sections) == sorted(field.name for field in form.visible_fields())
