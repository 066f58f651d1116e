"""Pages of the match lifecycle: my matches, one match with its thread."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications.services import notification_mark_read_for_target

from . import match_selectors, match_services, selectors
from .match_forms import (
    DeclineForm,
    InterestForm,
    MessageForm,
    OutcomeForm,
    OutcomeVisibilityForm,
)
from .models import ListingStatus, MatchStatus, Need, Offer
from .throttle import limit_address


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _back_url(request: HttpRequest) -> str:
    """The page of this site the form came from ("back"), else the dashboard."""
    back = request.POST.get("back", "")
    if back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return back
    return reverse("marketplace:dashboard")


@login_required
def match_list(request: HttpRequest) -> HttpResponse:
    organisation = selectors.user_organisation(request.user)
    overview = match_selectors.match_overview(organisation=organisation) if organisation else None
    return render(request, "marketplace/matches/list.html", {"overview": overview})


@login_required
def match_detail(request: HttpRequest, pk: int) -> HttpResponse:
    match = match_selectors.match_get_for_user(pk=pk, user=request.user)
    side = match_services.match_side_of(match=match, user=request.user)
    context = {
        "match": match,
        "side": side,
        "thread": match.messages.select_related("author"),
        "events": match.events.select_related("actor"),
        "contacts": match_selectors.match_contacts(match=match),
        "can_accept": match.status == MatchStatus.INTERESTED and match.interested_side != side,
        "can_decline": match.status in (MatchStatus.SUGGESTED, MatchStatus.INTERESTED),
        "can_talk": match.status in (MatchStatus.INTRODUCED, MatchStatus.AGREED),
        "can_close": match.status == MatchStatus.INTRODUCED,
        "waiting_for_answer": match.status == MatchStatus.INTERESTED
        and match.interested_side == side,
        "i_agreed": match.agreed_by_need if side == "need" else match.agreed_by_offer,
        "message_form": MessageForm(),
        "decline_form": DeclineForm(),
        "outcome_form": OutcomeForm() if match.status == MatchStatus.AGREED else None,
        "visibility_form": OutcomeVisibilityForm(
            initial={"visibility": match.outcome.visibility}, auto_id="id_visibility_%s"
        )
        if match.status == MatchStatus.FULFILLED and hasattr(match, "outcome")
        else None,
    }
    return render(request, "marketplace/matches/detail.html", context)


@login_required
@require_POST
@limit_address("interest")
def match_start(request: HttpRequest) -> HttpResponse:
    """Express interest in a pairing of a need and an offer (from either side)."""
    form = InterestForm(request.POST)
    if not form.is_valid():
        # A missing proposal says what to do; any other refusal (a line break in the timing,
        # an invisible character) says what is wrong.
        texts = [str(m) for name, errors in form.errors.items() if name != "proposal" for m in errors]
        if "proposal" in form.errors or not texts:
            texts.insert(0, _("Say briefly what you propose before sending your interest."))
        messages.error(request, " ".join(texts))
        return redirect(_back_url(request))
    need = get_object_or_404(Need, pk=form.cleaned_data["need"], status=ListingStatus.PUBLISHED)
    offer = get_object_or_404(Offer, pk=form.cleaned_data["offer"], status=ListingStatus.PUBLISHED)
    try:
        match = match_services.match_express_interest(
            need=need, offer=offer, actor=request.user,
            proposal=form.cleaned_data["proposal"], timing=form.cleaned_data["timing"],
            question=form.cleaned_data["question"],
        )
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect(_back_url(request))
    messages.success(request, _("Your interest has been sent. We will let you know the answer."))
    return redirect("marketplace:match_detail", pk=match.pk)


@login_required
@require_POST
@limit_address("message", when=lambda request, action, **kwargs: action == "message")
def match_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    match = match_selectors.match_get_for_user(pk=pk, user=request.user)
    try:
        if action == "accept":
            match_services.match_accept(match=match, actor=request.user)
            messages.success(request, _("You are now introduced. Say hello in the conversation."))
        elif action == "decline":
            form = DeclineForm(request.POST)
            note = form.cleaned_data["note"] if form.is_valid() else ""
            match_services.match_decline(match=match, actor=request.user, note=note)
            messages.success(request, _("Declined. We will not suggest this pairing again."))
        elif action == "agree":
            match = match_services.match_agree(match=match, actor=request.user)
            messages.success(request, _("Deal agreed.") if match.status == MatchStatus.AGREED
                             else _("Noted. The deal is agreed once the other side confirms too."))
        elif action == "close":
            match_services.match_close(match=match, actor=request.user,
                                       note=request.POST.get("note", ""))
            messages.success(request, _("The conversation is closed."))
        elif action == "message":
            form = MessageForm(request.POST)
            if not form.is_valid():
                messages.error(request, _error_text(ValidationError(list(form.errors.values()))))
            else:
                match_services.match_message_send(match=match, actor=request.user,
                                                  body=form.cleaned_data["body"])
        elif action == "fulfil":
            form = OutcomeForm(request.POST)
            if not form.is_valid():
                messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
            else:
                match_services.match_fulfil(
                    match=match, actor=request.user, delivered=form.cleaned_data["delivered"],
                    indicators=form.cleaned_data["indicators"],
                    visibility=form.cleaned_data["visibility"],
                )
                messages.success(request, _("Thank you! The outcome has been recorded."))
        elif action == "visibility":
            form = OutcomeVisibilityForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Choose who may see this outcome."))
            else:
                match_services.outcome_restrict_visibility(
                    match=match, actor=request.user, visibility=form.cleaned_data["visibility"]
                )
                messages.success(request, _("Saved: who may see this outcome."))
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    else:
        # Acting on the match is reading its notices.
        notification_mark_read_for_target(user=request.user, target=match)
    return redirect("marketplace:match_detail", pk=match.pk)
