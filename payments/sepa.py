"""The one module that writes SEPA files: a pain.001.001.03 credit transfer batch (sepaxml).

sepaxml validates what it writes against the XSD it ships (with xmlschema); `validate()` checks
any file against that schema again, for the tests and the export command.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

import sepaxml
from sepaxml import SepaTransfer

SCHEMA = "pain.001.001.03"
SCHEMA_PATH = os.path.join(os.path.dirname(sepaxml.__file__), "schemas", f"{SCHEMA}.xsd")


@dataclass(frozen=True)
class Transfer:
    """One credit transfer: who gets how much, and the text on their bank statement."""

    name: str
    iban: str
    bic: str
    amount_cents: int
    description: str
    end_to_end_id: str


def credit_transfer_xml(
    *, debtor: dict[str, str], transfers: list[Transfer], execution_date: datetime.date
) -> tuple[str, str]:
    """A validated pain.001 file for the transfers; returns (message id, XML text)."""
    config = {
        "name": debtor["name"],
        "IBAN": debtor["IBAN"],
        "BIC": debtor.get("BIC", ""),
        "batch": True,
        "currency": "EUR",
    }
    document = SepaTransfer(config, schema=SCHEMA, clean=True)
    for transfer in transfers:
        payment = {
            "name": transfer.name,
            "IBAN": transfer.iban,
            "amount": transfer.amount_cents,
            "execution_date": execution_date,
            "description": transfer.description,
            "endtoend_id": transfer.end_to_end_id[:35],
        }
        if transfer.bic:
            payment["BIC"] = transfer.bic
        document.add_payment(payment)
    xml = document.export(validate=True)
    return document.msg_id, xml.decode()


def validate(xml: str) -> None:
    """Raise xmlschema's validation error unless the text is a valid pain.001.001.03 file."""
    import xmlschema  # imported late, as sepaxml does: it patches ElementTree on import

    xmlschema.XMLSchema(SCHEMA_PATH).validate(xml)
