"""Answers under /api/ that did not come from the API's own handlers are problems too: an address
no operation serves (404), a method it does not allow (405), an address refused before any view
(400, config.middleware.MalformedAddressMiddleware)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .problems import CONTENT_TYPE, problem

PREFIX = "/api/"
DETAILS = {
    400: "The address cannot be read (a NUL character or invalid UTF-8).",
    404: "No operation of the API has this address; see /api/v1/openapi.json.",
    405: "This operation does not take this method.",
}


class ApiProblemMiddleware:
    """Turn plain 400/404/405 answers below /api/ into application/problem+json."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        status = response.status_code
        if not request.path.startswith(PREFIX) or status not in DETAILS:
            return response
        if response.get("Content-Type", "").split(";")[0].strip() == CONTENT_TYPE:
            return response
        replacement = problem(status, DETAILS[status])
        if response.has_header("Allow"):
            replacement["Allow"] = response["Allow"]
        return replacement
