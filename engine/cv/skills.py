"""The taxonomy skills a CV names, with the years it states and the years in jobs."""

from __future__ import annotations

from datetime import date

from engine.cv.dates import DateRange, merged_months
from engine.cv.layout import Line, evidence
from engine.cv.model import Employment, Skill
from engine.skills import skills_extract


def skills_find(
    text: str, lines: list[Line], employment: tuple[Employment, ...], *, today: date
) -> tuple[Skill, ...]:
    """Taxonomy skills (engine.skills), negated mentions left out, one entry per skill with
    its first mention as evidence. ``years`` is the most the CV states next to it;
    ``years_in_jobs`` the merged length of the jobs whose entries mention it."""
    extraction = skills_extract(text)
    by_id: dict[str, list[tuple[int, int, float, float | None, str]]] = {}
    for m in extraction.mentions:
        if m.negated:
            continue
        by_id.setdefault(m.skill_id, []).append((m.start, m.end, m.confidence, m.years, m.surface))
    out: list[Skill] = []
    for skill_id, mentions in by_id.items():
        start, end, _conf, _years, surface = mentions[0]
        years_stated = [y for *_, y, _s in mentions if y is not None]
        periods = []
        for job in employment:
            if job.start is None:
                continue
            if any(job.evidence.start <= s < job.evidence.end for s, *_ in mentions):
                dr = DateRange(job.start, job.end, job.precision, (0, 0), "")
                periods.append((job.start, dr.end_exclusive(today=today)))
        in_jobs = round(merged_months(periods) / 12, 1) if periods else None
        out.append(
            Skill(
                skill_id=skill_id,
                surface=surface,
                years=max(years_stated) if years_stated else None,
                years_in_jobs=in_jobs,
                confidence=max(c for _s, _e, c, *_ in mentions),
                mentions=len(mentions),
                evidence=evidence(lines, start, end),
            )
        )
    return tuple(out)
