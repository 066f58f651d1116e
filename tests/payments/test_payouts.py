"""Payouts: bank accounts (IBAN checked), requests, four-eyes approval, SEPA export, paid, Connect."""

import datetime
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest

from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from marketplace.models import Membership
from notifications.models import Notification
from payments import ledger, payout_selectors, payout_services, sepa
from payments.models import (
    ConnectedAccount,
    LedgerKind,
    Payment,
    PaymentPurpose,
    PaymentStatus,
    PayoutStatus,
)
from tests.factories import (
    InitiativeFactory,
    MembershipFactory,
    NeedFactory,
    UserFactory,
    hub_editor,
)

pytestmark = pytest.mark.django_db

IBAN = "NL91ABNA0417164300"


def paid_contribution(need, cents: int, *, name: str = "Gerrit Gever", wall: bool = False, email="gever@example.nl", payer=None) -> Payment:
    """A contribution Stripe has paid, booked the way payment_sync books it."""
    payment = Payment.objects.create(
        purpose=PaymentPurpose.CONTRIBUTION, status=PaymentStatus.SUCCEEDED, amount_cents=cents,
        currency="eur", attempt_key=uuid.uuid4().hex, payer_email=email, payer_name=name,
        payer=payer, need=need, succeeded_at=timezone.now(), show_on_wall=wall,
    )
    ledger.ledger_book_payment(payment=payment)
    return payment


def payout_admin(**kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.user_permissions.add(Permission.objects.get(codename="approve_payout"))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def second_member(initiative):
    return MembershipFactory(organisation=initiative, role=Membership.Role.MEMBER).user


@pytest.fixture
def need(initiative):
    return NeedFactory(organisation=initiative, published=True, title="Zonnepanelen dorpshuis")


@pytest.fixture
def confirmed_account(initiative, initiative_owner, second_member):
    account = payout_services.bank_account_register(
        organisation=initiative, actor=initiative_owner, iban="NL91 ABNA 0417 1643 00",
        holder_name="Dorpscoöperatie Zon",
    )
    return payout_services.bank_account_confirm(account=account, actor=second_member)


# Bank accounts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iban", "reason"),
    [
        ("NL91ABNA0417164301", "the check digits do not match"),  # one digit off
        ("NL91ABNA04171643", "the wrong length"),
        ("XX91ABNA0417164300", "known country code"),
        ("hello", "characters that do not belong"),
    ],
)
def test_an_invalid_iban_is_refused_with_a_clear_message(client, initiative_owner, iban, reason):
    client.force_login(initiative_owner)
    response = client.post(
        reverse("finance:bank_account_register"), {"iban": iban, "holder_name": "Dorpscoöperatie"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "This is not a valid IBAN" in html
    assert reason.lower() in html.lower()
    assert not initiative_owner.memberships.get().organisation.bank_accounts.exists()


def test_an_iban_error_is_shown_in_dutch(client, initiative_owner):
    client.force_login(initiative_owner)
    response = client.post(
        "/finance/bank-account/", {"iban": "NL91ABNA0417164301", "holder_name": "Dorpscoöperatie"}
    )
    assert response.status_code == 400
    assert "Dit is geen geldig IBAN: de controlecijfers kloppen niet" in response.content.decode()


def test_a_bank_account_is_confirmed_by_a_second_member_not_the_first(
    initiative, initiative_owner, second_member
):
    account = payout_services.bank_account_register(
        organisation=initiative, actor=initiative_owner, iban=IBAN, holder_name="Dorpscoöperatie"
    )
    assert account.iban == IBAN and account.bic == "ABNANL2A" and not account.is_confirmed
    assert Notification.objects.filter(recipient=second_member, kind="bank_account_registered").exists()
    with pytest.raises(PermissionDenied):
        payout_services.bank_account_confirm(account=account, actor=initiative_owner)
    with pytest.raises(PermissionDenied):
        payout_services.bank_account_confirm(account=account, actor=UserFactory())
    payout_services.bank_account_confirm(account=account, actor=second_member)
    account.refresh_from_db()
    assert account.confirmed_by == second_member and account.is_confirmed


def test_an_editor_may_confirm_a_bank_account(initiative, initiative_owner):
    account = payout_services.bank_account_register(
        organisation=initiative, actor=initiative_owner, iban=IBAN, holder_name="Dorpscoöperatie"
    )
    assert payout_services.bank_account_confirm(account=account, actor=hub_editor()).is_confirmed


def test_one_organisation_never_sees_anothers_bank_account_or_payouts(
    client, initiative, confirmed_account, initiative_owner, need
):
    paid_contribution(need, 5000)
    payout_services.payout_request(
        organisation=initiative, actor=initiative_owner, amount_cents=1000, note="Panelen"
    )
    other = MembershipFactory(organisation=InitiativeFactory(name="Andere Coöperatie")).user
    client.force_login(other)
    page = client.get(reverse("finance:dashboard")).content.decode()
    assert IBAN not in page and "Panelen" not in page
    response = client.post(reverse("finance:bank_account_confirm", args=[confirmed_account.pk]))
    assert response.status_code == 404
    # The owner sees their own.
    client.force_login(initiative_owner)
    page = client.get(reverse("finance:dashboard")).content.decode()
    assert IBAN in page and "Panelen" in page


# Requests and approvals ------------------------------------------------------------------------


def test_a_payout_needs_a_confirmed_account_and_a_balance(initiative, initiative_owner, second_member, need):
    paid_contribution(need, 5000)
    with pytest.raises(ValidationError, match="confirm"):
        payout_services.payout_request(
            organisation=initiative, actor=initiative_owner, amount_cents=1000, note="Panelen"
        )
    account = payout_services.bank_account_register(
        organisation=initiative, actor=initiative_owner, iban=IBAN, holder_name="Dorpscoöperatie"
    )
    payout_services.bank_account_confirm(account=account, actor=second_member)
    with pytest.raises(ValidationError) as error:
        payout_services.payout_request(
            organisation=initiative, actor=initiative_owner, amount_cents=5001, note="Panelen"
        )
    assert "At most €\xa050.00 can be paid out now." in error.value.messages
    payout_services.payout_request(
        organisation=initiative, actor=initiative_owner, amount_cents=3000, note="Panelen"
    )
    # What is requested is reserved: a second request may only take the rest.
    assert payout_selectors.available_cents(organisation=initiative) == 2000
    with pytest.raises(ValidationError):
        payout_services.payout_request(
            organisation=initiative, actor=second_member, amount_cents=2001, note="Omvormer"
        )


def test_four_eyes_the_requester_never_approves(initiative, initiative_owner, confirmed_account, need):
    paid_contribution(need, 5000)
    payout = payout_services.payout_request(
        organisation=initiative, actor=initiative_owner, amount_cents=1000, note="Panelen"
    )
    # Even with the permission, the requester (or a member of the initiative) cannot approve.
    initiative_owner.user_permissions.add(Permission.objects.get(codename="approve_payout"))
    requester = type(initiative_owner).objects.get(pk=initiative_owner.pk)
    with pytest.raises(PermissionDenied):
        payout_services.payout_approve(payout=payout, actor=requester)
    with pytest.raises(PermissionDenied):
        payout_services.payout_approve(payout=payout, actor=UserFactory())
    payout_services.payout_approve(payout=payout, actor=payout_admin())
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.APPROVED
    assert [e.action for e in payout.events.all()] == ["requested", "approved"]
    assert Notification.objects.filter(recipient=initiative_owner, kind="payout_approved").exists()


def test_above_the_threshold_two_distinct_approvers_are_needed(
    initiative, initiative_owner, confirmed_account, need, settings
):
    settings.PAYOUTS_TWO_APPROVERS_ABOVE_CENTS = 2000
    paid_contribution(need, 5000)
    payout = payout_services.payout_request(
        organisation=initiative, actor=initiative_owner, amount_cents=2500, note="Panelen"
    )
    first = payout_admin()
    payout_services.payout_approve(payout=payout, actor=first)
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.REQUESTED  # one approval is not enough
    with pytest.raises(ValidationError, match="second person"):
        payout_services.payout_approve(payout=payout, actor=first)
    payout_services.payout_approve(payout=payout, actor=payout_admin())
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.APPROVED


def test_a_rejected_payout_frees_its_amount(initiative, initiative_owner, confirmed_account, need):
    paid_contribution(need, 5000)
    payout = payout_services.payout_request(
        organisation=initiative, actor=initiative_owner, amount_cents=5000, note="Panelen"
    )
    assert payout_selectors.available_cents(organisation=initiative) == 0
    payout_services.payout_reject(payout=payout, actor=payout_admin(), reason="Geen factuur")
    assert payout_selectors.available_cents(organisation=initiative) == 5000
    assert Notification.objects.filter(recipient=initiative_owner, kind="payout_rejected").exists()


# SEPA and paid ---------------------------------------------------------------------------------


def test_approved_payouts_become_a_valid_sepa_file_and_paid_payouts_leave_the_ledger(
    client, initiative, initiative_owner, confirmed_account, need, tmp_path
):
    paid_contribution(need, 5000, name="Anna", wall=True)
    paid_contribution(need, 2000, name="Bram (anoniem gebleven)")
    admin = payout_admin()
    payout = payout_services.payout_request(
        organisation=initiative, actor=initiative_owner, amount_cents=4250, note="Zonnepanelen", need=need
    )
    payout_services.payout_approve(payout=payout, actor=admin)

    output = tmp_path / "batch.xml"
    call_command("payouts_export_sepa", "--output", str(output))
    xml = output.read_text()
    sepa.validate(xml)  # against the pain.001.001.03 schema sepaxml ships
    assert IBAN in xml and "<InstdAmt Ccy=\"EUR\">42.50</InstdAmt>" in xml
    assert "<CtrlSum>42.50</CtrlSum>" in xml and "<NbOfTxs>1</NbOfTxs>" in xml
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.EXPORTED and payout.batch.xml == xml
    # Nothing approved is left: a second export writes no file.
    assert payout_services.payouts_export_sepa(actor=admin) is None
    # Not yet paid: the ledger still holds the money, but it cannot be requested twice.
    assert payout_selectors.ledger_account(organisation=initiative).balance_cents == 7000
    assert payout_selectors.available_cents(organisation=initiative) == 2750

    payout_services.payout_mark_paid(payout=payout, actor=admin)
    payout_services.payout_mark_paid(payout=payout, actor=admin)  # twice: booked once
    account = payout_selectors.ledger_account(need=need)
    assert (account.raised_cents, account.paid_out_cents, account.balance_cents) == (7000, 4250, 2750)
    assert payout.ledger_entries.filter(kind=LedgerKind.PAYOUT).count() == 2
    assert ledger.ledger_check() == []
    assert [e.action for e in payout.events.all()] == ["requested", "approved", "exported", "paid"]
    assert Notification.objects.filter(recipient=initiative_owner, kind="payout_paid").exists()

    page = client.get(reverse("finance:need_account", args=[need.slug])).content.decode()
    assert "42.50" in page
    assert "Zonnepanelen" in page
    assert "Anna" in page and "Bram" not in page  # named only with consent


def test_sepa_export_from_the_django_admin(admin_client, initiative, initiative_owner, confirmed_account, need):
    paid_contribution(need, 5000)
    payout = payout_services.payout_request(
        organisation=initiative, actor=initiative_owner, amount_cents=1000, note="Panelen"
    )
    response = admin_client.post(
        reverse("admin:payments_payout_changelist"),
        {"action": "approve_payouts", "_selected_action": [payout.pk]},
    )
    assert response.status_code == 302
    response = admin_client.post(
        reverse("admin:payments_payout_changelist"),
        {"action": "export_sepa", "_selected_action": [payout.pk]},
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    sepa.validate(response.content.decode())


# Stripe Connect: the request it makes, checked at the HTTP edge --------------------------------


class _StripeStub(BaseHTTPRequestHandler):
    requests: list = []

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        type(self).requests.append((self.path, dict(self.headers), parse_qs(body)))
        answer = json.dumps({"id": "tr_stub", "object": "transfer", "amount": 1000}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def stripe_stub(settings):
    server = HTTPServer(("127.0.0.1", 0), _StripeStub)
    _StripeStub.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{server.server_port}"
    settings.STRIPE_SECRET_KEY = "sk_test_stub"
    yield _StripeStub.requests
    server.shutdown()
    server.server_close()


def test_with_stripe_connect_an_approval_transfers_to_the_connected_account(
    settings, stripe_stub, initiative, initiative_owner, confirmed_account, need
):
    settings.PAYOUTS_BACKEND = "stripe_connect"
    ConnectedAccount.objects.create(organisation=initiative, stripe_account_id="acct_1Dorp")
    paid_contribution(need, 5000)
    payout = payout_services.payout_request(
        organisation=initiative, actor=initiative_owner, amount_cents=1000, note="Panelen"
    )
    payout_services.payout_approve(payout=payout, actor=payout_admin())
    [(path, headers, form)] = stripe_stub
    assert path == "/v1/transfers"
    assert form["amount"] == ["1000"] and form["currency"] == ["eur"]
    assert form["destination"] == ["acct_1Dorp"]
    assert form["metadata[payout]"] == [str(payout.public_id)]
    assert headers["Idempotency-Key"] == f"b2c-payout-{payout.public_id}"
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.PAID and payout.backend_reference == "tr_stub"
    assert payout_selectors.ledger_account(organisation=initiative).paid_out_cents == 1000


# Year statements -------------------------------------------------------------------------------


def test_a_logged_in_contributor_sees_and_downloads_a_year_statement(client, need):
    giver = UserFactory(email="gever@example.nl")
    payment = paid_contribution(need, 2500, payer=giver)
    paid_contribution(need, 700, email="iemand@example.nl")  # someone else's
    client.force_login(giver)
    year = payment.succeeded_at.year
    page = client.get(reverse("finance:statement"), {"year": year}).content.decode()
    assert "Zonnepanelen dorpshuis" in page and str(payment.public_id) in page
    assert "7,00" not in page and "7.00" not in page
    csv_text = client.get(reverse("finance:statement"), {"year": year, "format": "csv"}).content.decode()
    assert csv_text.splitlines()[1].endswith(f",25.00,{payment.public_id}")
    assert len(csv_text.splitlines()) == 2


def test_a_statement_by_a_signed_link_sent_by_email(client, need, django_capture_on_commit_callbacks):
    payment = paid_contribution(need, 2500)
    year = payment.succeeded_at.year
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("finance:statement"), {"email": "Gever@Example.nl", "year": year})
    assert response.status_code == 302
    [message] = mail.outbox
    link = next(word for word in message.body.split() if "/statement/" in word)
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path).content.decode()
    assert str(payment.public_id) in page
    assert client.get("/" + path.rstrip("/") + "x/").status_code == 404
    assert datetime.date.today().year >= year
