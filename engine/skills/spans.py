"""A trained skill-span tagger: SKILL and KNOWLEDGE spans in English job-ad or CV text.

Two linear-chain CRFs (CRFsuite, ``python-crfsuite``), one per layer of the SkillSpan
annotation (Zhang et al. 2022, MIT): SKILL spans are what a person does ("manage a team of
engineers", "communicate with clients"), KNOWLEDGE spans what they know ("Python", "agile
methods"). The two may overlap, so each has its own BIO model. Trained on the SkillSpan
*train* split only by ``tools/train_skill_tagger.py`` (fixed parameters, the data's sha256
recorded in ``engine/data/skill_span_tagger.json``); the models are committed in
``engine/data/`` and loaded once per process, offline.

Features per token: the word, its shape, prefixes and suffixes, its neighbours (two each
side) and bigrams, the word clusters of the word and its neighbours (k-means groups of the
train words' encoder vectors, ``engine/data/skill_span_word_clusters.json``), and gazetteer
features from the taxonomy: whether the extractor
(``engine.skills.skills_extract``) finds a taxonomy name over the token (B/I, and the
skill's category), and whether the word starts a taxonomy name (ESCO's verb phrases:
"manage", "develop", "apply") or occurs in one.

Each span found is linked to the taxonomy when the extractor finds a skill inside it;
the rest stay visible as free text (``SkillSpan.skill_id`` is None).

Public API::

    skill_spans_find(text) -> tuple[SkillSpan, ...]
    SkillSpanTagger(skill_model=..., knowledge_model=...).spans(tokens)
    span_features(tokens) -> list[list[str]]   (what the models were trained on)
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from engine.skills.extract import skills_extract
from engine.skills.text import alias_tokens
from engine.taxonomy import taxonomy

DATA = Path(__file__).resolve().parents[1] / "data"
SKILL_MODEL = DATA / "skill_span_tagger_skill.crfsuite"
KNOWLEDGE_MODEL = DATA / "skill_span_tagger_knowledge.crfsuite"
PROVENANCE = DATA / "skill_span_tagger.json"
WORD_CLUSTERS = DATA / "skill_span_word_clusters.json"
LAYERS = ("SKILL", "KNOWLEDGE")

_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class SkillSpan:
    """One span: ``kind`` "SKILL" or "KNOWLEDGE"; token range ``[first, last)``; character
    range ``[start, end)`` into the text given; ``skill_id`` the taxonomy skill it names
    (None: free text, kept as written)."""

    kind: str
    text: str
    first: int
    last: int
    start: int
    end: int
    skill_id: str | None


@cache
def _taxonomy_words() -> tuple[frozenset[str], frozenset[str]]:
    """(first words of taxonomy names, every word of a taxonomy name), lower case."""
    first: set[str] = set()
    every: set[str] = set()
    for skill in taxonomy():
        for name in skill.names:
            toks = alias_tokens(name)
            if toks and toks[0].isascii():
                first.add(toks[0])
                every.update(toks)
    return frozenset(first), frozenset(every)


@cache
def _word_clusters() -> dict[str, int]:
    """Train-vocabulary word -> cluster id (k-means over the encoder's word vectors)."""
    if not WORD_CLUSTERS.exists():
        return {}
    clusters: dict[str, int] = json.loads(WORD_CLUSTERS.read_text(encoding="utf-8"))
    return clusters


def _shape(word: str) -> str:
    s = re.sub(r"[A-Z]", "X", word)
    s = re.sub(r"[a-z]", "x", s)
    s = re.sub(r"[0-9]", "d", s)
    return re.sub(r"(.)\1+", r"\1\1", s)


def _taxonomy_tags(tokens: Sequence[str]) -> list[tuple[str, str]]:
    """(B/I/O, category) per token from the taxonomy extractor over the joined tokens."""
    starts, ends, pos = [], [], 0
    for t in tokens:
        starts.append(pos)
        pos += len(t)
        ends.append(pos)
        pos += 1
    out = [("O", "")] * len(tokens)
    tax = taxonomy()
    for m in skills_extract(" ".join(tokens), lang="en").mentions:
        first = next((i for i, s in enumerate(starts) if s <= m.start < ends[i] + 1), None)
        if first is None:
            continue
        cat = tax.get(m.skill_id).category
        i = first
        while i < len(tokens) and starts[i] < m.end:
            out[i] = ("B" if i == first else "I", cat)
            i += 1
    return out


def span_features(tokens: Sequence[str]) -> list[list[str]]:
    """CRF features for each token of one sentence (see the module docstring)."""
    first_words, name_words = _taxonomy_words()
    low = [t.lower() for t in tokens]
    tax = _taxonomy_tags(tokens)
    n = len(tokens)
    clusters = _word_clusters()
    cl = [str(clusters.get(w, "-")) for w in low]

    def at(i: int) -> str:
        return low[i] if 0 <= i < n else ("<s>" if i < 0 else "</s>")

    feats: list[list[str]] = []
    for i, w in enumerate(tokens):
        lw = low[i]
        f = [
            "b",
            "w=" + lw,
            "sh=" + _shape(w),
            "p3=" + lw[:3],
            "s3=" + lw[-3:],
            "s2=" + lw[-2:],
            "w-1=" + at(i - 1),
            "w+1=" + at(i + 1),
            "w-2=" + at(i - 2),
            "w+2=" + at(i + 2),
            "w-1w=" + at(i - 1) + "|" + lw,
            "ww+1=" + lw + "|" + at(i + 1),
            "tax=" + tax[i][0],
            "taxc=" + tax[i][1],
            "tax-1=" + (tax[i - 1][0] if i > 0 else "<s>"),
            "tax+1=" + (tax[i + 1][0] if i + 1 < n else "</s>"),
        ]
        if clusters:
            f.append("c=" + cl[i])
            f.append("c-1=" + (cl[i - 1] if i > 0 else "<s>"))
            f.append("c+1=" + (cl[i + 1] if i + 1 < n else "</s>"))
        if w[:1].isupper():
            f.append("cap")
        if w.isupper() and len(w) > 1:
            f.append("upper")
        if not any(ch.isalnum() for ch in w):
            f.append("punct")
        if lw in first_words:
            f.append("taxfirst")
        if lw in name_words:
            f.append("taxword")
        if i > 0 and low[i - 1] in first_words:
            f.append("taxfirst-1")
        if i == 0:
            f.append("bos")
        feats.append(f)
    return feats


@dataclass
class SkillSpanTagger:
    """The two CRF models; ``fit`` trains them (python-crfsuite), ``spans`` tags tokens.

    ``params`` are CRFsuite L-BFGS parameters; the defaults are the shipped models'.
    """

    skill_model: Path = SKILL_MODEL
    knowledge_model: Path = KNOWLEDGE_MODEL
    params: dict[str, Any] = field(
        default_factory=lambda: {
            "c1": 0.05,
            "c2": 0.05,
            "max_iterations": 150,
            "feature.possible_transitions": True,
        }
    )
    taggers_: tuple[Any, Any] | None = field(default=None, repr=False)

    def fit(
        self,
        sentences: Sequence[Sequence[str]],
        tags: dict[str, Sequence[Sequence[str]]],
    ) -> SkillSpanTagger:
        """Train one model per layer: ``tags["SKILL"][k]`` is sentence k's BIO tags ("B",
        "I", "O"). Writes ``skill_model`` and ``knowledge_model``; returns ``self``."""
        import pycrfsuite  # type: ignore[import-untyped]

        feats = [span_features(s) for s in sentences]
        for layer, path in zip(LAYERS, (self.skill_model, self.knowledge_model), strict=True):
            trainer = pycrfsuite.Trainer(verbose=False)
            for x, y in zip(feats, tags[layer], strict=True):
                trainer.append(x, list(y))
            trainer.set_params(self.params)
            trainer.train(str(path))
        self.taggers_ = None
        return self

    def _taggers(self) -> tuple[Any, Any]:
        if self.taggers_ is None:
            import pycrfsuite

            out = []
            for path in (self.skill_model, self.knowledge_model):
                tagger = pycrfsuite.Tagger()
                tagger.open(str(path))
                out.append(tagger)
            self.taggers_ = (out[0], out[1])
        return self.taggers_

    def tag(self, tokens: Sequence[str]) -> dict[str, list[str]]:
        """BIO tags per layer for one tokenised sentence."""
        if not tokens:
            return {layer: [] for layer in LAYERS}
        feats = span_features(tokens)
        return {
            layer: list(tagger.tag(feats))
            for layer, tagger in zip(LAYERS, self._taggers(), strict=True)
        }

    def spans(self, tokens: Sequence[str]) -> list[tuple[str, int, int]]:
        """(kind, first token, last token + 1) of each span, conlleval-style BIO reading."""
        out: list[tuple[str, int, int]] = []
        for layer, tags in self.tag(tokens).items():
            start = None
            for i, t in enumerate([*tags, "O"]):
                if t == "B" or t == "O" or (t == "I" and start is None):
                    if start is not None:
                        out.append((layer, start, i))
                        start = None
                    if t in ("B", "I"):
                        start = i
        return sorted(out, key=lambda s: (s[1], s[2], s[0]))


@cache
def default_tagger() -> SkillSpanTagger:
    """The shipped models, opened once per process."""
    tagger = SkillSpanTagger()
    tagger._taggers()
    return tagger


def tagger_provenance() -> dict[str, Any]:
    """How the shipped models were trained (data sha256, parameters, licence)."""
    info: dict[str, Any] = json.loads(PROVENANCE.read_text(encoding="utf-8"))
    return info


def skill_spans_find(text: str) -> tuple[SkillSpan, ...]:
    """SKILL and KNOWLEDGE spans of one English sentence or line, linked to the taxonomy.

    ``text`` is split at whitespace (the models were trained on whitespace tokens); longer
    texts are tagged line by line. Each span's ``skill_id`` is the first taxonomy skill the
    extractor finds inside it, or None (free text).
    """
    out: list[SkillSpan] = []
    tagger = default_tagger()
    for line in re.finditer(r"[^\n]+", text[:100_000]):
        words = list(_WORD.finditer(line.group()))
        if not words:
            continue
        tokens = [w.group() for w in words]
        for kind, a, b in tagger.spans(tokens):
            start = line.start() + words[a].start()
            end = line.start() + words[b - 1].end()
            surface = text[start:end]
            found = skills_extract(surface, lang="en").skill_ids()
            out.append(SkillSpan(kind, surface, a, b, start, end, found[0] if found else None))
    return tuple(out)
