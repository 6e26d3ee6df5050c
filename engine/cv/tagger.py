"""A trained CV entity tagger: a linear-chain CRF (CRFsuite) over word tokens (issue 12).

It labels the spans a CV's parts are made of: the person's name, e-mail, locations, job
titles (designations), companies, years of experience (date ranges, "5 years"), colleges,
degrees, graduation years, skills/tools and soft skills. It reads what the rules know as
features: taxonomy skill names, Pakistani institutions (``cv_institutions.json``), title,
company and institution words, section headings and the distance from the last one, line
layout (gaps and line starts) and the line segment a word is in (its length, separators,
taxonomy skills, years and months on it, its first word), the position in the document, how
often the word recurs in the CV, word clusters (shared with the skill-span tagger),
capitalisation and date shapes.

The model file ``engine/data/cv_tagger.crfsuite`` is trained by ``tools/train_cv_tagger.py``
on the dotin resume set (CC0 1.0); ``engine/data/cv_tagger.json`` records the data file's
sha256, the training parameters and the feature version. It is opened once per process, on
first use, from the package; nothing is downloaded.

Public API::

    cv_tag(text, *, model=None) -> list[TaggedSpan]   spans (label, start, end), in order
    tagger_sequence(text) -> (tokens, features)        what training and tagging both read
    token_labels(tokens, spans) -> list[str]           BIO labels from gold spans (training)
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from engine.cv.rules import cv_rules
from engine.taxonomy import taxonomy

DATA = Path(__file__).resolve().parent.parent / "data"
MODEL_PATH = DATA / "cv_tagger.crfsuite"
#: Word clusters (k-means groups of encoder vectors of the SkillSpan train words, built by
#: tools/train_skill_tagger.py): they let the tagger generalise from a skill word it was
#: trained on to its neighbours in meaning.
WORD_CLUSTERS = DATA / "skill_span_word_clusters.json"
#: Bumped whenever a feature changes: a model trained on other features must be retrained.
FEATURE_VERSION = "2026.12.2"
#: Feature versions a model may have been trained on and still be tagged with these
#: features: 2026.12.2 only adds features (line segments, distance from the heading, word
#: recurrence, word clusters) and changes none, and CRFsuite gives no weight to an attribute
#: a model never saw, so a 2026.12.1 model tags exactly as it did.
FEATURE_VERSIONS_READ = frozenset({"2026.12.1", FEATURE_VERSION})
#: The labels the tagger produces (BIO-encoded in training).
LABELS: tuple[str, ...] = (
    "name",
    "email",
    "location",
    "designation",
    "companies",
    "years_of_experience",
    "college",
    "degree",
    "graduation_year",
    "skills_tools",
    "soft_skills",
)
#: Tokens tagged per call at most (a 2-page CV is ~400): longer texts are tagged in windows.
WINDOW_TOKENS = 4000
#: Characters of a CV the tagger reads at most (a 2-page CV is ~5,000; the longest dotin CV
#: 63,000): what a pasted book would add past this is left to the rules, so memory and time
#: stay bounded.
TAG_MAX_CHARS = 100_000

_TOKEN = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|[^\W_]+(?:[.'’&+#-][^\W_]+)*[+#]*"  # words, "C++", "Node.js", "B.Tech", "2019-2021"
    r"|\S"
)
_YEAR = re.compile(r"(?:19[5-9]\d|20[0-4]\d)")
_MONTHS = frozenset(
    [
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
    ]
)
_OPEN = frozenset(["present", "current", "now", "date", "today", "ongoing", "till"])


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    label: str  # one of LABELS
    start: int  # offsets into the text
    end: int


def tokenise(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text)]


def _shape(word: str) -> str:
    out = re.sub(r"[A-Z]+", "A", word)
    out = re.sub(r"[a-z]+", "a", out)
    out = re.sub(r"\d+", "9", out)
    return out[:6]


class _Gazetteer:
    """Longest match of lower-cased token sequences, in time linear in the tokens."""

    def __init__(self, names: Iterable[str], max_tokens: int = 6) -> None:
        self.by_first: dict[str, set[tuple[str, ...]]] = {}
        self.longest = 1
        for name in names:
            toks = tuple(t.text.lower() for t in tokenise(name))
            if not toks or len(toks) > max_tokens:
                continue
            self.by_first.setdefault(toks[0], set()).add(toks)
            self.longest = max(self.longest, len(toks))

    def tags(self, words: Sequence[str]) -> list[str]:
        """ "B" / "I" / "" for each word (lower-cased)."""
        out = [""] * len(words)
        i = 0
        while i < len(words):
            options = self.by_first.get(words[i])
            size = 0
            if options:
                for n in range(min(self.longest, len(words) - i), 0, -1):
                    if tuple(words[i : i + n]) in options:
                        size = n
                        break
            if size:
                out[i] = "B"
                for k in range(i + 1, i + size):
                    out[k] = "I"
                i += size
            else:
                i += 1
        return out


@cache
def _gazetteers() -> dict[str, _Gazetteer]:
    rules = cv_rules()
    skill_names = [n for s in taxonomy() for n in (s.name_en, *s.aliases) if n.isascii()]
    institutions = [n for i in rules.institutions for n in (i.name, *i.aliases)]
    places = list(rules.city_by_alias) + list(rules.province_by_alias)
    headings = list(rules.headings)
    return {
        "skill": _Gazetteer(skill_names),
        "inst": _Gazetteer(institutions),
        "place": _Gazetteer(places),
        "head": _Gazetteer(headings, max_tokens=4),
    }


@cache
def _word_clusters() -> dict[str, int]:
    if not WORD_CLUSTERS.exists():
        return {}
    clusters: dict[str, int] = json.loads(WORD_CLUSTERS.read_text(encoding="utf-8"))
    return clusters


def _bucket(n: int, edges: Sequence[int]) -> int:
    """The index of the first edge ``n`` is at most (len(edges) when above them all)."""
    return next((k for k, e in enumerate(edges) if n <= e), len(edges))


_SEPARATORS = frozenset(",;|/•·●▪–")


def _segment_features(
    tokens: Sequence[Token], lowers: Sequence[str], gaps: Sequence[str], skill: Sequence[str]
) -> list[list[str]]:
    """Features of the line segment (up to a line break or a wide gap) each token is in: its
    length, how list-like it is (separators), whether it holds a year or a month, how many
    taxonomy skills it names, its first word, and the token's place from the segment's end.
    A skills line ("Python, Docker, AWS") and a job header ("Engineer, Acme, 2019-2021")
    differ here where a word window of ±2 cannot tell them apart."""
    n = len(tokens)
    out: list[list[str]] = [[] for _ in range(n)]
    start = 0
    while start < n:
        end = start + 1
        while end < n and gaps[end] not in ("nl", "sp2"):
            end += 1
        seg = range(start, end)
        seps = sum(1 for i in seg if tokens[i].text in _SEPARATORS)
        years = any(_YEAR.search(tokens[i].text) for i in seg)
        months = any(lowers[i].rstrip(".") in _MONTHS for i in seg)
        skills = sum(1 for i in seg if skill[i] == "B")
        common = [
            f"seglen={_bucket(end - start, (1, 3, 6, 12, 30))}",
            f"segsep={_bucket(seps, (0, 1, 3))}",
            f"segskill={_bucket(skills, (0, 1, 3))}",
            f"segfirst={lowers[start]}",
        ]
        if years:
            common.append("segyear")
        if months:
            common.append("segmonth")
        for i in seg:
            out[i] = [*common, f"segend={_bucket(end - 1 - i, (0, 1, 3))}"]
        start = end
    return out


def _gap(text: str, start: int, end: int) -> str:
    gap = text[start:end]
    if "\n" in gap:
        return "nl"
    if len(gap) >= 2:
        return "sp2"
    return "sp" if gap else "no"


def _word_features(tok: Token, lower: str) -> list[str]:
    w = tok.text
    feats = [f"w={lower}", f"sh={_shape(w)}", f"s3={lower[-3:]}", f"p3={lower[:3]}"]
    if w[:1].isupper():
        feats.append("title" if not w.isupper() else "upper")
    if w.isdigit():
        feats.append(f"dig{min(len(w), 5)}")
    if _YEAR.fullmatch(w):
        feats.append("year")
    elif re.fullmatch(r"(?:19|20)\d\d[-–](?:(?:19|20)?\d\d)", w):
        feats.append("yearrange")
    if lower.rstrip(".") in _MONTHS:
        feats.append("month")
    if lower in _OPEN:
        feats.append("open")
    if "@" in w:
        feats.append("at")
    if len(w) == 1 and not w.isalnum():
        feats.append(f"punct={w}")
    return feats


def tagger_sequence(text: str) -> tuple[list[Token], list[list[str]]]:
    """The text's tokens and each token's features (strings CRFsuite reads as 1.0)."""
    tokens = tokenise(text)
    n = len(tokens)
    lowers = [t.text.lower() for t in tokens]
    gaz = _gazetteers()
    skill, inst, place, head = (gaz[k].tags(lowers) for k in ("skill", "inst", "place", "head"))
    rules = cv_rules()
    gaps = [_gap(text, tokens[i - 1].end if i else 0, t.start) for i, t in enumerate(tokens)]
    # section: the kind of the last heading, a heading being a gazetteer hit that starts
    # after a line break or a wide gap and is written in capitals
    section = ["none"] * n
    current = "none"
    i = 0
    while i < n:
        if head[i] == "B" and (i == 0 or gaps[i] in ("nl", "sp2")) and tokens[i].text[:1].isupper():
            k = i + 1
            while k < n and head[k] == "I":
                k += 1
            phrase = " ".join(lowers[i:k])
            kind = rules.headings.get(phrase)
            if kind and (k == n or gaps[k] in ("nl", "sp2") or tokens[k].text in ":-"):
                current = kind
                for j in range(i, k):
                    section[j] = "H" + kind
                i = k
                continue
        section[i] = current
        i += 1
    # tokens since the last heading (a skill list follows its heading closely)
    since = [0] * n
    for i in range(1, n):
        since[i] = 0 if section[i].startswith("H") else since[i - 1] + 1
    segment = _segment_features(tokens, lowers, gaps, skill)
    clusters = _word_clusters()
    freq: dict[str, int] = {}
    for w in lowers:
        freq[w] = freq.get(w, 0) + 1
    # position in its line (segments end at a line break or a wide gap)
    in_line = [0] * n
    for i in range(1, n):
        in_line[i] = 0 if gaps[i] in ("nl", "sp2") else in_line[i - 1] + 1
    base: list[list[str]] = []
    length = max(1, len(text))
    for i, tok in enumerate(tokens):
        feats = _word_features(tok, lowers[i])
        word = lowers[i].strip(".")
        if word in rules.title_words:
            feats.append("titleword")
        if word in rules.company_words:
            feats.append("companyword")
        if word in rules.institution_words:
            feats.append("instword")
        if skill[i]:
            feats.append("skill" + skill[i])
        if inst[i]:
            feats.append("inst" + inst[i])
        if place[i]:
            feats.append("place" + place[i])
        cluster = clusters.get(lowers[i])
        if cluster is not None:
            feats.append(f"cl={cluster}")
        base.append(feats)
    out: list[list[str]] = []
    for i, tok in enumerate(tokens):
        pos = tok.start / length
        feats = [
            "bias",
            f"gap={gaps[i]}",
            f"gapnext={gaps[i + 1] if i + 1 < n else 'end'}",
            f"sec={section[i]}",
            f"inline={min(in_line[i], 4)}",
            f"pos={min(int(pos * 10), 9)}",
            f"tok={'0' if i < 5 else '1' if i < 20 else '2' if i < 60 else '3'}",
            f"since={_bucket(since[i], (0, 2, 8, 30, 100))}",
            f"freq={_bucket(freq[lowers[i]], (1, 2, 4))}",
            *segment[i],
        ]
        feats += base[i]
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                prefix = f"{off:+d}:"
                keep = [
                    f
                    for f in base[j]
                    if not f.startswith(("s3=", "p3=", "dig", "punct=")) or off in (-1, 1)
                ]
                feats += [prefix + f for f in keep]
            else:
                feats.append(f"{off:+d}:edge")
        if i:
            feats.append(f"bi={lowers[i - 1]}|{lowers[i]}")
        if i + 1 < n:
            feats.append(f"bi+={lowers[i]}|{lowers[i + 1]}")
        out.append(feats)
    return tokens, out


def token_labels(
    tokens: Sequence[Token], spans: Mapping[str, Iterable[tuple[int, int]]]
) -> list[str]:
    """BIO labels for ``tokens`` from gold ``spans`` by label (a token overlapping a span is in
    it; the first label to claim a token keeps it)."""
    out = ["O"] * len(tokens)
    starts = [t.start for t in tokens]
    import bisect

    for label in LABELS:
        for s, e in sorted(spans.get(label, ())):
            i = bisect.bisect_right(starts, s) - 1
            if i < 0 or tokens[i].end <= s:
                i += 1
            first = True
            while i < len(tokens) and tokens[i].start < e:
                if out[i] == "O":
                    out[i] = ("B-" if first else "I-") + label
                first = False
                i += 1
    return out


def spans_from_labels(tokens: Sequence[Token], labels: Sequence[str]) -> list[TaggedSpan]:
    """BIO labels back to spans; an "I-" after another label starts a span."""
    out: list[TaggedSpan] = []
    cur: str | None = None
    start = end = 0
    for tok, lab in zip(tokens, labels, strict=True):
        kind = lab[2:] if lab != "O" else None
        if kind is not None and lab.startswith("I-") and kind == cur:
            end = tok.end
            continue
        if cur is not None:
            out.append(TaggedSpan(cur, start, end))
        cur, start, end = kind, tok.start, tok.end
    if cur is not None:
        out.append(TaggedSpan(cur, start, end))
    return out


class CvTagger:
    """A CRFsuite model file, opened on first use; ``tag`` is safe across threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._tagger: Any = None
        self._lock = threading.Lock()

    def tag(self, text: str) -> list[TaggedSpan]:
        """Entity spans in the first ``TAG_MAX_CHARS`` of ``text``, in order (offsets into
        ``text``)."""
        tokens, features = tagger_sequence(text[:TAG_MAX_CHARS])
        labels: list[str] = []
        with self._lock:
            tagger = self._open()
            for i in range(0, len(tokens), WINDOW_TOKENS):
                labels += tagger.tag(features[i : i + WINDOW_TOKENS])
        return spans_from_labels(tokens, labels)

    def _open(self) -> Any:  # a pycrfsuite.Tagger, imported on first use
        if self._tagger is None:
            import pycrfsuite  # type: ignore[import-untyped]

            tagger = pycrfsuite.Tagger()
            tagger.open(str(self.path))
            self._tagger = tagger
        return self._tagger


@cache
def default_tagger() -> CvTagger:
    """The shipped model (``engine/data/cv_tagger.crfsuite``), one per process."""
    return CvTagger(MODEL_PATH)


def cv_tag(text: str, *, model: CvTagger | None = None) -> list[TaggedSpan]:
    """Entity spans the trained tagger finds in ``text`` (the shipped model by default)."""
    return (model or default_tagger()).tag(text)
