"""The front page: the Wagtail home page of the visitor's language, once the hub is seeded."""

from django.http import HttpRequest, HttpResponse

from wagtail.models import Site
from wagtail.views import serve

from marketplace import views as marketplace_views

from .models import HomePage


def home(request: HttpRequest) -> HttpResponse:
    """Serve the Wagtail HomePage at "/" (and "/en/"); the marketplace home until one exists."""
    site = Site.find_for_request(request)
    if site is not None and isinstance(site.root_page.specific_deferred, HomePage):
        return serve(request, "")
    return marketplace_views.home(request)
