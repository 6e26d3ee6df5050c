"""Text vectors cached by the text's hash: the same text is embedded once, whoever asks.

Two levels: an in-process LRU (``MATCHING_VECTOR_LRU`` vectors) and the Django cache (Redis
in production, shared by every web and worker process; kept ``MATCHING_VECTOR_CACHE_SECONDS``).
A key names the embedder and the blake2b digest of the text, so a changed job text, another
model or another process never reads a wrong vector, and a change elsewhere (a profile, a new
index) never drops one."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache

import numpy as np
from django.conf import settings
from django.core.cache import cache as django_cache

from engine.matching import embedder_default

_LRU: OrderedDict[str, np.ndarray] = OrderedDict()
_LRU_LOCK = threading.Lock()
BATCH = 64  # texts per embedder call: the model's throughput flattens beyond this


@cache
def embedder():
    """The process's embedder (loading the model takes about a second)."""
    return embedder_default()


class CachedEmbedder:
    """An embedder that reads and fills the text-hash caches: what the index and the engine
    embed on their own (a job without a cached plan, skill names for "what to learn next",
    a candidate not yet indexed) is embedded once per text, not once per request."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return text_vectors(texts, embedder_=self.inner)


def cached_embedder() -> CachedEmbedder:
    """The process's embedder behind the caches (what the index is given)."""
    return CachedEmbedder(embedder())


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _key(name: str, digest: str) -> str:
    return f"kk:vec:{name}:{digest}"


def vectors_forget() -> None:
    """Empty the in-process level (tests)."""
    with _LRU_LOCK:
        _LRU.clear()


def _remember(key: str, vector: np.ndarray) -> None:
    with _LRU_LOCK:
        _LRU[key] = vector
        _LRU.move_to_end(key)
        while len(_LRU) > settings.MATCHING_VECTOR_LRU:
            _LRU.popitem(last=False)


def text_vectors_cached(texts: Sequence[str], *, embedder_=None) -> dict[int, np.ndarray]:
    """The vectors of ``texts`` already cached (position -> unit float32 row); no embedding."""
    model = embedder_ or embedder()
    keys = [_key(model.name, text_hash(t)) for t in texts]
    found: dict[int, np.ndarray] = {}
    wanted: dict[str, list[int]] = {}
    with _LRU_LOCK:
        for i, key in enumerate(keys):
            if key in _LRU:
                _LRU.move_to_end(key)
                found[i] = _LRU[key]
            else:
                wanted.setdefault(key, []).append(i)
    if wanted:
        for key, raw in django_cache.get_many(list(wanted)).items():
            vector = np.frombuffer(raw, dtype=np.float32).copy()
            if vector.shape != (model.dim,):
                continue
            _remember(key, vector)
            for i in wanted[key]:
                found[i] = vector
    return found


def text_vectors(texts: Sequence[str], *, embedder_=None, share: bool = True) -> np.ndarray:
    """Unit float32 vectors of ``texts`` (shape ``(len(texts), dim)``): from the caches, the
    rest embedded in batches of ``BATCH`` and cached (in the shared cache too unless
    ``share`` is False: a full build of a million profiles would fill it). An empty text gets
    a zero row."""
    model = embedder_ or embedder()
    out = np.zeros((len(texts), model.dim), dtype=np.float32)
    for i, vector in text_vectors_cached(texts, embedder_=model).items():
        out[i] = vector
    todo: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if text.strip() and not out[i].any():
            todo.setdefault(text, []).append(i)
    pending = list(todo)
    timeout = settings.MATCHING_VECTOR_CACHE_SECONDS
    for start in range(0, len(pending), BATCH):
        batch = pending[start : start + BATCH]
        vectors = np.asarray(model.encode(batch), dtype=np.float32)
        entries = {}
        for text, vector in zip(batch, vectors, strict=True):
            key = _key(model.name, text_hash(text))
            _remember(key, vector)
            entries[key] = vector.tobytes()
            for i in todo[text]:
                out[i] = vector
        if share:
            django_cache.set_many(entries, timeout=timeout)
    return out
