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
6. Languages, language tests and fields of study ("英語", "JLPT", "IELTS", "computer
   science") are taxonomy entries but not skills: they are set aside with their kind
   (``SkillExtraction.set_aside``) for the language and degree fields.

Time is linear in the text: the years, strength and clause cues are found once per text and
each mention looks up only its neighbours (sorted offsets and ``bisect``). What one text may
contribute is bounded: the first ``max_chars`` characters are read (100,000 by default,
about 40 pages) and at most ``max_mentions_per_skill`` mentions of one skill are kept (20),
so a CV repeating a keyword a thousand times counts as one that says it twenty times;
``SkillExtraction.truncated`` says when either bound cut something.

The cue words live in ``engine/data/skills_extraction_rules.json``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
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
_YEARS_JOIN = re.compile(r"\s*(?:of|in|with|using|experience)")
_CLAUSE_MARK = re.compile("[,、;]")
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
    #: "skill", or what a taxonomy entry that is not a skill is: "language" (languages and
    #: language tests) or "field_of_study".
    kind: str = "skill"


@dataclass(frozen=True, slots=True)
class SkillExtraction:
    """The skills found in one text, in text order, and the taxonomy version used.

    ``set_aside`` holds the mentions of languages, language tests and fields of study (their
    ``kind`` says which): they belong in the language and degree fields, not among skills.
    ``truncated`` is True when the text was longer than the extractor reads or a skill was
    mentioned more often than it keeps.
    """

    mentions: tuple[SkillMention, ...]
    taxonomy_version: str
    set_aside: tuple[SkillMention, ...] = ()
    truncated: bool = False

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
    max_chars: int | None = 100_000
    max_mentions_per_skill: int = 20
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
        self._kind_of: dict[str, str] = {
            sid: kind
            for kind, ids in r["not_skills"].items()
            if not kind.startswith("_")
            for sid in ids
        }
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
    def _context_ok(self, cand: _Candidate, text: str, toks: list[Token], ctx: _TextIndex) -> bool:
        """Whether an ambiguous name is used as a skill here (see the module docstring)."""
        sid = cand.entry.skill_id
        sent = ctx.sentence(cand.start)
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
        # another, unambiguous skill within 80 characters in the same sentence
        lo_i = bisect_left(ctx.plain_starts, max(sent[0], cand.start - 80))
        hi_i = bisect_right(ctx.plain_starts, min(sent[1] - 1, cand.start + 80))
        return any(ctx.plain_ids[k] != sid for k in range(lo_i, hi_i))

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
        head = text[max(sent[0], cand.start - 8) : cand.start]
        return bool(
            self._neg_ja_after.match(text, cand.end, sent[1]) or self._neg_ja_before.search(head)
        )

    def _years(
        self, cand: _Candidate, text: str, sent: tuple[int, int], ctx: _TextIndex
    ) -> float | None:
        """Minimum years tied to a mention: the nearest years expression in its sentence
        (one just before it, joined by "of", "in", "with"... counts as 10 characters nearer)."""
        best: tuple[int, float] | None = None
        i = bisect_left(ctx.years_starts, cand.start)
        for m_start, m_end, val in ctx.years[max(0, i - 3) : i + 2]:
            if m_start < sent[0] or m_end > sent[1]:
                continue
            if m_end <= cand.start:
                dist = cand.start - m_end
                if _YEARS_JOIN.match(text, m_end, cand.start):
                    dist -= 10
            elif m_start >= cand.end:
                dist = m_start - cand.end
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
            val = float(kanji_number(a))
        if groups.get("half"):
            val += 0.5
        return val if 0 < val <= 50 else None

    def _strength(
        self, cand: _Candidate, sent: tuple[int, int], section: str | None, ctx: _TextIndex
    ) -> str | None:
        """Requirement strength: nearest cue in the mention's clause, then its sentence, then
        the section header above it."""
        k = bisect_left(ctx.clause_marks, cand.start)
        clause_start = max(sent[0], ctx.clause_marks[k - 1] + 1 if k > 0 else 0)
        k = bisect_left(ctx.clause_marks, cand.end)
        clause_end = min(sent[1], ctx.clause_marks[k] if k < len(ctx.clause_marks) else sent[1])
        i = bisect_left(ctx.strength_starts, cand.end)
        near = ctx.strengths[max(0, i - 3) : i + 3]
        for lo, hi in ((clause_start, clause_end), sent):
            best: tuple[int, str] | None = None
            for m_start, m_end, label in near:
                if not lo <= m_start < hi:
                    continue
                dist = m_start - cand.end if m_start >= cand.end else cand.start - m_end
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
    def _index(self, norm: str, chosen: list[_Candidate]) -> _TextIndex:
        """Everything a mention looks up, computed once per text (sorted by offset)."""
        years: list[tuple[int, int, float]] = []
        for rx in (_YEARS_EN, _YEARS_JA):
            for m in rx.finditer(norm):
                val = self._years_value(m)
                if val is not None:
                    years.append((m.start(), m.end(), val))
        years.sort()
        strengths = sorted(
            [(m.start(), m.end(), "must") for m in self._must.finditer(norm)]
            + [(m.start(), m.end(), "preferred") for m in self._pref.finditer(norm)]
        )
        sents = sentence_spans(norm)
        plain = [c for c in chosen if not c.entry.ambiguous]
        sections = self._section_strengths(norm)
        return _TextIndex(
            sents=sents,
            sent_starts=[a for a, _b in sents],
            sections=sections,
            section_starts=[a for a, _s in sections],
            years=years,
            years_starts=[y[0] for y in years],
            strengths=strengths,
            strength_starts=[x[0] for x in strengths],
            clause_marks=[m.start() for m in _CLAUSE_MARK.finditer(norm)],
            plain_starts=[c.start for c in plain],
            plain_ids=[c.entry.skill_id for c in plain],
            length=len(norm),
        )

    def extract(self, text: str, *, lang: str | None = None) -> SkillExtraction:
        """Skills mentioned in ``text`` (see ``skills_extract``)."""
        truncated = self.max_chars is not None and len(text) > self.max_chars
        read = text[: self.max_chars] if truncated else text
        norm, offsets = normalise(read)
        tokens = tokenise(norm)
        cands, toks = self._english_candidates(tokens)
        use_ja = lang == "ja" or (lang is None and has_japanese(norm))
        if use_ja and self.ja_trie_:
            cands += self._japanese_candidates(norm)
        chosen = _leftmost_longest(cands)
        if not chosen:
            return SkillExtraction((), self.version_, (), truncated)
        ctx = self._index(norm, chosen)
        mentions: list[SkillMention] = []
        set_aside: list[SkillMention] = []
        per_skill: dict[str, int] = {}
        for cand in chosen:
            sid = cand.entry.skill_id
            if per_skill.get(sid, 0) >= self.max_mentions_per_skill:
                truncated = True
                continue
            sent = ctx.sentence(cand.start)
            if cand.entry.ambiguous and not self._context_ok(cand, norm, toks, ctx):
                continue
            per_skill[sid] = per_skill.get(sid, 0) + 1
            k = bisect_right(ctx.section_starts, cand.start) - 1
            section = ctx.sections[k][1] if k >= 0 else None
            start, end = offsets[cand.start], offsets[cand.end]
            kind = self._kind_of.get(sid, "skill")
            mention = SkillMention(
                skill_id=sid,
                surface=text[start:end],
                start=start,
                end=end,
                confidence=_confidence(cand.entry),
                years=self._years(cand, norm, sent, ctx),
                strength=self._strength(cand, sent, section, ctx),
                negated=self._negated(cand, norm, toks, sent),
                lang="ja" if has_japanese(cand.entry.alias) or use_ja else "en",
                kind=kind,
            )
            (mentions if kind == "skill" else set_aside).append(mention)
        return SkillExtraction(tuple(mentions), self.version_, tuple(set_aside), truncated)


@dataclass(frozen=True, slots=True)
class _TextIndex:
    """Per-text lookups for ``SkillExtractor.extract``, each list sorted by offset."""

    sents: list[tuple[int, int]]
    sent_starts: list[int]
    sections: list[tuple[int, str | None]]
    section_starts: list[int]
    years: list[tuple[int, int, float]]  # (start, end, years)
    years_starts: list[int]
    strengths: list[tuple[int, int, str]]  # (start, end, "must" | "preferred")
    strength_starts: list[int]
    clause_marks: list[int]  # offsets of , 、 ;
    plain_starts: list[int]  # unambiguous candidates
    plain_ids: list[str]
    length: int

    def sentence(self, pos: int) -> tuple[int, int]:
        """The sentence holding offset ``pos`` (the whole text if none does)."""
        k = bisect_right(self.sent_starts, pos) - 1
        if k >= 0 and self.sents[k][0] <= pos < self.sents[k][1]:
            return self.sents[k]
        return (0, self.length)


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


def kanji_number(s: str) -> int:
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
