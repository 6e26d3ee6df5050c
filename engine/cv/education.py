"""Education entries: degree level (engine.levels), field, institution, year, grade/CGPA."""

from __future__ import annotations

import re
from datetime import date

from engine.cv.layout import Line, evidence
from engine.cv.model import Education
from engine.cv.rules import cv_rules

_YEAR = re.compile(r"(?<!\d)(19[6-9]\d|20[0-4]\d)(?!\d)")
_CGPA = re.compile(
    r"(?:c?gpa|cgpa|grade point average)\s*(?:of|:|-|=)?\s*(?P<v>\d(?:\.\d{1,2})?)"
    r"(?:\s*(?:/|out of)\s*(?P<scale>\d(?:\.\d{1,2})?))?",
    re.IGNORECASE,
)
_CGPA_AFTER = re.compile(
    r"(?P<v>\d\.\d{1,2})\s*/\s*(?P<scale>[45](?:\.0{1,2})?)\s*(?:c?gpa)?", re.IGNORECASE
)
_GRADE = re.compile(
    r"(?:(?:percentage|marks|score|result)\s*[:\-]?\s*)?(?P<pct>\d{2}(?:\.\d{1,2})?\s*%)"
    r"|(?P<marks>\d{3,4}\s*/\s*\d{3,4})(?:\s*marks)?"
    r"|(?P<div>(?:1st|2nd|3rd|first|second|third)\s+division)"
    r"|grade\s*[:\-]?\s*(?P<grade>A\+|A-|A|B\+|B|C)(?![\w+])"
    r"|(?P<honours>distinction|with honou?rs|summa cum laude|magna cum laude|cum laude|gold medal(?:ist)?)",
    re.IGNORECASE,
)
_FIELD = re.compile(
    r"^\s*(?:\(|\bin\b|\bof\b|:|-|–|,)?\s*(?:science\s+in\s+|arts\s+in\s+|engineering\s+in\s+)?"
    r"(?P<field>[A-Z][A-Za-z&/ ]{2,60}?)"
    r"(?=\s*(?:\)|,|\||\bfrom\b|\bat\b|[-–—]\s|\(|\d|$|\n|\t|\s{2}))"
)


def _level_at(text: str) -> tuple[str, re.Match[str]] | None:
    """The first (leftmost, then highest) degree name in ``text``."""
    best: tuple[int, int, str, re.Match[str]] | None = None
    for rank, (level, pattern) in enumerate(cv_rules().degree_patterns):
        m = pattern.search(text)
        if m and (best is None or (m.start(), rank) < (best[0], best[1])):
            best = (m.start(), rank, level, m)
    return (best[2], best[3]) if best else None


def institution_find(text: str) -> tuple[str, str | None, int] | None:
    """``(as written, institution id or None, offset)``: a listed Pakistani institution
    (longest alias), else a segment naming a university, institute, college or school."""
    rules = cv_rules()
    hits = [
        m
        for p in (rules.institution_pattern_i, rules.institution_pattern_cs)
        for m in p.finditer(text)
    ]
    if hits:
        m = max(hits, key=lambda h: (len(h.group(0)), -h.start()))
        key = m.group(0) if m.group(0) in rules.institution_by_alias else m.group(0).lower()
        inst_id = rules.institution_by_alias.get(key)
        return m.group(0), inst_id, m.start()
    words = "|".join(sorted(rules.institution_words, key=len, reverse=True))
    named = re.search(rf"[^\n,|•\t()]*\b(?:{words})\b[^\n,|•\t()]*", text, re.IGNORECASE)
    if named:
        seg = named.group(0).strip(" -–:")
        if 3 <= len(seg) <= 100:
            return seg, None, named.start() + named.group(0).find(seg)
    return None


def education_parse(
    text: str, lines: list[Line], body: list[Line], *, today: date
) -> tuple[Education, ...]:
    """Entries in an education section: each begins at a line that names a degree; the lines
    up to the next degree line belong to it."""
    starts = [i for i, ln in enumerate(body) if _level_at(ln.text)]
    out: list[Education] = []
    for k, i in enumerate(starts):
        j = starts[k + 1] if k + 1 < len(starts) else min(len(body), i + 6)
        # a line above the degree that names the institution belongs to this entry
        first = i
        if (
            i > 0
            and (k == 0 or starts[k - 1] < i - 1)
            and institution_find(body[i - 1].text)
            and not _level_at(body[i - 1].text)
        ):
            first = i - 1
        block = [ln for ln in body[first:j] if ln.stripped]
        if not block:
            continue
        start, end = block[0].start, block[-1].end
        chunk = text[start:end]
        found = _level_at(body[i].text)
        assert found is not None
        level, m = found
        degree_line = body[i].text
        degree_start = m.start()
        field = _field_after(degree_line, m)
        abbrev = m.group(0).replace(".", "").strip()
        if field is None:
            field = cv_rules().degree_fields.get(abbrev)
        degree_end = len(degree_line)
        for stop in (" from ", " at ", " | ", "\t", "  ", " - ", " – ", ", "):
            at = degree_line.find(stop, m.end() + (len(field) if field else 0) - 1)
            if at != -1:
                degree_end = min(degree_end, at)
        degree = degree_line[degree_start:degree_end].strip(" ,-–(")
        inst = institution_find(chunk)
        years = [int(y) for y in _YEAR.findall(chunk) if int(y) <= today.year + 6]
        grade, cgpa, scale = _grade(chunk)
        out.append(
            Education(
                level=level,
                degree=degree,
                field=field,
                institution=inst[0] if inst else None,
                institution_id=inst[1] if inst else None,
                year=max(years) if years else None,
                grade=grade,
                cgpa=cgpa,
                cgpa_scale=scale,
                evidence=evidence(lines, start, end),
            )
        )
    return tuple(out)


def _field_after(line: str, m: re.Match[str]) -> str | None:
    rest = line[m.end() :]
    fm = _FIELD.match(rest)
    if not fm:
        return None
    field = fm.group("field").strip()
    words = field.split()
    if field.lower() in ("from", "at") or len(words) > 8:
        return None
    if cv_rules().institution_pattern_cs.fullmatch(field) or re.search(
        r"\b(?:university|institute|college|school)\b", field, re.I
    ):
        return None
    return field


def _grade(chunk: str) -> tuple[str | None, float | None, float | None]:
    m = _CGPA.search(chunk) or _CGPA_AFTER.search(chunk)
    if m:
        value = float(m.group("v"))
        scale = (
            float(m.group("scale"))
            if m.group("scale")
            else (4.0 if value <= 4 else 5.0 if value <= 5 else None)
        )
        if scale and value <= scale:
            return m.group(0).strip(), value, scale
    g = _GRADE.search(chunk)
    if g:
        return g.group(0).strip(), None, None
    return None, None, None
