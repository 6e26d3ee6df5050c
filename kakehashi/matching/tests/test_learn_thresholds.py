"""The "what to learn next" step compares a candidate with each job's 50th-best score. Those cut-offs
cost one top-50 query per open job: the compaction task measures them once per main segment
and publishes them, and a request never measures them all again."""

from __future__ import annotations

import math
import threading
import time

import pytest

from engine.matching import job_thresholds
from kakehashi.conftest import make_open_job
from kakehashi.matching import selectors, store, tasks


@pytest.fixture
def counted(monkeypatch):
    """job_thresholds as the selectors call it, recording the job ids each call measures."""
    calls: list[list[int]] = []

    def measure(index, plans, k, **kw):
        calls.append([p.job_id for p in plans])
        return job_thresholds(index, plans, k, **kw)

    monkeypatch.setattr(selectors, "job_thresholds", measure)
    return calls


def _open_plans():
    return selectors.job_plans(list(selectors.jobs_public().prefetch_related("skills")))


def _forget_process_copy():
    """As a web worker that has not yet served this segment (another process)."""
    selectors._THRESHOLDS.clear()


def test_the_compaction_task_publishes_thresholds_and_a_request_measures_none(
    ayesha, bilal, zara, sakura_job, counted
):
    store.index_rebuild()
    store.index_changes_write([bilal.pk])  # one profile change in the delta
    version = tasks.matching_index_compact_task()
    assert version and store.index_version() == version
    assert counted == [[sakura_job.pk]]  # measured by the task, once
    plans = _open_plans()
    expect = job_thresholds(store.index_get(), plans, selectors.LEARN_TOP_K)
    _forget_process_copy()
    counted.clear()
    recs = selectors.candidate_recommendations(profile=ayesha)
    assert counted == []  # the published cut-offs served the request
    assert selectors.learn_thresholds(plans) == expect
    assert [job.pk for _, job in recs.matches] == [sakura_job.pk]
    # Beat runs the task again with nothing to fold: the thresholds stand, nothing re-measured.
    assert tasks.matching_index_compact_task() is None
    assert counted == []


def test_before_a_new_segment_is_published_a_request_keeps_the_last_and_measures_only_a_new_job(
    ayesha, bilal, sakura_job, counted
):
    store.index_rebuild()
    selectors.candidate_recommendations(profile=ayesha)
    assert counted == [[sakura_job.pk]]  # a fresh install: measured once, on the first visit
    kept = dict(selectors.learn_thresholds(_open_plans()))
    # A compaction whose thresholds are not yet out, and a job posted meanwhile.
    store.index_changes_write([bilal.pk])
    assert store.index_compact() is not None
    second = make_open_job(sakura_job.employer)
    counted.clear()
    selectors.candidate_recommendations(profile=ayesha)
    assert counted == [[second.pk]]  # only the new job, not every job again
    now = selectors.learn_thresholds(_open_plans())
    assert now[sakura_job.pk] == kept[sakura_job.pk]
    assert second.pk in now and not math.isnan(now[second.pk])
    # The task then measures the segment's own, and the request takes them.
    counted.clear()
    tasks.matching_index_compact_task()
    assert sorted(counted[0]) == sorted([sakura_job.pk, second.pk])
    counted.clear()
    selectors.candidate_recommendations(profile=ayesha)
    assert counted == []


def test_concurrent_first_visits_of_one_process_measure_the_thresholds_once(
    ayesha, bilal, sakura_job, monkeypatch
):
    """A fresh threaded server (``make run``): the visits that arrive together wait for one
    measurement and take it, rather than each measuring every job at once."""
    store.index_rebuild()
    plans = _open_plans()
    calls: list[list[int]] = []
    started = threading.Event()

    def slow_measure(index, plans, k, **kw):
        calls.append([p.job_id for p in plans])
        started.set()
        time.sleep(0.3)  # long enough for the other visits to arrive meanwhile
        return job_thresholds(index, plans, k, **kw)

    monkeypatch.setattr(selectors, "job_thresholds", slow_measure)
    results: list[dict[int, float]] = []
    first = threading.Thread(target=lambda: results.append(selectors.learn_thresholds(plans)))
    first.start()
    assert started.wait(5)
    others = [
        threading.Thread(target=lambda: results.append(selectors.learn_thresholds(plans)))
        for _ in range(3)
    ]
    for thread in others:
        thread.start()
    for thread in [first, *others]:
        thread.join(10)
    assert calls == [[sakura_job.pk]]
    assert len(results) == 4 and all(r == results[0] for r in results)
    assert sakura_job.pk in results[0]
