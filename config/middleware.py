"""Security headers Django does not set itself (Content-Security-Policy, Permissions-Policy), and
a 400 for request addresses no page can use (a NUL character or invalid UTF-8)."""

from collections.abc import Callable
from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string

# The public site serves its own scripts and styles only. The Wagtail admin needs inline
# scripts and styles, so it gets a policy that still forbids framing and foreign origins.
SITE_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'; object-src 'none'"
)
ADMIN_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'; "
    "frame-src 'self'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'; "
    "object-src 'none'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(self)"
ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# Payment pages (URL namespace "payments") also load Stripe.js, which calls Stripe's API and may
# show 3-D Secure in a frame: only these pages allow Stripe's origins, read from the settings
# STRIPE_JS_URL, STRIPE_API_BASE and STRIPE_CSP_FRAME_SOURCES (localstripe in dev and tests).
PAYMENT_NAMESPACE = "payments"


def _origin(url: str) -> str:
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def payment_policy() -> str:
    """The public policy plus Stripe.js, the Stripe API and Stripe's frames."""
    script = _origin(settings.STRIPE_JS_URL)
    connect = " ".join(dict.fromkeys(filter(None, [script, _origin(settings.STRIPE_API_BASE)])))
    frames = " ".join(
        dict.fromkeys(filter(None, [script, *getattr(settings, "STRIPE_CSP_FRAME_SOURCES", [])]))
    ) or "'none'"
    return (
        f"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' {script}; "
        f"font-src 'self'; connect-src 'self' {connect}; frame-src {frames}; "
        "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
    )


class SecurityHeadersMiddleware:
    """Add CSP and Permissions-Policy to every response that does not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = ADMIN_POLICY if request.path.startswith(ADMIN_PREFIXES) else SITE_POLICY
        match = getattr(request, "resolver_match", None)
        if match is not None and match.namespace == PAYMENT_NAMESPACE:
            policy = payment_policy()
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


def _raw_bytes(environ_text: str) -> bytes:
    """The bytes of a WSGI environ string (latin-1 by PEP 3333; ASGI servers give UTF-8 text)."""
    try:
        return environ_text.encode("iso-8859-1")
    except UnicodeEncodeError:
        return environ_text.encode("utf-8", "surrogatepass")


def _unusable(raw: bytes) -> bool:
    if b"\x00" in raw:
        return True
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def malformed_address(request: HttpRequest) -> bool:
    """Whether the path or the (percent-decoded) query string has a NUL or is not valid UTF-8."""
    path = _raw_bytes(request.META.get("PATH_INFO", ""))
    query = unquote_to_bytes(_raw_bytes(request.META.get("QUERY_STRING", "")))
    return _unusable(path) or _unusable(query)


class MalformedAddressMiddleware:
    """Answer 400 to an address with a NUL character or invalid UTF-8 in its path or query string.

    Django replaces invalid UTF-8 and passes NUL on to the views, where a NUL in a search reaches
    the database (SQLite's full-text search fails on it, PostgreSQL refuses it in any text):
    refused here, before sessions, language or pages are looked at, so no page has to think about
    it. The answer is templates/400.html, which stands alone like 500.html.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if malformed_address(request):
            # No request context: nothing of this request is read further, not even by templates.
            return HttpResponseBadRequest(render_to_string("400.html"))
        return self.get_response(request)
