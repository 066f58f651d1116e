"""Throttling: the client address (django-axes counts it too), a growing delay after failed logins,
and the per-address abuse limits of core/ratelimit.py for the views that create things."""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable
from time import sleep

from axes.helpers import get_client_ip_address, get_client_username, get_cool_off
from axes.models import AccessAttempt

from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation

from core import ratelimit


def client_ip_address(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or the X-Forwarded-For entry of the outermost trusted proxy."""
    remote_addr = request.META.get("REMOTE_ADDR")
    proxy_count = settings.TRUSTED_PROXY_COUNT
    if not proxy_count:
        return remote_addr
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    # Each trusted proxy appends the address it saw, so the client is the Nth entry from the
    # right; anything further left was written by the client and may be forged.
    if len(forwarded) < proxy_count:
        return remote_addr
    candidate = forwarded[-proxy_count]
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return remote_addr
    return candidate


def failed_login_count(*, username: str | None, ip_address: str | None) -> int:
    """Failed logins axes still counts for this username or this address, whichever is more."""
    attempts = AccessAttempt.objects.all()
    cool_off = get_cool_off()
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    counts = [0]
    if username:
        # The site's login form lower-cases the address before axes records it.
        username = username.strip()
        by_name = Q(username=username) | Q(username=username.lower())
        counts.append(_failures(attempts.filter(by_name)))
    if ip_address:
        counts.append(_failures(attempts.filter(ip_address=ip_address)))
    return max(counts)


def _failures(attempts: QuerySet[AccessAttempt]) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def login_delay(failures: int) -> float:
    """Seconds to wait before checking a password after `failures` recent failures."""
    step = float(settings.LOGIN_FAILURE_DELAY_STEP)
    return max(0.0, min(step * failures, float(settings.LOGIN_FAILURE_DELAY_MAX)))


def login_paths() -> set[str]:
    """The login form's address in every language, and the Wagtail admin's."""
    paths = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths.add(reverse("login"))
    paths.add(reverse("wagtailadmin_login"))
    return paths


class LoginDelayMiddleware:
    """Slow down password guessing: a login POST waits longer the more recent failures there are."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path in login_paths():
            failures = failed_login_count(
                username=get_client_username(request), ip_address=get_client_ip_address(request)
            )
            # Once axes locks the account or address the request is refused without checking
            # the password; sleeping then would only tie up a worker.
            if failures < settings.AXES_FAILURE_LIMIT:
                delay = login_delay(failures)
                if delay > 0:
                    sleep(delay)
        return self.get_response(request)


def address_limit(request: HttpRequest, action: str) -> None:
    """Count one attempt at `action` from the request's address (core/ratelimit.py)."""
    ratelimit.limit(action, address=client_ip_address(request))


def limit_address(
    action: str, *, when: Callable[..., bool] | None = None
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a view: each POST (or each call `when(request, **kwargs)` accepts) counts for its address."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            counts = when(request, **kwargs) if when else request.method == "POST"
            if counts:
                address_limit(request, action)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
