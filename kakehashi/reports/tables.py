"""What every report is made of, whatever it is drawn on: sections, each a table (the
accessible, exportable figures) and optionally a chart of the same numbers. Pages, CSV, XLSX
and PDF all render these."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Link:
    """A cell that links somewhere on the page (exports write its text)."""

    text: str
    url: str

    def __str__(self) -> str:
        return self.text


Cell = str | int | float | Link | None


@dataclass(frozen=True)
class Chart:
    """``kind``: "bar" (one or two series side by side), "funnel", "line" (a time series) or
    "province" (a bar per ISO 3166-2:PK province). ``series``: (name, values) pairs, each as
    long as ``labels``."""

    kind: str
    labels: Sequence[str]
    series: Sequence[tuple[str, Sequence[float]]]
    unit: str = ""

    def __post_init__(self) -> None:
        if self.kind not in ("bar", "funnel", "line", "province"):
            raise ValueError(f"unknown chart kind {self.kind!r}")
        if any(len(values) != len(self.labels) for _name, values in self.series):
            raise ValueError("every series needs one value per label")


@dataclass(frozen=True)
class Table:
    columns: Sequence[str]
    rows: Sequence[Sequence[Cell]]


@dataclass(frozen=True)
class Section:
    title: str
    table: Table
    chart: Chart | None = None
    note: str = ""
    flagged_rows: frozenset[int] = frozenset()  # row numbers the page marks (e.g. skewed)


@dataclass(frozen=True)
class Report:
    slug: str
    title: str
    period: str  # the date range or "as of" line printed under the title
    sections: Sequence[Section]
    notes: Sequence[str] = field(default_factory=tuple)
