"""The lexical component: Okapi BM25 of a job's text (the query) over the profile texts.

Plain search gets some things right that skills and embeddings miss (a product name the
taxonomy lacks, an exact phrase), so its score is one component beside the others.

Tokens (:func:`lexical_tokens`): NFKC, lower case; Latin words and numbers (``c#`` and ``c++``
kept whole), and Japanese as character bigrams of each kana/kanji run (a one-character run is
one token), so a Japanese ad and a CV's Japanese self-introduction share terms.

The statistics (vocabulary, document frequencies, average length) are fitted once on the
candidate texts of an index (:meth:`LexicalModel.fit`); rows added later are weighed with the
same statistics and ignore words the vocabulary lacks, until the next rebuild. Scores:

    bm25(q, d) = sum over distinct query terms t in d of idf(t) * tf(t,d) * (k1 + 1)
                 / (tf(t,d) + k1 * (1 - b + b * |d| / avgdl))
    idf(t)     = ln(1 + (N - df(t) + 0.5) / (df(t) + 0.5))
    lexical    = bm25 / (bm25 + scale)

The same amount of textual evidence is worth the same for a short and a long job text
(dividing by the query's own ceiling instead made the shortest ad win every comparison of jobs
for one candidate); ``scale`` (data) is the BM25 score worth one half.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

F32 = npt.NDArray[np.float32]
I32 = npt.NDArray[np.int32]

_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*|[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")
# Function words that carry no meaning for matching (English only; Japanese bigrams are
# weighed by their document frequency instead).
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "i",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "our",
        "the",
        "to",
        "we",
        "with",
        "you",
        "your",
        "will",
        "this",
        "that",
        "years",
        "year",
    ]
)


def lexical_tokens(text: str) -> list[str]:
    """Search tokens of ``text`` (see the module docstring), in text order, with repeats."""
    out: list[str] = []
    for match in _TOKEN.finditer(unicodedata.normalize("NFKC", text).lower()):
        word = match.group()
        if word[0].isascii():
            if word not in _STOP:
                out.append(word)
        elif len(word) == 1:
            out.append(word)
        else:
            out.extend(word[i : i + 2] for i in range(len(word) - 1))
    return out


class LexicalModel:
    """BM25 statistics over a set of documents. ``fit`` computes ``vocab_`` (term -> id),
    ``idf_`` (float32 per term) and ``avgdl_`` (tokens per document)."""

    def __init__(self, *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b

    def fit(self, texts: Sequence[str]) -> LexicalModel:
        docs = [set(lexical_tokens(t)) for t in texts]
        lengths = [len(lexical_tokens(t)) for t in texts]
        df = Counter(term for d in docs for term in d)
        terms = sorted(df)
        n = len(texts)
        self.vocab_ = {t: i for i, t in enumerate(terms)}
        self.idf_ = np.array(
            [math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5)) for t in terms], np.float32
        )
        self.avgdl_ = float(sum(lengths) / max(1, sum(1 for x in lengths if x))) or 1.0
        return self

    @classmethod
    def from_saved(
        cls, *, terms: list[str], idf: F32, avgdl: float, k1: float, b: float
    ) -> LexicalModel:
        self = cls(k1=k1, b=b)
        self.vocab_ = {t: i for i, t in enumerate(terms)}
        self.idf_ = np.asarray(idf, dtype=np.float32)
        self.avgdl_ = avgdl
        return self

    @property
    def terms_(self) -> list[str]:
        return sorted(self.vocab_, key=self.vocab_.__getitem__)

    def document(self, text: str) -> tuple[I32, F32, int]:
        """(term ids ascending, saturated term weights, token count) of one document. The last
        few results are kept: "what to learn next" scores one candidate's text against every
        job once per option (the arrays returned are shared: do not change them)."""
        memo: dict[str, tuple[I32, F32, int]] = self.__dict__.setdefault("_documents", {})
        found = memo.get(text)
        if found is None:
            found = self._document(text)
            if len(memo) >= 64:
                memo.clear()  # simple and safe across threads; refills in one page
            memo[text] = found
        return found

    def _document(self, text: str) -> tuple[I32, F32, int]:
        tokens = lexical_tokens(text)
        tf = Counter(t for t in tokens if t in self.vocab_)
        ids = np.array(sorted(self.vocab_[t] for t in tf), dtype=np.int32)
        norm = self.k1 * (1 - self.b + self.b * len(tokens) / self.avgdl_)
        by_id = {self.vocab_[t]: c for t, c in tf.items()}
        weights = np.array(
            [by_id[int(i)] * (self.k1 + 1) / (by_id[int(i)] + norm) for i in ids], np.float32
        )
        return ids, weights, len(tokens)

    def query(self, text: str, scale: float) -> tuple[I32, F32, np.float32]:
        """(distinct known term ids in text order, their idf, the half-value score)."""
        seen: dict[int, None] = {}
        for t in lexical_tokens(text):
            if t in self.vocab_:
                seen.setdefault(self.vocab_[t], None)
        ids = np.array(list(seen), dtype=np.int32)
        idf = self.idf_[ids] if len(ids) else np.zeros(0, np.float32)
        return ids, idf.astype(np.float32), np.float32(scale)


def lexical_value(total: F32, scale: np.float32) -> F32:
    """Accumulated BM25 scores -> the component value in [0, 1)."""
    out: F32 = (total / (total + scale)).astype(np.float32)
    return out
