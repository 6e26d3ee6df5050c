"""The accounts app's Celery tasks."""

import datetime as dt

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from celery import shared_task
from django.conf import settings
from django.utils import timezone


def signin_records_prune(*, before: dt.datetime) -> int:
    """Remove the sign-in records django-axes keeps (e-mail typed, address, browser, time)
    older than ``before``: they exist to stop password guessing, and once a lockout can no
    longer depend on them they are personal data kept for nothing. Returns rows removed."""
    removed = 0
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        deleted, _ = model.objects.filter(attempt_time__lt=before).delete()
        removed += deleted
    return removed


@shared_task(name="kakehashi.accounts.tasks.signin_records_prune_daily")
def signin_records_prune_daily() -> int:
    days = settings.KAKEHASHI_SIGNIN_RECORD_DAYS
    return signin_records_prune(before=timezone.now() - dt.timedelta(days=days))
