"""Celery through a real Redis broker and a real worker (not eager). Runs when
KAKEHASHI_TEST_REDIS_URL is set, as CI does; skipped on a laptop without Redis."""

import os

import pytest
from celery.contrib.testing.worker import start_worker
from celery.result import EagerResult
from django.core import mail

from kakehashi.celery import app
from kakehashi.core.tasks import email_send

REDIS_URL = os.environ.get("KAKEHASHI_TEST_REDIS_URL", "")


@pytest.mark.services
@pytest.mark.skipif(not REDIS_URL, reason="set KAKEHASHI_TEST_REDIS_URL to test against Redis")
def test_email_task_runs_on_a_worker_through_redis(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    conf = {"broker_url": REDIS_URL, "result_backend": REDIS_URL, "task_always_eager": False}
    saved = {k: app.conf[k] for k in conf}
    app.conf.update(conf)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            result = email_send.delay(to=["hina@example.pk"], subject="Test", body="Through Redis")
            assert not isinstance(result, EagerResult)
            assert result.get(timeout=20) == 1
    finally:
        app.conf.update(saved)
    assert [m.subject for m in mail.outbox] == ["Test"]
