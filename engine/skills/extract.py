"""Find taxonomy skills in free English or Japanese text (CV sections, job descriptions).

Pipeline, per text:

1. NFKC-normalise (full-width "Ｐｙｔｈｏｎ" -> "Python"), keeping a map to input offsets.
2. English and other Latin-script names: tokens matched against a token trie of every
   alias (longest match wins), so "C++", "C#", ".NET", "Node.js" and "CI/CD" match whole.
3. Japanese names: a character trie over the text, kept only where the match starts and
   ends on a Sudachi morpheme boundary.
4. Names that are also ordinary words (taxonomy ``ambiguous``: "Go", "R", "Swift",
   "Excel") count only when written with their capitals and supported by context: a
   curated cue word nearby or another skill in the same sentence, and no disqualifying
   neighbour ("go to", "excel in", "spring semester").
5. Each mention gets negation ("no experience with X", "X経験なし"), years ("3+ years",
   "3年以上", "三年以上") and requirement strength (required / nice to have; 必須 / 歓迎 /
   尚可), from its sentence, then from the section header above it.

The cue words live in ``engine/data/skills_extraction_rules.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from engine.skills.japanese import sudachi_boundaries
from engine.skills.text import (
    Token,
    alias_tokens,
    has_japanese,
    normalise,
    sentence_spans,
    tokenise,
)
from engine.taxonomy import Taxonomy, taxonomy

RULES = Path(__file__).resolve().parents[1] / "data" / "skills_extraction_rules.json"

_KANJI_DIGITS = {
    "〇": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_YEARS_EN = re.compile(
    r"(?:(?P<least>at least|minimum(?: of)?|min\.?|over|more than|>=?)\s*)?"
    r"(?P<a>\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
    r"\s*(?P<plus>\+|plus)?\s*(?:(?:-|–|to)\s*(?P<b>\d+(?:\.\d+)?)\s*\+?\s*)?"
    r"(?:years?|yrs?|yoe)\b",
    re.IGNORECASE,
)
_YEARS_JA = re.compile(
    r"(?P<a>\d+(?:\.\d+)?|[〇一二三四五六七八九十]+)\s*(?:年|ヶ年|か年)(?P<half>半)?"
    r"(?:(?:～|〜|-)\s*\d+\s*年)?(?:以上|超|程度)?|(?P<half_year>半年)(?:以上)?"
    r"|(?P<m>\d+)\s*(?:ヶ月|か月|カ月|ケ月)(?:以上)?"
)
_HEADER = re.compile(r"^\s*(?:[【\[■●◆◇□▼#*]|.{0,30}[:：]\s*$)")


@dataclass(frozen=True, slots=True)
class SkillMention:
    """One skill found in a text.

    ``start``/``end`` are character offsets into the text given to ``skills_extract``
    (``text[start:end] == surface``). ``confidence`` is in [0, 1]. ``years`` is the minimum
    years of experience the text ties to this mention (``None`` if it says none).
    ``strength`` is "must", "preferred" or ``None``. ``negated`` is True for "no experience
    with X" and "X経験なし".
    """

    skill_id: str
    surface: str
    start: int
    end: int
    confidence: float
    years: float | None = None
    strength: str | None = None
    negated: bool = False
    lang: str = "en"


@dataclass(frozen=True, slots=True)
class SkillExtraction:
    """The mentions found in one text, in text order, and the taxonomy version used."""

    mentions: tuple[SkillMention, ...]
    taxonomy_version: str

    def skill_ids(self, *, include_negated: bool = False) -> list[str]:
        """Distinct skill ids in order of first mention (negated ones left out by default)."""
        seen: dict[str, None] = {}
        for m in self.mentions:
            if include_negated or not m.negated:
                seen.setdefault(m.skill_id, None)
        return list(seen)


@dataclass(frozen=True, slots=True)
class _Entry:
    skill_id: str
    alias: str  # as written in the taxonomy
    case_sensitive: bool
    ambiguous: bool
    primary: bool  # the English or Japanese preferred name


@dataclass(slots=True)
class _Candidate:
    start: int  # offsets in the normalised text
    end: int
    entry: _Entry
    tok_lo: int = -1  # token index range for English matches
    tok_hi: int = -1


def _is_case_sensitive(alias: str, ambiguous: bool) -> bool:
    """Ambiguous names, and short all-capital acronyms ("AI", "QA", "SAS"), match only as written."""
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return ambiguous or (alias.isascii() and letters.isupper() and len(letters) <= 3)


@cache
def extraction_rules() -> dict[str, Any]:
    """The shipped cue-word rules, read once per process."""
    rules: dict[str, Any] = json.loads(RULES.read_text(encoding="utf-8"))
    return rules


@dataclass
class SkillExtractor:
    """Alias matcher over a taxonomy. ``fit()`` builds the indexes and returns ``self``.

    >>> ex = SkillExtractor().fit()
    >>> [m.skill_id for m in ex.extract("5+ years of Python and C++").mentions]
    ['python', 'cpp']
    """

    tax: Taxonomy | None = None
    rules: dict[str, Any] | None = None
    trie_: dict[str, Any] = field(default_factory=dict, repr=False)
    ja_trie_: dict[str, Any] = field(default_factory=dict, repr=False)
    version_: str = ""

    def fit(self) -> SkillExtractor:
        """Index every name and alias of the taxonomy (English tokens; Japanese characters)."""
        tax = self.tax or taxonomy()
        self.rules_ = self.rules or extraction_rules()
        self.version_ = tax.version
        trie: dict[str, Any] = {}
        ja_trie: dict[str, Any] = {}
        for skill in tax:
            amb = set(skill.ambiguous)
            for name in skill.names:
                entry = _Entry(
                    skill_id=skill.id,
                    alias=name,
                    case_sensitive=_is_case_sensitive(name, name in amb),
                    ambiguous=name in amb,
                    primary=name in (skill.name_en, skill.name_ja),
                )
                if has_japanese(name):
                    node = ja_trie
                    for ch in _fold(name):
                        node = node.setdefault(ch, {})
                    node.setdefault("", []).append(entry)
                else:
                    key = alias_tokens(name)
                    if not key:
                        continue
                    node = trie
                    for tok in key:
                        node = node.setdefault(tok, {})
                    node.setdefault("", []).append(entry)
        _sort_entries(trie)
        _sort_entries(ja_trie)
        self.trie_, self.ja_trie_ = trie, ja_trie
        r = self.rules_
        self._tech_cues = frozenset(r["tech_cues"])
        self._ja_cues: tuple[str, ...] = tuple(r["tech_cues_ja"])
        self._neg_before = frozenset(r["negation_before"])
        self._neg_after = [tuple(p.split()) for p in r["negation_after"]]
        self._breaks = frozenset(r["clause_breaks"])
        self._neg_ja_after = re.compile(r["negation_ja_after"])
        self._neg_ja_before = re.compile(r["negation_ja_before"])
        self._must = re.compile(r["strength_must_en"] + "|" + r["strength_must_ja"], re.IGNORECASE)
        self._pref = re.compile(
            r["strength_preferred_en"] + "|" + r["strength_preferred_ja"], re.IGNORECASE
        )
        self._numbers: dict[str, int] = r["number_words_en"]
        return self

    # ------------------------------------------------------------------ matching
    def _english_candidates(self, tokens: list[Token]) -> tuple[list[_Candidate], list[Token]]:
        """Trie matches over word tokens (hyphens dropped), and the token list they index."""
        out: list[_Candidate] = []
        toks = [t for t in tokens if t.low != "-"]
        n = len(toks)
        for i in range(n):
            node = self.trie_.get(toks[i].low)
            j = i
            best: _Candidate | None = None
            while node is not None:
                for entry in node.get("", ()):
                    if entry.case_sensitive and not _same_case(toks, i, j, entry.alias):
                        continue
                    best = _Candidate(toks[i].start, toks[j].end, entry, i, j)
                    break
                j += 1
                if j >= n:
                    break
                node = node.get(toks[j].low)
            if best is not None:
                out.append(best)
        return out, toks

    def _japanese_candidates(self, text: str) -> list[_Candidate]:
        bounds = sudachi_boundaries(text)
        folded = _fold(text)
        out: list[_Candidate] = []
        for i in range(len(folded)):
            if i not in bounds:
                continue
            node = self.ja_trie_.get(folded[i])
            j = i
            best: _Candidate | None = None
            while node is not None:
                j += 1
                if "" in node and j in bounds and not _ascii_glued(text, i, j):
                    best = _Candidate(i, j, node[""][0])
                if j >= len(folded):
                    break
                node = node.get(folded[j])
            if best is not None:
                out.append(best)
        return out

    # ------------------------------------------------------------------ context
    def _context_ok(
        self,
        cand: _Candidate,
        text: str,
        toks: list[Token],
        others: list[_Candidate],
        sent: tuple[int, int],
    ) -> bool:
        """Whether an ambiguous name is used as a skill here (see the module docstring)."""
        sid = cand.entry.skill_id
        rule = self.rules_["skill_rules"].get(sid, {})
        cues = self._tech_cues | set(rule.get("cues", ()))
        if cand.tok_lo >= 0:
            lo, hi = cand.tok_lo, cand.tok_hi
            prev = toks[lo - 1].low if lo > 0 else ""
            nxt = toks[hi + 1].low if hi + 1 < len(toks) else ""
            if prev in rule.get("not_preceded_by", ()) or nxt in rule.get("not_followed_by", ()):
                return False
            window = [t for t in toks[max(0, lo - 6) : hi + 7] if sent[0] <= t.start < sent[1]]
            if any(t.low in cues for t in window):
                return True
        ja_window = text[max(sent[0], cand.start - 20) : min(sent[1], cand.end + 20)]
        if any(cue in ja_window for cue in self._ja_cues):
            return True
        return any(
            not o.entry.ambiguous
            and o.entry.skill_id != sid
            and sent[0] <= o.start < sent[1]
            and abs(o.start - cand.start) <= 80
            for o in others
        )

    def _negated(
        self, cand: _Candidate, text: str, toks: list[Token], sent: tuple[int, int]
    ) -> bool:
        if cand.tok_lo >= 0:
            k = cand.tok_lo - 1
            steps = 0
            while k >= 0 and steps < 8 and toks[k].start >= sent[0]:
                low = toks[k].low
                if low in self._breaks:
                    break
                if low in self._neg_before:
                    return True
                k -= 1
                steps += 1
            after = [t.low for t in toks[cand.tok_hi + 1 : cand.tok_hi + 7] if t.start < sent[1]]
            for pat in self._neg_after:
                for s in range(len(after) - len(pat) + 1):
                    if tuple(after[s : s + len(pat)]) == pat:
                        return True
        tail = text[cand.end : sent[1]]
        head = text[max(sent[0], cand.start - 8) : cand.start]
        return bool(self._neg_ja_after.match(tail) or self._neg_ja_before.search(head))

    def _years(self, cand: _Candidate, text: str, sent: tuple[int, int]) -> float | None:
        """Minimum years tied to a mention: the nearest years expression in its sentence."""
        s0, s1 = sent
        best: tuple[int, float] | None = None
        for rx in (_YEARS_EN, _YEARS_JA):
            for m in rx.finditer(text, s0, s1):
                val = self._years_value(m)
                if val is None:
                    continue
                if m.end() <= cand.start:
                    dist = cand.start - m.end()
                    if re.match(r"\s*(?:of|in|with|using|experience)", text[m.end() : cand.start]):
                        dist -= 10
                elif m.start() >= cand.end:
                    dist = m.start() - cand.end
                else:
                    continue
                if best is None or dist < best[0]:
                    best = (dist, val)
        return best[1] if best else None

    def _years_value(self, m: re.Match[str]) -> float | None:
        groups = m.groupdict()
        if groups.get("half_year"):
            return 0.5
        if groups.get("m"):
            return round(int(groups["m"]) / 12, 2)
        a = groups.get("a")
        if not a:
            return None
        if a[0].isdigit():
            val = float(a)
        elif a.lower() in self._numbers:
            val = float(self._numbers[a.lower()])
        else:
            val = float(_kanji_number(a))
        if groups.get("half"):
            val += 0.5
        return val if 0 < val <= 50 else None

    def _strength(
        self, cand: _Candidate, text: str, sent: tuple[int, int], section: str | None
    ) -> str | None:
        """Requirement strength: nearest cue in the mention's clause, then its sentence, then
        the section header above it."""
        clause_start = max(sent[0], max(text.rfind(c, sent[0], cand.start) for c in ",、;") + 1)
        ends = [i for i in (text.find(c, cand.end, sent[1]) for c in ",、;") if i >= 0]
        clause = (clause_start, min(ends) if ends else sent[1])
        for lo, hi in (clause, sent):
            best: tuple[int, str] | None = None
            for rx, label in ((self._must, "must"), (self._pref, "preferred")):
                for m in rx.finditer(text, lo, hi):
                    dist = m.start() - cand.end if m.start() >= cand.end else cand.start - m.end()
                    if best is None or abs(dist) < best[0]:
                        best = (abs(dist), label)
            if best:
                return best[1]
        return section

    def _section_strengths(self, text: str) -> list[tuple[int, str | None]]:
        """(line start, strength) for each line, carried down from the last header line."""
        out: list[tuple[int, str | None]] = []
        current: str | None = None
        pos = 0
        for line in text.split("\n"):
            stripped = line.strip()
            if stripped and _HEADER.match(stripped) and len(stripped) <= 40:
                must, pref = self._must.search(stripped), self._pref.search(stripped)
                if pref and not must:
                    current = "preferred"
                elif must and not pref:
                    current = "must"
                else:
                    current = None
            out.append((pos, current))
            pos += len(line) + 1
        return out

    # ------------------------------------------------------------------ public
    def extract(self, text: str, *, lang: str | None = None) -> SkillExtraction:
        """Skills mentioned in ``text`` (see ``skills_extract``)."""
        norm, offsets = normalise(text)
        tokens = tokenise(norm)
        cands, toks = self._english_candidates(tokens)
        use_ja = lang == "ja" or (lang is None and has_japanese(norm))
        if use_ja and self.ja_trie_:
            cands += self._japanese_candidates(norm)
        chosen = _leftmost_longest(cands)
        sents = sentence_spans(norm)
        sections = self._section_strengths(norm)
        mentions: list[SkillMention] = []
        for cand in chosen:
            sent = next(((a, b) for a, b in sents if a <= cand.start < b), (0, len(norm)))
            if cand.entry.ambiguous and not self._context_ok(cand, norm, toks, chosen, sent):
                continue
            section = None
            for line_start, strength in sections:
                if line_start > cand.start:
                    break
                section = strength
            start, end = offsets[cand.start], offsets[cand.end]
            mentions.append(
                SkillMention(
                    skill_id=cand.entry.skill_id,
                    surface=text[start:end],
                    start=start,
                    end=end,
                    confidence=_confidence(cand.entry),
                    years=self._years(cand, norm, sent),
                    strength=self._strength(cand, norm, sent, section),
                    negated=self._negated(cand, norm, toks, sent),
                    lang="ja" if has_japanese(cand.entry.alias) or use_ja else "en",
                )
            )
        return SkillExtraction(tuple(mentions), self.version_)


def _sort_entries(node: dict[str, Any]) -> None:
    """Where several skills share a name, prefer the one whose preferred name it is."""
    for key, child in node.items():
        if key == "":
            child.sort(key=lambda e: (not e.primary, e.ambiguous, e.skill_id))
        else:
            _sort_entries(child)


def _confidence(entry: _Entry) -> float:
    if entry.ambiguous:
        return 0.7
    return 0.95 if entry.primary else 0.9


def _fold(text: str) -> str:
    """Case-fold for the Japanese trie (ASCII letters inside Japanese names: "Go言語")."""
    return text.lower()


def _ascii_glued(text: str, i: int, j: int) -> bool:
    """Whether a match starting/ending in ASCII letters runs on into more ASCII letters."""
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    return (text[i].isascii() and text[i].isalnum() and before.isascii() and before.isalnum()) or (
        text[j - 1].isascii() and text[j - 1].isalnum() and after.isascii() and after.isalnum()
    )


def _same_case(toks: list[Token], i: int, j: int, alias: str) -> bool:
    written = "".join(t.text for t in toks[i : j + 1])
    return written == re.sub(r"[\s-]", "", alias)


def _kanji_number(s: str) -> int:
    """'三' -> 3, '十二' -> 12, '二十' -> 20, '一〇' -> 10."""
    if "十" in s:
        left, _, right = s.partition("十")
        return (_KANJI_DIGITS.get(left, 1) if left else 1) * 10 + (
            _KANJI_DIGITS.get(right, 0) if right else 0
        )
    val = 0
    for ch in s:
        val = val * 10 + _KANJI_DIGITS[ch]
    return val


def _leftmost_longest(cands: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, preferring the earliest start, then the longest match."""
    cands.sort(key=lambda c: (c.start, -(c.end - c.start)))
    out: list[_Candidate] = []
    last_end = -1
    for c in cands:
        if c.start >= last_end:
            out.append(c)
            last_end = c.end
    return out


@cache
def default_extractor() -> SkillExtractor:
    """The extractor over the shipped taxonomy, built once per process."""
    return SkillExtractor().fit()


def skills_extract(text: str, *, lang: str | None = None) -> SkillExtraction:
    """Skills mentioned in English or Japanese ``text``, with evidence spans.

    ``lang`` is "en", "ja" or None (detect: Japanese analysis runs when the text has kana
    or kanji). Returns a ``SkillExtraction``: the mentions in text order (each with skill id,
    surface, character span into ``text``, confidence, years, strength, negated) and the
    taxonomy version used.
    """
    return default_extractor().extract(text, lang=lang)
