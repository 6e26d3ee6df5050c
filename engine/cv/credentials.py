"""Certifications (JLPT, JFT-Basic, ITEE, AWS, Azure, GCP, ...) and spoken languages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from engine.cv.dates import MONTHS
from engine.cv.layout import Line, evidence
from engine.cv.model import Certification, Language
from engine.cv.rules import cv_rules
from engine.levels import jlpt_rank

_YEAR = re.compile(r"(?<!\d)(19[6-9]\d|20[0-4]\d)(?!\d)")
_MONTH_NAME = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
#: "December 2024", "Dec. 2024", "12/2024", "2024-12" (a month and its year)
_MONTH_YEAR = re.compile(
    rf"\b(?P<mname>{_MONTH_NAME})\.?,?\s+(?P<y1>19[6-9]\d|20[0-4]\d)(?!\d)"
    r"|(?<![\d/.-])(?P<m2>0?[1-9]|1[0-2])\s*[/.]\s*(?P<y2>19[6-9]\d|20[0-4]\d)(?!\d)"
    r"|(?<![\d/.-])(?P<y3>19[6-9]\d|20[0-4]\d)-(?P<m3>0[1-9]|1[0-2])(?![\d-])",
    re.IGNORECASE,
)
#: A certifications-section line longer than this is prose, not a certificate's name.
CERT_LINE_MAX = 120
_CERT_CLEAN = re.compile(r"^[\s•·▪◦●○■□◆◇►▶➢✓✔*–—>-]+|[\s,;:–—(-]+$")


def _line_date(line: str) -> tuple[int | None, date | None]:
    """The year and, when a month is written with it, the month of a certificate's line (the
    last one on the line: "passed Dec 2024" after an exam code)."""
    months = list(_MONTH_YEAR.finditer(line))
    if months:
        m = months[-1]
        if m.group("mname"):
            year, month = int(m.group("y1")), MONTHS[m.group("mname")[:3].lower()]
        elif m.group("m2"):
            year, month = int(m.group("y2")), int(m.group("m2"))
        else:
            year, month = int(m.group("y3")), int(m.group("m3"))
        return year, date(year, month, 1)
    years = _YEAR.findall(line)
    return (int(years[-1]) if years else None), None


def _line_name(line: str) -> str:
    """A certificate line's name: what comes before its date, without bullets."""
    found = _MONTH_YEAR.search(line) or _YEAR.search(line)
    if found:
        line = line[: found.start()]
    return _CERT_CLEAN.sub("", re.sub(r"\s+", " ", line))


def certifications_find(
    text: str, lines: list[Line], section_lines: Sequence[Line] = ()
) -> tuple[Certification, ...]:
    """Every certification pattern in the whole text, and every other line of a
    certifications section (``section_lines``) as a certificate of kind "other". The date is
    the one on the same line: a month and year ("December 2024") or a year."""
    out: list[Certification] = []
    taken: list[tuple[int, int]] = []
    section_ids = {ln.number for ln in section_lines}
    for rule in cv_rules().certifications:
        for pattern in rule.patterns:
            for m in pattern.finditer(text):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                groups = m.groupdict()
                level = groups.get("level")
                score_raw = groups.get("score")
                score = int(score_raw) if score_raw else None
                if rule.kind == "jft_basic" and score is not None and not 10 <= score <= 250:
                    score = None
                line_no = evidence(lines, s, e).line
                line = lines[line_no - 1]
                year, month = _line_date(line.text)
                name = re.sub(r"\s+", " ", m.group(0)).strip(" -–,:(")
                if line.number in section_ids:  # a line of its own: its whole name
                    whole = _line_name(line.text)
                    if name in whole:
                        name = whole
                taken.append((s, e))
                out.append(
                    Certification(
                        kind=rule.kind,
                        name=name,
                        issuer=rule.issuer,
                        level=level.upper().replace(" ", "") if level else None,
                        score=score,
                        year=year,
                        evidence=evidence(lines, s, e),
                        obtained_on=month,
                        precision="month" if month else None,
                    )
                )
    for line in section_lines:  # "Oracle Cloud Infrastructure Foundations, 2023"
        if not line.stripped or len(line.stripped) > CERT_LINE_MAX:
            continue
        if any(line.start <= ts < line.end or line.start < te <= line.end for ts, te in taken):
            continue
        year, month = _line_date(line.text)
        name = _line_name(line.text)
        if len(name) < 3 or not re.search(r"[A-Za-z]{2}", name):
            continue
        start = line.start + line.text.find(name[:10])
        out.append(
            Certification(
                kind="other",
                name=name,
                issuer="",
                level=None,
                score=None,
                year=year,
                evidence=evidence(lines, start, start + len(name)),
                obtained_on=month,
                precision="month" if month else None,
            )
        )
    out.sort(key=lambda c: c.evidence.start)
    return _dedupe(out)


def _dedupe(certs: list[Certification]) -> tuple[Certification, ...]:
    """One entry per certificate: "JLPT N3" in the summary and "JLPT N3 (2024)" under
    Certifications are the same; keep the mention that has a year (else the first)."""
    by_line: dict[tuple[str, int], Certification] = {}
    for c in certs:  # "Azure Administrator Associate (AZ-104)": one certificate
        key_line = (c.kind, c.evidence.line)
        kept_line = by_line.get(key_line)
        if kept_line is None:
            by_line[key_line] = c
        else:
            longer = c if len(c.name) > len(kept_line.name) else kept_line
            by_line[key_line] = Certification(
                kind=c.kind,
                name=longer.name,
                issuer=c.issuer,
                level=kept_line.level or c.level,
                score=kept_line.score or c.score,
                year=kept_line.year or c.year,
                evidence=longer.evidence,
                obtained_on=kept_line.obtained_on or c.obtained_on,
                precision=kept_line.precision or c.precision,
            )
    best: dict[tuple[str, str], Certification] = {}
    for c in by_line.values():
        key = (c.kind, (c.level or re.sub(r"\W+", " ", c.name.lower())).strip())
        kept = best.get(key)
        if (
            kept is None
            or (kept.year is None and c.year is not None)
            or (kept.obtained_on is None and c.obtained_on is not None)
        ):
            best[key] = c
    return tuple(sorted(best.values(), key=lambda c: c.evidence.start))


def language_code(name: str) -> str:
    """The ISO 639 code of a language named in English ("Urdu" -> "ur"); a name the rules do
    not list gives its first three letters, lower-cased."""
    key = name.strip().lower()
    return cv_rules().language_by_name.get(key, key[:3])


_CLAUSE_END = re.compile(r"[|;•·▪\t]")


def _claim(line_text: str, end: int) -> str:
    """What follows a language name on its line and belongs to it: up to a separator
    ("|", ";", a bullet) and, when it opens with a bracket, to the bracket's end."""
    after = line_text[end : end + 60]
    cut = _CLAUSE_END.search(after)
    if cut:
        after = after[: cut.start()]
    lead = re.match(r"\s*[:\-–—]?\s*\(", after)
    if lead:
        close = after.find(")", lead.end())
        if close != -1:
            after = after[: close + 1]
    return after


def english_test_level(test: str, score: float) -> str | None:
    """The English level word (engine.levels.ENGLISH_LEVELS) a test score shows, by the
    test's bands in ``cv_rules.json``: ("IELTS", 7.5) -> "fluent". ``test``: "IELTS",
    "TOEFL iBT" or "TOEIC" (case-insensitive); None for an unknown test or a score the
    test cannot give (IELTS 12)."""
    for rule in cv_rules().language_tests:
        if rule.language == "en" and rule.name.lower() == test.strip().lower():
            return rule.level(score)
    return None


def english_test_range(test: str) -> float | None:
    """The highest score ``test`` can give (IELTS 9, TOEFL iBT 120, TOEIC 990); None when
    the test is not known."""
    for rule in cv_rules().language_tests:
        if rule.language == "en" and rule.name.lower() == test.strip().lower():
            return rule.max_score
    return None


def _test_score(code: str, text: str) -> tuple[str, str, str, re.Match[str]] | None:
    """(test name, score as written, level word, match) of the first test of language
    ``code`` in ``text`` whose score the test can give ("IELTS 7.5" -> fluent)."""
    for test in cv_rules().language_tests:
        if test.language != code:
            continue
        for m in test.pattern.finditer(text):
            level = test.level(float(m.group("score")))
            if level:
                return test.name, m.group("score"), level, m
    return None


def languages_find(
    text: str,
    lines: list[Line],
    section_lines: list[Line],
    certifications: tuple[Certification, ...],
) -> tuple[Language, ...]:
    """Languages listed in a languages section, or written anywhere with a level
    ("Japanese (JLPT N3)", "English – fluent", "English (IELTS 7.5)"). A test score gives the
    level by the test's CEFR bands and wins over a level word; the test and its score are
    kept. Japanese with no level takes the highest JLPT certificate's level (engine.levels)."""
    rules = cv_rules()
    found: dict[str, Language] = {}
    section_ids = {ln.number for ln in section_lines}
    for line in lines:
        for m in rules.language_pattern.finditer(line.text):
            code = rules.language_by_name[m.group(0).lower()]
            if code in found:
                continue
            after = _claim(line.text, m.end())
            # the level belongs to this language: stop at the next language name
            nxt = rules.language_pattern.search(after)
            if nxt:
                after = after[: nxt.start()]
            lvl = rules.level_pattern.search(after)
            jlpt = re.search(r"\bN[1-5]\b", after)
            test = _test_score(code, after)
            level: str | None = None
            ends = [0]
            if code == "ja" and jlpt:
                level = jlpt.group(0)
                ends.append(jlpt.end())
            elif test:
                level = test[2]
                ends.append(test[3].end())
                if lvl:
                    ends.append(lvl.end())
            elif lvl:
                level = rules.level_by_word[lvl.group(0).lower()]
                ends.append(lvl.end())
            if line.number not in section_ids and level is None:
                continue  # "English literature", "Japanese anime": not a language claim
            start = line.start + m.start()
            end = line.start + m.end() + max(ends)
            found[code] = Language(
                code,
                m.group(0).title(),
                level,
                evidence(lines, start, end),
                test=test[0] if test else None,
                score=test[1] if test else None,
            )
    if "en" not in found or found["en"].level is None:  # "IELTS Academic 7.0 (2023)" alone
        test = _test_score("en", text)
        if test:
            start, end = test[3].span()
            found["en"] = Language(
                "en", "English", test[2], evidence(lines, start, end), test=test[0], score=test[1]
            )
    jlpt_levels = [c for c in certifications if c.kind == "jlpt" and c.level]
    if jlpt_levels:
        best = max(jlpt_levels, key=lambda c: jlpt_rank(c.level))  # N1 is the highest
        current = found.get("ja")
        if current is None:
            found["ja"] = Language("ja", "Japanese", best.level, best.evidence)
        elif current.level is None or not current.level.startswith("N"):
            found["ja"] = Language("ja", current.name, best.level, current.evidence)
    return tuple(sorted(found.values(), key=lambda lang: lang.evidence.start))
