"""One writer publishes the index at a time, across processes: a refresh waits while another
process holds the writer lock, then builds on what that process published."""

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
def test_a_refresh_waits_for_the_other_writer_and_loses_nothing(
    consent_v1, ayesha, bilal, taxonomy_loaded
):
    for profile in (ayesha, bilal):
        CandidateSkill.objects.create(profile=profile, skill_id="python", years=3)
    consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    store.index_rebuild()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, *_holder_args(connection.settings_dict)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        consent_give(profile=bilal, purpose=SHARE_PURPOSE)
        done = threading.Event()

        def refresh():
            try:
                store.index_refresh([bilal.pk])
            finally:
                connection.close()
                done.set()

        worker = threading.Thread(target=refresh)
        worker.start()
        assert not done.wait(1.0), "the refresh must wait while another process writes"
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert done.wait(60)
        worker.join()
    finally:
        holder.kill()
        holder.wait()
    index = store.index_get()
    assert {ayesha.pk, bilal.pk} <= set(index.row_of_)
