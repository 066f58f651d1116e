"""Security headers on the public site and in the Wagtail admin."""

import pytest

from tests.factories import hub_editor

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/", "/offers/", "/en/offers/", "/needs/", "/organisations/", "/no-such-page/"]


def assert_common_headers(response):
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response.headers["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions


def csp_directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_send_a_strict_policy(client, path):
    response = client.get(path)
    assert_common_headers(response)
    csp = csp_directives(response)
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]


def test_admin_login_sends_security_headers(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert_common_headers(response)
    csp = csp_directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert "'self'" in csp["frame-ancestors"]
    assert "*" not in response.headers["Content-Security-Policy"].split()


def test_admin_dashboard_sends_security_headers(client):
    client.force_login(hub_editor(email="headers-editor@example.nl"))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert_common_headers(response)
    assert "Content-Security-Policy" in response.headers


def test_public_site_sends_no_hsts_over_plain_http_in_tests(client):
    """HSTS belongs to production (see test_deploy); test settings must not pin the test host."""
    assert "Strict-Transport-Security" not in client.get("/").headers
