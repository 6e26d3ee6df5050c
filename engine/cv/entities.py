"""The trained tagger and the rules together: entity mentions, and the profile gaps they fill.

Label by label (``docs/benchmarks.md``, 5-fold cross-validation on the dotin CVs): the
tagger is stronger on every label; the rules add what they find with certainty where the
tagger found nothing of that label (the e-mail, the name in the header). A name the tagger
found near the top is marked wherever the CV repeats it.

The profile keeps the rules' structured values (they carry dates, levels, ids) and takes
the tagger's where the rules found none: the name, a job's title and employer, an education
entry's institution and year, the headline.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence

from engine.cv.layout import Line, evidence
from engine.cv.model import Education, Employment, Entity, Evidence, ParsedCv, TextValue
from engine.cv.tagger import TaggedSpan

#: Labels whose surfaces the tagger found (a name of 2+ words in the first fifth of the CV)
#: are marked at every repeat in the CV.
PROPAGATED = frozenset({"name"})
#: Where the rules' own finding is added when the tagger found nothing of the label.
RULES_FILL = ("name", "email")


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(taken, (start, -1))
    return (i < len(taken) and taken[i][0] < end) or (i > 0 and taken[i - 1][1] > start)


def entities_combine(
    text: str, lines: list[Line], tagged: Sequence[TaggedSpan], parsed: ParsedCv
) -> tuple[Entity, ...]:
    """Entity mentions in text order: the tagger's spans, repeats of its names, and the rules'
    name and e-mail where the tagger found none."""
    spans = [s for s in tagged if text[s.start : s.end].strip()]
    taken = sorted((s.start, s.end) for s in spans)
    out = [(s.label, s.start, s.end, "tagger") for s in spans]
    head = len(text) // 5 + 1  # a person's name: two words or more, in the first fifth
    for surface in {
        text[s.start : s.end] for s in spans if s.label in PROPAGATED and s.start < head
    }:
        if len(surface.split()) < 2:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if not _overlaps(taken, *m.span()):
                bisect.insort(taken, m.span())
                out.append(("name", m.start(), m.end(), "tagger"))
    labels = {s.label for s in spans}
    rules = {"name": parsed.name, "email": parsed.email}
    for label in RULES_FILL:
        value = rules[label]
        if label not in labels and value is not None:
            ev = value.evidence
            if not _overlaps(taken, ev.start, ev.end):
                bisect.insort(taken, (ev.start, ev.end))
                out.append((label, ev.start, ev.end, "rules"))
    out.sort(key=lambda t: (t[1], t[2]))
    return tuple(
        Entity(label, " ".join(text[s:e].split()), source, evidence(lines, s, e))
        for label, s, e, source in out
    )


def _inside(entities: Sequence[Entity], label: str, ev: Evidence) -> Entity | None:
    return next(
        (
            x
            for x in entities
            if x.label == label and ev.start <= x.evidence.start and x.evidence.end <= ev.end
        ),
        None,
    )


def profile_gaps_fill(parsed: ParsedCv) -> ParsedCv:
    """``parsed`` with what the rules left empty taken from its entities: the name (the first
    tagged name in the first fifth of the CV), each job's title and employer (tagged inside
    the job's entry), each education entry's institution and year, and the headline (the
    first tagged designation before the first job) when the rules found none."""
    ents = parsed.entities
    if not ents:
        return parsed
    changes: dict[str, object] = {}
    if parsed.name is None:
        head = len(parsed.text) // 5 + 1
        name = next((x for x in ents if x.label == "name" and x.evidence.start < head), None)
        if name is not None:
            changes["name"] = TextValue(name.value, name.evidence)
    jobs: list[Employment] = []
    for job in parsed.employment:
        title, employer = job.title, job.employer
        if title is None and (found := _inside(ents, "designation", job.evidence)):
            title = found.value
        if employer is None and (found := _inside(ents, "companies", job.evidence)):
            employer = found.value
        jobs.append(dataclasses.replace(job, title=title, employer=employer))
    if jobs != list(parsed.employment):
        changes["employment"] = tuple(jobs)
    schools: list[Education] = []
    for edu in parsed.education:
        institution, year = edu.institution, edu.year
        if institution is None and (found := _inside(ents, "college", edu.evidence)):
            institution = found.value
        if year is None and (found := _inside(ents, "graduation_year", edu.evidence)):
            digits = re.search(r"(?:19|20)\d\d", found.value)
            year = int(digits.group(0)) if digits else None
        schools.append(dataclasses.replace(edu, institution=institution, year=year))
    if schools != list(parsed.education):
        changes["education"] = tuple(schools)
    if parsed.headline is None:
        first_job = min((j.evidence.start for j in parsed.employment), default=len(parsed.text))
        headline = next(
            (
                x
                for x in ents
                if x.label == "designation" and x.evidence.start < first_job and len(x.value) <= 80
            ),
            None,
        )
        if headline is not None:
            changes["headline"] = TextValue(headline.value, headline.evidence)
    return dataclasses.replace(parsed, **changes) if changes else parsed  # type: ignore[arg-type]
