"""URL map: the marketplace in Dutch (default, no prefix) and English (/en/), the Wagtail admin."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api import problems as api_problems
from api import urls as api_dashboard_urls
from api.v1 import api as api_v1
from config.health import health
from marketplace import urls as marketplace_urls
from payments import views as payments_views
from web import urls as web_urls


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """The icon's hashed static address is only known once collectstatic ran: ask per request."""
    return HttpResponsePermanentRedirect(static_url("favicon.svg"))


urlpatterns = [
    path("health", health, name="health"),
    # Browsers ask for /favicon.ico whatever the page says; send them to the one icon.
    path("favicon.ico", favicon),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # Stripe posts signed events here; outside i18n_patterns so its address never changes.
    path("stripe/webhook/", payments_views.stripe_webhook, name="stripe_webhook"),
    # The REST API (docs/api.md): one address in every language, answers in application/json.
    path("api/v1/", api_v1.urls),
    re_path(r"^api/(?P<rest>.*)$", api_problems.not_found),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("marketplace.account_urls")),
    path("payments/", include("payments.urls")),
    path("finance/", include("payments.finance_urls")),
    path("search/", include("search.urls")),
    path("dashboard/notifications/", include("notifications.urls")),
    path("dashboard/", include(api_dashboard_urls)),
    path("impact/", include("impact.urls")),
    # One "marketplace" namespace: the marketplace's own pages and the combined pages of web/
    # (home at "/", the need page, dashboard and manage pages), so URL names never moved.
    path("", include((marketplace_urls.urlpatterns + web_urls.urlpatterns, "marketplace"))),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
