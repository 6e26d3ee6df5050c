import datetime as dt
import logging
import unicodedata

from celery import shared_task
from django.core.mail import EmailMessage
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.utils import timezone

from kakehashi.core.models import EmailSent

logger = logging.getLogger(__name__)

# Longer than any redelivery (visibility timeout) or retry back-off of an e-mail task.
EMAIL_KEY_KEEP = dt.timedelta(days=30)


def email_subject_line(subject: str) -> str:
    """The subject on one line: line breaks and other whitespace runs become one space, other
    control characters go (a line break in a header is refused by Django, or worse, read as
    a new header)."""
    kept = "".join(c for c in subject if c.isspace() or unicodedata.category(c) != "Cc")
    return " ".join(kept.split())


# Retried with back-off when the mail server or the database cannot be reached.
@shared_task(
    autoretry_for=(OSError, OperationalError, InterfaceError), retry_backoff=True, max_retries=5
)
def email_send(
    *,
    to: list[str],
    subject: str,
    body: str,
    attachments: list[list[str]] | None = None,
    key: str = "",
) -> int:
    """Send one plain-text e-mail. Runs on a worker (or in-process when Celery is eager).
    ``attachments`` are ``[filename, text, mimetype]`` triples (text, so that the JSON
    serializer carries them).

    ``key`` makes the send idempotent: the key's EmailSent row is written in the same
    transaction as the send, so a task delivered again (a worker killed after its send, a
    retry) finds the row and sends nothing, and one running at the same time waits on the
    row's unique index and then sends nothing. Returns the number of messages sent (0 for a
    key already sent). A send whose transaction is lost between the mail server's answer
    and the commit (a kill in that millisecond) is sent again: at least once, never lost."""
    message = EmailMessage(email_subject_line(subject), body, to=to)
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    if not key:
        return message.send()
    with transaction.atomic():
        try:
            with transaction.atomic():
                EmailSent.objects.create(key=key)
        except IntegrityError:
            logger.info("e-mail %s was already sent; not sending it again", key)
            return 0
        return message.send()


def email_keys_prune(*, before: dt.datetime) -> int:
    """Forget the keys of e-mails sent before ``before``; returns how many."""
    deleted, _ = EmailSent.objects.filter(sent_at__lt=before).delete()
    return deleted


@shared_task(name="kakehashi.core.tasks.email_keys_prune_daily")
def email_keys_prune_daily() -> int:
    return email_keys_prune(before=timezone.now() - EMAIL_KEY_KEEP)
