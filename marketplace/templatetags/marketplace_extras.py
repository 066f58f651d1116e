"""Template helpers for the marketplace pages: language links and choice labels."""

from collections.abc import Iterable

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

from core.text import without_final_stop
from marketplace import selectors
from marketplace.models import InitiativeKind, LegalForm, Organisation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, object]]:
    """One link per language to this same page in that language: one click, no form.

    A hub page's translation has its own slug, so it is found through its `translation_key`
    (a missing or unpublished translation leads to that language's home page); every other page
    keeps its URL name and arguments (Django's `translate_url`)."""
    request = context.get("request")
    current = get_language()
    path = request.get_full_path() if request is not None else "/"
    page_urls = _hub_translation_urls(context.get("page"), request)
    links = []
    for code, _name in settings.LANGUAGES:
        if page_urls is not None:
            url = page_urls.get(code) or translate_url("/", code)
        else:
            url = translate_url(path, code)
        info = get_language_info(code)
        links.append(
            {"code": code, "name": info["name_local"].capitalize(), "url": url,
             "current": code == current}
        )
    return links


def _hub_translation_urls(page: object, request: object) -> dict[str, str] | None:
    """URLs of a Wagtail page's live, public translations by language code; None off the hub."""
    get_translations = getattr(page, "get_translations", None)
    if get_translations is None:
        return None
    urls = {}
    for translation in get_translations(inclusive=True).live().public().select_related("locale"):
        url = translation.get_url(request)
        if url:
            urls[translation.locale.language_code] = url
    return urls


@register.filter(name="without_final_stop")
def without_final_stop_filter(name: str) -> str:
    """A name that ends a sentence, without a full stop of its own: no "U.A.." at the end."""
    return without_final_stop(str(name))


@register.filter
def legal_form_labels(values: Iterable[str] | None) -> list[str]:
    """Readable names of stored legal form codes."""
    labels = dict(LegalForm.choices)
    return [str(labels.get(value, value)) for value in values or ()]


@register.filter
def initiative_kind_labels(values: Iterable[str] | None) -> list[str]:
    """Readable names of stored kinds of initiative."""
    labels = dict(InitiativeKind.choices)
    return [str(labels.get(value, value)) for value in values or ()]


@register.simple_tag
def offer_allowance(organisation: Organisation) -> dict[str, object] | None:
    """{% offer_allowance organisation as allowance %}: the plan's offer limit and what is used;
    None when the plan has no limit."""
    limit = organisation.offer_limit
    if limit is None:
        return None
    live = selectors.organisation_live_offer_count(organisation=organisation)
    return {"limit": limit, "live": live, "reached": live >= limit}


@register.inclusion_tag("marketplace/includes/report.html", takes_context=True)
def report_form(context: template.Context, target: object) -> dict[str, object]:
    """The "report" action for a listing, organisation or message (a log-in link when anonymous)."""
    from marketplace.forms import ReportForm
    from marketplace.report_selectors import report_kind_of

    request = context.get("request")
    return {
        "request": request,
        "user": context.get("user"),
        "target": target,
        "kind": report_kind_of(target),
        "form": ReportForm(auto_id=f"id_report_{report_kind_of(target)}_{target.pk}_%s"),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("marketplace/includes/follow.html", takes_context=True)
def follow_button(context: template.Context, target: object) -> dict[str, object]:
    """Follow / unfollow an organisation or a theme (a theme may be given by its slug)."""
    from marketplace.follow_selectors import is_following
    from marketplace.models import Theme

    if isinstance(target, str):
        target = Theme.objects.filter(slug=target).first() if target else None
    user = context.get("user")
    request = context.get("request")
    return {
        "request": request,
        "user": user,
        "target": target,
        "kind": "organisation" if isinstance(target, Organisation) else "theme",
        "following": bool(target) and user is not None and is_following(user=user, target=target),
        "csrf_token": context.get("csrf_token"),
    }
