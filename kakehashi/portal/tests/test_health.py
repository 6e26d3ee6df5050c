import pytest
from django.urls import reverse

from kakehashi.celery import app
from kakehashi.matching import store


def test_live_answers_without_a_session(client, db):
    assert client.get(reverse("health_live")).json() == {"status": "ok"}


def test_ready_needs_a_published_index(client, ayesha):
    body = client.get(reverse("health_ready"))
    assert body.status_code == 503
    assert body.json()["checks"] == {"database": "ok", "index": "failed"}
    store.index_rebuild()
    ready = client.get(reverse("health_ready"))
    assert ready.status_code == 200 and ready.json()["status"] == "ok"


def test_ready_reports_an_unreachable_broker(client, ayesha, settings):
    store.index_rebuild()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    before = app.conf.broker_url
    app.conf.broker_url = "redis://127.0.0.1:1/0"  # nothing listens there
    try:
        body = client.get(reverse("health_ready"))
    finally:
        app.conf.broker_url = before
    assert body.status_code == 503 and body.json()["checks"]["broker"] == "failed"


@pytest.mark.parametrize("name", ["health_live", "health_ready"])
def test_health_is_never_cached(client, db, name):
    assert "no-cache" in client.get(reverse(name))["Cache-Control"]
