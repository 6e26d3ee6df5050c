"""Index upkeep off the request: vectors of changed profiles, compaction, full rebuilds.

A profile change reaches ranking in two steps. Right after its transaction commits, the
candidate's current data is appended to the index's delta log (a few queries and one file
append, no embedding): every process ranks with it from its next request. Its text is then
embedded by a Celery task — in a background thread when Celery runs eagerly (development,
tests) — and its vector appended; until then the old vector stands (a new candidate is ranked
on the structured parts alone, and its explanation says the semantic part is unknown). When
the delta holds ``MATCHING_INDEX_COMPACT_AFTER`` changes, a task folds it into a new main
segment; beat also compacts every ``MATCHING_INDEX_COMPACT_SECONDS``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction

from kakehashi.matching.selectors import learn_thresholds_publish
from kakehashi.matching.store import (
    index_changes_write,
    index_compact,
    index_delta_records,
    index_rebuild,
    index_refresh,
    index_shard_embed,
    index_vectors_write,
)

# Every index task is safe to run again (it re-reads or rewrites the same data): retried with
# back-off while the database, or the index's volume, is briefly unavailable.
RETRIED: dict[str, Any] = {
    "autoretry_for": (OperationalError, InterfaceError, OSError),
    "retry_backoff": True,
    "max_retries": 5,
}

_THREADS: list[threading.Thread] = []
_THREADS_LOCK = threading.Lock()
_COMPACTING = threading.Event()  # set while this process compacts in a background thread


def _in_thread(target: Callable[..., Any], **kwargs: Any) -> None:
    def run() -> None:
        try:
            target(**kwargs)
        finally:
            connection.close()  # the thread's own database connection, if it opened one

    thread = threading.Thread(target=run, name=f"kakehashi-{target.__name__}", daemon=True)
    with _THREADS_LOCK:
        _THREADS[:] = [t for t in _THREADS if t.is_alive()]
        _THREADS.append(thread)
    thread.start()


def background_wait(timeout: float = 30.0) -> bool:
    """Wait for this process's background index threads (tests; a graceful shutdown).
    True when all finished within ``timeout`` seconds."""
    with _THREADS_LOCK:
        threads = list(_THREADS)
    for thread in threads:
        thread.join(timeout)
    return not any(t.is_alive() for t in threads)


def _later(task: Any, **kwargs: Any) -> None:
    """Run ``task`` off the request: on a worker, or in a thread when Celery is eager."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        _in_thread(task.run, **kwargs)
    else:
        task.delay(**kwargs)


# A full rebuild can outlast the broker's visibility timeout: acknowledged on receipt so it is
# never run twice at once (a lost one is redone by an operator or the next deploy).
@shared_task(acks_late=False)
def matching_index_rebuild_task() -> int:
    n = len(index_rebuild())
    learn_thresholds_publish()
    return n


@shared_task(**RETRIED)
def matching_index_shard_task(*, build: str, shard: int, low: int, high: int) -> int:
    """One id range of a sharded full build (``matching_index_rebuild --shards N``): its
    profiles' vectors into the build's folder. A redelivered shard is simply done again."""
    return index_shard_embed(build=build, shard=shard, low=low, high=high)


# Re-reads the profiles from the database, so safe to run again; retried while the database
# (or the index's volume) is briefly unavailable.
@shared_task(**RETRIED)
def matching_index_refresh_task(*, profile_ids: list[int]) -> None:
    """Both steps of a change at once (kept for callers that want the vector now)."""
    index_refresh(profile_ids)


@shared_task(**RETRIED)
def matching_index_vectors_task(*, texts: dict[str, str]) -> None:
    """Embed changed profiles' texts (candidate id -> text) and publish their vectors; then
    compact when the delta has grown long. Safe to run twice (the same vector again)."""
    records = index_vectors_write({int(k): v for k, v in texts.items()})
    if records >= settings.MATCHING_INDEX_COMPACT_AFTER:
        compact_soon()


@shared_task(**RETRIED)
def matching_index_compact_task(*, min_records: int = 1) -> str | None:
    """Fold the delta log into a new main segment (no embedding), then publish the jobs'
    top-50 thresholds for it ("what to learn next"): measured here, once, not in a request.
    Beat runs it on a schedule, so thresholds also follow new and changed jobs."""
    version = index_compact(min_records=min_records)
    learn_thresholds_publish()
    return version


def compact_soon() -> None:
    """Start one compaction off the request (at most one thread per process when eager)."""
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        matching_index_compact_task.delay()
        return
    if _COMPACTING.is_set():
        return
    _COMPACTING.set()

    def run() -> None:
        try:
            matching_index_compact_task()
        finally:
            _COMPACTING.clear()

    _in_thread(run)


def matching_changes_publish(profile_ids: list[int]) -> None:
    """After a commit: the changes to the delta log now, their embedding later."""
    texts = index_changes_write(profile_ids)
    if texts:
        _later(matching_index_vectors_task, texts={str(k): v for k, v in texts.items()})
    elif index_delta_records() >= settings.MATCHING_INDEX_COMPACT_AFTER:
        compact_soon()


def matching_candidate_changed(sender, *, profile_id: int, **kwargs) -> None:
    """Receiver of candidates.signals.candidate_changed (connected in MatchingConfig.ready):
    after the transaction commits the change is in the index's delta log, and its embedding
    is left to a task; the request never waits for a model or a rebuild."""
    if settings.MATCHING_INDEX_AUTO_REFRESH:
        transaction.on_commit(lambda: matching_changes_publish([profile_id]))
