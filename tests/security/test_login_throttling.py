"""Failed logins: django-axes locks accounts and addresses; repeated failures are slowed down."""

import datetime
import itertools
from unittest import mock

import pytest
from axes.models import AccessAttempt

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpResponse
from django.test import Client, override_settings
from django.utils import timezone

from marketplace.throttle import (
    LoginDelayMiddleware,
    client_ip_address,
    failed_login_count,
    login_delay,
    login_paths,
)
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"
SITE_LOGIN = "/accounts/login/"
LOGIN_URLS = [ADMIN_LOGIN, SITE_LOGIN]
LOCKED = 429
_forged = (f"203.0.113.{n}" for n in itertools.count(1))


def attempt(client: Client, url: str, username: str, password: str, ip: str, **extra):
    return client.post(
        url, {"username": username, "password": password}, REMOTE_ADDR=ip, **extra
    )


def is_logged_in(client: Client) -> bool:
    return SESSION_KEY in client.session


@pytest.fixture(params=LOGIN_URLS)
def login_url(request):
    """The Wagtail admin's login and the site's own (which re-renders its form on failure)."""
    return request.param


def test_failure_limit_is_five():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]


def test_sixth_attempt_on_a_guessed_account_is_refused_even_with_the_right_password(
    client, login_url
):
    user = UserFactory()
    for _ in range(4):
        response = attempt(client, login_url, user.username, "wrong-password", "10.0.0.1")
        assert response.status_code == 200
    # The fifth failure reaches the limit and is answered with the lockout already.
    assert attempt(client, login_url, user.username, "wrong", "10.0.0.1").status_code == LOCKED
    response = attempt(client, login_url, user.username, PASSWORD, "10.0.0.1")
    assert response.status_code == LOCKED
    assert not is_logged_in(client)


def test_locked_account_stays_locked_from_another_address(client, login_url):
    user = UserFactory()
    for _ in range(5):
        attempt(client, login_url, user.username, "wrong-password", "10.0.0.1")
    response = attempt(Client(), login_url, user.username, PASSWORD, "10.0.0.99")
    assert response.status_code == LOCKED
    assert not is_logged_in(client)


def test_address_guessing_many_accounts_is_locked_for_every_account(client, login_url):
    victim = UserFactory()
    for n in range(5):
        attempt(client, login_url, f"guess{n}@example.nl", "wrong-password", "10.0.0.2")
    response = attempt(client, login_url, victim.username, PASSWORD, "10.0.0.2")
    assert response.status_code == LOCKED
    assert not is_logged_in(client)
    # The account itself is not locked: its owner logs in from elsewhere.
    elsewhere = Client()
    response = attempt(elsewhere, login_url, victim.username, PASSWORD, "10.0.0.3")
    assert response.status_code == 302
    assert is_logged_in(elsewhere)


def test_forged_forwarded_for_header_does_not_get_around_the_lock(client, login_url):
    victim = UserFactory()
    for n in range(5):
        attempt(
            client, login_url, f"other{n}@example.nl", "wrong-password", "10.0.0.4",
            HTTP_X_FORWARDED_FOR=next(_forged),
        )
    response = attempt(
        client, login_url, victim.username, PASSWORD, "10.0.0.4",
        HTTP_X_FORWARDED_FOR=next(_forged),
    )
    assert response.status_code == LOCKED
    assert not is_logged_in(client)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"10.0.0.4"}


def test_successful_login_below_the_limit_resets_the_count(client, login_url):
    user = UserFactory()
    for _ in range(4):
        attempt(client, login_url, user.username, "wrong-password", "10.0.0.5")
    response = attempt(client, login_url, user.username, PASSWORD, "10.0.0.5")
    assert response.status_code == 302
    assert is_logged_in(client)
    assert not AccessAttempt.objects.filter(username=user.username).exists()
    client.logout()
    for _ in range(4):
        attempt(client, login_url, user.username, "wrong-password", "10.0.0.5")
    response = attempt(client, login_url, user.username, PASSWORD, "10.0.0.5")
    assert response.status_code == 302
    assert is_logged_in(client)


def test_lockout_response_carries_the_security_headers(client):
    for n in range(5):
        attempt(client, ADMIN_LOGIN, f"guess{n}@example.nl", "wrong-password", "10.0.0.6")
    response = attempt(client, ADMIN_LOGIN, "guess0@example.nl", "wrong-password", "10.0.0.6")
    assert response.status_code == LOCKED
    assert "Content-Security-Policy" in response.headers
    assert response.headers["X-Frame-Options"] == "DENY"


# The client address ---------------------------------------------------------------------


def test_client_address_is_remote_addr_without_trusted_proxies(rf):
    request = rf.post("/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert client_ip_address(request) == "10.1.1.1"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_client_address_behind_one_proxy_is_the_last_forwarded_entry(rf):
    request = rf.post(
        "/", REMOTE_ADDR="172.18.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7, 192.0.2.44"
    )
    assert client_ip_address(request) == "192.0.2.44"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_client_address_ignores_missing_or_garbage_forwarded_entries(rf):
    too_short = rf.post("/", REMOTE_ADDR="172.18.0.2", HTTP_X_FORWARDED_FOR="192.0.2.44")
    assert client_ip_address(too_short) == "172.18.0.2"
    garbage = rf.post("/", REMOTE_ADDR="172.18.0.2", HTTP_X_FORWARDED_FOR="nonsense, 10.0.0.1")
    assert client_ip_address(garbage) == "172.18.0.2"
    good = rf.post("/", REMOTE_ADDR="172.18.0.2", HTTP_X_FORWARDED_FOR="192.0.2.44, 10.0.0.1")
    assert client_ip_address(good) == "192.0.2.44"


# The delay --------------------------------------------------------------------------------


@override_settings(LOGIN_FAILURE_DELAY_STEP=0.5, LOGIN_FAILURE_DELAY_MAX=3)
@pytest.mark.parametrize(
    ("failures", "seconds"), [(0, 0.0), (1, 0.5), (2, 1.0), (4, 2.0), (6, 3.0), (50, 3.0)]
)
def test_login_delay_grows_per_failure_up_to_the_maximum(failures, seconds):
    assert login_delay(failures) == seconds


def test_base_settings_slow_down_failures_and_test_settings_do_not():
    from config.settings import base

    assert base.LOGIN_FAILURE_DELAY_STEP == 0.5
    assert base.LOGIN_FAILURE_DELAY_MAX == 3
    assert login_delay(4) == 0


def _record_failures(username: str, ip: str, failures: int, user_agent: str = "test") -> None:
    AccessAttempt.objects.create(
        username=username,
        ip_address=ip,
        user_agent=user_agent,
        failures_since_start=failures,
        get_data="",
        post_data="",
        http_accept="*/*",
        path_info=ADMIN_LOGIN,
    )


def test_failed_login_count_takes_the_worse_of_username_and_address():
    _record_failures("a@example.nl", "10.2.0.1", 2)
    _record_failures("a@example.nl", "10.2.0.2", 1)
    _record_failures("b@example.nl", "10.2.0.1", 3)
    assert failed_login_count(username="a@example.nl", ip_address="10.9.9.9") == 3
    assert failed_login_count(username="c@example.nl", ip_address="10.2.0.1") == 5
    assert failed_login_count(username="b@example.nl", ip_address="10.2.0.2") == 3
    assert failed_login_count(username=None, ip_address=None) == 0
    assert failed_login_count(username=" A@Example.nl ", ip_address=None) == 3


def test_failed_login_count_forgets_failures_older_than_the_cool_off():
    _record_failures("old@example.nl", "10.3.0.1", 4)
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(hours=1))
    assert failed_login_count(username="old@example.nl", ip_address="10.3.0.1") == 0


def test_login_paths_cover_both_languages_and_the_admin():
    assert login_paths() == {"/accounts/login/", "/en/accounts/login/", "/admin/login/"}


@override_settings(LOGIN_FAILURE_DELAY_STEP=0.5, LOGIN_FAILURE_DELAY_MAX=3)
@pytest.mark.parametrize("path", ["/accounts/login/", "/en/accounts/login/", "/admin/login/"])
def test_middleware_sleeps_before_a_login_after_failures(rf, path):
    _record_failures("slow@example.nl", "10.4.0.1", 3)
    middleware = LoginDelayMiddleware(lambda request: HttpResponse("ok"))
    request = rf.post(path, {"username": "slow@example.nl"}, REMOTE_ADDR="10.4.0.2")
    with mock.patch("marketplace.throttle.sleep") as sleep:
        assert middleware(request).content == b"ok"
    sleep.assert_called_once_with(1.5)


@override_settings(LOGIN_FAILURE_DELAY_STEP=0.5, LOGIN_FAILURE_DELAY_MAX=3)
def test_middleware_does_not_sleep_elsewhere_or_without_failures_or_when_locked(rf):
    _record_failures("slow@example.nl", "10.4.0.1", 3)
    _record_failures("locked@example.nl", "10.4.0.1", 5, user_agent="other")
    middleware = LoginDelayMiddleware(lambda request: HttpResponse("ok"))
    requests = [
        rf.get("/accounts/login/", {"username": "slow@example.nl"}, REMOTE_ADDR="10.4.0.2"),
        rf.post("/offers/", {"username": "slow@example.nl"}, REMOTE_ADDR="10.4.0.2"),
        rf.post("/accounts/login/", {"username": "new@example.nl"}, REMOTE_ADDR="10.4.0.2"),
        # Locked: axes refuses it without a password check, so waiting would only hold a worker.
        rf.post("/accounts/login/", {"username": "locked@example.nl"}, REMOTE_ADDR="10.4.0.2"),
    ]
    with mock.patch("marketplace.throttle.sleep") as sleep:
        for request in requests:
            middleware(request)
    sleep.assert_not_called()


@override_settings(LOGIN_FAILURE_DELAY_STEP=0.5, LOGIN_FAILURE_DELAY_MAX=3)
def test_repeated_failed_logins_through_the_stack_wait_longer_each_time(client):
    user = UserFactory()
    with mock.patch("marketplace.throttle.sleep") as sleep:
        for _ in range(4):
            attempt(client, ADMIN_LOGIN, user.username, "wrong-password", "10.5.0.1")
    assert [call.args[0] for call in sleep.call_args_list] == [0.5, 1.0, 1.5]


def test_throttle_middleware_sits_just_before_axes():
    middleware = settings.MIDDLEWARE
    assert middleware[-2:] == [
        "marketplace.throttle.LoginDelayMiddleware",
        "axes.middleware.AxesMiddleware",
    ]
