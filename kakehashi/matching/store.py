"""The process's candidate index: a published *main segment* plus a small *delta log*.

Files under ``MATCHING_INDEX_DIR`` (default ``VAR_DIR/matching-index``; a volume every web
and worker node mounts):

- ``<main>/``: a main segment, the engine's saved arrays (``CandidateIndex.save``), with spare
  rows for new candidates; memory-mapped by every process, so they share its pages;
- ``<main>.delta``: the changes since that segment was built, one JSON line each: ``upsert``
  (a candidate's features, with its text vector when one is known), ``vector`` (the vector of
  a text, once embedded) and ``remove``;
- ``generation``: which main is current and how many bytes of its delta log are complete,
  replaced atomically. A process compares it with what it holds on every ``index_get()``
  (one small read): a longer delta is read from where it stopped and applied to its copy (the
  engine ranks main + delta exactly as a rebuild); a new main is memory-mapped (no rebuild).

Writers: a profile change appends to the delta log under a short file lock — the request
that saved never waits for an embedding or a rebuild (``tasks``); compaction and full
rebuilds build a new main under the writer lock (a PostgreSQL advisory lock, a file lock on
SQLite) and carry over the delta lines written meanwhile, so no change is lost."""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection

from engine.matching import CandidateIndex
from engine.matching.features import CandidateFeatures, features_from_dict, features_to_dict
from kakehashi.candidates.models import CandidateProfile
from kakehashi.matching import vectors
from kakehashi.matching.adapters import candidate_features

_LOCK = threading.Lock()  # guards _STATE (readers wait on it while a delta is applied)
_WRITER = threading.RLock()  # one writing thread per process (reentrant)
_WRITER_DEPTH = threading.local()
_DELTA = threading.Lock()  # one appending thread per process (the file lock is per process)
_STATE: dict[str, Any] = {"index": None, "main": None, "applied": 0, "hashes": {}}
# The advisory-lock key of index writers (any fixed 64-bit number; "kkindex" in ASCII).
_WRITER_KEY = 0x6B6B696E646578


def _root() -> Path:
    configured = settings.MATCHING_INDEX_DIR
    return Path(configured) if configured else Path(settings.VAR_DIR) / "matching-index"


def index_version() -> str:
    """The main segment this process holds ("" before one is loaded). It changes on a
    compaction or a rebuild, not on each profile change."""
    return _STATE["main"] or ""


def index_forget() -> None:
    """Drop this process's copy (tests, or after the database was replaced)."""
    with _LOCK:
        _STATE.update(index=None, main=None, applied=0, hashes={})


# --- the generation file and the delta log ------------------------------------------------


def _generation() -> dict[str, Any] | None:
    try:
        return json.loads((_root() / "generation").read_text())
    except FileNotFoundError:
        return None


def _generation_write(main: str, delta_bytes: int, delta_records: int) -> None:
    root = _root()
    tmp = root / f"generation.{uuid.uuid4().hex[:8]}"
    tmp.write_text(json.dumps({"main": main, "delta_bytes": delta_bytes, "records": delta_records}))
    tmp.replace(root / "generation")  # atomic switch


@contextmanager
def _delta_lock() -> Iterator[None]:
    """Be the only appender of the delta log (and the only one switching the generation)."""
    root = _root()
    root.mkdir(parents=True, exist_ok=True)
    with _DELTA, open(root / "delta.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _vector_text(vector: np.ndarray | None) -> str | None:
    if vector is None:
        return None
    return base64.b64encode(np.asarray(vector, np.float32).tobytes()).decode("ascii")


def _vector_read(text: str | None) -> np.ndarray | None:
    if text is None:
        return None
    return np.frombuffer(base64.b64decode(text), dtype=np.float32)


def _delta_append(records: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """Append change records to the current main's delta log; the new generation, or None
    when no index is published yet (the first build reads the database anyway)."""
    if not records:
        return _generation()
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    with _delta_lock():
        gen = _generation()
        if gen is None:
            return None
        with open(_root() / f"{gen['main']}.delta", "ab") as log:
            log.seek(gen["delta_bytes"])
            log.truncate()  # a torn write of a killed appender is cut off
            log.write(data)
            log.flush()
            os.fsync(log.fileno())
        _generation_write(
            gen["main"], gen["delta_bytes"] + len(data), gen["records"] + len(records)
        )
        return _generation()


def _delta_read(main: str, start: int, end: int) -> list[dict[str, Any]]:
    if end <= start:
        return []
    with open(_root() / f"{main}.delta", "rb") as log:
        log.seek(start)
        data = log.read(end - start)
    return [json.loads(line) for line in data.decode("utf-8").splitlines() if line]


def _records_apply(
    index: CandidateIndex, records: Sequence[dict[str, Any]], hashes: dict[int, str]
) -> None:
    """Apply change records in order. ``hashes``: candidate id -> hash of the text of its
    last upsert here; a vector whose text was changed again since is skipped."""
    for r in records:
        cid = int(r["id"])
        if r["op"] == "remove":
            if cid in index.row_of_:
                index.remove(cid)
            hashes.pop(cid, None)
        elif r["op"] == "upsert":
            index.upsert(features_from_dict(r["features"]), _vector_read(r.get("vector")))
            hashes[cid] = r["text_hash"]
        elif r["op"] == "vector":
            if cid in index.row_of_ and hashes.get(cid, r["text_hash"]) == r["text_hash"]:
                vector = _vector_read(r["vector"])
                if vector is not None:
                    index.vector_set(cid, vector)
        else:
            raise ValueError(f"unknown index change {r['op']!r}")


# --- main segments ------------------------------------------------------------------------


@contextmanager
def index_writer_lock() -> Iterator[None]:
    """Be the only builder of a main segment, across threads and processes."""
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


def _main_publish(index: CandidateIndex, *, since: dict[str, Any] | None) -> str | None:
    """Save ``index`` as a new main segment and make it current. ``since``: the generation
    the new main was built from; delta lines appended after it are carried over. Returns
    the new version, or None (nothing published) when another main was published meanwhile."""
    version = uuid.uuid4().hex[:12]
    root = _root()
    root.mkdir(parents=True, exist_ok=True)
    index.save(root / version, headroom=settings.MATCHING_INDEX_HEADROOM)
    with _delta_lock():
        now = _generation()
        if since is not None and now is not None and now["main"] != since["main"]:
            shutil.rmtree(root / version, ignore_errors=True)
            return None
        carried = b""
        records = 0
        if since is not None and now is not None and now["delta_bytes"] > since["delta_bytes"]:
            with open(root / f"{now['main']}.delta", "rb") as log:
                log.seek(since["delta_bytes"])
                carried = log.read(now["delta_bytes"] - since["delta_bytes"])
            records = now["records"] - since["records"]
        (root / f"{version}.delta").write_bytes(carried)
        _generation_write(version, len(carried), records)
        keep = {version, now["main"] if now else ""}
    for old in root.iterdir():  # all but the last two: a reader may still be opening the last
        name = old.name.removesuffix(".delta")
        if old.name.startswith(("generation", "delta.lock", "writer.lock", "builds")):
            continue
        if name not in keep:
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)  # open maps keep their pages
            else:
                old.unlink(missing_ok=True)
    return version


def index_build(features: Sequence[CandidateFeatures], vectors_: np.ndarray | None = None):
    """A fresh index of ``features`` with their text vectors (embedded through the text-hash
    cache when not given)."""
    if vectors_ is None:
        vectors_ = vectors.text_vectors([f.semantic_text or f.text for f in features], share=False)
    return CandidateIndex(embedder=vectors.cached_embedder()).fit(features, vectors_)


def index_rebuild() -> CandidateIndex:
    """Build the whole index from the database and publish it (command and Celery task).
    Changes written while it builds are carried over to the new main's delta."""
    with index_writer_lock():
        since = _generation()
        index = index_build(candidate_features())
        version = _main_publish(index, since=since)
        with _LOCK:
            _STATE.update(index=index, main=version, applied=0, hashes={})
    return index_get()


# --- a full build spread over workers ---------------------------------------------------------


def _build_dir(build: str) -> Path:
    return _root() / "builds" / build


def shard_ranges(ids: Sequence[int], shards: int) -> list[tuple[int, int]]:
    """Split sorted profile ids into ``shards`` contiguous id ranges of about equal counts."""
    ids = sorted(ids)
    if not ids:
        return []
    parts = np.array_split(np.asarray(ids), max(1, min(shards, len(ids))))
    return [(int(p[0]), int(p[-1])) for p in parts if len(p)]


def index_shard_embed(*, build: str, shard: int, low: int, high: int) -> int:
    """One shard of a full build (a Celery task on any worker): embed the profiles whose id is
    in ``[low, high]`` in batches (cached by text hash) and save their vectors in the build's
    folder, with a progress file after each batch. Safe to run again. Returns the count."""
    folder = _build_dir(build)
    folder.mkdir(parents=True, exist_ok=True)
    features = candidate_features(id_range=(low, high))
    texts = [f.semantic_text or f.text for f in features]
    out = np.zeros((len(texts), vectors.embedder().dim), np.float32)
    started = time.monotonic()
    step = vectors.BATCH * 4
    for start in range(0, len(texts), step):
        out[start : start + step] = vectors.text_vectors(texts[start : start + step], share=False)
        progress = {"done": min(len(texts), start + step), "total": len(texts)}
        progress["seconds"] = round(time.monotonic() - started, 2)
        (folder / f"shard-{shard}.progress").write_text(json.dumps(progress))
    tmp = folder / f"shard-{shard}.tmp.npz"
    np.savez(tmp, ids=np.array([f.candidate_id for f in features], np.int64), vectors=out)
    tmp.replace(folder / f"shard-{shard}.npz")
    (folder / f"shard-{shard}.progress").write_text(
        json.dumps({"done": len(texts), "total": len(texts), "seconds": time.monotonic() - started})
    )
    return len(texts)


def index_build_progress(build: str, shards: int) -> list[dict[str, Any]]:
    """Each shard's progress: done, total (None before it started), seconds, finished."""
    folder = _build_dir(build)
    out = []
    for k in range(shards):
        try:
            p = json.loads((folder / f"shard-{k}.progress").read_text())
        except (FileNotFoundError, json.JSONDecodeError):
            p = {"done": 0, "total": None, "seconds": 0.0}
        p["finished"] = (folder / f"shard-{k}.npz").exists()
        out.append(p)
    return out


def index_rebuild_sharded(
    *,
    shards: int,
    dispatch: Callable[[dict[str, Any]], None],
    wait: Callable[[str, int], None],
) -> CandidateIndex:
    """A full build with the embedding spread over workers by id range: ``dispatch`` starts
    one shard (``index_shard_embed``'s arguments; a Celery task), ``wait(build, shards)``
    returns once every shard saved its vectors (it may show progress). The vectors are then
    put together, profiles added since are embedded here, and the index is published like
    :func:`index_rebuild`'s."""
    build = uuid.uuid4().hex[:12]
    ids = list(CandidateProfile.objects.values_list("pk", flat=True))
    ranges = shard_ranges(ids, shards)
    with index_writer_lock():
        since = _generation()
        for k, (low, high) in enumerate(ranges):
            dispatch({"build": build, "shard": k, "low": low, "high": high})
        wait(build, len(ranges))
        found: dict[int, np.ndarray] = {}
        for k in range(len(ranges)):
            with np.load(_build_dir(build) / f"shard-{k}.npz") as part:
                found.update(zip(part["ids"].tolist(), part["vectors"], strict=True))
        features = candidate_features()
        dim = vectors.embedder().dim
        matrix = np.zeros((len(features), dim), np.float32)
        late = [i for i, f in enumerate(features) if f.candidate_id not in found]
        for i, f in enumerate(features):
            if f.candidate_id in found:
                matrix[i] = found[f.candidate_id]
        if late:
            matrix[late] = vectors.text_vectors(
                [features[i].semantic_text or features[i].text for i in late], share=False
            )
        index = CandidateIndex(embedder=vectors.cached_embedder()).fit(features, matrix)
        version = _main_publish(index, since=since)
        with _LOCK:
            _STATE.update(index=index, main=version, applied=0, hashes={})
    shutil.rmtree(_build_dir(build), ignore_errors=True)
    return index_get()


def index_compact(*, min_records: int = 1) -> str | None:
    """Fold the delta log into a new main segment and publish it (a background task; no
    embedding: vectors are copied). Returns the new version, or None when the delta held
    fewer than ``min_records`` changes or another writer published meanwhile."""
    with index_writer_lock():
        gen = _generation()
        if gen is None or gen["records"] < min_records:
            return None
        index = CandidateIndex.load(
            _root() / gen["main"], embedder=vectors.cached_embedder(), mmap=False
        )
        _records_apply(index, _delta_read(gen["main"], 0, gen["delta_bytes"]), {})
        return _main_publish(index, since=gen)


def index_if_built() -> CandidateIndex | None:
    """The current index, or None while none has been built (no build is started)."""
    return index_get() if _generation() is not None else None


def _load(gen: dict[str, Any]) -> CandidateIndex | None:
    try:
        return CandidateIndex.load(_root() / gen["main"], embedder=vectors.cached_embedder())
    except ValueError:
        return None  # saved by an older release (format, taxonomy, model): rebuild


def index_get() -> CandidateIndex:
    """The current index with every published change applied: memory-mapped once per
    process, a new main mapped when one is published, new delta lines applied as they come;
    built on first use when none exists, and rebuilt when the saved one cannot be read by
    this release."""
    for _attempt in range(3):
        gen = _generation()
        if gen is None:
            return index_rebuild()
        with _LOCK:
            index = _STATE["index"]
            try:
                if index is None or _STATE["main"] != gen["main"]:
                    index = _load(gen)
                    if index is None:
                        break
                    _STATE.update(index=index, main=gen["main"], applied=0, hashes={})
                if _STATE["applied"] < gen["delta_bytes"]:
                    records = _delta_read(gen["main"], _STATE["applied"], gen["delta_bytes"])
                    _records_apply(index, records, _STATE["hashes"])
                    _STATE["applied"] = gen["delta_bytes"]
            except FileNotFoundError:
                _STATE.update(index=None, main=None, applied=0, hashes={})
                continue  # a newer main replaced this one meanwhile: read the generation again
            return index
    return index_rebuild()


# --- changes ------------------------------------------------------------------------------


def index_changes_write(profile_ids: Sequence[int]) -> dict[int, str]:
    """Write the given candidates' current data to the delta log at once, without embedding:
    a text whose vector is cached goes with it; otherwise the old vector stands (a new
    candidate is ranked on the structured parts alone) until :func:`index_vectors_write`.
    Returns candidate id -> the text still to embed. Nothing is written (and nothing is
    returned) while no index is published."""
    if _generation() is None:
        return {}
    fresh = {f.candidate_id: f for f in candidate_features(list(profile_ids))}
    texts = {pid: f.semantic_text or f.text for pid, f in fresh.items()}
    order = list(texts)
    cached = vectors.text_vectors_cached([texts[p] for p in order])
    dim = vectors.embedder().dim
    records, to_embed = [], {}
    for pid in profile_ids:
        f = fresh.get(pid)
        if f is None:
            records.append({"op": "remove", "id": pid})
            continue
        text = texts[pid]
        vector = cached.get(order.index(pid))
        if not text.strip():
            vector = np.zeros(dim, np.float32)  # no text: the semantic part is unknown
        elif vector is None:
            to_embed[pid] = text
        records.append(
            {
                "op": "upsert",
                "id": pid,
                "features": features_to_dict(f),
                "text_hash": vectors.text_hash(text),
                "vector": _vector_text(vector),
            }
        )
    if _delta_append(records) is None:
        return {}
    return to_embed


def index_vectors_write(texts: dict[int, str]) -> int:
    """Embed the given candidates' texts (through the text-hash cache) and append their
    vectors to the delta log; returns the delta's change count after it (0: no index)."""
    if not texts:
        return 0
    ids = list(texts)
    found = vectors.text_vectors([texts[i] for i in ids])
    records = [
        {
            "op": "vector",
            "id": pid,
            "text_hash": vectors.text_hash(texts[pid]),
            "vector": _vector_text(vector),
        }
        for pid, vector in zip(ids, found, strict=True)
    ]
    gen = _delta_append(records)
    return 0 if gen is None else int(gen["records"])


def index_refresh(profile_ids: list[int]) -> None:
    """Bring the given candidates up to date in the index now, vectors included (a command,
    a worker, a test): both steps of a change in one call."""
    index_vectors_write(index_changes_write(profile_ids))


def index_delta_records() -> int:
    """Changes in the current delta log (0 when no index is published)."""
    gen = _generation()
    return 0 if gen is None else int(gen["records"])
