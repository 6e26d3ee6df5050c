"""Ordered levels that are compared, never matched as strings.

JLPT: N1 (highest) > N2 > N3 > N4 > N5 > none. Degree levels: doctorate > master > bachelor > ...
"""

from __future__ import annotations

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
