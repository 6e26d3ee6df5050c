"""Ordered levels that are compared, never matched as strings.

JLPT: N1 (highest) > N2 > N3 > N4 > N5 > none. Degree levels: doctorate > master > bachelor > ...
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

JLPT_LEVELS: tuple[str, ...] = ("N5", "N4", "N3", "N2", "N1")
DEGREE_LEVELS: tuple[str, ...] = (
    "matric",
    "intermediate",
    "diploma",
    "bachelor",
    "master",
    "doctorate",
)
ENGLISH_LEVELS: tuple[str, ...] = ("basic", "conversational", "business", "fluent", "native")

# The language tests' score bands live with the CV rules (engine/data/cv_rules.json,
# ``language_tests``); read here so that CVs and job postings share one table.
CV_RULES = Path(__file__).parent / "data" / "cv_rules.json"


@dataclass(frozen=True, slots=True)
class LanguageTest:
    name: str  # "IELTS"
    language: str  # ISO 639 code of the language it tests
    max_score: float
    pattern: re.Pattern[str]  # group "score"
    bands: tuple[tuple[float, str], ...]  # (lowest score, level word), highest first

    def level(self, score: float) -> str | None:
        """The level word for a score; None for a score the test cannot give."""
        if not 0 <= score <= self.max_score:
            return None
        return next(level for low, level in self.bands if score >= low)


@cache
def language_tests() -> tuple[LanguageTest, ...]:
    """IELTS, TOEFL, TOEIC... with their score patterns and bands, read once per process."""
    raw = json.loads(CV_RULES.read_text(encoding="utf-8"))
    return tuple(
        LanguageTest(
            t["name"],
            t["language"],
            float(t["max"]),
            re.compile(t["pattern"], re.IGNORECASE),
            tuple((float(low), level) for low, level in t["bands"]),
        )
        for t in raw["language_tests"]["tests"]
    )


def _rank(levels: tuple[str, ...], value: str | None, kind: str) -> int:
    if not value:
        return 0
    try:
        return levels.index(value) + 1
    except ValueError:
        raise ValueError(f"unknown {kind} level {value!r}; expected one of {levels}") from None


def jlpt_rank(level: str | None) -> int:
    """0 for none, 1 for N5 ... 5 for N1."""
    return _rank(JLPT_LEVELS, level, "JLPT")


def jlpt_meets(held: str | None, required: str | None) -> bool:
    """True when ``held`` is at least ``required`` (no requirement is always met)."""
    return jlpt_rank(held) >= jlpt_rank(required)


def degree_rank(level: str | None) -> int:
    return _rank(DEGREE_LEVELS, level, "degree")


def english_rank(level: str | None) -> int:
    return _rank(ENGLISH_LEVELS, level, "English")


def jlpt_evidence(
    declared: str | None, certificates: Iterable[tuple[str | None, bool]]
) -> tuple[str | None, bool]:
    """The JLPT level to rely on and whether it is verified.

    ``declared``: the level the person typed on their profile; ``certificates``: (level,
    verified) of each JLPT certificate on file (rejected ones left out by the caller). A
    verified certificate outranks anything self-declared: the highest verified level is used,
    even when a higher level is declared. Without one, the highest declared level (the profile
    field or an unverified certificate) is used, marked unverified.
    """
    verified = [lv for lv, ok in certificates if ok and lv in JLPT_LEVELS]
    if verified:
        return max(verified, key=jlpt_rank), True
    claimed = [lv for lv, _ in certificates if lv in JLPT_LEVELS]
    if declared in JLPT_LEVELS:
        claimed.append(declared)
    return (max(claimed, key=jlpt_rank), False) if claimed else (None, False)
