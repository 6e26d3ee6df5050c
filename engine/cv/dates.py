"""Date ranges as CVs write them, and experience in months with overlaps counted once.

"Jan 2020 – Mar 2022", "01/2020 - 03/2022", "2019-21", "2019 – Present", "since 2021",
"March 2018 to date". A year-only start is January; a year-only end is the January of that
year (so "2019 – 2021" is 24 months) unless it is the start year, which then counts to
December. An open end ("Present", "Current", "now", "to date") runs to ``today``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_YEAR = r"(?:19[6-9]\d|20[0-4]\d)"
_POINT = rf"(?:{_MONTH}\s*,?\s*'?{_YEAR}|(?:0?[1-9]|1[0-2])\s*[/.-]\s*{_YEAR}|{_YEAR}\s*[/.-]\s*(?:0?[1-9]|1[0-2])(?![\d])|{_YEAR})"
_OPEN = (
    r"(?:present|current(?:ly)?|now|till\s+date|till\s+now|to\s+date|date|ongoing|today|continuing)"
)
_SEP = rf"(?:\s*(?:-|–|—|~|to|till|until|through|thru|→|/)\s*|\s{{1,3}}(?={_OPEN}\b))"
DATE_RANGE = re.compile(
    rf"(?<![\w/.-])(?P<start>{_POINT}){_SEP}(?P<end>{_POINT}|{_OPEN}|(?P<short>\d{{2}})(?![\d/.-]))(?![\w])"
    rf"|(?<![\w])(?:since|from)\s+(?P<since>{_POINT})(?![\w/-])"
    rf"|(?<![\w/.-])(?P<onwards>{_POINT})\s+(?:onwards|onward|to\s+present|-\s*$)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateRange:
    start: date
    end: date | None  # None = open (present); a month-precision end month is worked
    precision: str  # "month" or "year"
    span: tuple[int, int]
    raw: str

    def months(self, *, today: date) -> int:
        """Whole months worked: "Jan 2020 – Mar 2022" is 27, "2019 – 2021" is 24."""
        return month_index(self.end_exclusive(today=today)) - month_index(self.start)

    def end_exclusive(self, *, today: date) -> date:
        if self.end is None:
            return max(self.start, date(today.year, today.month, 1))
        if self.precision == "month" or self.end.month == 12:  # "2019-2019" is that year
            return date(self.end.year + self.end.month // 12, self.end.month % 12 + 1, 1)
        return self.end


def month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def _point(raw: str) -> tuple[int, int | None] | None:
    raw = raw.strip().lower().replace("'", "")
    m = re.fullmatch(rf"({_MONTH})\s*,?\s*({_YEAR})", raw, re.IGNORECASE)
    if m:
        return int(m.group(2)), MONTHS[m.group(1)[:3]]
    m = re.fullmatch(rf"(0?[1-9]|1[0-2])\s*[/.-]\s*({_YEAR})", raw)
    if m:
        return int(m.group(2)), int(m.group(1))
    m = re.fullmatch(rf"({_YEAR})\s*[/.-]\s*(0?[1-9]|1[0-2])", raw)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = re.fullmatch(_YEAR, raw)
    if m:
        return int(raw), None
    return None


def date_ranges(text: str, *, today: date) -> list[DateRange]:
    """Every date range in ``text``, in order; spans are offsets into ``text``."""
    out: list[DateRange] = []
    for m in DATE_RANGE.finditer(text):
        start_raw = m.group("start") or m.group("since") or m.group("onwards")
        start = _point(start_raw)
        if start is None:
            continue
        end: tuple[int, int | None] | None
        if m.group("start") is None:
            end, open_end = None, True
        elif m.group("short"):
            year = start[0] // 100 * 100 + int(m.group("short"))
            if year < start[0]:
                continue  # "2019-05" was caught as a month; "2019-12" etc. are handled above
            end, open_end = (year, None), False
        else:
            end = _point(m.group("end"))
            open_end = end is None
        sy, sm = start
        precision = (
            "month" if sm is not None and (open_end or (end and end[1] is not None)) else "year"
        )
        start_date = date(sy, sm or 1, 1)
        end_date: date | None = None
        if end is not None:
            ey, em = end
            if em is None:
                em = 12 if ey == sy else 1
            end_date = date(ey, em, 1)
            if end_date < start_date:
                continue
        if start_date > today:
            continue
        out.append(DateRange(start_date, end_date, precision, m.span(), m.group(0)))
    return out


def merged_months(periods: list[tuple[date, date]]) -> int:
    """Months covered by ``(start, exclusive end)`` periods, overlaps counted once."""
    spans = sorted((month_index(s), month_index(e)) for s, e in periods)
    total, covered = 0, None
    for s, e in spans:
        if covered is not None and s < covered:
            s = covered
        if e > s:
            total += e - s
            covered = e
    return total
