"""The process's candidate index: built from the database, saved under VAR_DIR and
memory-mapped by every process (web, workers), reloaded when a newer copy is saved.

Writers (the rebuild command/task, and the refresh after a profile changes) save a new
directory and switch a `current` pointer file atomically, so readers never see half an index.
One writer at a time, across processes: a PostgreSQL advisory lock (a file lock beside the
index on SQLite), held from reading the latest published index to publishing the next, so no
refresh is lost to a concurrent one."""

from __future__ import annotations

import fcntl
import shutil
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import connection

from engine.matching import CandidateIndex, embedder_default
from kakehashi.matching.adapters import candidate_features

_LOCK = threading.Lock()  # guards _STATE (held briefly; readers wait on it)
_WRITER = threading.RLock()  # one writing thread per process (reentrant: refresh may rebuild)
_WRITER_DEPTH = threading.local()
_STATE: dict = {"index": None, "version": None}
# The advisory-lock key of index writers (any fixed 64-bit number; "kkindex" in ASCII).
_WRITER_KEY = 0x6B6B696E646578


@cache
def _embedder():
    # One model per process: loading it takes about a second.
    return embedder_default()


def index_version() -> str:
    """The version of the index this process holds ("" before one is loaded); caches keyed
    on it go stale when a newer index is published."""
    return _STATE["version"] or ""


def index_forget() -> None:
    """Drop this process's copy (tests, or after the database was replaced)."""
    with _LOCK:
        _STATE.update(index=None, version=None)


def _root() -> Path:
    return Path(settings.VAR_DIR) / "matching-index"


def _current_version() -> str | None:
    pointer = _root() / "current"
    return pointer.read_text().strip() if pointer.exists() else None


@contextmanager
def index_writer_lock() -> Iterator[None]:
    """Be the only writer of the published index, across threads and processes."""
    with _WRITER:
        depth = getattr(_WRITER_DEPTH, "n", 0)
        _WRITER_DEPTH.n = depth + 1
        try:
            if depth:
                yield  # this thread holds the lock already
            else:
                with _process_lock():
                    yield
        finally:
            _WRITER_DEPTH.n = depth


@contextmanager
def _process_lock() -> Iterator[None]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_WRITER_KEY])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_WRITER_KEY])
        return
    _root().mkdir(parents=True, exist_ok=True)
    with open(_root() / "writer.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _publish(index: CandidateIndex) -> str:
    version = uuid.uuid4().hex[:12]
    root = _root()
    root.mkdir(parents=True, exist_ok=True)
    index.save(root / version)
    tmp = root / f"current.{version}"
    tmp.write_text(version)
    old = _current_version()
    tmp.replace(root / "current")  # atomic switch
    if old and old != version:
        shutil.rmtree(root / old, ignore_errors=True)  # open mmaps keep their pages
    return version


def index_rebuild() -> CandidateIndex:
    """Build the whole index from the database and publish it (command and Celery task)."""
    with index_writer_lock():
        index = CandidateIndex(embedder=_embedder()).fit(candidate_features())
        version = _publish(index)
        with _LOCK:
            _STATE.update(index=index, version=version)
    return index


def index_if_built() -> CandidateIndex | None:
    """The current index, or None while none has been built (no build is started)."""
    return index_get() if _current_version() is not None else None


def index_get() -> CandidateIndex:
    """The current index, loaded (memory-mapped) once per process and reloaded when another
    process published a newer one; built on first use when none exists, and rebuilt when the
    saved one cannot be read by this release."""
    version = _current_version()
    if version is None:
        return index_rebuild()
    with _LOCK:
        if _STATE["index"] is not None and _STATE["version"] == version:
            return _STATE["index"]
        try:
            loaded = CandidateIndex.load(_root() / version, embedder=_embedder())
        except ValueError:
            loaded = None  # saved by an older release (format, taxonomy, model): rebuild
        else:
            _STATE.update(index=loaded, version=version)
    return loaded if loaded is not None else index_rebuild()


def index_refresh(profile_ids: list[int]) -> None:
    """Bring the given candidates up to date in the index (after a profile, consent or CV
    change) without a full rebuild, and publish it. Under the writer lock, the latest
    published index is read before it changes, so concurrent refreshes all count."""
    with index_writer_lock():
        index = index_get()
        fresh = {f.candidate_id: f for f in candidate_features(profile_ids)}
        for pid in profile_ids:
            features = fresh.get(pid)
            if features is None:
                if pid in index.row_of_:
                    index.remove(pid)
            elif pid in index.row_of_:
                index.update(features)
            else:
                index.add(features)
        version = _publish(index)
        with _LOCK:
            _STATE["version"] = version
