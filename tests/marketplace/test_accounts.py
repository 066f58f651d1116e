"""Accounts: sign up with an organisation, log in by email, invitations, password reset."""

import datetime
import re

import pytest

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from marketplace import services
from marketplace.models import Invitation, Membership, Organisation, Province
from tests.factories import PASSWORD, UserFactory
from tests.marketplace.dutch import html, nl

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "Wind-mills-4-the-village"


def _signup_data(**overrides):
    data = {
        "side": "initiative",
        "first_name": "Anna",
        "last_name": "de Vries",
        "email": "Anna@Example.nl",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "name": "Dorpscoöperatie Zonnedorp",
        "legal_form": "cooperatie_ua",
        "kvk_number": "87654321",
        "province": Province.objects.get(slug="friesland").pk,
        "municipality": "Leeuwarden",
        "initiative_kind": "energy_coop",
        "member_count": "85",
    }
    data.update(overrides)
    return data


def _invite(organisation, inviter, email="colleague@example.nl"):
    return services.invitation_create(organisation=organisation, email=email, invited_by=inviter)


# Sign up -----------------------------------------------------------------------------------


def test_signup_page_preselects_the_side(client):
    response = client.get(reverse("signup"), {"as": "initiative"})
    assert response.status_code == 200
    assert re.search(rb'value="initiative"[^>]*checked', response.content)
    company = client.get(reverse("signup"), {"as": "company"})
    assert re.search(rb'value="company"[^>]*checked', company.content)
    assert not re.search(rb"checked", client.get(reverse("signup"), {"as": "x"}).content)


def test_signup_as_initiative_creates_user_organisation_and_owner(client):
    response = client.post(reverse("signup"), _signup_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("marketplace:dashboard")
    user = User.objects.get()
    assert user.email == "anna@example.nl"
    assert user.username == "anna@example.nl"
    assert user.check_password(NEW_PASSWORD)
    organisation = Organisation.objects.get()
    assert organisation.kind == Organisation.Kind.INITIATIVE
    assert organisation.initiative_kind == "energy_coop"
    assert organisation.member_count == 85
    assert organisation.province.slug == "friesland"
    membership = Membership.objects.get()
    assert (membership.user, membership.organisation, membership.role) == (
        user,
        organisation,
        Membership.Role.OWNER,
    )
    dashboard = client.get(reverse("marketplace:dashboard"))
    assert dashboard.context["user"] == user
    assert organisation.name in dashboard.content.decode()


def test_signup_as_company(client):
    response = client.post(
        reverse("signup"),
        _signup_data(
            side="company", kind="fund", legal_form="stichting", initiative_kind="", member_count=""
        ),
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.kind == Organisation.Kind.FUND
    assert organisation.initiative_kind == ""
    assert organisation.member_count is None


def test_company_signup_needs_the_type_of_organisation(client):
    response = client.post(reverse("signup"), _signup_data(side="company", kind=""))
    assert response.status_code == 200
    assert html(nl("Choose the type of organisation.")) in response.content.decode()
    assert not User.objects.exists()


def test_invalid_kvk_number_creates_nothing(client):
    response = client.post(reverse("signup"), _signup_data(kvk_number="123"))
    assert response.status_code == 200
    assert html(nl("A KvK number has exactly 8 digits, for example 12345678.")) in (
        response.content.decode()
    )
    assert b'id="id_kvk_number_error"' in response.content
    assert not User.objects.exists()
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()


def test_initiative_without_kind_creates_nothing(client):
    response = client.post(reverse("signup"), _signup_data(initiative_kind=""))
    assert response.status_code == 200
    assert html(nl("Say what kind of initiative this is.")) in response.content.decode()
    assert not User.objects.exists()


def test_signup_checks_passwords(client):
    mismatch = client.post(reverse("signup"), _signup_data(password2="something-else-42"))
    assert html(nl("The two passwords are not the same.")) in mismatch.content.decode()
    weak = client.post(reverse("signup"), _signup_data(password1="12345678", password2="12345678"))
    assert weak.status_code == 200
    assert weak.context["form"].errors["password1"]
    assert not User.objects.exists()


def test_signup_with_existing_email_creates_nothing(client, company_owner):
    response = client.post(reverse("signup"), _signup_data(email=company_owner.email.upper()))
    assert response.status_code == 200
    assert html(nl("An account with this email address already exists.")) in (
        response.content.decode()
    )
    assert Organisation.objects.count() == 1


def test_logged_in_user_is_sent_from_signup_to_dashboard(client, company_owner):
    client.force_login(company_owner)
    response = client.get(reverse("signup"))
    assert response.status_code == 302
    assert response["Location"] == reverse("marketplace:dashboard")


# Log in and out ----------------------------------------------------------------------------


def test_login_with_email_address(client, company_owner):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert html(nl("Email address")) in page.content.decode()
    response = client.post(
        reverse("login"), {"username": company_owner.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("marketplace:dashboard")
    assert client.get(reverse("marketplace:dashboard")).context["user"] == company_owner


def test_login_failure_shows_an_error(client, company_owner):
    response = client.post(
        reverse("login"), {"username": company_owner.email, "password": "wrong-password"}
    )
    assert response.status_code == 200
    assert b'role="alert"' in response.content


def test_logged_in_user_is_redirected_from_login(client, company_owner):
    client.force_login(company_owner)
    response = client.get(reverse("login"))
    assert response.status_code == 302


def test_logout_is_a_post_form(client, company_owner):
    client.force_login(company_owner)
    content = client.get(reverse("marketplace:home")).content.decode()
    assert f'method="post" action="{reverse("logout")}"' in content
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("marketplace:dashboard")).status_code == 302


def test_english_login_page(client):
    response = client.get("/en/accounts/login/")
    assert response.status_code == 200
    assert b"Email address" in response.content
    assert b'<html lang="en">' in response.content


# Invitations -------------------------------------------------------------------------------


def test_unknown_or_expired_invitation_is_a_friendly_404(client, company, company_owner):
    response = client.get(reverse("invitation_accept", args=["no-such-token"]))
    assert response.status_code == 404
    assert html(nl("This invitation is not valid")) in response.content.decode()
    invitation = _invite(company, company_owner)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(days=1)
    )
    assert client.get(reverse("invitation_accept", args=[invitation.token])).status_code == 404


def test_anonymous_visitor_signs_up_through_an_invitation(client, company, company_owner):
    invitation = _invite(company, company_owner)
    url = reverse("invitation_accept", args=[invitation.token])
    page = client.get(url)
    assert page.status_code == 200
    assert b"colleague@example.nl" in page.content
    response = client.post(
        url,
        {
            "first_name": "Piet",
            "last_name": "Bakker",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "email": "attacker@example.nl",  # ignored: the invited address is used
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="colleague@example.nl")
    assert not User.objects.filter(email="attacker@example.nl").exists()
    membership = Membership.objects.get(user=user)
    assert membership.organisation == company
    assert membership.role == Membership.Role.MEMBER
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert client.get(url).status_code == 404  # used up


def test_invitation_signup_with_bad_password_creates_nothing(client, company, company_owner):
    invitation = _invite(company, company_owner)
    url = reverse("invitation_accept", args=[invitation.token])
    response = client.post(
        url, {"first_name": "Piet", "last_name": "Bakker", "password1": "x", "password2": "x"}
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="colleague@example.nl").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_invitation_for_an_address_that_already_has_an_account(client, company, company_owner):
    existing = UserFactory(email="colleague@example.nl", username="colleague@example.nl")
    invitation = _invite(company, company_owner)
    url = reverse("invitation_accept", args=[invitation.token])
    response = client.post(
        url,
        {
            "first_name": "Piet",
            "last_name": "Bakker",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert html(nl("An account with this email address already exists.")) in (
        response.content.decode()
    )
    assert not Membership.objects.filter(user=existing).exists()


def test_logged_in_user_with_matching_email_confirms(client, company, company_owner):
    colleague = UserFactory(email="colleague@example.nl", username="colleague@example.nl")
    invitation = _invite(company, company_owner)
    url = reverse("invitation_accept", args=[invitation.token])
    client.force_login(colleague)
    page = client.get(url)
    assert page.status_code == 200
    assert b'method="post"' in page.content
    assert not Membership.objects.filter(user=colleague).exists()  # GET changes nothing
    response = client.post(url)
    assert response.status_code == 302
    assert Membership.objects.get(user=colleague).organisation == company


def test_logged_in_user_with_other_email_gets_a_clear_error(client, company, company_owner, stranger):
    invitation = _invite(company, company_owner)
    url = reverse("invitation_accept", args=[invitation.token])
    client.force_login(stranger)
    page = client.get(url)
    assert page.status_code == 403
    sent_elsewhere = nl(
        "This invitation was sent to %(invited)s, but you are logged in as %(current)s. Log out "
        "and open the link again, or ask for an invitation to your own email address.",
        invited="colleague@example.nl",
        current=stranger.email,
    )
    assert html(sent_elsewhere) in page.content.decode()
    response = client.post(url)
    assert response.status_code == 403
    assert not Membership.objects.filter(user=stranger, organisation=company).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


# Password reset ----------------------------------------------------------------------------


def test_password_reset_flow(client, company_owner, mailoutbox):
    assert client.get(reverse("password_reset")).status_code == 200
    response = client.post(reverse("password_reset"), {"email": company_owner.email})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert "Business2Community" in message.subject
    assert "\n" not in message.subject
    link = re.search(r"http://testserver(/\S+)", message.body).group(1)
    confirm = client.get(link, follow=True)
    assert confirm.status_code == 200
    assert confirm.context["validlink"]
    set_password_url = confirm.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    assert client.get(done["Location"]).status_code == 200
    company_owner.refresh_from_db()
    assert company_owner.check_password(NEW_PASSWORD)


def test_locked_out_template_renders():
    page = render_to_string("registration/locked_out.html", {"failure_limit": 5})
    assert html(nl("Too many failed login attempts; try again in 15 minutes.")) in page
