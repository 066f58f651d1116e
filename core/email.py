"""The one place that sends e-mail: every mail of the project goes through `send_email`.

A subject is one line of plain text: line breaks (a newline in an organisation name or a listing
title) become one space, and nothing is HTML-escaped here. Sending never raises into the caller:
`send_email` queues the message (`core.tasks.deliver_email`), the task worker sends it and, when
the mail server fails, tries again later with a growing delay (docs/operations.md#reliability).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

logger = logging.getLogger(__name__)

# Everything str.splitlines() breaks on, so no header can ever be split into two.
_LINE_BREAKS = re.compile(r"\s*[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]+\s*")


def one_line(text: str) -> str:
    """The text on one line: each run of line breaks (and the blanks around it) becomes a space."""
    return _LINE_BREAKS.sub(" ", str(text)).strip()


def send_email(
    *,
    to: Sequence[str],
    subject: str,
    body: str,
    html_body: str | None = None,
    reply_to: Sequence[str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> int:
    """Queue one plain-text e-mail (with an optional HTML part); the number of recipients queued.

    The message goes out through the task queue (`core.tasks.deliver_email`): with the database
    queue its task row is written in the caller's transaction, so it leaves only after that
    commits (and never, after a rollback), and a failing mail server never fails the caller."""
    recipients = [one_line(address) for address in to if address and str(address).strip()]
    if not recipients:
        return 0
    message = {
        "to": recipients,
        "subject": one_line(subject),
        "body": str(body),
        "html_body": None if html_body is None else str(html_body),
        "reply_to": [one_line(address) for address in reply_to or []],
        "headers": {str(name): one_line(value) for name, value in (headers or {}).items()},
        "from_email": settings.DEFAULT_FROM_EMAIL,
    }
    from .tasks import deliver_email

    try:
        deliver_email.enqueue(message)
    except Exception:  # noqa: BLE001 - no queue: try once at once rather than lose the mail
        logger.exception("E-mail %r could not be queued; sending it at once", message["subject"])
        try:
            return deliver(message)
        except Exception:  # noqa: BLE001 - a mail failure must never undo or break the caller's work
            logger.exception("E-mail %r to %d recipient(s) could not be sent",
                             message["subject"], len(recipients))
            return 0
    return len(recipients)


def deliver(message: Mapping) -> int:
    """Hand one queued message to the mail backend now; raises when the backend fails."""
    email = EmailMultiAlternatives(
        subject=one_line(message["subject"]),
        body=message["body"],
        from_email=message.get("from_email") or settings.DEFAULT_FROM_EMAIL,
        to=list(message["to"]),
        reply_to=list(message.get("reply_to") or []) or None,
        headers=dict(message.get("headers") or {}),
    )
    if message.get("html_body") is not None:
        email.attach_alternative(message["html_body"], "text/html")
    return email.send()


def mail_backend_probe() -> dict:
    """For /health: can a connection to the mail backend be opened (a few seconds at most)?"""
    backend = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
    try:
        connection = get_connection(timeout=3)
    except TypeError:  # a backend without a timeout
        connection = get_connection()
    try:
        connection.open()
        connection.close()
    except Exception as exc:  # noqa: BLE001 - whatever fails, the mail server is not usable
        return {"status": "down", "backend": backend, "detail": f"{type(exc).__name__}: {exc}",
                "fallback": "mail is queued and retried"}
    return {"status": "ok", "backend": backend}


def mail_retries_pending() -> int:
    """Mails the queue holds for a later retry, or that failed for good in the last day."""
    from .tasks import mail_tasks_waiting

    return mail_tasks_waiting()
