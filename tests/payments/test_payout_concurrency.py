"""On PostgreSQL: parallel payout requests of one initiative never take more than its balance.

TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/pytest -m postgres tests/payments
"""

import pytest

from django.core.exceptions import ValidationError
from django.db import connection

from marketplace.models import Membership
from payments import payout_selectors, payout_services
from payments.models import Payout
from tests.factories import MembershipFactory, NeedFactory
from tests.payments.test_concurrency import run_in_parallel
from tests.payments.test_payouts import paid_contribution

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_real_concurrency():
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; real concurrency is checked on PostgreSQL")


def test_five_parallel_requests_for_the_whole_balance_make_one_payout(initiative, initiative_owner):
    need = NeedFactory(organisation=initiative, published=True)
    paid_contribution(need, 5000)
    second = MembershipFactory(organisation=initiative, role=Membership.Role.MEMBER).user
    account = payout_services.bank_account_register(
        organisation=initiative, actor=initiative_owner, iban="NL91ABNA0417164300",
        holder_name="Dorpscoöperatie",
    )
    payout_services.bank_account_confirm(account=account, actor=second)

    results = run_in_parallel(
        lambda: payout_services.payout_request(
            organisation=initiative, actor=initiative_owner, amount_cents=5000, note="Alles"
        ),
        5,
    )
    made = [r for r in results if isinstance(r, Payout)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(made), len(refused)) == (1, 4), results
    assert Payout.objects.count() == 1
    assert payout_selectors.available_cents(organisation=initiative) == 0
