"""Employment entries from date ranges: employer, title, start, end, months; total merged."""

from __future__ import annotations

import re
from datetime import date

from engine.cv.dates import DateRange, date_ranges, merged_months
from engine.cv.layout import Line, evidence
from engine.cv.model import Employment
from engine.cv.rules import cv_rules

# "(Pvt) Ltd" stays in the company name; other brackets separate parts.
_SPLIT = re.compile(
    r"\s+(?:at|@)\s+|\s*[|,•·]\s*|\s+[-–—]\s+|\t+|\s{2,}"
    r"|\s*\((?!\s*(?:pvt|private|smc-?pvt)\.?\s*\))\s*|(?<!pvt)(?<!private)\s*\)\s*",
    re.I,
)
_WORD = re.compile(r"[A-Za-z][A-Za-z.+&'-]*")
_LABEL = re.compile(
    r"^\s*(?:company|employer|organi[sz]ation|designation|position|title|role|duration|period|dates?)\s*[:\-]\s*",
    re.I,
)


def is_title(part: str) -> bool:
    words = {w.lower().strip(".") for w in _WORD.findall(part)}
    return bool(words & cv_rules().title_words) and len(part.split()) <= 8


def _is_company(part: str) -> bool:
    words = {w.lower() for w in _WORD.findall(part)}
    return bool(words & cv_rules().company_words)


def _is_place(part: str) -> bool:
    rules = cv_rules()
    cleaned = part.strip(" ,.()")
    return bool(
        rules.city_pattern.fullmatch(cleaned)
        or rules.province_pattern.fullmatch(cleaned)
        or cleaned.lower()
        in (
            "pakistan",
            "remote",
            "onsite",
            "on-site",
            "hybrid",
            "uae",
            "dubai",
            "japan",
            "tokyo",
            "full-time",
            "part-time",
            "full time",
            "part time",
            "contract",
            "internship",
        )
        or re.fullmatch(r"[A-Z][a-z]+,\s*(?:[A-Z]{2}|[A-Z][a-z]+)", cleaned)
    )


def _parts(line: Line, skip: tuple[int, int] | None) -> list[tuple[str, int]]:
    """Segments of a header line with their offsets, the date range removed."""
    text = line.text
    if skip:
        s, e = skip[0] - line.start, skip[1] - line.start
        text = text[:s] + " " * (e - s) + text[e:]
    label = _LABEL.match(text)
    if label:
        text = " " * label.end() + text[label.end() :]
    out: list[tuple[str, int]] = []
    pos = 0
    for m in _SPLIT.finditer(text + "  "):
        seg = text[pos : m.start()]
        stripped = seg.strip(" •-–—*>:;.")
        if len(stripped) >= 2 and _WORD.search(stripped):
            out.append((stripped, line.start + pos + seg.find(stripped)))
        pos = m.end()
    return out


def employment_parse(
    text: str, lines: list[Line], body: list[Line], *, today: date
) -> tuple[tuple[Employment, ...], int | None]:
    """Jobs in ``body`` (experience section lines) and the merged months they cover.

    Each date range anchors one job. Its title and employer come from the range's line and
    the short lines just above it that carry no date (up to two), split on "at", "|", ",",
    " - " and wide gaps: a part with a title word is the title, one with a company word is
    the employer, else the first remaining part that is not a place.
    """
    found: list[tuple[int, DateRange]] = []
    for idx, line in enumerate(body):
        for dr in date_ranges(line.text, today=today):
            shifted = DateRange(
                dr.start,
                dr.end,
                dr.precision,
                (dr.span[0] + line.start, dr.span[1] + line.start),
                dr.raw,
            )
            found.append((idx, shifted))
            break  # one job per line
    dated_lines = {i for i, _ in found}
    headers: list[list[tuple[Line, tuple[int, int] | None]]] = []
    for idx, dr in found:
        header: list[tuple[Line, tuple[int, int] | None]] = [(body[idx], dr.span)]
        k = idx - 1
        while k >= 0 and len(header) < 3 and k not in dated_lines:
            cand = body[k]
            if not cand.stripped:
                if len(header) > 1:
                    break
                k -= 1
                continue
            if (
                len(cand.stripped) > 90
                or cand.stripped[:1] in "•●▪-*–"
                or cand.stripped.endswith(".")
            ):
                break
            header.insert(0, (cand, None))
            k -= 1
        if len(header) == 1 and not _parts(body[idx], dr.span):
            # details may follow the dates: "2019 – 2021" then "Developer, Acme"
            nxt = idx + 1
            while nxt < len(body) and not body[nxt].stripped:
                nxt += 1
            if nxt < len(body) and nxt not in dated_lines and len(body[nxt].stripped) <= 90:
                header.append((body[nxt], None))
        headers.append(header)
    jobs: list[Employment] = []
    for n, ((idx, dr), header) in enumerate(zip(found, headers, strict=True)):
        parts = [p for ln, sp in header for p in _parts(ln, sp)]
        title = next((p for p in parts if is_title(p[0])), None)
        employer = next((p for p in parts if p is not title and _is_company(p[0])), None)
        if employer is None:
            employer = next(
                (
                    p
                    for p in parts
                    if p is not title
                    and not _is_place(p[0])
                    and not is_title(p[0])
                    and len(p[0]) <= 60
                ),
                None,
            )
        first_line = header[0][0]
        # the entry runs to the line before the next job's header (or the section's end)
        if n + 1 < len(found):
            next_first = headers[n + 1][0][0]
            block_end = max(body[idx].end, next_first.start - 1)
        else:
            last = max(idx, *(i for i, ln in enumerate(body) if ln.stripped))
            block_end = body[last].end
        jobs.append(
            Employment(
                employer=employer[0] if employer else None,
                title=title[0] if title else None,
                start=dr.start,
                end=dr.end,
                current=dr.end is None,
                precision=dr.precision,
                months=dr.months(today=today),
                dates_raw=dr.raw,
                evidence=evidence(lines, first_line.start, min(block_end, len(text))),
                dates_evidence=evidence(lines, dr.span[0], dr.span[1]),
            )
        )
    total = (
        merged_months([(j.start, _end_exclusive(j, today)) for j in jobs if j.start])
        if jobs
        else None
    )
    return tuple(jobs), total


def _end_exclusive(job: Employment, today: date) -> date:
    assert job.start is not None
    return DateRange(job.start, job.end, job.precision, (0, 0), "").end_exclusive(today=today)
