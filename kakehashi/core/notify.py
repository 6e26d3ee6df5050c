"""E-mails to people, written in each recipient's own language and sent by a Celery task."""

from __future__ import annotations

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from kakehashi.core.tasks import email_send


def notify(*, users, template: str, context: dict) -> None:
    """Render ``templates/email/<template>.txt`` (first line: subject) for each user in their
    language, and send it once the current transaction commits."""
    messages = []
    for user in users:
        with translation.override(user.language):
            text = render_to_string(f"email/{template}.txt", {**context, "user": user}).strip()
        subject, _sep, body = text.partition("\n")
        messages.append((user.email, subject.strip(), body.strip()))

    def send() -> None:
        for to, subject, body in messages:
            email_send.delay(to=[to], subject=subject, body=body)

    transaction.on_commit(send)
