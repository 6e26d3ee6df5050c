"""Linking a job-ad sentence to a list of skill labels (ESCO), by words and by meaning.

A sentence names several skills, each in a few words, so meaning is read per phrase: the
sentence is cut into chunks (its clauses, split at punctuation and "and"/"or", and windows
of five words), each chunk is embedded with the project's multilingual sentence encoder
(``engine.matching.embed``, USE-multilingual v3 in NumPy) and a label's meaning score is its
best cosine over the chunks. That is fused, as a weighted sum, with the lexical scores
(character n-gram TF-IDF over the labels, word TF-IDF over the labels' full text, and the
labels of the skills the taxonomy extractor finds). ``LINK_WEIGHTS`` were set a priori
(each signal 1, the full-text one 0.5, as before the embedder was added), not fitted.

Public API::

    linking_chunks(sentence) -> list[str]
    link_scores_fuse(signals, weights=LINK_WEIGHTS) -> ndarray   (one score per label)
    chunk_meaning_scores(chunk_vectors, label_vectors) -> ndarray
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

F32 = npt.NDArray[np.float32]

#: Weights of the fused score, set a priori: character n-grams over labels ("label"), word
#: TF-IDF over the labels' full ESCO text ("text"), taxonomy-extractor links ("link"), best
#: chunk cosine ("meaning").
LINK_WEIGHTS: dict[str, float] = {"label": 1.0, "text": 0.5, "link": 1.0, "meaning": 1.0}

_SPLIT = re.compile(r"[,;:()/]| and | or ")
WINDOW = 5
STRIDE = 2


def linking_chunks(sentence: str) -> list[str]:
    """The phrases of ``sentence`` whose meaning is compared with the labels: the sentence
    itself, its clauses, and windows of ``WINDOW`` words every ``STRIDE`` words (distinct,
    in order)."""
    words = sentence.split()
    chunks = [sentence.strip()]
    chunks += [c.strip() for c in _SPLIT.split(sentence)]
    chunks += [
        " ".join(words[i : i + WINDOW]) for i in range(0, max(1, len(words) - WINDOW + 1), STRIDE)
    ]
    return list(dict.fromkeys(c for c in chunks if c))


def chunk_meaning_scores(chunk_vectors: F32, label_vectors: F32) -> F32:
    """Best cosine over the chunks for each label (rows are unit vectors)."""
    sims = chunk_vectors.astype(np.float32) @ label_vectors.astype(np.float32).T
    best: F32 = sims.max(axis=0)
    return best


def link_scores_fuse(
    signals: Mapping[str, F32], weights: Mapping[str, float] = LINK_WEIGHTS
) -> F32:
    """Weighted sum of per-label score arrays; an unknown signal name is a ValueError."""
    unknown = set(signals) - set(weights)
    if unknown:
        raise ValueError(f"unknown linking signals {sorted(unknown)}; known: {sorted(weights)}")
    n = len(next(iter(signals.values())))
    out = np.zeros(n, dtype=np.float32)
    for name, scores in signals.items():
        out += np.float32(weights[name]) * scores.astype(np.float32)
    return out
