"""Total professional experience from employment periods, with overlaps counted once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date


def experience_years(periods: Iterable[tuple[date, date | None]], *, today: date) -> float:
    """Years worked (one decimal) over ``(start, end)`` periods; ``end`` None = still there.
    Overlapping or nested jobs count once; a period ending before it starts counts zero."""
    spans = sorted((start, end or today) for start, end in periods)
    days = 0
    covered_until: date | None = None
    for start, end in spans:
        if covered_until is not None and start < covered_until:
            start = covered_until
        if end > start:
            days += (end - start).days
            covered_until = end
    return round(days / 365.25, 1)
