"""Certifications (JLPT, JFT-Basic, ITEE, AWS, Azure, GCP, ...) and spoken languages."""

from __future__ import annotations

import re

from engine.cv.layout import Line, evidence
from engine.cv.model import Certification, Language
from engine.cv.rules import cv_rules

_YEAR = re.compile(r"(?<!\d)(19[6-9]\d|20[0-4]\d)(?!\d)")


def certifications_find(text: str, lines: list[Line]) -> tuple[Certification, ...]:
    """Every certification pattern in the whole text; the year is the one on the same line."""
    out: list[Certification] = []
    taken: list[tuple[int, int]] = []
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
                years = _YEAR.findall(line.text)
                name = re.sub(r"\s+", " ", m.group(0)).strip(" -–,:(")
                taken.append((s, e))
                out.append(
                    Certification(
                        kind=rule.kind,
                        name=name,
                        issuer=rule.issuer,
                        level=level.upper().replace(" ", "") if level else None,
                        score=score,
                        year=int(years[-1]) if years else None,
                        evidence=evidence(lines, s, e),
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
            )
    best: dict[tuple[str, str], Certification] = {}
    for c in by_line.values():
        key = (c.kind, (c.level or re.sub(r"\W+", " ", c.name.lower())).strip())
        kept = best.get(key)
        if kept is None or (kept.year is None and c.year is not None):
            best[key] = c
    return tuple(sorted(best.values(), key=lambda c: c.evidence.start))


def language_code(name: str) -> str:
    """The ISO 639 code of a language named in English ("Urdu" -> "ur"); a name the rules do
    not list gives its first three letters, lower-cased."""
    key = name.strip().lower()
    return cv_rules().language_by_name.get(key, key[:3])


def languages_find(
    text: str,
    lines: list[Line],
    section_lines: list[Line],
    certifications: tuple[Certification, ...],
) -> tuple[Language, ...]:
    """Languages listed in a languages section, or written anywhere with a level
    ("Japanese (JLPT N3)", "English – fluent"). Japanese with no level takes the best JLPT
    certificate's level."""
    rules = cv_rules()
    found: dict[str, Language] = {}
    section_ids = {ln.number for ln in section_lines}
    for line in lines:
        for m in rules.language_pattern.finditer(line.text):
            code = rules.language_by_name[m.group(0).lower()]
            if code in found:
                continue
            after = line.text[m.end() : m.end() + 40]
            # the level belongs to this language: stop at the next language name
            nxt = rules.language_pattern.search(after)
            if nxt:
                after = after[: nxt.start()]
            lvl = rules.level_pattern.search(after)
            jlpt = re.search(r"\bN[1-5]\b", after)
            level: str | None = None
            if code == "ja" and jlpt:
                level = jlpt.group(0)
            elif lvl:
                level = rules.level_by_word[lvl.group(0).lower()]
            if line.number not in section_ids and level is None:
                continue  # "English literature", "Japanese anime": not a language claim
            start = line.start + m.start()
            end = (
                line.start
                + m.end()
                + (
                    after.find(lvl.group(0)) + len(lvl.group(0))
                    if lvl and level and not (code == "ja" and jlpt)
                    else (after.find(jlpt.group(0)) + 2 if code == "ja" and jlpt else 0)
                )
            )
            found[code] = Language(code, m.group(0).title(), level, evidence(lines, start, end))
    jlpt_certs = sorted(
        (c for c in certifications if c.kind == "jlpt" and c.level), key=lambda c: c.level or ""
    )
    if jlpt_certs:
        best = jlpt_certs[0]  # "N1" sorts before "N5"
        current = found.get("ja")
        if current is None:
            found["ja"] = Language("ja", "Japanese", best.level, best.evidence)
        elif current.level is None or not current.level.startswith("N"):
            found["ja"] = Language("ja", current.name, best.level, current.evidence)
    return tuple(sorted(found.values(), key=lambda lang: lang.evidence.start))
