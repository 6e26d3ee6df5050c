"""Inputs and outputs of the visa-route engine: frozen dataclasses, plain values.

Money is integer yen per year; experience and ages are years. Every sentence meant for
a person is a :class:`Msg` (message id + parameters), rendered in English, Japanese or
Urdu by :func:`engine.visa.messages.render`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Union

from engine.levels import DEGREE_LEVELS, JLPT_LEVELS

ParamValue = Union[str, int, "Msg"]


@dataclass(frozen=True)
class Msg:
    """A translatable message: ``id`` in ``engine/data/visa_messages.json`` and its
    parameters as sorted (name, value) pairs. Values are text, integers (names ending in
    ``_yen`` are formatted as money) or nested messages."""

    id: str
    params: tuple[tuple[str, ParamValue], ...] = ()

    def param(self, name: str) -> ParamValue:
        """The value of parameter ``name``; KeyError when it is not set."""
        for key, value in self.params:
            if key == name:
                return value
        raise KeyError(name)


def msg(message_id: str, **params: ParamValue) -> Msg:
    """Build a :class:`Msg` from keyword parameters."""
    return Msg(message_id, tuple(sorted(params.items())))


@dataclass(frozen=True)
class Source:
    """Where a rule comes from. ``tag``: "O" official (or code implementing it), "S"
    secondary only, "U" unverified or conflicting."""

    id: str
    title: str
    url: str
    tag: str


@dataclass(frozen=True)
class VisaApplicant:
    """What the rules need to know about the candidate.

    ``highest_degree`` is a level from ``engine.levels.DEGREE_LEVELS`` (bachelor, master,
    doctorate, …) or None. ``has_mba_or_mot`` marks a professional MBA/MOT degree.
    ``experience_years`` counts relevant work experience in years. Age is ``age_years``
    at the application date, or is computed from ``date_of_birth`` and
    ``application_date``. ``it_exam_passes`` counts passes of exams on the IT告示 list (for
    a Pakistani: Japanese IPA/ITEE exams); ``japanese_licences`` counts other Japanese
    national licences for the work. ``years_at_overseas_group_office`` is continuous
    employment, just before the transfer, at an office abroad of the hiring group.
    """

    highest_degree: str | None = None
    degree_field: str = ""
    has_mba_or_mot: bool = False
    degrees_in_multiple_fields: bool = False
    japanese_university_degree: bool = False
    japanese_senmonshi: bool = False
    japanese_major_foreign_university: bool = False
    designated_university: bool = False
    experience_years: float = 0.0
    age_years: int | None = None
    date_of_birth: date | None = None
    application_date: date | None = None
    jlpt: str | None = None
    bjt_score: int | None = None
    jft_basic_score: int | None = None
    research_achievements: int = 0
    it_exam_passes: int = 0
    japanese_licences: int = 0
    foreign_work_qualifications: int = 0
    jica_innovative_asia_training: bool = False
    ssw_skill_tests: tuple[str, ...] = ()
    years_at_overseas_group_office: float = 0.0
    nationality: str = "PK"

    def __post_init__(self) -> None:
        if self.highest_degree is not None and self.highest_degree not in DEGREE_LEVELS:
            raise ValueError(
                f"unknown degree level {self.highest_degree!r}; expected one of {DEGREE_LEVELS}"
            )
        if self.jlpt is not None and self.jlpt not in JLPT_LEVELS:
            raise ValueError(f"unknown JLPT level {self.jlpt!r}; expected one of {JLPT_LEVELS}")
        if self.experience_years < 0 or self.years_at_overseas_group_office < 0:
            raise ValueError("years of experience cannot be negative")
        if self.date_of_birth is not None and self.application_date is None:
            raise ValueError(
                "date_of_birth needs application_date: age is counted on the day of application"
            )


@dataclass(frozen=True)
class VisaOffer:
    """What the rules need to know about the job offer.

    ``annual_salary_yen`` includes bonus, excludes commuting/housing/family allowances and
    overtime. ``duties`` is a key of ``duties`` in the rules data (it_engineering,
    engineering, humanities, international_services, translation_interpreting, other).
    ``pay_at_least_japanese_equivalent``: None when the employer has not said.
    ``employer_category`` is 1–4 (immigration's document categories) or None.
    ``ssw_field`` is a Specified Skilled Worker field id, if the job is in one.
    """

    annual_salary_yen: int
    duties: str = "it_engineering"
    degree_related_to_duties: bool = False
    pay_at_least_japanese_equivalent: bool | None = None
    employer_innovation_support: bool = False
    employer_sme: bool = False
    employer_sme_rd_over_3pct: bool = False
    employer_local_government_hsp_support: bool = False
    employer_category: int | None = None
    same_group_as_overseas_employer: bool = False
    growth_field_project: bool = False
    investment_management_business: bool = False
    ssw_field: str | None = None

    def __post_init__(self) -> None:
        if self.annual_salary_yen < 0:
            raise ValueError("annual salary cannot be negative")
        if self.employer_category is not None and self.employer_category not in (1, 2, 3, 4):
            raise ValueError("employer category is 1, 2, 3 or 4")


@dataclass(frozen=True)
class HspLine:
    """One awarded row of the points table."""

    rule_id: str
    item: Msg
    points: int
    explanation: Msg
    tag: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class HspResult:
    """Highly Skilled Professional (i)(b) points for one applicant and offer.

    ``total`` is the sum of ``lines``. ``salary_floor_met`` is False below the floor
    (¥3,000,000), and then the route is closed whatever the points. ``notes`` explain
    rows not given (e.g. a salary band closed by age) and missing inputs."""

    total: int
    lines: tuple[HspLine, ...]
    salary_floor_yen: int
    salary_floor_met: bool
    pass_points: int
    fast_track_points: int
    notes: tuple[Msg, ...]
    permanent_residence: Msg
    rules_version: str

    @property
    def passes(self) -> bool:
        """At least the pass mark (70) and the salary floor met."""
        return self.salary_floor_met and self.total >= self.pass_points

    @property
    def fast_track(self) -> bool:
        """At least the fast-track mark (80) and the salary floor met."""
        return self.salary_floor_met and self.total >= self.fast_track_points


@dataclass(frozen=True)
class RouteAssessment:
    """Whether one residence status is open. ``blocking`` lists what closes it (empty
    when eligible); ``notes`` are conditions and advice that do not block. ``tag`` is the
    weakest tag among the rules used ("U" means: tell the user it is unverified)."""

    route: str
    name: Msg
    eligible: bool
    blocking: tuple[Msg, ...]
    notes: tuple[Msg, ...]
    sources: tuple[Source, ...]
    tag: str
    points: int | None = None


@dataclass(frozen=True)
class Suggestion:
    """One single-step change and what it would do. ``message`` reads e.g. "Passing JLPT
    N2 adds 10 points and reaches 70"."""

    change: str
    message: Msg
    points_before: int
    points_after: int
    routes_opened: tuple[str, ...] = field(default=())

    @property
    def points_delta(self) -> int:
        return self.points_after - self.points_before
