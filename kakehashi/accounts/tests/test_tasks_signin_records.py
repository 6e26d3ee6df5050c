import datetime as dt

import pytest
from axes.models import AccessAttempt, AccessLog
from django.test import override_settings
from django.utils import timezone

from kakehashi.accounts.tasks import signin_records_prune_daily

pytestmark = pytest.mark.django_db


def _at(days_ago: int, model, **fields):
    row = model.objects.create(
        username=f"someone{days_ago}@example.com",
        ip_address="203.0.113.9",
        user_agent="x",
        **fields,
    )
    model.objects.filter(pk=row.pk).update(
        attempt_time=timezone.now() - dt.timedelta(days=days_ago)
    )
    return row


@override_settings(KAKEHASHI_SIGNIN_RECORD_DAYS=90)
def test_sign_in_records_past_their_keeping_period_are_removed_and_recent_ones_kept():
    old_attempt = _at(91, AccessAttempt, failures_since_start=3)
    recent_attempt = _at(5, AccessAttempt, failures_since_start=1)
    old_log = _at(200, AccessLog)
    recent_log = _at(89, AccessLog)

    assert signin_records_prune_daily() == 2

    assert not AccessAttempt.objects.filter(pk=old_attempt.pk).exists()
    assert not AccessLog.objects.filter(pk=old_log.pk).exists()
    assert AccessAttempt.objects.filter(pk=recent_attempt.pk).exists()
    assert AccessLog.objects.filter(pk=recent_log.pk).exists()
