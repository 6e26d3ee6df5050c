"""What the core app keeps: the idempotency keys of e-mails already handed to the mail server."""

from django.db import models
from django.utils import timezone


class EmailSent(models.Model):
    """One e-mail the task has sent, by the key it was queued with (core.notify.email_queue).

    Celery delivers a task at least once (acks_late: a worker killed mid-task leaves it to be
    delivered again), so the send and this row commit together and a second delivery of the
    same key finds the row and sends nothing. No address or text is kept, only the key."""

    key = models.CharField(max_length=64, unique=True)
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "e-mail sent"
        verbose_name_plural = "e-mails sent"

    def __str__(self) -> str:
        return self.key
