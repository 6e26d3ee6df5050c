"""E-mails to people, written in each recipient's own language and sent by a Celery task."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.template import engines
from django.utils import translation

from kakehashi.core.tasks import email_send, email_subject_line

# (filename, text, MIME type), e.g. ("interviews.ics", "BEGIN:VCALENDAR…", "text/calendar")
Attachment = tuple[str, str, str]


def email_render(*, template: str, context: dict, language: str) -> tuple[str, str]:
    """Subject and body of the plain-text e-mail ``templates/email/<template>.txt`` in
    ``language``. The template's first line is the subject, kept to one line (a CR or tab in
    a value becomes a space; a value's LF, which one-line fields refuse, would end the
    subject there); nothing is HTML-escaped (the "email" template engine has autoescaping
    off)."""
    with translation.override(language):
        text = engines["email"].get_template(f"{template}.txt").render(context).strip()
    subject, _sep, body = text.partition("\n")
    return email_subject_line(subject), body.strip()


def email_queue(
    *,
    to: list[str],
    subject: str,
    body: str,
    attachments: Sequence[Attachment] = (),
    key: str = "",
) -> None:
    """Send one e-mail through the retried Celery task once the current transaction commits
    (at once outside a transaction): nothing is sent for a change that is rolled back.

    Each message carries an idempotency key (a fresh one unless ``key`` is given): however
    often the task is delivered, the message is sent once (core.tasks.email_send)."""
    kwargs = {
        "to": list(to),
        "subject": subject,
        "body": body,
        "attachments": [list(a) for a in attachments],
        "key": key or uuid.uuid4().hex,
    }
    transaction.on_commit(lambda: email_send.delay(**kwargs))


def notify(
    *, users: Iterable, template: str, context: dict, attachments: Sequence[Attachment] = ()
) -> None:
    """Render ``templates/email/<template>.txt`` (first line: subject) for each user in their
    language, and send it once the current transaction commits."""
    for user in users:
        subject, body = email_render(
            template=template, context={**context, "user": user}, language=user.language
        )
        email_queue(to=[user.email], subject=subject, body=body, attachments=attachments)
