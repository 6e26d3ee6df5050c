"""The published index takes changes live: a change goes to the delta log at once, even while
another process holds the writer lock (a compaction or a rebuild under way); what a build
misses while it runs is carried over to the new main; no change is lost."""

import subprocess
import sys
import threading

import pytest
from django.db import connection

from kakehashi.candidates.models import CandidateSkill
from kakehashi.candidates.selectors import SHARE_PURPOSE
from kakehashi.candidates.services import consent_give
from kakehashi.matching import store

# Holds the writer lock as another process would, until told to let go on stdin.
HOLDER = """
import sys, fcntl
mode, target = sys.argv[1], sys.argv[2]
if mode == "postgresql":
    import psycopg
    conn = psycopg.connect(target, autocommit=True)
    conn.execute("SELECT pg_advisory_lock(%s)", [int(sys.argv[3])])
else:
    handle = open(target, "a")
    fcntl.flock(handle, fcntl.LOCK_EX)
print("locked", flush=True)
sys.stdin.readline()
"""


def _holder_args(settings_dict) -> list[str]:
    if connection.vendor == "postgresql":
        s = settings_dict
        dsn = f"dbname={s['NAME']} user={s['USER']} host={s['HOST'] or '127.0.0.1'} port={s['PORT'] or 5432}"
        if s.get("PASSWORD"):
            dsn += f" password={s['PASSWORD']}"
        return ["postgresql", dsn, str(store._WRITER_KEY)]
    path = store._root() / "writer.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    return ["file", str(path)]


@pytest.mark.django_db(transaction=True)
def test_a_change_never_waits_for_a_writer_and_the_compaction_keeps_it(
    consent_v1, ayesha, bilal, taxonomy_loaded
):
    for profile in (ayesha, bilal):
        CandidateSkill.objects.create(profile=profile, skill_id="python", years=3)
    consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    store.index_rebuild()
    main = store.index_version()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, *_holder_args(connection.settings_dict)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        consent_give(profile=bilal, purpose=SHARE_PURPOSE)
        store.index_refresh([bilal.pk])  # returns although the other process writes
        index = store.index_get()
        assert bool(index.cols_["consent"][index.row_of_[bilal.pk]])
        done = threading.Event()

        def compact():
            try:
                store.index_compact()
            finally:
                connection.close()
                done.set()

        worker = threading.Thread(target=compact)
        worker.start()
        assert not done.wait(1.0), "a compaction must wait while another process writes"
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert done.wait(60)
        worker.join()
    finally:
        holder.kill()
        holder.wait()
    index = store.index_get()
    assert store.index_version() != main and store.index_delta_records() == 0
    assert {ayesha.pk, bilal.pk} <= set(index.row_of_)
    assert bool(index.cols_["consent"][index.row_of_[bilal.pk]])


def test_a_change_written_while_a_rebuild_runs_is_carried_over(
    ayesha, bilal, taxonomy_loaded, monkeypatch
):
    CandidateSkill.objects.create(profile=ayesha, skill_id="python", years=3)
    store.index_rebuild()
    build = store.index_build

    def build_then_change(features, vectors_=None):
        index = build(features, vectors_)  # read before bilal's skill was saved
        CandidateSkill.objects.create(profile=bilal, skill_id="rust", years=2)
        store.index_refresh([bilal.pk])
        return index

    monkeypatch.setattr(store, "index_build", build_then_change)
    store.index_rebuild()
    index = store.index_get()
    rust = index.relations_.col_["rust"]
    cols, _years = index._skills_of_row(index.row_of_[bilal.pk])
    assert rust in cols.tolist() and store.index_delta_records() >= 1  # carried over


def test_a_process_applies_new_delta_lines_to_the_copy_it_holds(ayesha, bilal, taxonomy_loaded):
    store.index_rebuild()
    held = store.index_get()
    CandidateSkill.objects.create(profile=bilal, skill_id="go", years=4)
    store.index_refresh([bilal.pk])  # as another process would: only the delta log changes
    index = store.index_get()
    assert index is held  # the same mapped main, not a reload
    assert index.relations_.col_["go"] in index._skills_of_row(index.row_of_[bilal.pk])[0]
