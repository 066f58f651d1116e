"""Every error of the API as an RFC 9457 problem: application/problem+json with type, title,
status and detail, plus `errors` (each with `field` and `message`) when input was refused."""

from __future__ import annotations

import logging
from typing import Any

from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse

from core.ratelimit import RateLimited
from marketplace.match_services import MatchTransitionNotAllowed
from marketplace.services import TransitionNotAllowed

from .pagination import InvalidCursor

logger = logging.getLogger(__name__)

CONTENT_TYPE = "application/problem+json"
TYPES = {
    400: "about:blank",
    401: "about:blank",
    403: "about:blank",
    404: "about:blank",
    405: "about:blank",
    409: "urn:b2c:problem:conflict",
    422: "urn:b2c:problem:validation",
    429: "urn:b2c:problem:rate-limited",
    500: "about:blank",
}
TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    422: "Unprocessable Content",
    429: "Too Many Requests",
    500: "Internal Server Error",
}


class ProblemError(Schema):
    """One refused input: where (e.g. `body.title`, `query.limit`) and why."""

    field: str
    message: str


class Problem(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str = ""
    errors: list[ProblemError] = []


def problem(
    status: int,
    detail: str = "",
    *,
    errors: list[dict[str, str]] | None = None,
    type: str | None = None,  # noqa: A002 - the RFC's name
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": type or TYPES.get(status, "about:blank"),
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    response = JsonResponse(body, status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _django_errors(error: DjangoValidationError) -> list[dict[str, str]]:
    if hasattr(error, "error_dict"):
        return [
            {"field": "body" if name == NON_FIELD_ERRORS else f"body.{name}", "message": str(m)}
            for name, messages in error.message_dict.items()
            for m in messages
        ]
    return [{"field": "body", "message": str(m)} for m in error.messages]


def _ninja_errors(error: NinjaValidationError) -> list[dict[str, str]]:
    output = []
    for item in error.errors:
        location = [str(part) for part in item.get("loc", ()) if part not in ("payload",)]
        output.append({"field": ".".join(location) or "request", "message": str(item.get("msg", ""))})
    return output


def install(api: NinjaAPI) -> None:
    """Answer every exception the API can raise with a problem."""

    def on_ninja_validation(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        return problem(422, "The request has invalid fields.", errors=_ninja_errors(exc))

    def on_authentication(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem(
            401, "Send a valid API key: Authorization: Bearer <key>.",
            headers={"WWW-Authenticate": 'Bearer realm="api"'},
        )

    def on_throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return problem(429, "Too many requests with this key or from this address.")

    def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(exc.status_code, str(exc))

    def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(404, "There is nothing here, or it is not yours to see.")

    def on_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return problem(403, str(exc) or "This key may not do that.")

    def on_rule(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if isinstance(exc, TransitionNotAllowed | MatchTransitionNotAllowed):
            return problem(409, " ".join(exc.messages))
        return problem(422, "The request breaks a rule.", errors=_django_errors(exc))

    def on_rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        return problem(
            429, "Too many requests; try again after Retry-After seconds.",
            headers={"Retry-After": str(exc.retry_after)},
        )

    def on_cursor(request: HttpRequest, exc: InvalidCursor) -> HttpResponse:
        return problem(400, "The cursor is not valid for this list.",
                       errors=[{"field": "query.cursor", "message": "invalid cursor"}])

    def on_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
        return problem(500, "Something went wrong on our side.")

    for exc_class, handler in [
        (Exception, on_error),
        (NinjaValidationError, on_ninja_validation),
        (HttpError, on_http_error),
        (AuthenticationError, on_authentication),
        (Throttled, on_throttled),
        (Http404, on_not_found),
        (PermissionDenied, on_denied),
        (DjangoValidationError, on_rule),
        (RateLimited, on_rate_limited),
        (InvalidCursor, on_cursor),
    ]:
        api.add_exception_handler(exc_class, handler)


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address under /api/: 404 as a problem (no slash-appending redirect)."""
    return problem(404, "No operation of the API has this address; see /api/v1/openapi.json.")
