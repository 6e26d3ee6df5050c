"""Health for load balancers and operators: ``/health/live`` says the process serves;
``/health/ready`` checks what a request needs — the database, the cache (Redis in
production: rate limits and sessions' counters), the broker (when Celery is not eager), the
matching index — and that a Celery worker answers a ping within a second: always in
production, elsewhere with ``?workers=1``; ``?workers=0`` leaves it out (a load balancer's
probe of one web node need not fail when the workers restart). Each check says only "ok" or
"failed" (no details for outsiders; the reason is logged); a failed one makes it 503."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from kakehashi.celery import app as celery_app
from kakehashi.matching.store import index_if_built

log = logging.getLogger(__name__)


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache() -> None:
    key = f"health-ready-{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        if cache.get(key) != "ok":
            raise RuntimeError("the cache did not keep a value")
    finally:
        cache.delete(key)


def _broker() -> None:
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


def _index() -> None:
    if index_if_built() is None:  # loads (memory-maps) the published index, as requests do
        raise RuntimeError("no matching index published")


def _workers() -> None:
    # The first reply is enough: without a limit the ping waits out the whole second.
    if not celery_app.control.ping(timeout=1.0, limit=1):
        raise RuntimeError("no Celery worker answered")


@never_cache
def health_live(request):
    return JsonResponse({"status": "ok"})


@never_cache
def health_ready(request):
    checks: dict[str, Callable[[], None]] = {
        "database": _database,
        "cache": _cache,
        "index": _index,
    }
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        checks["broker"] = _broker
        workers = request.GET.get("workers", "1" if settings.PRODUCTION else "0")
        if workers == "1":
            checks["workers"] = _workers
    results = {}
    for name, check in checks.items():
        try:
            check()
        except Exception:  # any failure of a dependency is a "not ready", logged for operators
            log.exception("health check %s failed", name)
            results[name] = "failed"
        else:
            results[name] = "ok"
    ok = all(v == "ok" for v in results.values())
    return JsonResponse(
        {"status": "ok" if ok else "failed", "checks": results}, status=200 if ok else 503
    )
