import pytest
from django.test import override_settings
from django.urls import reverse

from kakehashi.celery import app
from kakehashi.matching import store
from kakehashi.portal import health

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"  # nothing listens there


def test_live_answers_without_a_session(client, db):
    assert client.get(reverse("health_live")).json() == {"status": "ok"}


def test_ready_needs_a_published_index(client, ayesha):
    body = client.get(reverse("health_ready"))
    assert body.status_code == 503
    assert body.json()["checks"] == {"database": "ok", "cache": "ok", "index": "failed"}
    store.index_rebuild()
    ready = client.get(reverse("health_ready"))
    assert ready.status_code == 200 and ready.json()["status"] == "ok"


def test_ready_reports_an_unreachable_broker(client, ayesha, settings):
    store.index_rebuild()
    settings.CELERY_TASK_ALWAYS_EAGER = False
    before = app.conf.broker_url
    app.conf.broker_url = UNREACHABLE_REDIS
    try:
        body = client.get(reverse("health_ready"))
    finally:
        app.conf.broker_url = before
    assert body.status_code == 503 and body.json()["checks"]["broker"] == "failed"


def test_ready_reports_an_unreachable_cache(client, ayesha):
    store.index_rebuild()
    redis_down = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": UNREACHABLE_REDIS,
        }
    }
    with override_settings(CACHES=redis_down):
        body = client.get(reverse("health_ready"))
    assert body.status_code == 503
    assert body.json()["checks"] == {"database": "ok", "cache": "failed", "index": "ok"}


@pytest.mark.parametrize(
    ("production", "query", "pong", "expected"),
    [
        (True, "", [], "failed"),  # production asks the workers by default
        (True, "", [{"celery@w1": {"ok": "pong"}}], "ok"),
        (True, "?workers=0", [], None),  # a web node's own probe may leave them out
        (False, "", [], None),
        (False, "?workers=1", [], "failed"),
    ],
)
def test_ready_asks_the_celery_workers_in_production(
    client, ayesha, settings, monkeypatch, production, query, pong, expected
):
    store.index_rebuild()
    settings.PRODUCTION = production
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(health, "_broker", lambda: None)
    asked = []
    monkeypatch.setattr(
        app.control,
        "ping",
        lambda timeout, limit=None: asked.append((timeout, limit)) or pong,
        raising=False,
    )
    body = client.get(reverse("health_ready") + query)
    assert body.json()["checks"].get("workers") == expected
    assert body.status_code == (503 if expected == "failed" else 200)
    # A probe never hangs on a missing worker, and returns on the first worker's reply.
    assert all(t <= 1.0 and limit == 1 for t, limit in asked)


@pytest.mark.parametrize("name", ["health_live", "health_ready"])
def test_health_is_never_cached(client, db, name):
    assert "no-cache" in client.get(reverse(name))["Cache-Control"]
