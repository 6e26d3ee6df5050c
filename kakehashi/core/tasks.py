from celery import shared_task
from django.core.mail import send_mail


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def email_send(*, to: list[str], subject: str, body: str) -> int:
    """Send one plain-text e-mail. Runs on a worker (or in-process when Celery is eager);
    retried with back-off when the mail server cannot be reached."""
    return send_mail(subject, body, None, to)
