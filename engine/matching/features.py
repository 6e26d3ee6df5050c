"""Plain-data inputs of matching: what a candidate offers and what a job requires.

Only attributes that may enter a score are here. Name, gender, religion, age, date of birth,
photo and CNIC have no field at all, so no code path can score them (``test_matching``
checks the field lists). The Django side builds these from the ORM rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

WORK_STYLES: tuple[str, ...] = ("onsite", "hybrid", "remote")


@dataclass(frozen=True, slots=True)
class SkillHeld:
    """A skill on a candidate's profile: taxonomy id, years of use, where the CV shows it.

    ``years`` is 0.0 when the years are not known (a CV that lists the skill without a job
    that used it): holding the skill then earns the floor credit, and pages show the years
    as not stated rather than "0 years"."""

    skill_id: str
    years: float = 0.0
    evidence: str = ""  # e.g. "Employment 2: 'built REST APIs in Django'"; shown, never scored


@dataclass(frozen=True, slots=True)
class CandidateFeatures:
    """Everything about a candidate that matching may use.

    ``experience_years``: total professional experience (years). ``salary_expectation_jpy``:
    yen per year, ``None`` when not stated. ``jlpt``: "N1".."N5" or None; ``english``: one of
    ``engine.levels.ENGLISH_LEVELS`` or None; ``degree_level``: one of
    ``engine.levels.DEGREE_LEVELS`` or None (the highest held). ``text``: headline, summary
    and employment descriptions, for the lexical and semantic components. ``jlpt_verified``:
    True when ``jlpt`` is the level of a verified certificate, False when self-declared.
    ``None`` (or empty text) means *unknown*: such a component drops out of the candidate's
    score and the other weights share its part.
    """

    candidate_id: int
    skills: tuple[SkillHeld, ...] = ()
    experience_years: float = 0.0
    jlpt: str | None = None
    jlpt_verified: bool = False  # the level comes from a certificate a verifier checked
    english: str | None = None
    degree_level: str | None = None
    salary_expectation_jpy: int | None = None
    available_from: date | None = None
    willing_to_relocate: bool = False
    consent: bool = False  # consent to share the profile with Japanese employers
    text: str = ""
    #: what the semantic component embeds (headline, skills with their evidence, recent
    #: roles); empty: ``text``. Shorter than ``text``, so a national index embeds fast.
    semantic_text: str = ""


def features_to_dict(f: CandidateFeatures) -> dict[str, Any]:
    """Plain JSON-ready data of ``f`` (dates as ISO strings); :func:`features_from_dict`
    reads it back."""
    out = asdict(f)
    out["available_from"] = f.available_from.isoformat() if f.available_from else None
    out["skills"] = [[s.skill_id, s.years, s.evidence] for s in f.skills]
    return out


def features_from_dict(data: Mapping[str, Any]) -> CandidateFeatures:
    """The :class:`CandidateFeatures` of :func:`features_to_dict`'s output."""
    values = dict(data)
    values["skills"] = tuple(SkillHeld(s, float(y), e) for s, y, e in values.get("skills", ()))
    day = values.get("available_from")
    values["available_from"] = date.fromisoformat(day) if day else None
    return CandidateFeatures(**values)


@dataclass(frozen=True, slots=True)
class SkillRequirement:
    """A must-have skill: taxonomy id, minimum years (0 = any), and whether it filters."""

    skill_id: str
    min_years: float = 0.0
    is_hard: bool = False


@dataclass(frozen=True, slots=True)
class JobRequirements:
    """What a job asks for. ``None`` or 0 means "no requirement" for that attribute.

    Salaries in yen per year; ``work_style`` one of :data:`WORK_STYLES`; ``language`` is the
    language of ``text`` ("ja" or "en"). ``weights`` overrides weights of the data file by
    component name for this job only.
    """

    job_id: int
    must_skills: tuple[SkillRequirement, ...] = ()
    nice_skills: tuple[str, ...] = ()
    min_experience_years: float = 0.0
    degree_level: str | None = None
    degree_is_hard: bool = False
    jlpt_min: str | None = None
    jlpt_is_hard: bool = False
    english_level: str | None = None
    salary_min_jpy: int | None = None
    salary_max_jpy: int | None = None
    work_style: str = "onsite"
    start_date: date | None = None
    text: str = ""
    language: str = "en"
    weights: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.work_style not in WORK_STYLES:
            raise ValueError(f"unknown work style {self.work_style!r}; expected {WORK_STYLES}")
