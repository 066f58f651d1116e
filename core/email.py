"""The one place that sends e-mail: every mail of the project goes through `send_email`.

A subject is one line of plain text: line breaks (a newline in an organisation name or a listing
title) become one space, and nothing is HTML-escaped here. Sending never raises into the caller,
whose change is usually committed already: a failure is logged and counts as nothing sent.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

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
    """Send one plain-text e-mail (with an optional HTML part); the number sent, 0 on failure."""
    recipients = [one_line(address) for address in to if address and str(address).strip()]
    if not recipients:
        return 0
    message = EmailMultiAlternatives(
        subject=one_line(subject),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=[one_line(address) for address in reply_to or []] or None,
        headers={name: one_line(value) for name, value in (headers or {}).items()},
    )
    if html_body is not None:
        message.attach_alternative(html_body, "text/html")
    try:
        return message.send()
    except Exception:  # noqa: BLE001 - a mail failure must never undo or break the caller's work
        logger.exception("E-mail %r to %d recipient(s) could not be sent", message.subject,
                         len(recipients))
        return 0
