import unicodedata

from celery import shared_task
from django.core.mail import EmailMessage


def email_subject_line(subject: str) -> str:
    """The subject on one line: line breaks and other whitespace runs become one space, other
    control characters go (a line break in a header is refused by Django, or worse, read as
    a new header)."""
    kept = "".join(c for c in subject if c.isspace() or unicodedata.category(c) != "Cc")
    return " ".join(kept.split())


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def email_send(
    *, to: list[str], subject: str, body: str, attachments: list[list[str]] | None = None
) -> int:
    """Send one plain-text e-mail. Runs on a worker (or in-process when Celery is eager);
    retried with back-off when the mail server cannot be reached. ``attachments`` are
    ``[filename, text, mimetype]`` triples (text, so that the JSON serializer carries them)."""
    message = EmailMessage(email_subject_line(subject), body, to=to)
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    return message.send()
