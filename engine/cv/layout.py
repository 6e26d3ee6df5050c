"""A CV's text as lines with offsets, grouped into sections by their headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.cv.model import Evidence
from engine.cv.rules import cv_rules

_BULLETS = "•·▪◦●○■□◆◇►▶➢✓✔-*–—>|"
_HEADING_CLEAN = re.compile(r"[^a-z&/ ]+")


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based
    start: int
    end: int  # exclusive, without the newline
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(frozen=True, slots=True)
class Section:
    kind: str  # "header" (before the first heading), summary, experience, education, ...
    heading: Line | None
    lines: tuple[Line, ...]  # body lines (an inline heading's own line included)
    inline_start: int | None = None  # body starts mid-line after "Skills:" headings

    @property
    def start(self) -> int:
        if self.inline_start is not None:
            return self.inline_start
        return self.lines[0].start if self.lines else (self.heading.end if self.heading else 0)

    @property
    def end(self) -> int:
        return self.lines[-1].end if self.lines else self.start


def split_lines(text: str) -> list[Line]:
    out: list[Line] = []
    pos = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        out.append(Line(number, pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def line_of(lines: list[Line], offset: int) -> int:
    """1-based line number holding ``offset`` (binary search)."""
    lo, hi = 0, len(lines) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if lines[mid].start <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lines[lo].number if lines else 1


def evidence(lines: list[Line], start: int, end: int) -> Evidence:
    return Evidence(start=start, end=end, line=line_of(lines, start))


def heading_kind(line: str) -> tuple[str, int] | None:
    """``(section, length of the heading part)`` when ``line`` is a section heading:
    the whole line ("WORK EXPERIENCE", "Education:") or a label before a colon
    ("Skills: Python, Django")."""
    stripped = line.strip().strip(_BULLETS + " #:=_")
    if not stripped or len(stripped) > 60:
        return None
    headings = cv_rules().headings
    whole = _HEADING_CLEAN.sub("", stripped.lower()).strip()
    whole = re.sub(r"\s+", " ", whole.replace(" & ", " and "))
    if whole in headings and len(stripped.split()) <= 6:
        return headings[whole], len(line)
    head, colon, _rest = line.partition(":")
    if colon and len(head) <= 40:
        label = _HEADING_CLEAN.sub("", head.strip(_BULLETS + " ").lower()).strip()
        label = re.sub(r"\s+", " ", label.replace(" & ", " and "))
        if label in headings:
            return headings[label], len(head) + 1
    return None


def sections(lines: list[Line]) -> list[Section]:
    """Sections in text order; the first is "header" (name, contact) when text precedes the
    first heading. Inline "Label: value" headings of one line form a one-line section."""
    out: list[Section] = []
    kind, heading, body, inline = "header", None, [], None
    for line in lines:
        found = heading_kind(line.text)
        if found is None:
            body.append(line)
            continue
        if body or heading is not None:
            out.append(Section(kind, heading, tuple(body), inline))
        kind, size = found
        rest = line.text[size:]
        if rest.strip():
            heading, body = line, [line]
            inline = line.start + size + (len(rest) - len(rest.lstrip()))
        else:
            heading, body, inline = line, [], None
    if body or heading is not None:
        out.append(Section(kind, heading, tuple(body), inline))
    return out


def section_text(text: str, section: Section) -> tuple[str, int]:
    """The section body's text and its offset in ``text``."""
    return text[section.start : section.end], section.start
