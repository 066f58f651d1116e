"""Payments pages: the Partner plan, featuring an offer, contributing to a need, Stripe's webhook.

The card form posts with fetch (static/js/payments.js) and gets JSON back: what happened and,
for 3-D Secure, the client secret Stripe.js needs. Amounts never come from the browser,
except the gift a contributor chooses, which the service checks.
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.ratelimit import RateLimited, rate_limited_message
from marketplace import selectors as marketplace_selectors
from marketplace.models import Need, Offer
from marketplace.throttle import limit_address

from . import selectors, services, stripe_api, webhooks
from .forms import (
    ContributionForm,
    FeatureOfferForm,
    FundingGoalForm,
    PartnerUpgradeForm,
    new_attempt,
)

logger = logging.getLogger(__name__)


def _stripe_context() -> dict:
    return {
        "payments_enabled": stripe_api.is_configured(),
        "stripe_js_url": settings.STRIPE_JS_URL,
        "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
    }


def _session_key(request: HttpRequest) -> str:
    """The browser session a visitor pays from (it makes their attempts theirs)."""
    # Stored when the visitor pays (a POST), so that the result page knows the attempt is theirs;
    # showing the form writes nothing.
    request.session.setdefault("payments_visitor", True)
    if not request.session.session_key:
        request.session.save()
    return request.session.session_key


def _with_session_cookie(request: HttpRequest, response: JsonResponse) -> JsonResponse:
    """Send the visitor's session cookie even with an error answer (Django leaves it off 5xx).

    The session is made by the first payment POST, not by showing the form; when that POST
    meets an outage, the retry must still come from the same session to be the same attempt.
    """
    session = getattr(request, "session", None)
    key = getattr(session, "session_key", None)
    if response.status_code >= 500 and key and request.COOKIES.get(settings.SESSION_COOKIE_NAME) != key:
        response.set_cookie(
            settings.SESSION_COOKIE_NAME,
            key,
            max_age=settings.SESSION_COOKIE_AGE,
            domain=settings.SESSION_COOKIE_DOMAIN,
            path=settings.SESSION_COOKIE_PATH,
            secure=settings.SESSION_COOKIE_SECURE or None,
            httponly=settings.SESSION_COOKIE_HTTPONLY or None,
            samesite=settings.SESSION_COOKIE_SAMESITE,
        )
    return response


def _messages_of(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


def json_errors(view: Callable[..., JsonResponse]) -> Callable[..., JsonResponse]:
    """Answer the payment form's fetch calls with JSON, whatever goes wrong."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> JsonResponse:
        return _with_session_cookie(request, _answer(request, *args, **kwargs))

    def _answer(request: HttpRequest, *args, **kwargs) -> JsonResponse:
        try:
            return view(request, *args, **kwargs)
        except RateLimited as exc:
            response = JsonResponse(
                {"status": "rate_limited", "message": rate_limited_message(exc)}, status=429
            )
            response["Retry-After"] = str(exc.retry_after)
            return response
        except PermissionDenied as exc:
            return JsonResponse({"status": "forbidden", "message": str(exc)}, status=403)
        except ValidationError as exc:
            return JsonResponse({"status": "invalid", "message": _messages_of(exc)}, status=400)
        except stripe_api.PaymentProviderUnavailable:
            return JsonResponse(
                {"status": services.UNAVAILABLE, "message": services.unavailable_message()},
                status=503,
            )
        except stripe_api.PaymentProviderError:
            logger.exception("Payment service error")
            return JsonResponse(
                {
                    "status": "error",
                    "message": _(
                        "Something went wrong with the payment service. Please try again later."
                    ),
                },
                status=502,
            )

    return wrapper


def _form_invalid(form) -> JsonResponse:
    errors = []
    for name, field_errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        errors.extend(f"{label}: {error}" if label else str(error) for error in field_errors)
    return JsonResponse(
        {"status": "invalid", "message": _("Please correct the errors below."), "errors": errors},
        status=400,
    )


def _outcome_json(outcome, *, refresh_url: str, done_url: str) -> JsonResponse:
    data = {"status": outcome.status, "message": str(outcome.message)}
    if outcome.status == services.REQUIRES_ACTION:
        data["client_secret"] = outcome.client_secret
        data["refresh_url"] = refresh_url
    elif outcome.status in (services.SUCCEEDED, services.PROCESSING):
        data["redirect_url"] = done_url
    elif outcome.status == services.REDIRECT:
        data["redirect_url"] = outcome.redirect_to  # the bank (iDEAL); it sends the payer back
    elif outcome.status == services.FAILED:
        data["attempt"] = new_attempt()  # another try is another payment
    return JsonResponse(data, status=503 if outcome.status == services.UNAVAILABLE else 200)


def _payment_outcome_json(outcome: services.PaymentOutcome) -> JsonResponse:
    public_id = outcome.payment.public_id
    return _outcome_json(
        outcome,
        refresh_url=reverse("payments:payment_refresh", args=[public_id]),
        done_url=reverse("payments:payment_result", args=[public_id]),
    )


# Contributions ---------------------------------------------------------------------------


def need_contribute(request: HttpRequest, slug: str) -> HttpResponse:
    need = marketplace_selectors.need_get_public(slug=slug)
    if request.method == "POST":
        return _need_contribute_post(request, need)
    user = request.user
    initial = {"email": user.email, "name": user.get_full_name()} if user.is_authenticated else {}
    return render(
        request,
        "payments/contribute.html",
        {
            "need": need,
            "form": ContributionForm(initial=initial),
            "funding": selectors.need_funding(need=need),
            "accepts_contributions": selectors.need_accepts_contributions(need=need),
            **_stripe_context(),
        },
    )


@json_errors
@limit_address("contribution")
def _need_contribute_post(request: HttpRequest, need: Need) -> JsonResponse:
    form = ContributionForm(request.POST)
    if not form.is_valid():
        return _form_invalid(form)
    outcome = services.contribution_pay(
        need=need,
        payer=request.user,
        session_key=_session_key(request),
        attempt=form.cleaned_data["attempt"],
        amount_cents=form.amount_cents,
        email=form.cleaned_data["email"],
        name=form.cleaned_data["name"],
        anonymous=form.cleaned_data["anonymous"],
        show_on_wall=form.cleaned_data["show_on_wall"],
        message=form.cleaned_data["message"],
        payment_method=request.POST.get("payment_method", ""),
        method=form.cleaned_data["method"] or services.CARD,
        site_url=request.build_absolute_uri("/").rstrip("/"),
    )
    return _payment_outcome_json(outcome)


def _euros(cents: int) -> int | Decimal:
    """Cents as a form value: 15000 rather than 15000.0, and 12.50 when there are cents."""
    return cents // 100 if cents % 100 == 0 else Decimal(cents) / 100


@login_required
def funding_goal(request: HttpRequest, pk: int) -> HttpResponse:
    need = marketplace_selectors.listing_get_for_member(model=Need, pk=pk, user=request.user)
    funding = selectors.need_funding(need=need)
    form = FundingGoalForm(
        request.POST or None, initial={"goal": _euros(funding.goal_cents)} if funding else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.funding_goal_set(need=need, actor=request.user, goal_cents=form.goal_cents)
        except ValidationError as exc:
            form.add_error("goal" if hasattr(exc, "error_dict") else None, _messages_of(exc))
        else:
            messages.success(request, _("The funding goal is saved."))
            return redirect("payments:funding_goal", pk=need.pk)
    return render(
        request,
        "payments/funding_goal.html",
        {
            "need": need,
            "form": form,
            "funding": funding,
            "contributions": selectors.need_contributions_for_members(need=need),
        },
    )


# Featured offers -------------------------------------------------------------------------


@login_required
def offer_feature(request: HttpRequest, pk: int) -> HttpResponse:
    offer = marketplace_selectors.listing_get_for_member(model=Offer, pk=pk, user=request.user)
    if request.method == "POST":
        return _offer_feature_post(request, offer)
    return render(
        request,
        "payments/feature_offer.html",
        {
            "offer": offer,
            "form": FeatureOfferForm(),
            "featured_until": selectors.offer_featured_until(offer=offer),
            **_stripe_context(),
        },
    )


@json_errors
def _offer_feature_post(request: HttpRequest, offer: Offer) -> JsonResponse:
    form = FeatureOfferForm(request.POST)
    if not form.is_valid():
        return _form_invalid(form)
    outcome = services.offer_feature_pay(
        offer=offer,
        actor=request.user,
        attempt=form.cleaned_data["attempt"],
        days=form.cleaned_data["days"],
        payment_method=request.POST.get("payment_method", ""),
    )
    return _payment_outcome_json(outcome)


# After paying ----------------------------------------------------------------------------


def _payment_for(request: HttpRequest, public_id: uuid.UUID):
    return selectors.payment_get_for_payer(
        public_id=public_id, user=request.user, session_key=request.session.session_key
    )


@require_POST
@json_errors
def payment_refresh(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    payment = _payment_for(request, public_id)
    outcome = services.payment_refresh(payment=payment)
    if request.POST.get("then") == "result":
        # The button on the result page after the bank (iDEAL) sent the payer back.
        return redirect("payments:payment_result", public_id=payment.public_id)
    return _payment_outcome_json(outcome)


def payment_result(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    payment = _payment_for(request, public_id)
    context = {"payment": payment}
    if payment.need_id:
        context["funding"] = selectors.need_funding(need=payment.need)
    if payment.offer_id:
        context["featured_until"] = selectors.offer_featured_until(offer=payment.offer)
    return render(request, "payments/payment_result.html", context)


# The Partner plan ------------------------------------------------------------------------


def _plan_organisation(request: HttpRequest):
    organisation = marketplace_selectors.user_organisation(request.user)
    if organisation is None or not organisation.is_provider:
        raise Http404
    return organisation


@login_required
def plan(request: HttpRequest) -> HttpResponse:
    organisation = _plan_organisation(request)
    invoices, invoices_unavailable = [], False
    try:
        invoices = selectors.partner_invoices(organisation=organisation)
    except stripe_api.PaymentProviderError:
        invoices_unavailable = True
    return render(
        request,
        "payments/plan.html",
        {
            "organisation": organisation,
            "subscription": selectors.partner_subscription_for(organisation=organisation),
            "is_partner": selectors.organisation_is_partner(organisation=organisation),
            "offer_limit": selectors.organisation_offer_limit(organisation=organisation),
            "live_offer_count": selectors.organisation_live_offer_count(organisation=organisation),
            "is_owner": marketplace_selectors.user_is_owner(request.user, organisation),
            "form": PartnerUpgradeForm(),
            "invoices": invoices,
            "invoices_unavailable": invoices_unavailable,
            **_stripe_context(),
        },
    )


def _plan_outcome_json(outcome: services.PlanOutcome) -> JsonResponse:
    return _outcome_json(
        outcome, refresh_url=reverse("payments:plan_refresh"), done_url=reverse("payments:plan")
    )


@login_required
@require_POST
@json_errors
def plan_upgrade(request: HttpRequest) -> JsonResponse:
    organisation = _plan_organisation(request)
    form = PartnerUpgradeForm(request.POST)
    if not form.is_valid():
        return _form_invalid(form)
    outcome = services.partner_upgrade(
        organisation=organisation,
        actor=request.user,
        interval=form.cleaned_data["interval"],
        payment_method=request.POST.get("payment_method", ""),
    )
    _confirm_upgrade(request, outcome)
    return _plan_outcome_json(outcome)


def _confirm_upgrade(request: HttpRequest, outcome: services.PlanOutcome) -> None:
    """The plan page the browser goes to next confirms the upgrade."""
    if outcome.status == services.SUCCEEDED:
        messages.success(request, _(
            "Welcome as a Partner! You can now publish as many offers as you like; the receipt "
            "is on its way to your inbox and your invoices are listed below."
        ))


@login_required
@require_POST
@json_errors
def plan_refresh(request: HttpRequest) -> JsonResponse:
    organisation = _plan_organisation(request)
    outcome = services.partner_refresh(organisation=organisation)
    _confirm_upgrade(request, outcome)
    return _plan_outcome_json(outcome)


@login_required
def plan_renewal(request: HttpRequest, action: str) -> HttpResponse:
    """Cancel (after a confirmation page) or resume the Partner plan."""
    organisation = _plan_organisation(request)
    service = {"cancel": services.partner_cancel, "resume": services.partner_resume}.get(action)
    if service is None:
        raise Http404
    if action == "cancel" and (request.method != "POST" or request.POST.get("confirm") != "yes"):
        if request.method not in ("GET", "HEAD", "POST"):
            return HttpResponseNotAllowed(["GET", "POST"])
        return render(request, "payments/plan_cancel.html", {
            "organisation": organisation,
            "subscription": selectors.partner_subscription_for(organisation=organisation),
            "free_offer_limit": selectors.free_plan_offer_limit(),
            "live_offer_count": selectors.organisation_live_offer_count(organisation=organisation),
            "is_owner": marketplace_selectors.user_is_owner(request.user, organisation),
        })
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        service(organisation=organisation, actor=request.user)
    except ValidationError as exc:
        messages.error(request, _messages_of(exc))
    except stripe_api.PaymentProviderError:
        messages.error(request, services.unavailable_message())
    else:
        messages.success(
            request,
            _("Your Partner plan will end when the paid period is over.")
            if action == "cancel"
            else _("Your Partner plan continues."),
        )
    return redirect("payments:plan")


# Stripe ----------------------------------------------------------------------------------


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    try:
        webhooks.webhook_receive(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except webhooks.WebhookRefused:
        return HttpResponseBadRequest("Invalid signature or payload.")
    except stripe_api.PaymentProviderError:
        # Nothing was recorded; Stripe delivers the event again later.
        return HttpResponse("Try again later.", status=503)
    return HttpResponse("OK")
