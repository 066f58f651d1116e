"""Accounts (placeholder)."""

from django.contrib.auth import views as auth_views
from django.http import HttpResponse


class LoginView(auth_views.LoginView):
    pass


def signup(request):
    return HttpResponse("signup")


def invitation_accept(request, token):
    return HttpResponse("inv")
