"""Accounts: sign up with an organisation, log in with the email address, accept invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.text import without_final_stop

from . import selectors, services
from .forms import EmailAuthenticationForm, InvitationSignupForm, SignupForm, add_service_errors
from .models import Invitation
from .throttle import limit_address

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
SIGNUP_SIDES = (SignupForm.SIDE_PROVIDER, SignupForm.SIDE_INITIATIVE)


class LoginView(auth_views.LoginView):
    """Log in with the email address and password."""

    template_name = "registration/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True


@limit_address("signup")
def signup(request: HttpRequest) -> HttpResponse:
    """Create an account and the organisation it represents, all or nothing."""
    if request.user.is_authenticated:
        messages.info(request, _("You already have an account."))
        return redirect("marketplace:dashboard")
    if request.method == "POST":
        form = SignupForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    user = services.user_create(**form.user_values())
                    organisation = services.organisation_create(
                        owner=user, **form.organisation_values()
                    )
            except ValidationError as error:
                add_service_errors(
                    form, error, field_map={"username": "email", "password": "password1"}
                )
            else:
                login(request, user, backend=MODEL_BACKEND)
                messages.success(
                    request,
                    _("Welcome! Your account and %(organisation)s are ready.")
                    % {"organisation": organisation.name},
                )
                return redirect("marketplace:dashboard")
    else:
        side = request.GET.get("as")
        form = SignupForm(initial={"side": side} if side in SIGNUP_SIDES else {})
    return render(request, "registration/signup.html", {"form": form})


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Join an organisation through an invitation: sign up, or confirm when logged in."""
    invitation = selectors.invitation_get_open(token=token)
    if invitation is None:
        return render(request, "registration/invitation_invalid.html", status=404)
    if request.user.is_authenticated:
        return _invitation_accept_logged_in(request, invitation)
    form = InvitationSignupForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                user = services.user_create(**form.user_values())
                services.invitation_accept(invitation=invitation, user=user)
        except ValidationError as error:
            add_service_errors(form, error, field_map={"password": "password1"})
        else:
            login(request, user, backend=MODEL_BACKEND)
            messages.success(
                request,
                _("Welcome! You are now a member of %(organisation)s.")
                % {"organisation": without_final_stop(invitation.organisation.name)},
            )
            return redirect("marketplace:dashboard")
    return render(
        request, "registration/invitation_accept.html", {"invitation": invitation, "form": form}
    )


def _invitation_accept_logged_in(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    error, status = "", 200
    if request.method == "POST":
        try:
            services.invitation_accept(invitation=invitation, user=request.user)
        except PermissionDenied as exc:
            error, status = str(exc), 403
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
        else:
            messages.success(
                request,
                _("You are now a member of %(organisation)s.")
                % {"organisation": without_final_stop(invitation.organisation.name)},
            )
            return redirect("marketplace:dashboard")
    email_matches = request.user.email.lower() == invitation.email.lower()
    if not email_matches:
        status = 403
    return render(
        request,
        "registration/invitation_accept.html",
        {"invitation": invitation, "email_matches": email_matches, "error": error},
        status=status,
    )
