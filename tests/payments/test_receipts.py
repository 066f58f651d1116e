"""Receipts and refund notices: plain-text subjects (no `&amp;`, no line breaks), payer's language."""

import uuid

import pytest

from django.core import mail
from django.utils import timezone

from payments import services
from payments.models import Payment, PaymentPurpose, PaymentStatus
from tests.factories import NeedFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _paid_contribution(*, organisation_name: str, language: str) -> Payment:
    need = NeedFactory(organisation=OrganisationFactory(name=organisation_name), published=True)
    return Payment.objects.create(
        purpose=PaymentPurpose.CONTRIBUTION, status=PaymentStatus.SUCCEEDED, amount_cents=2500,
        currency="eur", attempt_key=uuid.uuid4().hex, payer_email="gever@example.nl",
        need=need, language=language, succeeded_at=timezone.now(), refunded_cents=2500,
    )


def test_receipt_subject_is_not_html_escaped_and_stays_on_one_line():
    payment = _paid_contribution(organisation_name="Zon & Wind\nCoöperatie", language="en")
    services._send_receipt(payment.pk)
    [message] = mail.outbox
    assert message.subject == "Receipt for your contribution to Zon & Wind Coöperatie"
    assert "&amp;" not in message.body
    assert message.to == ["gever@example.nl"]


def test_refund_notice_in_the_payers_language():
    payment = _paid_contribution(organisation_name="Zon & Wind", language="nl")
    services._send_refund_notice(payment.pk)
    [message] = mail.outbox
    assert message.subject.startswith("Je betaling van ")
    assert message.subject.endswith(" is terugbetaald")
    assert "&amp;" not in message.subject
