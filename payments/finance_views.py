"""Finance pages: the initiative's money (dashboard, bank account, payouts), the public account
of a need or initiative, and a contributor's year statement. Thin: services write, selectors read.
"""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from marketplace import selectors as marketplace_selectors
from marketplace.models import Need
from marketplace.throttle import limit_address

from . import payout_selectors, payout_services
from .finance_forms import BankAccountForm, PayoutRequestForm, StatementLinkForm


def _initiative_of(request: HttpRequest):
    organisation = marketplace_selectors.user_organisation(request.user)
    if organisation is None or not organisation.is_initiative:
        raise PermissionDenied(_("Only members of an initiative have a finance page."))
    return organisation


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _needs(organisation):
    return list(Need.objects.filter(organisation=organisation).order_by("title"))


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    organisation = _initiative_of(request)
    return _dashboard_render(request, organisation)


def _dashboard_render(request, organisation, *, bank_form=None, payout_form=None, status=200):
    account = payout_selectors.bank_account_active(organisation=organisation)
    return render(
        request,
        "payments/finance/dashboard.html",
        {
            "organisation": organisation,
            "account": payout_selectors.ledger_account(organisation=organisation),
            "available_cents": payout_selectors.available_cents(organisation=organisation),
            "bank_account": account,
            "may_confirm": account is not None
            and not account.is_confirmed
            and account.registered_by_id != request.user.pk,
            "bank_form": bank_form or BankAccountForm(),
            "payout_form": payout_form or PayoutRequestForm(needs=_needs(organisation)),
            "payouts": payout_selectors.payouts_for_organisation(organisation=organisation),
            "contributions": payout_selectors.contributions_for_organisation(
                organisation=organisation
            )[:200],
        },
        status=status,
    )


@login_required
@require_POST
def bank_account_register(request: HttpRequest) -> HttpResponse:
    organisation = _initiative_of(request)
    form = BankAccountForm(request.POST)
    if form.is_valid():
        try:
            payout_services.bank_account_register(
                organisation=organisation,
                actor=request.user,
                iban=form.cleaned_data["iban"],
                holder_name=form.cleaned_data["holder_name"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request, _("Bank account registered. A second member must confirm it now.")
            )
            return redirect("finance:dashboard")
    return _dashboard_render(request, organisation, bank_form=form, status=400)


@login_required
@require_POST
def bank_account_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    account = payout_selectors.bank_account_get_for_confirmation(pk=pk, user=request.user)
    try:
        payout_services.bank_account_confirm(account=account, actor=request.user)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Bank account confirmed."))
    if (
        marketplace_selectors.user_memberships(request.user)
        .filter(organisation=account.organisation)
        .exists()
    ):
        return redirect("finance:dashboard")
    return redirect("finance:initiative_account", account.organisation.slug)


@login_required
@require_POST
def payout_request(request: HttpRequest) -> HttpResponse:
    organisation = _initiative_of(request)
    needs = _needs(organisation)
    form = PayoutRequestForm(request.POST, needs=needs)
    if form.is_valid():
        need = next((n for n in needs if n.pk == form.cleaned_data["need"]), None)
        try:
            payout_services.payout_request(
                organisation=organisation,
                actor=request.user,
                amount_cents=form.amount_cents,
                note=form.cleaned_data["note"],
                need=need,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("Payout requested. An administrator will review it."))
            return redirect("finance:dashboard")
    return _dashboard_render(request, organisation, payout_form=form, status=400)


# The public account ---------------------------------------------------------------------------


@require_safe
def need_account(request: HttpRequest, slug: str) -> HttpResponse:
    need = marketplace_selectors.need_get_public(slug=slug)
    return render(
        request,
        "payments/finance/public_account.html",
        {
            "subject_title": need.title,
            "need": need,
            "organisation": need.organisation,
            "account": payout_selectors.ledger_account(need=need),
            "payouts": payout_selectors.payouts_paid(need=need),
            "wall": payout_selectors.contributor_wall(need=need),
        },
    )


@require_safe
def initiative_account(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = marketplace_selectors.organisation_get_public(slug=slug)
    if not organisation.is_initiative:
        raise Http404
    return render(
        request,
        "payments/finance/public_account.html",
        {
            "subject_title": organisation.name,
            "organisation": organisation,
            "account": payout_selectors.ledger_account(organisation=organisation),
            "payouts": payout_selectors.payouts_paid(organisation=organisation),
            "wall": payout_selectors.contributor_wall(organisation=organisation),
        },
    )


# Year statements ------------------------------------------------------------------------------


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        year = timezone.localdate().year - 1
    return min(max(year, 2000), 2100)


def _statement_response(request, *, lines, year, email, csv_url, signed=False):
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="contributions-{year}.csv"'
        writer = csv.writer(response)
        writer.writerow([_("Date"), _("Initiative"), _("Need"), _("Amount"), _("Reference")])
        for line in lines:
            writer.writerow(
                [
                    line.date.isoformat(),
                    line.initiative,
                    line.need,
                    f"{line.amount_cents / 100:.2f}",
                    line.reference,
                ]
            )
        return response
    return render(
        request,
        "payments/finance/statement.html",
        {
            "lines": lines,
            "year": year,
            "email": email,
            "total": sum(line.amount_cents for line in lines),
            "csv_url": csv_url,
            "signed": signed,
            "link_form": StatementLinkForm(initial={"year": year}),
        },
    )


def statement(request: HttpRequest) -> HttpResponse:
    """Logged in: the year statement of one's own contributions. Anyone: ask for a signed link."""
    year = _year(request)
    if request.method == "POST":
        return _statement_link(request)
    if not request.user.is_authenticated:
        return render(
            request,
            "payments/finance/statement.html",
            {"year": year, "link_form": StatementLinkForm(initial={"year": year}), "ask": True},
        )
    lines = payout_selectors.year_statement(year=year, user=request.user)
    return _statement_response(
        request,
        lines=lines,
        year=year,
        email=request.user.email,
        csv_url=f"?year={year}&format=csv",
    )


@limit_address("statement_link")
def _statement_link(request: HttpRequest) -> HttpResponse:
    form = StatementLinkForm(request.POST)
    if form.is_valid():
        payout_services.statement_link_send(
            email=form.cleaned_data["email"],
            year=form.cleaned_data["year"],
            language=translation.get_language() or "nl",
        )
        messages.success(
            request, _("If contributions were made from this address, a link is on its way.")
        )
        return redirect("finance:statement")
    return render(
        request,
        "payments/finance/statement.html",
        {"year": _year(request), "link_form": form, "ask": True},
        status=400,
    )


@require_safe
def statement_signed(request: HttpRequest, token: str) -> HttpResponse:
    try:
        data = signing.loads(
            token,
            salt=payout_services.STATEMENT_SALT,
            max_age=payout_services.STATEMENT_LINK_DAYS * 86400,
        )
    except signing.BadSignature:
        raise Http404 from None
    year, email = int(data["year"]), str(data["email"])
    lines = payout_selectors.year_statement(year=year, email=email)
    return _statement_response(
        request, lines=lines, year=year, email=email, csv_url="?format=csv", signed=True
    )
