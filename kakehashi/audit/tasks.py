"""The audit app's Celery tasks."""

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from kakehashi.audit.append_only import audit_unlocked
from kakehashi.audit.models import PersonalDataAccess


def access_records_prune(*, before: dt.datetime) -> int:
    """Remove records of personal-data views older than ``before`` (their keeping period is
    over): the one deliberate deletion of append-only rows."""
    with audit_unlocked():
        deleted, _ = PersonalDataAccess.objects.filter(at__lt=before).delete()
    return deleted


@shared_task(name="kakehashi.audit.tasks.access_records_prune_daily")
def access_records_prune_daily() -> int:
    days = settings.KAKEHASHI_ACCESS_RECORD_DAYS
    return access_records_prune(before=timezone.now() - dt.timedelta(days=days))
