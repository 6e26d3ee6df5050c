"""Celery through a real Redis broker and a real worker (not eager). Runs when
KAKEHASHI_TEST_REDIS_URL is set, as CI does; skipped on a laptop without Redis.

A fresh Celery app carries the real task function, so settings cached by the project's app
in earlier (eager) tests cannot leak in."""

import os

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.core import mail

from kakehashi.core.tasks import email_send

REDIS_URL = os.environ.get("KAKEHASHI_TEST_REDIS_URL", "")


@pytest.mark.services
@pytest.mark.skipif(not REDIS_URL, reason="set KAKEHASHI_TEST_REDIS_URL to test against Redis")
def test_email_task_runs_on_a_worker_through_redis(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    app = Celery("kakehashi-broker-test", broker=REDIS_URL, backend=REDIS_URL)
    app.conf.update(task_serializer="json", accept_content=["json"], task_always_eager=False)
    task = app.task(email_send.run, name="broker_test.email_send")
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        result = task.delay(to=["hina@example.pk"], subject="Test", body="Through Redis")
        assert not isinstance(result, EagerResult)
        assert result.get(timeout=20) == 1
    assert [m.subject for m in mail.outbox] == ["Test"]
