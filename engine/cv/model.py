"""What a parsed CV is: frozen dataclasses, each value with the evidence it came from.

Offsets are character offsets into ``ParsedCv.text`` (``text[start:end]`` is the evidence);
``line`` is 1-based. Dates are the first day of the month they name; a year-only date has
``precision == "year"``. Durations are in whole months.

``ParsedCv.to_json()`` / ``ParsedCv.from_json()`` are the round trip to JSON-ready data
(what the platform stores): nested dataclasses as objects, tuples as lists, dates as ISO
strings.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints


@dataclass(frozen=True, slots=True)
class Evidence:
    start: int
    end: int
    line: int


@dataclass(frozen=True, slots=True)
class TextValue:
    value: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Phone:
    e164: str  # "+923001234567"
    kind: str  # "mobile", "landline" or "other"
    raw: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Location:
    raw: str  # as written: "Gulberg, Lahore"
    city: str | None  # engine.geo city code ("lahore"), None when not a listed city
    province: str | None  # ISO 3166-2:PK ("PK-PB")
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Link:
    kind: str  # github, gitlab, linkedin, showreel, portfolio, kaggle, website, ...
    url: str  # with scheme
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Education:
    level: str | None  # engine.levels.DEGREE_LEVELS
    degree: str  # as written: "BS Computer Science"
    field: str | None
    institution: str | None  # as written
    institution_id: str | None  # engine/data/cv_institutions.json id
    year: int | None  # graduation (or expected) year
    grade: str | None  # as written: "CGPA 3.45/4.00", "A grade", "82%"
    cgpa: float | None
    cgpa_scale: float | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Employment:
    employer: str | None
    title: str | None
    start: date | None
    end: date | None  # None with ``current`` = still there
    current: bool
    precision: str  # "month" or "year"
    months: int | None
    dates_raw: str
    evidence: Evidence  # the whole entry
    dates_evidence: Evidence
    # What the person wrote about the job as one text (a JSON Resume's work summary, a
    # profile's description); the text parser leaves it None: the entry is ``evidence``.
    description: TextValue | None = None


@dataclass(frozen=True, slots=True)
class Skill:
    skill_id: str  # engine taxonomy id
    surface: str
    years: float | None  # stated in the CV next to the skill
    years_in_jobs: float | None  # length of the jobs whose entries mention it (merged)
    confidence: float
    mentions: int
    evidence: Evidence  # first mention


@dataclass(frozen=True, slots=True)
class Certification:
    kind: str  # jlpt, jft_basic, itee, aws, azure, gcp, kubernetes, ...
    name: str  # as written
    issuer: str
    level: str | None  # "N3" for JLPT, "FE" for ITEE, "AZ" for an Azure exam code
    score: int | None  # JFT-Basic score (pass: 200 of 250)
    year: int | None
    evidence: Evidence
    obtained_on: date | None = None  # the day or month the source gives; ``year`` is its year
    #: "day" or "month" (``obtained_on`` is then the 1st): how much of ``obtained_on`` is known
    precision: str | None = None


@dataclass(frozen=True, slots=True)
class Language:
    code: str  # ISO 639 ("ur", "en", "ja")
    name: str
    level: str | None  # engine.levels.ENGLISH_LEVELS words; JLPT "N3" for Japanese
    evidence: Evidence
    test: str | None = None  # a test written with it: "IELTS", "TOEFL iBT", "TOEIC"
    score: str | None = None  # that test's score as written: "7.5"


@dataclass(frozen=True, slots=True)
class Entity:
    """A mention the trained tagger (engine.cv.tagger) or the rules marked in the text."""

    label: str  # engine.cv.tagger.LABELS: name, designation, companies, college, ...
    value: str  # the text, spaces folded
    source: str  # "tagger" or "rules"
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ParsedCv:
    """A CV as structured data, for the candidate to review; every value carries evidence."""

    text: str
    source_format: str  # "pdf", "docx", "text", "json_resume" or "profile" (typed, no file)
    pages: int | None
    name: TextValue | None
    email: TextValue | None
    phones: tuple[Phone, ...]
    location: Location | None
    links: tuple[Link, ...]
    summary: TextValue | None
    education: tuple[Education, ...]
    employment: tuple[Employment, ...]
    experience_months: int | None  # merged over ``employment``; None when no dated job
    experience_stated: TextValue | None  # "5+ years of experience" as written
    skills: tuple[Skill, ...]
    certifications: tuple[Certification, ...]
    languages: tuple[Language, ...]
    headline: TextValue | None = None  # the title under the name (JSON Resume basics.label)
    warnings: tuple[str, ...] = ()
    #: Every entity mention (engine.cv.entities): what the tagger and the rules marked.
    entities: tuple[Entity, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (
            self.name
            or self.email
            or self.phones
            or self.education
            or self.employment
            or self.skills
            or self.certifications
        )

    def to_json(self) -> dict[str, Any]:
        """JSON-ready data: objects, lists, strings, numbers, booleans and null; dates as
        ISO strings ("2022-01-01"). ``ParsedCv.from_json`` reads it back."""
        out = _to_json(self)
        assert isinstance(out, dict)
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ParsedCv:
        """The ``ParsedCv`` that ``to_json`` wrote. Fields missing from ``data`` that have a
        default (data stored before the field existed) take it. Raises ValueError when
        ``data`` is not shaped like a ``ParsedCv``."""
        try:
            parsed = _from_json(cls, data)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"not a ParsedCv's JSON: {exc!r}") from None
        assert isinstance(parsed, cls)
        return parsed


def _to_json(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_to_json(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _from_json(tp: Any, value: Any) -> Any:
    """``value`` (from ``_to_json``) rebuilt as the type ``tp`` of a model field."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):  # the model's unions are all "X | None"
        if value is None:
            return None
        (tp,) = [arg for arg in get_args(tp) if arg is not type(None)]
        origin = get_origin(tp)
    if origin is tuple:
        item_type = get_args(tp)[0]
        return tuple(_from_json(item_type, v) for v in value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, Mapping):
            raise TypeError(f"{tp.__name__} from {type(value).__name__}")
        hints = _hints(tp)
        return tp(
            **{
                f.name: _from_json(hints[f.name], value[f.name])
                for f in dataclasses.fields(tp)
                if f.name in value
                or (f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
            }
        )
    if tp is date:
        return date.fromisoformat(value)
    if tp is float:
        return float(value)
    if tp in (str, int, bool) and not isinstance(value, tp):
        raise TypeError(f"{tp.__name__} from {type(value).__name__}")
    return value
