"""The process's candidate index: built from the database, saved under VAR_DIR and
memory-mapped by every process (web, workers), reloaded when a newer copy is saved.

Writers (the rebuild command/task, and the refresh after a profile changes) save a new
directory and switch a `current` pointer file atomically, so readers never see half an index."""

from __future__ import annotations

import shutil
import threading
import uuid
from functools import cache
from pathlib import Path

from django.conf import settings

from engine.matching import CandidateIndex, embedder_default
from kakehashi.matching.adapters import candidate_features

_LOCK = threading.Lock()
_STATE: dict = {"index": None, "version": None}


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
    index = CandidateIndex(embedder=_embedder()).fit(candidate_features())
    with _LOCK:
        _STATE["version"] = _publish(index)
        _STATE["index"] = index
    return index


def index_if_built() -> CandidateIndex | None:
    """The current index, or None while none has been built (no build is started)."""
    return index_get() if _current_version() is not None else None


def index_get() -> CandidateIndex:
    """The current index, loaded (memory-mapped) once per process and reloaded when another
    process published a newer one; built on first use when none exists."""
    version = _current_version()
    if version is None:
        return index_rebuild()
    with _LOCK:
        if _STATE["index"] is None or _STATE["version"] != version:
            _STATE["index"] = CandidateIndex.load(_root() / version, embedder=_embedder())
            _STATE["version"] = version
        return _STATE["index"]


def index_refresh(profile_ids: list[int]) -> None:
    """Bring the given candidates up to date in the index (after a profile, consent or CV
    change) without a full rebuild, and publish it."""
    index = index_get()
    fresh = {f.candidate_id: f for f in candidate_features(profile_ids)}
    with _LOCK:
        for pid in profile_ids:
            features = fresh.get(pid)
            if features is None:
                if pid in index.row_of_:
                    index.remove(pid)
            elif pid in index.row_of_:
                index.update(features)
            else:
                index.add(features)
        _STATE["version"] = _publish(index)
