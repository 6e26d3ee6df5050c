"""Structured requirements from a job posting's free text, Japanese or English.

``job_requirements_extract(text)`` reads what an employer's description asks for and returns
a ``JobRequirements`` for the job form to pre-fill and the employer to confirm:

- **Skills** (``engine.skills.skills_extract``), each required or nice to have, with the
  minimum years the text ties to it ("Python 3年以上", "2+ years of Go"). Required / nice to
  have comes from the mention's own clause ("（必須）", "あれば尚可", "a plus"), then from the
  section it sits in (【必須】, 応募資格, 【歓迎】, 尚可, "Requirements", "Nice to have").
  When a posting has requirement sections, skills named only in the duties or the tech stack
  (【業務内容】, 開発環境) are not requirements: they are listed in ``mentioned``.
- **Specificity.** A generic skill (a concept, no O*NET product code, with at least
  ``generic_min_descendants`` skills below it in the taxonomy: クラウドコンピューティング,
  基本設計, Web開発) is dropped when a more specific skill below it is also asked for
  (``dropped``), and is only nice to have unless the text gives it years. At most
  ``max_required_skills`` (10) skills are required; the rest, least specific first, become
  nice to have.
- **Languages** never become skills: JLPT levels (日本語能力試験N2以上, JLPT N3) and level words
  (ビジネスレベル ~ N2, 日常会話 ~ N3) give ``jlpt_min``; TOEIC / IELTS / TOEFL scores and
  level words near 英語/English give ``english_level``. Required ones make ``jlpt_is_hard``.
- **Total experience** ("実務経験3年以上" with no skill on the line), **degree** (大卒以上 ->
  bachelor, 修士 -> master; 情報系 -> "Computer Science"), **salary** (年収600万円〜800万円 ->
  6,000,000-8,000,000 yen a year; 月給 x 12, base pay only: an assumption the employer
  corrects), **location** (a prefecture, ISO 3166-2:JP from ``engine/data/geo.json``, or a
  major city) and **work style** (フルリモート -> remote, 一部リモート / 週2出社 -> hybrid).
- **Free text**: what English requirement lines ask for that has no taxonomy entry, as the
  trained span tagger (``engine.skills.spans``) finds it, kept as written (``free_text``).

The words and the level assumptions are data: ``engine/data/job_requirements_rules.json``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from engine.geo import geo
from engine.levels import ENGLISH_LEVELS as _EN_ORDER
from engine.levels import language_tests
from engine.skills.extract import SkillMention, kanji_number, skills_extract
from engine.skills.spans import skill_spans_find
from engine.skills.text import has_japanese, normalise
from engine.taxonomy import taxonomy

RULES = Path(__file__).resolve().parents[1] / "data" / "job_requirements_rules.json"

_HEADER_ONLY = re.compile(r"^\s*(?:[【\[■●◆◇□▼#*<＜].{0,38}|.{1,38}[:：])\s*$")
_INLINE_LABEL = re.compile(
    r"^\s*(?:[【\[＜<](?P<a>[^】\]＞>]{1,20})[】\]＞>]|(?P<b>[^:：、。]{1,16})[:：])"
)
_BULLET = re.compile(r"^\s*(?:[・•●○◦▪■□◆◇\-*－‐]|\d+[.)．）])\s*")
_CLAUSE = re.compile(r"[^、,。;；/／・\n]+")
_YEARS = re.compile(
    r"(?P<a>\d+(?:\.\d+)?|[一二三四五六七八九十]+)\s*(?:\+|plus)?\s*(?:年|years?|yrs?)\s*(?:以上|超)?",
    re.IGNORECASE,
)
#: Between two skills of a list: a separator, or a word that makes them alternatives.
_LIST_GAP = re.compile(r"\s*(?:[、,，・/／]|\band\b|&)?\s*(?:\band\b)?\s*", re.IGNORECASE)
_OR_GAP = re.compile(
    r"\s*[、,，]?\s*(?:または|もしくは|あるいは|ないし|又は|若しくは|\bor\b)\s*", re.IGNORECASE
)
#: Right after a list ("Python、Goいずれか", "…のどちらかの経験") or right before it
#: ("either Java or Kotlin", "one of AWS, GCP, Azure"): its skills are alternatives.
_OR_AFTER = re.compile(r"\s*[、,，]?\s*(?:の)?\s*(?:いずれか|どちらか|どれか|のいずれか)")
_OR_BEFORE = re.compile(r"(?:\beither|\bone of|\bany of)(?:\s+the following)?\s*:?\s*$", re.I)
_YEARS_BEFORE = re.compile(r"\s*(?:の|にわたる)")  # "3年以上のPython、Goの開発経験"
_EXPERIENCE = re.compile(r"経験|experience", re.IGNORECASE)
_OWN_VERB = re.compile(r"知識|理解|できる|書ける|作成|設定|構築|運用|管理")
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
_UNIT = r"(百万|万|million|mn|M(?![A-Za-z])|k(?![A-Za-z]))?"
_AMOUNT_RANGE = re.compile(
    r"(?:[¥￥]|JPY|円)?\s*" + _NUMBER + r"\s*" + _UNIT + r"\s*(?:円|yen|JPY)?"
    r"(?:\s*(?:〜|～|~|-|–|—|to)\s*(?:[¥￥]|JPY)?\s*" + _NUMBER + r"\s*" + _UNIT + r")?"
    r"\s*(?:円|yen|JPY)?\s*(?P<open>以上|〜|～|~|\+|から)?",
    re.IGNORECASE,
)
_RESIDENCE = re.compile(r"\s*(?:在住|居住|お住まい|出身)")  # where people live, not the office
_MONEY_MARK = re.compile(r"円|¥|￥|JPY|\byen\b", re.IGNORECASE)
_UNIT_YEN = {"": 1, "万": 10_000, "百万": 1_000_000, "million": 1_000_000, "mn": 1_000_000}


@dataclass(frozen=True, slots=True)
class RequirementSkill:
    """One skill a posting asks for. ``min_years`` is None when the text gives none;
    ``start``/``end`` index the posting text (``text[start:end] == surface``)."""

    skill_id: str
    required: bool
    min_years: float | None
    surface: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class JobRequirements:
    """What a posting asks for, in the job's own fields (see the module docstring).

    Levels are those of ``engine.levels`` ("N2"; "business"; "bachelor"); ``prefecture`` is
    an ISO 3166-2:JP code ("JP-13"); ``work_style`` is "onsite", "hybrid" or "remote";
    salaries are yen a year (``salary_monthly`` says they were monthly pay times 12).
    ``None`` means the text does not say.
    """

    skills: tuple[RequirementSkill, ...]
    mentioned: tuple[str, ...]
    dropped: tuple[str, ...]
    jlpt_min: str | None
    jlpt_is_hard: bool
    english_level: str | None
    min_experience_years: float | None
    degree_level: str | None
    degree_field: str
    degree_is_hard: bool
    salary_min_jpy: int | None
    salary_max_jpy: int | None
    salary_monthly: bool
    prefecture: str | None
    work_style: str | None
    taxonomy_version: str
    #: What English requirement lines ask for that the taxonomy has no entry for, as the
    #: trained span tagger found it ("manage a team of engineers"): kept visible, as written.
    free_text: tuple[str, ...] = ()
    #: Skills the posting asks for as alternatives, any one of which is enough ("AzureまたはAWS",
    #: "Python、Goいずれか3年以上", "AWS or GCP"). The job's skills have no one-of group, so
    #: each such skill is nice to have (with its years), never required: requiring all of
    #: them would reject a candidate who has the one the employer asked for.
    one_of: tuple[tuple[str, ...], ...] = ()

    def required_skills(self) -> list[RequirementSkill]:
        return [s for s in self.skills if s.required]

    def nice_skills(self) -> list[RequirementSkill]:
        return [s for s in self.skills if not s.required]


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str
    kind: str | None  # "must", "preferred", "duties", "conditions", "other" or None


@cache
def requirement_rules() -> dict[str, Any]:
    """The shipped requirement words and assumptions, read once per process."""
    rules: dict[str, Any] = json.loads(RULES.read_text(encoding="utf-8"))
    return rules


@cache
def _compiled() -> dict[str, Any]:
    r = requirement_rules()

    def rx(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.IGNORECASE)

    def table(d: dict[str, str]) -> list[tuple[str, re.Pattern[str]]]:
        return [(k, rx(v)) for k, v in d.items() if not k.startswith("_")]

    prefs: dict[str, str] = {}
    for p in geo().prefectures:
        prefs[p.name_ja] = p.code
        prefs[p.name_en] = p.code
        short = re.sub(r"[都府県]$", "", p.name_ja)
        if short != p.name_ja:
            prefs.setdefault(short, p.code)  # 東京, 大阪: only in a location line
    cities = {k: v for k, v in r["cities"].items() if not k.startswith("_")}
    full = {k: v for k, v in prefs.items() if re.search(r"[都道府県]$", k) or k.isascii()}
    return {
        "sections": table(r["sections"]),
        "jlpt": rx(r["jlpt_pattern"]),
        "japanese": rx(r["japanese_words"]),
        "english": rx(r["english_words"]),
        "ja_levels": table(r["japanese_level_words"]),
        "en_levels": table(r["english_level_words"]),
        "not_required": rx(r["not_required_words"]),
        "degrees": table(r["degrees"]),
        "fields": table(r["degree_fields"]),
        "annual": rx(r["salary"]["annual_words"]),
        "monthly": rx(r["salary"]["monthly_words"]),
        "location_words": rx(r["location_words"]),
        "places_any": _alternation({**full, **cities}),
        "places_line": _alternation({**prefs, **cities}),
        "work_style": [
            (k.removesuffix("_last"), rx(v))
            for k, v in r["work_style"].items()
            if not k.startswith("_")
        ],
    }


def _alternation(names: dict[str, str]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex of all names, longest first (東京都 before 京都), and name -> code."""
    keys = sorted(names, key=len, reverse=True)
    parts = [rf"\b{re.escape(k)}\b" if k.isascii() else re.escape(k) for k in keys]
    return re.compile("|".join(parts)), names


@cache
def _descendant_counts() -> dict[str, int]:
    tax = taxonomy()
    counts: dict[str, int] = {}
    for skill in tax:
        for anc in tax.ancestors(skill.id):
            counts[anc] = counts.get(anc, 0) + 1
    return counts


def _is_generic(skill_id: str) -> bool:
    skill = taxonomy().get(skill_id)
    return not skill.onet_codes and _descendant_counts().get(skill_id, 0) >= int(
        requirement_rules()["generic_min_descendants"]
    )


def _section_kind(label: str) -> str:
    for kind, rx in _compiled()["sections"]:
        if rx.search(label):
            return str(kind)
    return "other"


def _lines(text: str) -> list[_Line]:
    """The posting's lines, each with the kind of section it is in (or labels itself as)."""
    out: list[_Line] = []
    current: str | None = None
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        kind = current
        bare = len(stripped) <= 16 and not _BULLET.match(stripped)
        if stripped and (
            _HEADER_ONLY.match(stripped) or (bare and _section_kind(stripped) != "other")
        ):
            current = kind = _section_kind(stripped)
        elif stripped:
            label = _INLINE_LABEL.match(stripped)
            if label:
                inline = _section_kind(label.group("a") or label.group("b"))
                if inline != "other":
                    kind = inline
        out.append(_Line(pos, pos + len(raw), raw, kind))
        pos += len(raw) + 1
    return out


def _line_at(lines: list[_Line], pos: int) -> _Line:
    return lines[max(0, bisect_right(lines, pos, key=lambda ln: ln.start) - 1)]


def _cue_strength(text: str) -> str | None:
    """must / preferred from words in a clause or line ("（必須）", "あれば尚可", "a plus")."""
    kinds = _compiled()["sections"]
    pref = any(k == "preferred" and rx.search(text) for k, rx in kinds)
    must = any(k == "must" and rx.search(text) for k, rx in kinds)
    if pref and not must:
        return "preferred"
    if must and not pref:
        return "must"
    return None


def _clause_of(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(c, 0, start) for c in "、,。;；") + 1
    his = [i for i in (text.find(c, end) for c in "、,。;；") if i >= 0]
    return text[lo : min(his) if his else len(text)]


def _strength_of(
    m: SkillMention, lines: list[_Line], *, structured: bool, has_bullets: bool
) -> str | None:
    """'must', 'preferred' or None (named, but not as a requirement)."""
    line = _line_at(lines, m.start)
    own = _cue_strength(_clause_of(line.text, m.start - line.start, m.end - line.start))
    if own:
        return own
    line_cue = _cue_strength(line.text)
    if line.kind in ("must", "preferred"):
        return line_cue or line.kind
    if line_cue:
        return line_cue
    if structured or line.kind in ("duties", "conditions"):
        return None
    if has_bullets and not _BULLET.match(line.text):
        return None  # the prose that describes the job, above its list of requirements
    return "must"


def _skills(
    lines: list[_Line], mentions: tuple[SkillMention, ...]
) -> tuple[list[RequirementSkill], list[str], list[str]]:
    structured = any(line.kind in ("must", "preferred") for line in lines)
    has_bullets = any(_BULLET.match(line.text) for line in lines)
    chosen: dict[str, RequirementSkill] = {}
    mentioned: list[str] = []
    alternative = {id(m) for group in _alternative_groups(lines, mentions) for m in group}
    for m in mentions:
        if m.negated:
            continue
        strength = _strength_of(m, lines, structured=structured, has_bullets=has_bullets)
        if strength is None:
            if m.skill_id not in mentioned:
                mentioned.append(m.skill_id)
            continue
        line = _line_at(lines, m.start)
        if _in_language_clause(m, line):
            continue  # "英語でのコミュニケーション能力": the English level says it
        required = strength == "must" and id(m) not in alternative
        prev = chosen.get(m.skill_id)
        years = _years_ja(m, line, mentions) if has_japanese(line.text) else m.years
        if prev is not None:
            if prev.required and not required:
                continue
            if prev.required == required:
                years = max((y for y in (prev.min_years, years) if y is not None), default=None)
        chosen[m.skill_id] = RequirementSkill(
            m.skill_id, required, years, m.surface, m.start, m.end
        )
    tax = taxonomy()
    ids = set(chosen)
    dropped = []
    for sid in list(chosen):
        spec = chosen[sid]
        if _descendant_counts().get(sid, 0) >= int(requirement_rules()["field_min_descendants"]):
            dropped.append(sid)  # a whole field ("システム開発"), not a skill to check
        elif not _is_generic(sid) or spec.min_years is not None:
            continue  # specific, or the posting gives it years of its own
        elif any(sid in tax.ancestors(o) for o in ids if o != sid):
            dropped.append(sid)  # a more specific skill below it says it better
        else:
            mentioned.append(sid)
        del chosen[sid]
    required_specs = [s for s in chosen.values() if s.required]
    limit = int(requirement_rules()["max_required_skills"])
    if len(required_specs) > limit:
        keep = sorted(
            required_specs,
            key=lambda s: (s.min_years is None, _descendant_counts().get(s.skill_id, 0), s.start),
        )[:limit]
        kept = {s.skill_id for s in keep}
        for s in required_specs:
            if s.skill_id not in kept:
                chosen[s.skill_id] = RequirementSkill(
                    s.skill_id, False, None, s.surface, s.start, s.end
                )
    mentioned = [sid for sid in mentioned if sid not in chosen and sid not in dropped]
    return sorted(chosen.values(), key=lambda s: s.start), mentioned, dropped


def _alternative_groups(
    lines: list[_Line], mentions: tuple[SkillMention, ...]
) -> list[list[SkillMention]]:
    """Lists of skills on one line that the posting offers as alternatives: adjacent mentions
    joined by または / もしくは / "or", or a list followed by いずれか / どちらか or led by
    "either" / "one of". A list joined only by 、 or "and" is not one ("Python、Go、SQL")."""
    by_line: dict[int, list[SkillMention]] = {}
    for m in mentions:
        if not m.negated:
            by_line.setdefault(_line_at(lines, m.start).start, []).append(m)
    out: list[list[SkillMention]] = []
    for start, ms in by_line.items():
        line = _line_at(lines, start)
        ms.sort(key=lambda m: m.start)
        chain: list[SkillMention] = [ms[0]]
        has_or = False
        for prev, m in pairwise(ms):
            gap = line.text[prev.end - line.start : m.start - line.start]
            if prev.end <= m.start and _OR_GAP.fullmatch(gap):
                has_or = True
                chain.append(m)
                continue
            if prev.end <= m.start and _LIST_GAP.fullmatch(gap):
                chain.append(m)
                continue
            _chain_close(line, chain, has_or, out)
            chain, has_or = [m], False
        _chain_close(line, chain, has_or, out)
    return out


def _chain_close(
    line: _Line, chain: list[SkillMention], has_or: bool, out: list[list[SkillMention]]
) -> None:
    if len({m.skill_id for m in chain}) < 2:
        return
    after = line.text[chain[-1].end - line.start :]
    before = line.text[: chain[0].start - line.start]
    if has_or or _OR_AFTER.match(after) or _OR_BEFORE.search(before):
        out.append(list(chain))


def _clauses(line: _Line) -> list[tuple[int, int]]:
    """(start, end) offsets in the posting of the line's clauses (split at 、,;。)."""
    out = []
    for m in re.finditer(r"[^、,;；。]+", line.text):
        out.append((line.start + m.start(), line.start + m.end()))
    return out


def _years_ja(
    m: SkillMention, line: _Line, mentions: tuple[SkillMention, ...] = ()
) -> float | None:
    """Years for a mention on a Japanese line: those of its own clause, else of the clause
    that ends the list it belongs to ("TypeScript、React（Next.js）での開発経験2年以上": both
    2), else those written before the list ("3年以上のPython、Goの開発経験": both 3); a clause
    that states its own experience ("…の利用経験") closes the list."""
    clauses = _clauses(line)
    k = next((i for i, (a, b) in enumerate(clauses) if a <= m.start < b), None)
    if k is None:
        return m.years
    for a, b in clauses[k:]:
        text = line.text[a - line.start : b - line.start]
        ym = _YEARS.search(text)
        if ym:
            return _years_number(ym.group("a"))
        if _EXPERIENCE.search(text) or (a > m.start and _OWN_VERB.search(text)):
            break
    # back through the list's earlier items (clauses naming a skill) to its first one
    starts = sorted(x.start for x in mentions if line.start <= x.start < line.end)
    for i in range(k, -1, -1):
        a, b = clauses[i]
        first = next((x for x in starts if a <= x < b), None)
        if first is None:
            break
        head = line.text[a - line.start : first - line.start]
        ym = next(reversed(list(_YEARS.finditer(head))), None)  # the last, nearest the list
        if ym is not None and _YEARS_BEFORE.match(head, ym.end()):
            return _years_number(ym.group("a"))
        if head.strip(" ・-*　"):
            break  # the item says more than the skill: the list starts here
    return None


def _years_number(written: str) -> float:
    return float(written) if written[0].isdigit() else float(kanji_number(written))


def _in_language_clause(m: SkillMention, line: _Line) -> bool:
    if taxonomy().get(m.skill_id).category != "professional":
        return False
    clause = _clause_of(line.text, m.start - line.start, m.end - line.start)
    c = _compiled()
    return bool(c["japanese"].search(clause) or c["english"].search(clause))


def _requirement_lines(lines: list[_Line]) -> list[_Line]:
    """The lines that state requirements: the must / preferred sections, or every line that
    is not duties or conditions when the posting has no such sections."""
    req = [ln for ln in lines if ln.kind in ("must", "preferred")]
    if req:
        return req
    return [ln for ln in lines if ln.kind not in ("duties", "conditions")]


def _line_strength(line: _Line, clause: str) -> str:
    cue = _cue_strength(clause) or _cue_strength(line.text)
    return cue or (line.kind if line.kind == "preferred" else "must")


def _languages(lines: list[_Line]) -> tuple[str | None, bool, str | None]:
    """(jlpt_min, jlpt_is_hard, english_level) from the requirement lines."""
    c = _compiled()
    jlpt: list[tuple[int, str]] = []  # (N number, strength)
    english: list[tuple[int, str]] = []  # (level rank, strength)
    en_order = _EN_ORDER
    for line in lines:
        if line.kind in ("duties", "conditions"):
            continue
        for cm in _CLAUSE.finditer(line.text):
            clause = cm.group()
            strength = _line_strength(line, clause)
            if c["not_required"].search(clause):
                continue
            is_ja = bool(c["japanese"].search(clause))
            is_en = bool(c["english"].search(clause))
            for m in c["jlpt"].finditer(clause):
                jlpt.append((int(m.group(1) or m.group(2)), strength))
                is_ja = False  # the test level says it; level words are about it
            if is_ja:
                for level, rx in c["ja_levels"]:
                    if rx.search(clause):
                        jlpt.append((int(level[1]), strength))
                        break
            if is_en:
                level_found = english_score_level(clause)
                if level_found is None:
                    for level, rx in c["en_levels"]:
                        if rx.search(clause):
                            level_found = level
                            break
                if level_found is not None:
                    english.append((en_order.index(level_found), strength))
    jlpt_min = jlpt_hard = None
    musts = [n for n, s in jlpt if s == "must"]
    if jlpt:
        jlpt_min = f"N{max(musts or [n for n, _s in jlpt])}"
        jlpt_hard = bool(musts)
    en_musts = [r for r, s in english if s == "must"]
    en_level = en_order[min(en_musts or [r for r, _s in english])] if english else None
    return jlpt_min, bool(jlpt_hard), en_level


def english_score_level(text: str) -> str | None:
    """The English level (engine.levels.ENGLISH_LEVELS) of the first English test score in
    ``text`` ("TOEIC 800点以上" -> "business"), by the bands of ``engine/data/cv_rules.json``
    (``language_tests``): one table for CVs and postings, so a candidate's IELTS 7.0 and a
    posting's "IELTS 7.0以上" read as the same level. Of several scores ("TOEIC 730点以上
    または IELTS 6.0以上") the lowest level, since any one of them is enough. None when the
    text has no score a test can give."""
    found: list[int] = []
    for test in language_tests():
        if test.language != "en":
            continue
        for m in test.pattern.finditer(text):
            level = test.level(float(m.group("score")))
            if level in _EN_ORDER:
                found.append(_EN_ORDER.index(level))
    return _EN_ORDER[min(found)] if found else None


def _experience_years(
    text: str,
    lines: list[_Line],
    skills: list[RequirementSkill],
    mentions: tuple[SkillMention, ...],
) -> float | None:
    """Total experience: a years expression on a requirement line naming no skill."""
    skill_lines = {_line_at(lines, m.start).start for m in mentions}
    best: float | None = None
    for line in _requirement_lines(lines):
        if line.start in skill_lines or not _EXPERIENCE.search(line.text):
            continue
        if _cue_strength(line.text) == "preferred" or line.kind == "preferred":
            continue
        for m in _YEARS.finditer(line.text):
            val = _years_number(m.group("a"))
            if 0 < val <= 30:
                best = max(best or 0.0, val)
    del text, skills
    return best


def _degree(lines: list[_Line]) -> tuple[str | None, str, bool]:
    c = _compiled()
    req = [ln for ln in lines if ln.kind not in ("duties", "conditions")]
    level: str | None = None
    hard = False
    for name, rx in c["degrees"]:
        hit = next((ln for ln in req if rx.search(ln.text)), None)
        if hit is not None:
            level = None if name == "none" else str(name)
            hard = level is not None and _line_strength(hit, hit.text) == "must"
            break
    field = ""
    for name, rx in c["fields"]:
        if any(rx.search(ln.text) for ln in req):
            field = str(name)
            break
    return level, field, hard


def _yen(number: str, unit: str | None) -> float:
    value = float(number.replace(",", ""))
    u = (unit or "").lower()
    return value * (_UNIT_YEN.get(u) or (1_000_000 if u == "m" else 1_000 if u == "k" else 1))


def _salary(lines: list[_Line]) -> tuple[int | None, int | None, bool]:
    """(min, max, monthly) in yen a year; annual figures preferred over monthly ones."""
    c = _compiled()
    s = requirement_rules()["salary"]
    found: list[tuple[bool, int | None, int | None]] = []
    for line in lines:
        t = line.text
        annual, monthly = c["annual"].search(t), c["monthly"].search(t)
        if not (annual or monthly) and not _MONEY_MARK.search(t):
            continue
        for m in _AMOUNT_RANGE.finditer(t):
            n1, u1, n2, u2 = m.group(1), m.group(2), m.group(3), m.group(4)
            if not (u1 or u2 or _MONEY_MARK.search(m.group())):
                continue
            before = t[: m.start()]
            is_monthly = bool(monthly) and (
                not annual or before.rfind(monthly.group()) > before.rfind(annual.group())
            )
            times = int(s["months_per_year"]) if is_monthly else 1
            lo = _yen(n1, u1 or u2) * times
            hi = _yen(n2, u2 or u1) * times if n2 else None
            if not s["min_yen"] <= lo <= s["max_yen"]:
                continue
            if hi is not None and not lo <= hi <= s["max_yen"]:
                hi = None
            found.append((is_monthly, round(lo), round(hi) if hi else None))
    if not found:
        return None, None, False
    found.sort(key=lambda f: f[0])  # annual first
    monthly_used, lo_yen, hi_yen = found[0]
    return lo_yen, hi_yen, monthly_used


def _prefecture(lines: list[_Line]) -> str | None:
    c = _compiled()
    rx_line, names_line = c["places_line"]
    for line in lines:
        if c["location_words"].search(line.text) or line.kind == "conditions":
            for m in rx_line.finditer(line.text):
                if not _RESIDENCE.match(line.text, m.end()):
                    return str(names_line[m.group()])
    rx_any, names_any = c["places_any"]
    for line in lines:
        for m in rx_any.finditer(line.text):
            if not _RESIDENCE.match(line.text, m.end()):
                return str(names_any[m.group()])
    return None


def _work_style(text: str) -> str | None:
    for style, rx in _compiled()["work_style"]:
        if rx.search(text):
            return str(style)
    return None


def _free_text(lines: list[_Line]) -> list[str]:
    """Unlinked SKILL / KNOWLEDGE spans of the English requirement lines (engine.skills.spans)."""
    out: list[str] = []
    for line in _requirement_lines(lines):
        if not line.text.strip() or has_japanese(line.text):
            continue
        for span in skill_spans_find(line.text):
            if span.skill_id is None and span.text not in out and len(span.text) > 2:
                out.append(span.text.strip(" .,;:-"))
    return [t for t in out if t]


def job_requirements_extract(text: str, *, lang: str | None = None) -> JobRequirements:
    """Structured requirements of one posting (``lang`` "ja", "en" or None to detect).

    Returns a ``JobRequirements``: skills (required / nice to have, minimum years), the skills
    only mentioned and the generic ones dropped, JLPT minimum and English level, total
    experience (years), degree level and field, salary range (yen a year), prefecture
    (ISO 3166-2:JP) and work style. Nothing is guessed where the text is silent (``None``).
    """
    norm, _offsets = normalise(text)
    extraction = skills_extract(text, lang=lang)
    # Line analysis runs on the NFKC text (全角 "：" -> ":"); NFKC keeps one character per
    # character for the Japanese and ASCII met here, so offsets stay those of ``text``.
    lines = _lines(norm if len(norm) == len(text) else text)
    skills, mentioned, dropped = _skills(lines, extraction.mentions)
    kept = {s.skill_id for s in skills}
    one_of = []
    for group in _alternative_groups(lines, extraction.mentions):
        ids = tuple(dict.fromkeys(m.skill_id for m in group if m.skill_id in kept))
        if len(ids) >= 2 and ids not in one_of:
            one_of.append(ids)
    jlpt_min, jlpt_hard, english = _languages(lines)
    degree, field, degree_hard = _degree(lines)
    salary_min, salary_max, monthly = _salary(lines)
    return JobRequirements(
        skills=tuple(skills),
        mentioned=tuple(mentioned),
        dropped=tuple(dropped),
        jlpt_min=jlpt_min,
        jlpt_is_hard=jlpt_hard,
        english_level=english,
        min_experience_years=_experience_years(text, lines, skills, extraction.mentions),
        degree_level=degree,
        degree_field=field,
        degree_is_hard=degree_hard,
        salary_min_jpy=salary_min,
        salary_max_jpy=salary_max,
        salary_monthly=monthly,
        prefecture=_prefecture(lines),
        work_style=_work_style(norm),
        taxonomy_version=extraction.taxonomy_version,
        free_text=tuple(_free_text(lines)),
        one_of=tuple(one_of),
    )
