"""Search pages: one search page for everything public, and the saved searches with their alerts."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from marketplace.throttle import limit_address

from . import selectors, services
from .forms import MAX_PAGE, SavedSearchForm, SavedSearchSettingsForm, SearchForm
from .presentation import facet_groups, filter_labels, pagination, query_string, relax_links


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query = form.search_query()
    language = (get_language() or "nl")[:2]
    save_form = SavedSearchForm(
        initial={
            "q": query.text,
            "mode": query.mode,
            "name": query.text[:120],
            "email_language": language if language in ("nl", "en") else "nl",
            **query.filters,
        }
    )

    answer: dict[str, bool] = {"degraded": False}

    def results() -> dict:
        page = selectors.search_page(query=query)
        answer["degraded"] = bool(page.degraded)
        labels = selectors.search_facet_labels()
        filters = dict(query.filters)
        return {
            "page": page,
            "facet_groups": facet_groups(
                facets=page.facets, filters=filters, labels=labels, params=request.GET
            ),
            "relax_links": relax_links(filters=filters, labels=labels, params=request.GET),
            "pagination": pagination(
                page=query.page, num_pages=page.num_pages, max_pages=MAX_PAGE, params=request.GET
            ),
        }

    # Lazy: the template keeps the results per language, query string and content version,
    # so a repeated search neither runs the engine nor reads the listings.
    computed = SimpleLazyObject(results)
    context = {
        "form": form,
        "query": query,
        **{name: _lazy_item(computed, name) for name in ("page", "facet_groups", "relax_links",
                                                         "pagination")},
        "describe_url": query_string(request.GET, mode="describe") if query.text else None,
        "newest_url": query_string(request.GET, sort="newest"),
        "relevance_url": query_string(request.GET, sort="relevance"),
        "save_form": save_form,
        "can_save": bool(query.text or query.filters),
    }
    response = render(request, "search/search.html", context)
    if answer["degraded"]:
        # Words only while an engine or the encoder is down: no cache may keep this page.
        add_never_cache_headers(response)
    return response


def _lazy_item(computed: SimpleLazyObject, name: str) -> SimpleLazyObject:
    return SimpleLazyObject(lambda: computed[name])


@login_required
def saved_search_list(request: HttpRequest) -> HttpResponse:
    labels = selectors.search_facet_labels()
    saved_searches = [
        (
            saved,
            SavedSearchSettingsForm(instance=saved, prefix=f"s{saved.pk}"),
            filter_labels(filters=saved.filters, labels=labels),
            query_string(QueryDict(), q=saved.query, mode=saved.mode, **saved.filters),
        )
        for saved in selectors.saved_search_list(user=request.user)
    ]
    return render(request, "search/saved_list.html", {"saved_searches": saved_searches})


@login_required
@require_POST
@limit_address("saved_search")
def saved_search_create(request: HttpRequest) -> HttpResponse:
    form = SavedSearchForm(request.POST)
    if form.is_valid():
        try:
            services.saved_search_create(
                user=request.user,
                query=form.cleaned_data["q"],
                mode=form.cleaned_data["mode"] or "words",
                filters=form.filters,
                name=form.cleaned_data["name"],
                frequency=form.cleaned_data["frequency"],
                language=form.cleaned_data["email_language"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("search:search")
        messages.success(request, _("Search saved. We will e-mail you about new results."))
        return redirect("search:saved_search_list")
    messages.error(request, _("The search could not be saved. Please try again."))
    return redirect("search:search")


@login_required
@require_POST
def saved_search_update(request: HttpRequest, pk: int) -> HttpResponse:
    saved = selectors.saved_search_get(user=request.user, pk=pk)
    form = SavedSearchSettingsForm(request.POST, instance=saved, prefix=f"s{saved.pk}")
    if form.is_valid():
        services.saved_search_update(
            saved_search=saved,
            user=request.user,
            name=form.cleaned_data["name"],
            frequency=form.cleaned_data["frequency"],
            language=form.cleaned_data["language"],
        )
        messages.success(request, _("Saved search updated."))
    else:
        messages.error(request, _("Please check the settings of the saved search."))
    return redirect("search:saved_search_list")


@login_required
@require_POST
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    saved = selectors.saved_search_get(user=request.user, pk=pk)
    services.saved_search_delete(saved_search=saved, user=request.user)
    messages.success(request, _("Saved search deleted."))
    return redirect("search:saved_search_list")


# The signed token is the only credential and cannot be forged, so a cross-site POST gains nothing;
# without the CSRF check mail clients can unsubscribe in one click (RFC 8058).
@csrf_exempt
def saved_search_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation (link checkers must not unsubscribe anybody); POST does it."""
    if request.method == "POST":
        try:
            saved = services.saved_search_unsubscribe(token=token)
        except ValidationError:
            return render(request, "search/unsubscribe.html", {"invalid": True}, status=400)
        return render(request, "search/unsubscribe.html", {"done": True, "saved_search": saved})
    action = reverse("search:saved_search_unsubscribe", kwargs={"token": token})
    return render(request, "search/unsubscribe.html", {"action": action})
