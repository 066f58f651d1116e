"""core.email.send_email: the one way out for e-mail; a bad subject or a failing server never raises."""

import logging

import pytest

from django.core import mail

from core.email import one_line, send_email


def test_a_newline_in_the_subject_is_sent_as_one_space():
    sent = send_email(to=["a@example.nl"], subject="Zon & Wind\r\nCoöperatie\n\nU.A.", body="Hi")
    assert sent == 1
    assert mail.outbox[0].subject == "Zon & Wind Coöperatie U.A."


@pytest.mark.parametrize("separator", ["\n", "\r", "\r\n", "\u2028", "\x0b", "\x85"])
def test_every_line_break_becomes_a_space(separator):
    assert one_line(f"first{separator}second") == "first second"


def test_the_subject_is_never_html_escaped():
    send_email(to=["a@example.nl"], subject="Tom & Jerry <b>“quoted”</b>", body="Tom & Jerry")
    message = mail.outbox[0].message()
    assert mail.outbox[0].subject == "Tom & Jerry <b>“quoted”</b>"
    assert "&amp;" not in str(message["Subject"])


def test_html_part_reply_to_and_headers_are_passed_on():
    send_email(to=["a@example.nl"], subject="S", body="plain", html_body="<p>html</p>",
               reply_to=["b@example.nl"], headers={"List-Unsubscribe": "<https://x/u>"})
    message = mail.outbox[0]
    assert message.alternatives[0][0] == "<p>html</p>"
    assert message.reply_to == ["b@example.nl"]
    assert message.extra_headers["List-Unsubscribe"] == "<https://x/u>"


def test_no_recipients_sends_nothing():
    assert send_email(to=["", "  "], subject="S", body="B") == 0
    assert mail.outbox == []


def test_a_failing_mail_server_is_logged_not_raised(settings, caplog):
    """The message is queued (1); its delivery fails in the task, logged, never in the caller."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    with caplog.at_level(logging.ERROR, logger="core.email"):
        assert send_email(to=["a@example.nl"], subject="S", body="B") == 1
    assert "not sent after 1 attempt" in caplog.text


def test_no_other_module_calls_djangos_mail_api():
    """send_email is the only caller of Django's mail functions in the project's code."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    pattern = re.compile(
        r"\b(send_mail|send_mass_mail|mail_admins|mail_managers|EmailMessage|EmailMultiAlternatives)\b"
    )
    offenders = []
    apps = [d for d in root.iterdir() if d.is_dir() and not d.name.startswith((".", "tests"))]
    for path in (path for app in apps for path in app.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative == "core/email.py" or "/migrations/" in relative:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            code = line.split("#")[0]
            if pattern.search(code) and "def send_mail(" not in code:
                offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == []
