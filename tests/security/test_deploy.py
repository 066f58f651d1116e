"""Production settings: `check --deploy` is clean, secrets are required, HTTPS is enforced."""

import json
import os
import secrets
import subprocess
import sys

import pytest

from django.conf import settings
from django.test import Client, override_settings

from tests.factories import PASSWORD, UserFactory

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DATABASE_URL": "sqlite:////tmp/b2c-deploy-check.sqlite3",
    "ALLOWED_HOSTS": "example.org",
}
# The HTTPS settings production.py sets, copied into the test settings to exercise them.
HTTPS_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
]


def run_django(args: list[str], **env: str) -> subprocess.CompletedProcess:
    """Run a Python command in a fresh process with only the given deployment variables."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}
    }
    return subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """The HTTPS-related values of config.settings.production, read in a separate process."""
    result = run_django(
        [
            "-c",
            "import json; from config.settings import production as p; "
            f"print(json.dumps({{name: getattr(p, name) for name in {HTTPS_SETTINGS!r}}}))",
        ],
        **PRODUCTION_ENV,
        SECRET_KEY=secrets.token_urlsafe(64),
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values


def test_check_deploy_is_clean_with_production_settings():
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **PRODUCTION_ENV,
        SECRET_KEY=secrets.token_urlsafe(64),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_notices_a_weak_secret_key():
    """The deploy check is real: a short key makes it fail."""
    result = run_django(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **PRODUCTION_ENV,
        SECRET_KEY="short",
    )
    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


@pytest.mark.parametrize("secret_key", [None, ""])
def test_production_refuses_to_start_without_secret_key(secret_key):
    env = dict(PRODUCTION_ENV)
    if secret_key is not None:
        env["SECRET_KEY"] = secret_key
    result = run_django(["manage.py", "check"], **env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_database_url():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DATABASE_URL"}
    result = run_django(["manage.py", "check"], **env, SECRET_KEY=secrets.token_urlsafe(64))
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_production_sets_secure_cookies_and_hsts(production_settings):
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["CSRF_COOKIE_SECURE"] is True
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["SECURE_HSTS_SECONDS"] >= 31_536_000


@pytest.mark.django_db
def test_production_https_settings_send_hsts_and_redirect_plain_http(production_settings):
    with override_settings(**production_settings):
        client = Client()
        response = client.get("/admin/login/", secure=True)
        assert response.status_code == 200
        assert response.headers["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        plain = Client().get("/admin/login/")
        assert plain.status_code == 301
        assert plain.headers["Location"] == "https://testserver/admin/login/"
        # Behind the TLS proxy the forwarded scheme counts as HTTPS.
        proxied = Client().get("/admin/login/", HTTP_X_FORWARDED_PROTO="https")
        assert proxied.status_code == 200


@pytest.mark.django_db
def test_production_cookies_are_secure_and_http_only(production_settings):
    user = UserFactory()
    with override_settings(**production_settings):
        client = Client()
        page = client.get("/admin/login/", secure=True)
        csrf_cookie = page.cookies[settings.CSRF_COOKIE_NAME]
        assert csrf_cookie["secure"]
        assert csrf_cookie["httponly"]
        response = client.post(
            "/admin/login/",
            {"username": user.username, "password": PASSWORD},
            secure=True,
        )
        assert response.status_code == 302
        session_cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        assert session_cookie["secure"]
        assert session_cookie["httponly"]
        assert session_cookie["samesite"] == "Lax"
