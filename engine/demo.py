"""Deterministic, realistic demo data: Pakistani candidates, fictional Japanese employers, jobs.

Pure Python, no Django: the ``demo_seed`` management command writes what these functions
return to the database. Word lists, weights and templates live in ``engine/data/demo.json``;
skill ids come from the taxonomy (``engine/data/skills.json``) and places from ``engine.geo``.

Determinism: every function takes a ``seed`` and uses its own ``random.Random``; the default
``today`` is the fixed :data:`DEMO_TODAY`, never the clock. Each candidate is drawn from a
generator seeded by ``(seed, key)``, so candidate ``k`` is the same whatever ``n`` is, and a
caller may generate key ranges in parallel (see ``start`` on :func:`demo_candidates`).

Keys: the fixed personas (:data:`DEMO_PERSONAS`) use keys below :data:`GENERATED_KEY_START`;
generated candidates, employers and jobs are numbered from it. E-mails, CNICs, phone numbers
and corporate numbers are unique per key (derived from the key by a bijection).
"""

from __future__ import annotations

import json
import random
import re
from bisect import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from itertools import accumulate
from pathlib import Path
from typing import Any, Generic, TypeVar

from engine.codes import CodeError, cnic_clean, corporate_number_check_digit
from engine.geo import City, geo
from engine.taxonomy import taxonomy

DATA = Path(__file__).parent / "data" / "demo.json"

DEMO_TODAY = date(2026, 11, 1)
"""The default 'today' of the demo world: fixed so that the same seed gives the same data."""

GENERATED_KEY_START = 100
"""Keys below this are reserved for the fixed personas."""

TRACKS: tuple[str, ...] = (
    "ai",
    "programming",
    "animation",
    "cloud",
    "data",
    "mobile",
    "qa",
    "embedded",
)

# Multipliers coprime with 10, so key -> serial is a bijection on [0, 10**digits): every key
# gets its own CNIC serial, phone number and corporate-number serial, whatever the seed.
_CNIC_SERIAL = (3_141_593, 2_718_281, 10**7)
_PHONE_SERIAL = (2_718_283, 1_414_213, 10**7)
_CORPORATE_SERIAL = (377_777, 161_803, 10**6)
# Generated employers never take a persona's name.
_PERSONA_COMPANY_NAMES = frozenset({"Sakura Technology", "Aozora Software"})
# Separate streams for employers and jobs so they do not repeat the candidates' draws.
_EMPLOYER_SALT = 0x5A5A_0001
_JOB_SALT = 0x5A5A_0002


# --- the records -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DemoEducation:
    level: str  # one of engine.levels.DEGREE_LEVELS
    field: str  # the discipline, e.g. "Computer Science"
    institution: str
    year: int  # year of graduation
    grade: str  # e.g. "CGPA 3.42/4.00"
    degree: str = ""  # the title: "BS", "BE", "BFA", "MS", "PhD", "DAE", "Diploma"


@dataclass(frozen=True, slots=True)
class DemoEmployment:
    employer_name: str
    title: str
    start: date
    end: date | None  # None: current job
    description: str


@dataclass(frozen=True, slots=True)
class DemoSkill:
    skill_id: str  # an id of engine.taxonomy.taxonomy()
    years: float  # in steps of 0.5, at most the career length plus 1.5 years of study


@dataclass(frozen=True, slots=True)
class DemoCertification:
    kind: str  # "jlpt" | "jft_basic" | "itee" | "cloud" | "other"
    name: str
    level: str  # "N3", "A2", "FE", "associate", ...
    score: int | None  # JLPT out of 180, JFT-Basic 10-250, AWS/Azure scaled 100-1000
    obtained_on: date


@dataclass(frozen=True, slots=True)
class DemoCandidate:
    key: int
    full_name: str
    email: str
    gender: str  # "M" / "F"
    date_of_birth: date
    cnic: str  # "#####-#######-#": province digit of the city, last digit odd = M, even = F
    city: str  # a code of engine.geo cities
    province: str  # "PK-PB", ...
    phone: str  # E.164 Pakistani mobile, "+923XXXXXXXXX"
    track: str  # one of TRACKS
    headline: str
    summary: str
    education: tuple[DemoEducation, ...]  # oldest first
    employment: tuple[DemoEmployment, ...]  # most recent first
    skills: tuple[DemoSkill, ...]
    jlpt: str | None  # "N5" ... "N1"
    certifications: tuple[DemoCertification, ...]
    english_level: str  # one of engine.levels.ENGLISH_LEVELS
    salary_expectation_jpy: int  # yen per year
    available_from: date
    willing_to_relocate: bool
    consent: bool  # consent to share the profile with Japanese employers
    experience_years: float = 0.0  # total professional experience, years (1 decimal)


@dataclass(frozen=True, slots=True)
class DemoEmployer:
    key: int
    name_en: str
    name_ja: str
    corporate_number: str  # 13 digits with a valid check digit
    prefecture: str  # "JP-13"
    size: str  # "1-49" | "50-299" | "300-999" | "1000+"
    is_sme: bool
    category: int  # immigration employer category 1-4
    website: str
    recruiter_name_ja: str  # "佐藤 美咲" (family name first)
    recruiter_name_en: str  # "Misaki Sato"
    email_domain: str  # fictional, under .example
    verified: bool
    recruiter_email: str = ""
    focus_tracks: tuple[str, ...] = ()  # tracks this company mostly hires for; () = any


@dataclass(frozen=True, slots=True)
class DemoJob:
    key: int
    employer_key: int
    title: str
    description: str
    language: str  # "ja" | "en": the language of title and description
    openings: int
    must_skills: tuple[tuple[str, float], ...]  # (skill_id, minimum years)
    nice_skills: tuple[str, ...]
    min_experience_years: float
    degree_level: str | None  # "bachelor" | "master" | None (no requirement)
    degree_field: str  # a discipline as in DemoEducation.field; "" when no degree required
    jlpt_min: str | None
    english_level: str | None
    salary_min_jpy: int
    salary_max_jpy: int
    prefecture: str
    work_style: str  # "onsite" | "hybrid" | "remote"
    visa_route: str  # "engineer_specialist" | "hsp" | "ssw" | "ict"
    start_date: date
    status: str  # "open" | "draft" | "paused" | "closed"
    track: str = ""  # the candidate track this job recruits from


@dataclass(frozen=True, slots=True)
class DemoPersonas:
    """Fixed demo logins, to be created before any generated data."""

    candidate: DemoCandidate
    employer: DemoEmployer  # verified, with a recruiter and open jobs
    unverified_employer: DemoEmployer  # waiting in the facilitator's verification queue
    jobs: tuple[DemoJob, ...]

    @property
    def employers(self) -> tuple[DemoEmployer, DemoEmployer]:
        return (self.employer, self.unverified_employer)


# --- weighted choice ---------------------------------------------------------------------

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Weighted(Generic[T]):
    items: tuple[T, ...]
    cum: tuple[float, ...]
    total: float

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect(self.cum, rng.random() * self.total)]

    def sample(self, rng: random.Random, k: int) -> list[T]:
        """Up to ``k`` distinct items, drawn by weight without replacement."""
        k = min(k, len(self.items))
        chosen: list[T] = []
        for _ in range(8 * k):
            if len(chosen) == k:
                break
            item = self.pick(rng)
            if item not in chosen:
                chosen.append(item)
        return chosen


def _weighted(pairs: Iterable[tuple[T, float]]) -> _Weighted[T]:
    items: list[T] = []
    weights: list[float] = []
    for item, weight in pairs:
        if weight > 0:
            items.append(item)
            weights.append(float(weight))
    if not items:
        raise ValueError("a weighted choice needs at least one item with a positive weight")
    cum = tuple(accumulate(weights))
    return _Weighted(tuple(items), cum, cum[-1])


# --- prepared data -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _NamePool:
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Institution:
    name: str
    city: str | None
    kinds: frozenset[str]
    female_only: bool


@dataclass(frozen=True, slots=True)
class _Profile:
    core: tuple[str, ...]
    pool: _Weighted[str]


@dataclass(frozen=True, slots=True)
class _Tables:
    raw: dict[str, Any]
    cities: _Weighted[City]
    genders: _Weighted[str]
    ages: _Weighted[int]
    tracks: _Weighted[str]
    english: _Weighted[str]
    jlpt: _Weighted[str]
    name_pools: dict[str, _NamePool]
    province_pools: dict[str, _Weighted[str]]
    profiles: dict[str, _Weighted[_Profile]]
    bachelor: dict[str, _Weighted[tuple[str, str, str]]]
    master: dict[str, _Weighted[tuple[str, str]]]
    institutions: dict[tuple[str, str], _Weighted[_Institution]]
    local_institutions: dict[tuple[str, str, str], _Weighted[_Institution]]
    pk_employers: dict[tuple[str, str], _Weighted[str]]
    cloud_certs: _Weighted[dict[str, Any]]
    implied: dict[str, tuple[str, ...]]
    skill_en: dict[str, str]
    skill_ja: dict[str, str]
    soft_skills: frozenset[str]


def _cnic_digit_is_valid(digit: str) -> bool:
    try:
        cnic_clean(digit + "000000000001")
    except CodeError:
        return False
    return True


def demo_cities() -> tuple[City, ...]:
    """Cities candidates are drawn from: every city whose province digit is a valid CNIC digit.

    Mirpur (AJK, CNIC digit 8) is left out while ``engine.codes.cnic_clean`` rejects digit 8
    (DOMAIN.md §5 marks it unverified); it comes back on its own once the validator accepts it.
    """
    g = geo()
    return tuple(
        c
        for c in g.cities
        if c.demo_weight > 0 and _cnic_digit_is_valid(g.province(c.province).cnic_digit)
    )


@cache
def demo_data() -> dict[str, Any]:
    """The parsed ``engine/data/demo.json``."""
    raw: dict[str, Any] = json.loads(DATA.read_text(encoding="utf-8"))
    return raw


@cache
def _tables() -> _Tables:
    raw = demo_data()
    tax = taxonomy()
    cand = raw["candidate"]
    cities = demo_cities()

    institutions = [
        _Institution(i["name"], i["city"], frozenset(i["kinds"]), bool(i.get("female_only")))
        for i in raw["institutions"]
    ]
    weights = {i["name"]: i["weight"] for i in raw["institutions"]}
    kinds = {"cs", "eng", "arts", "grad"}
    national = {
        (kind, gender): _weighted(
            (i, weights[i.name])
            for i in institutions
            if kind in i.kinds and (gender == "F" or not i.female_only)
        )
        for kind in kinds
        for gender in ("M", "F")
    }
    local: dict[tuple[str, str, str], _Weighted[_Institution]] = {}
    for city in geo().cities:
        for kind in kinds:
            for gender in ("M", "F"):
                pairs = [
                    (i, weights[i.name])
                    for i in institutions
                    if i.city == city.code
                    and kind in i.kinds
                    and (gender == "F" or not i.female_only)
                ]
                if pairs:
                    local[(city.code, kind, gender)] = _weighted(pairs)

    pk_employers: dict[tuple[str, str], _Weighted[str]] = {}
    for track in TRACKS:
        in_track = [e for e in raw["pk_employers"] if track in e["tracks"]]
        pk_employers[(track, "")] = _weighted((e["name"], e["weight"]) for e in in_track)
        for city in geo().cities:
            here = [e for e in in_track if not e["cities"] or city.code in e["cities"]]
            if here:
                pk_employers[(track, city.code)] = _weighted((e["name"], e["weight"]) for e in here)

    # A framework implies its language (django -> python, nextjs -> react -> javascript):
    # a CV listing Django without Python would look wrong.
    implied: dict[str, tuple[str, ...]] = {}
    for skill in tax:
        implied[skill.id] = tuple(
            p
            for p in tax.ancestors(skill.id)
            if tax.get(p).category in ("programming_languages", "frameworks")
        )

    tracks = raw["tracks"]
    degrees = raw["degrees"]["by_track"]
    return _Tables(
        raw=raw,
        cities=_weighted((c, c.demo_weight) for c in cities),
        genders=_weighted(cand["gender_weights"].items()),
        ages=_weighted((a, w) for a, w in cand["age_weights"]),
        tracks=_weighted(cand["track_weights"].items()),
        english=_weighted(cand["english_weights"].items()),
        jlpt=_weighted(cand["jlpt_weights"].items()),
        name_pools={
            k: _NamePool(tuple(v["male"]), tuple(v["female"]), tuple(v["surnames"]))
            for k, v in raw["names"]["pools"].items()
        },
        province_pools={
            k: _weighted((p, w) for p, w in v) for k, v in raw["names"]["province_pools"].items()
        },
        profiles={
            t: _weighted(
                (
                    _Profile(tuple(p["core"]), _weighted((s, w) for s, w in p["pool"])),
                    p["weight"],
                )
                for p in tracks[t]["profiles"]
            )
            for t in TRACKS
        },
        bachelor={
            t: _weighted(((d, f, k), w) for d, f, k, w in degrees[t]["bachelor"]) for t in TRACKS
        },
        master={t: _weighted(((d, f), w) for d, f, w in degrees[t]["master"]) for t in TRACKS},
        institutions=national,
        local_institutions=local,
        pk_employers=pk_employers,
        cloud_certs=_weighted((c, c["weight"]) for c in raw["certifications"]["cloud"]),
        implied=implied,
        skill_en={s.id: s.name_en for s in tax},
        skill_ja={s.id: s.name_ja or s.name_en for s in tax},
        soft_skills=frozenset(s.id for s in tax if s.category == "professional")
        | frozenset(cand["headline_skip_skills"]),
    )


# --- small helpers -----------------------------------------------------------------------


def _bijective_serial(key: int, params: tuple[int, int, int]) -> int:
    mult, offset, modulus = params
    return (key * mult + offset) % modulus


def _corporate_number(key: int, office: str) -> str:
    # Registry office (4) + company type "01" (6) + serial (6), as in a 会社法人等番号.
    base = f"{office}01{_bijective_serial(key, _CORPORATE_SERIAL):06d}"
    return f"{corporate_number_check_digit(base)}{base}"


def _cnic(key: int, prefix5: str, last_digit: int) -> str:
    return f"{prefix5}-{_bijective_serial(key, _CNIC_SERIAL):07d}-{last_digit}"


def _phone(key: int, network: str) -> str:
    return f"+92{network}{_bijective_serial(key, _PHONE_SERIAL):07d}"


def _first_sunday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(6 - first.weekday()) % 7)


def _first_of_next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def _years_text(years: float) -> str:
    if years < 0.75:
        return "less than a year"
    whole = round(years)
    if whole > 10:
        return "over 10 years"
    return "1 year" if whole == 1 else f"{whole} years"


def _join_en(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _ascii_slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _num(years: float) -> str:
    return str(int(years)) if years == int(years) else f"{years:g}"


# --- candidates --------------------------------------------------------------------------


def demo_candidates(
    n: int, *, seed: int = 7, today: date | None = None, start: int = 0
) -> Iterator[DemoCandidate]:
    """Yield ``n`` realistic, fictional Pakistani candidates, lazily.

    Keys run from ``GENERATED_KEY_START + start``; candidate ``k`` depends only on
    ``(seed, k, today)``, so ``start`` lets callers generate disjoint key ranges in parallel.
    ``today`` (default :data:`DEMO_TODAY`) anchors ages, careers and dates.
    """
    if n < 0 or start < 0:
        raise ValueError("n and start must not be negative")
    t = _tables()
    day = today or DEMO_TODAY
    first = GENERATED_KEY_START + start
    for key in range(first, first + n):
        # One generator per candidate: seeding costs ~4 µs and buys random access by key.
        yield _candidate(t, key, random.Random(seed * 1_000_003 + key), day)


def _institution(t: _Tables, rng: random.Random, kind: str, city: str, gender: str) -> str:
    local = t.local_institutions.get((city, kind, gender))
    if local is not None and rng.random() < 0.55:
        return local.pick(rng).name
    return t.institutions[(kind, gender)].pick(rng).name


def _cgpa(t: _Tables, rng: random.Random) -> str:
    spec = t.raw["candidate"]["cgpa"]
    value = min(spec["max"], max(spec["min"], rng.gauss(spec["mean"], spec["sd"])))
    return f"CGPA {value:.2f}/4.00"


def _education(
    t: _Tables, rng: random.Random, track: str, born: date, city: str, gender: str, today: date
) -> list[DemoEducation]:
    spec = t.raw["degrees"]["by_track"][track]
    latest = today.year if date(today.year, 7, 1) <= today else today.year - 1
    out: list[DemoEducation] = []
    if rng.random() < spec["diploma_rate"]:
        title, field, kind = rng.choice(
            [d for d in t.raw["degrees"]["diploma"] if d[2] in ("arts", "cs", "eng")]
            if track != "animation"
            else [d for d in t.raw["degrees"]["diploma"] if d[2] == "arts"]
        )
        year = min(latest, born.year + 19 + rng.randrange(3))
        grade = rng.choice(t.raw["candidate"]["diploma_grades"])
        inst = _institution(t, rng, kind, city, gender)
        return [DemoEducation("diploma", field, inst, year, grade, title)]
    title, field, kind = t.bachelor[track].pick(rng)
    year = min(latest, born.year + 22 + (rng.random() < 0.3))
    bachelor_inst = _institution(t, rng, kind, city, gender)
    out.append(DemoEducation("bachelor", field, bachelor_inst, year, _cgpa(t, rng), title))
    if rng.random() < spec["master_rate"]:
        m_year = year + 2 + rng.choice((0, 0, 0, 1, 2))
        if m_year <= latest:
            m_title, m_field = t.master[track].pick(rng)
            m_kind = "arts" if track == "animation" else "grad"
            m_inst = _institution(t, rng, m_kind, city, gender)
            out.append(DemoEducation("master", m_field, m_inst, m_year, _cgpa(t, rng), m_title))
            if rng.random() < spec["doctorate_rate"] / spec["master_rate"]:
                d_year = m_year + 4 + rng.randrange(2)
                if d_year <= latest:
                    d_title, d_field = rng.choice(t.raw["degrees"]["doctorate"])
                    d_inst = _institution(t, rng, "grad", city, gender)
                    out.append(DemoEducation("doctorate", d_field, d_inst, d_year, "", d_title))
    return out


def _career_spans(
    rng: random.Random, first_graduation: int, today: date, spec: dict[str, int]
) -> list[tuple[date, date | None]]:
    """Consecutive job spans, oldest first; an empty list for a fresh graduate."""
    first = date(first_graduation, 7, 1) + timedelta(days=rng.randrange(30, 240))
    start = first
    spans: list[tuple[date, date | None]] = []
    while start < today - timedelta(days=60):
        # Seniors change jobs less often than juniors.
        longer = spec["per_career_year"] * (start - first).days // 365
        end = start + timedelta(days=rng.randrange(spec["min"], spec["max"]) + longer)
        if end >= today - timedelta(days=45):
            if rng.random() < 0.88:
                spans.append((start, None))
            else:
                left = today - timedelta(days=rng.randrange(20, 150))
                if left > start + timedelta(days=90):
                    spans.append((start, left))
            break
        spans.append((start, end))
        start = end + timedelta(days=rng.randrange(0, 80))
    return spans


def _ladder_title(ladder: Sequence[str], experience: float) -> str:
    if experience < 2:
        return ladder[0]
    if experience < 5:
        return ladder[1]
    if experience < 8:
        return ladder[2]
    return ladder[3]


def _candidate(t: _Tables, key: int, rng: random.Random, today: date) -> DemoCandidate:
    raw = t.raw
    cand = raw["candidate"]
    city = t.cities.pick(rng)
    gender = t.genders.pick(rng)
    pool = t.name_pools[t.province_pools[city.province].pick(rng)]
    first = rng.choice(pool.male if gender == "M" else pool.female)
    if (
        gender == "M"
        and " " not in first
        and rng.random() < cand["muhammad_prefix_rate"]
        and first != "Muhammad"
    ):
        first = "Muhammad " + first
    last = rng.choice(pool.surnames)
    email_local = f"{_ascii_slug(first)}.{_ascii_slug(last)}{key}"
    email = f"{email_local}@{rng.choice(cand['email_domains'])}"

    age = t.ages.pick(rng)
    born = date(today.year - age - 1, 1, 1) + timedelta(days=rng.randrange(365))
    province = geo().province(city.province)
    prefixes = raw["cnic_district_prefixes"].get(city.code)
    prefix5 = (
        rng.choice(prefixes) if prefixes else f"{province.cnic_digit}{rng.randrange(10000):04d}"
    )
    last_digit = rng.choice((1, 3, 5, 7, 9) if gender == "M" else (0, 2, 4, 6, 8))
    cnic = _cnic(key, prefix5, last_digit)
    phone = _phone(key, rng.choice(cand["phone_prefixes"]))

    track = t.tracks.pick(rng)
    track_spec = raw["tracks"][track]
    education = _education(t, rng, track, born, city.code, gender, today)
    spans = _career_spans(rng, education[0].year, today, cand["job_days"])
    if spans and spans[-1][0] > today - timedelta(days=cand["fresh_graduate_days"]):
        spans.pop()
    experience = sum(((end or today) - start).days for start, end in spans) / 365.25

    # Skills: years never exceed the career plus 1.5 years learnt while studying.
    cap = experience + 1.5
    profile = t.profiles[track].pick(rng)
    years: dict[str, float] = {}
    for sid in profile.core:
        years[sid] = max(0.5, int(cap * rng.uniform(0.6, 1.0) * 2) / 2)
    for sid in profile.pool.sample(rng, rng.randint(3, 7)):
        if sid not in years:
            years[sid] = max(0.5, int(cap * rng.uniform(0.15, 0.85) * 2) / 2)
    for sid in list(years):
        for parent in t.implied[sid]:
            years[parent] = max(years.get(parent, 0.0), years[sid])

    certifications: list[DemoCertification] = []
    jlpt = t.jlpt.pick(rng) or None
    if jlpt:
        low, high = cand["jlpt_score_range"][jlpt]
        year = rng.randint(max(born.year + 18, today.year - 6), today.year)
        exam = _first_sunday(year, rng.choice((7, 12)))
        while exam > today:
            exam = _first_sunday(exam.year - (exam.month == 7), 12 if exam.month == 7 else 7)
        jlpt_name = raw["certifications"]["jlpt"]["name"]
        certifications.append(
            DemoCertification("jlpt", jlpt_name, jlpt, rng.randint(low, high), exam)
        )
    if rng.random() < cand["jft_basic_rate"].get(jlpt or "", 0.0):
        jft = raw["certifications"]["jft_basic"]
        certifications.append(
            DemoCertification(
                "jft_basic",
                jft["name"],
                jft["level"],
                rng.randint(*jft["score"]),
                today - timedelta(days=rng.randrange(20, 900)),
            )
        )
    if jlpt and rng.random() < cand["itee_rate_with_jlpt"].get(jlpt, 0.0):
        itee = raw["certifications"]["itee"]
        on = today - timedelta(days=rng.randrange(30, 1400))
        certifications.append(DemoCertification("itee", itee["name"], itee["level"], None, on))
    career_start = spans[0][0] if spans else today - timedelta(days=365)
    if rng.random() < cand["cloud_cert_rate"][track]:
        cert = t.cloud_certs.pick(rng)
        score = rng.randint(*cert["score"]) if cert["score"] else None
        on = career_start + timedelta(days=rng.randrange(max(1, (today - career_start).days)))
        certifications.append(DemoCertification("cloud", cert["name"], cert["level"], score, on))
        years.setdefault(cert["provider"], min(cap, 1.0))
    other = raw["certifications"]["other"].get(track)
    if other and rng.random() < cand["other_cert_rate"]:
        name, level = rng.choice(other)
        on = career_start + timedelta(days=rng.randrange(max(1, (today - career_start).days)))
        certifications.append(DemoCertification("other", name, level, None, on))

    skills = tuple(DemoSkill(sid, y) for sid, y in years.items())
    # The headline names technical skills; "Communication" or "Agile" would read oddly there.
    top = sorted((s for s in years if s not in t.soft_skills), key=lambda s: -years[s])[:3]
    top_names = [t.skill_en[s] for s in top]

    # Employment, most recent first, with titles following the seniority ladder.
    ladder = track_spec["ladder"]
    employment: list[DemoEmployment] = []
    previous = ""
    done = 0.0
    for start, end in spans:
        table = t.pk_employers.get((track, city.code)) if rng.random() < 0.7 else None
        employer = (table or t.pk_employers[(track, "")]).pick(rng)
        if employer == previous:
            employer = t.pk_employers[(track, "")].pick(rng)
        previous = employer
        title = _ladder_title(ladder, done)
        if employer.startswith("Freelance"):
            title = f"Freelance {ladder[1]}"
        named = [t.skill_en[s] for s in rng.sample(list(years), min(3, len(years)))]
        named += top_names * 3
        template = rng.choice(raw["employment_descriptions"])
        description = template.format(s1=named[0], s2=named[1], s3=named[2])
        employment.append(DemoEmployment(employer, title, start, end, description))
        done += ((end or today) - start).days / 365.25
    employment.reverse()

    if employment:
        current = employment[0].title.removeprefix("Freelance ")
        headline = f"{current} · {', '.join(top_names)}"
        intro = rng.choice(track_spec["summary"]).format(
            years=_years_text(experience), skills=_join_en(top_names)
        )
    else:
        degree = f"{education[-1].degree} {education[-1].field}"
        headline = f"{degree} graduate · {', '.join(top_names)}"
        intro = rng.choice(raw["tracks"]["_fresh_summary"]).format(
            degree=degree, institution=education[-1].institution, skills=_join_en(top_names)
        )
    japan = rng.choice(raw["tracks"]["_japan_summary"][jlpt or ""])

    salary = cand["salary"]
    expectation = (
        salary["base_jpy"]
        + salary["per_career_year_jpy"] * min(experience, 15)
        + salary["track_premium_jpy"][track]
        + rng.gauss(0, 350_000)
    )
    expectation = min(salary["max_jpy"], max(salary["min_jpy"], round(expectation, -5)))

    return DemoCandidate(
        key=key,
        full_name=f"{first} {last}",
        email=email,
        gender=gender,
        date_of_birth=born,
        cnic=cnic,
        city=city.code,
        province=city.province,
        phone=phone,
        track=track,
        headline=headline,
        summary=f"{intro} {japan}",
        education=tuple(education),
        employment=tuple(employment),
        skills=skills,
        jlpt=jlpt,
        certifications=tuple(certifications),
        english_level=t.english.pick(rng),
        salary_expectation_jpy=int(expectation),
        available_from=_first_of_next_month(today + timedelta(days=rng.randrange(0, 180))),
        willing_to_relocate=rng.random() < cand["relocate_rate"],
        consent=rng.random() < cand["consent_rate"],
        experience_years=round(experience, 1),
    )


# --- employers ---------------------------------------------------------------------------


def demo_employers(n: int, *, seed: int = 7) -> list[DemoEmployer]:
    """``n`` fictional Japanese IT employers with valid corporate numbers.

    Keys run from ``GENERATED_KEY_START``. Names are unique (never a persona's name) and
    composed from words in ``demo.json``; about 85 % are verified.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    spec = demo_data()["jp_employers"]
    rng = random.Random(seed * 1_000_003 + _EMPLOYER_SALT)
    taken = _PERSONA_COMPANY_NAMES
    combos = [
        (p, s) for p in spec["prefixes"] for s in spec["suffixes"] if f"{p[1]} {s[1]}" not in taken
    ]
    rng.shuffle(combos)
    forms = _weighted(((ja, en), w) for ja, en, w in spec["legal_forms"])
    prefectures = _weighted(spec["prefecture_weights"].items())
    sizes = _weighted(spec["size_weights"].items())
    categories = {
        size: _weighted((c, w) for c, w in pairs)
        for size, pairs in spec["category_by_size"].items()
    }
    employers: list[DemoEmployer] = []
    for i in range(n):
        key = GENERATED_KEY_START + i
        (prefix_ja, prefix_en), (suffix_ja, suffix_en, focus) = combos[i % len(combos)]
        repeat = i // len(combos)
        base_en = f"{prefix_en} {suffix_en}" + (f" {repeat + 1}" if repeat else "")
        base_ja = f"{prefix_ja}{suffix_ja}" + (f"{repeat + 1}" if repeat else "")
        form_ja, form_en = forms.pick(rng)
        slug = re.sub(r"[^a-z0-9]+", "-", base_en.lower()).strip("-")
        prefecture = prefectures.pick(rng)
        size = sizes.pick(rng)
        family_ja, family_en = rng.choice(spec["recruiter_family"])
        given_ja, given_en = rng.choice(spec["recruiter_given"])
        domain = f"{slug}.example"
        employers.append(
            DemoEmployer(
                key=key,
                name_en=form_en.format(name=base_en),
                name_ja=form_ja.format(name=base_ja),
                corporate_number=_corporate_number(
                    key, rng.choice(spec["registry_offices"][prefecture])
                ),
                prefecture=prefecture,
                size=size,
                is_sme=size in ("1-49", "50-299"),
                category=categories[size].pick(rng),
                website=f"https://www.{domain}",
                recruiter_name_ja=f"{family_ja} {given_ja}",
                recruiter_name_en=f"{given_en} {family_en}",
                email_domain=domain,
                verified=rng.random() < spec["verified_rate"],
                recruiter_email=f"{given_en}.{family_en}@{domain}".lower(),
                focus_tracks=tuple(focus),
            )
        )
    return employers


# --- jobs --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _JobText:
    """What a job's description is rendered from."""

    language: str
    company: str
    prefecture: str
    title: str
    duties: tuple[str, ...]
    intro: str
    benefits: tuple[str, ...]


def _job_description(
    job: DemoJob, text: _JobText, skill_names: dict[str, str], field_ja: dict[str, str]
) -> str:
    spec = demo_data()["jobs"]
    lang = text.language
    label = spec[f"labels_{lang}"]
    bullet = label["bullet"]
    lines = [text.intro.format(company=text.company, title=text.title, prefecture=text.prefecture)]
    lines += ["", label["duties"], *(bullet + d for d in text.duties)]
    lines.append(label["must"])
    for sid, years in job.must_skills:
        lines.append(bullet + label["must_skill"].format(skill=skill_names[sid], years=_num(years)))
    if job.min_experience_years > max((y for _, y in job.must_skills), default=0):
        lines.append(bullet + label["min_experience"].format(years=_num(job.min_experience_years)))
    field = field_ja.get(job.degree_field, job.degree_field) if lang == "ja" else job.degree_field
    lines.append(bullet + spec[f"degree_{lang}"][job.degree_level or ""].format(field=field))
    if job.nice_skills:
        lines.append(label["nice"])
        lines += [
            bullet + label["nice_skill"].format(skill=skill_names[s]) for s in job.nice_skills
        ]
    lines.append(label["languages"])
    lines.append(bullet + spec[f"jlpt_{lang}"][job.jlpt_min or ""])
    english = spec[f"english_{lang}"][job.english_level or ""]
    if english:
        lines.append(bullet + english)
    style = spec[f"work_style_{lang}"][job.work_style]
    lines.append(
        label["location_line"].format(
            label=label["location"], prefecture=text.prefecture, style=style
        )
    )
    scale = 10_000 if lang == "ja" else 1
    salary = label["salary_range"].format(
        min=job.salary_min_jpy // scale, max=job.salary_max_jpy // scale
    )
    visa = label["visa_support"].format(visa=spec[f"visa_{lang}"][job.visa_route])
    gap = "" if lang == "ja" else " "
    lines.append(f"{label['salary']}{gap}{salary}")
    lines.append(f"{label['visa']}{gap}{visa}")
    if text.benefits:
        lines.append(label["benefits"])
        lines += [bullet + b for b in text.benefits]
    return "\n".join(lines)


def demo_jobs(
    employers: Sequence[DemoEmployer], n: int, *, seed: int = 7, today: date | None = None
) -> list[DemoJob]:
    """``n`` job postings spread over ``employers`` (larger companies post more).

    About half are written in Japanese (【必須】/【歓迎】 style), half in English. Keys run
    from ``GENERATED_KEY_START``; ``employer_key`` is the key of one of ``employers``.
    Jobs of unverified employers are always drafts: they cannot publish before verification.
    """
    if n < 0:
        raise ValueError("n must not be negative")
    if n and not employers:
        raise ValueError("demo_jobs needs at least one employer")
    if n == 0:
        return []
    t = _tables()
    spec = t.raw["jobs"]
    day = today or DEMO_TODAY
    rng = random.Random(seed * 1_000_003 + _JOB_SALT)
    prefectures = {p.code: p for p in geo().prefectures}
    field_ja: dict[str, str] = t.raw["degrees"]["fields_ja"]
    roles_all = _weighted((r, r["weight"]) for r in spec["roles"])
    roles_by_focus: dict[tuple[str, ...], _Weighted[dict[str, Any]]] = {}
    employer_table = _weighted((e, spec["size_job_weight"][e.size]) for e in employers)
    statuses = _weighted(spec["status_weights"].items())
    styles = _weighted(spec["work_style_weights"].items())
    openings = _weighted((o, w) for o, w in spec["openings_weights"])
    min_years = _weighted((y, w) for y, w in spec["min_years_choices"])
    jlpt = {lang: _weighted(w.items()) for lang, w in spec["jlpt_weights"].items()}
    english = {lang: _weighted(w.items()) for lang, w in spec["english_weights"].items()}
    visas = _weighted(spec["visa_weights"].items())
    other_prefectures = _weighted(t.raw["jp_employers"]["prefecture_weights"].items())

    jobs: list[DemoJob] = []
    for i in range(n):
        employer = employer_table.pick(rng)
        if employer.focus_tracks and rng.random() < spec["focus_rate"]:
            focus = employer.focus_tracks
            if focus not in roles_by_focus:
                pairs = [(r, r["weight"]) for r in spec["roles"] if r["track"] in focus]
                roles_by_focus[focus] = _weighted(pairs) if pairs else roles_all
            role = roles_by_focus[focus].pick(rng)
        else:
            role = roles_all.pick(rng)
        lang = "ja" if rng.random() < spec["ja_rate"] else "en"
        must_pool = _weighted((s, w) for s, w in role["must"])
        must_ids = must_pool.sample(rng, rng.choice((2, 2, 3)))
        must = tuple((sid, float(min_years.pick(rng))) for sid in must_ids)
        nice_pool = [s for s in role["nice"] if s not in must_ids]
        nice = tuple(rng.sample(nice_pool, min(len(nice_pool), rng.randint(1, 3))))
        top_years = max(y for _, y in must)
        min_exp = top_years + rng.choice((0.0, 0.0, 1.0, 2.0))
        degree_level = _weighted(role["degree_weights"].items()).pick(rng) or None
        degree_field = rng.choice(role["fields"]) if degree_level else ""
        smin = role["salary_floor_jpy"] + 350_000 * min_exp + rng.randrange(0, 12) * 100_000
        smin = int(min(10_000_000, max(spec["salary_min_jpy"], round(smin, -5))))
        smax = int(min(spec["salary_max_jpy"], smin + rng.randrange(10, 36) * 100_000))
        visa = visas.pick(rng)
        if (
            (visa == "ssw" and role["track"] not in spec["ssw_tracks"])
            or (visa == "ict" and employer.size not in spec["ict_sizes"])
            or (visa == "hsp" and smin < spec["hsp_min_salary_jpy"])
        ):
            visa = "engineer_specialist"
        prefecture = employer.prefecture if rng.random() < 0.88 else other_prefectures.pick(rng)
        status = statuses.pick(rng) if employer.verified else "draft"
        job = DemoJob(
            key=GENERATED_KEY_START + i,
            employer_key=employer.key,
            title=role[f"title_{lang}"],
            description="",
            language=lang,
            openings=openings.pick(rng),
            must_skills=must,
            nice_skills=nice,
            min_experience_years=min_exp,
            degree_level=degree_level,
            degree_field=degree_field,
            jlpt_min=jlpt[lang].pick(rng) or None,
            english_level=english[lang].pick(rng) or None,
            salary_min_jpy=smin,
            salary_max_jpy=smax,
            prefecture=prefecture,
            work_style=styles.pick(rng),
            visa_route=visa,
            start_date=_first_of_next_month(day + timedelta(days=rng.randrange(30, 180))),
            status=status,
            track=role["track"],
        )
        pref = prefectures[prefecture]
        text = _JobText(
            language=lang,
            company=employer.name_ja if lang == "ja" else employer.name_en,
            prefecture=pref.name_ja if lang == "ja" else pref.name_en,
            title=job.title,
            duties=tuple(role[f"duties_{lang}"]),
            intro=rng.choice(spec[f"intro_{lang}"]),
            benefits=tuple(rng.sample(spec[f"benefits_{lang}"], 2)),
        )
        names = t.skill_ja if lang == "ja" else t.skill_en
        jobs.append(_with_description(job, text, names, field_ja))
    return jobs


def _with_description(
    job: DemoJob, text: _JobText, names: dict[str, str], field_ja: dict[str, str]
) -> DemoJob:
    return replace(job, description=_job_description(job, text, names, field_ja))


# --- personas ----------------------------------------------------------------------------


def _persona_employers() -> tuple[DemoEmployer, DemoEmployer]:
    sakura = DemoEmployer(
        key=1,
        name_en="Sakura Technology Co., Ltd.",
        name_ja="株式会社さくらテクノロジー",
        corporate_number=_corporate_number(1, "0104"),
        prefecture="JP-13",
        size="300-999",
        is_sme=False,
        category=2,
        website="https://www.sakura-technology.example",
        recruiter_name_ja="佐藤 美咲",
        recruiter_name_en="Misaki Sato",
        email_domain="sakura-technology.example",
        verified=True,
        recruiter_email="misaki.sato@sakura-technology.example",
        focus_tracks=("ai", "programming", "cloud"),
    )
    aozora = DemoEmployer(
        key=2,
        name_en="Aozora Software LLC",
        name_ja="合同会社あおぞらソフトウェア",
        corporate_number=_corporate_number(2, "1200"),
        prefecture="JP-27",
        size="1-49",
        is_sme=True,
        category=4,
        website="https://www.aozora-software.example",
        recruiter_name_ja="田中 健太",
        recruiter_name_en="Kenta Tanaka",
        email_domain="aozora-software.example",
        verified=False,
        recruiter_email="kenta.tanaka@aozora-software.example",
        focus_tracks=("mobile", "programming"),
    )
    return sakura, aozora


def _persona_candidate() -> DemoCandidate:
    nlp = "Built NLP and LLM features (retrieval, classification) with PyTorch and Hugging Face; "
    return DemoCandidate(
        key=1,
        full_name="Ayesha Khan",
        email="ayesha.khan@mail.example",
        gender="F",
        date_of_birth=date(1999, 4, 12),
        cnic=_cnic(1, "35202", 4),
        city="lahore",
        province="PK-PB",
        phone=_phone(1, "300"),
        track="ai",
        headline="Machine Learning Engineer · Python, PyTorch, NLP",
        summary=(
            "Machine learning engineer with 5 years of experience taking models from notebook "
            "to production with Python, PyTorch and natural language processing. "
            "JLPT N3: comfortable with everyday Japanese at work."
        ),
        education=(
            DemoEducation(
                "bachelor", "Computer Science", "FAST-NUCES Lahore", 2021, "CGPA 3.52/4.00", "BS"
            ),
        ),
        employment=(
            DemoEmployment(
                "Arbisoft",
                "Machine Learning Engineer",
                date(2023, 3, 1),
                None,
                nlp + "deployed models on AWS with Docker and FastAPI.",
            ),
            DemoEmployment(
                "10Pearls",
                "Associate Software Engineer",
                date(2021, 8, 2),
                date(2023, 2, 15),
                "Developed data pipelines and Python back-end services for US clients.",
            ),
        ),
        skills=(
            DemoSkill("python", 5.0),
            DemoSkill("machine-learning", 4.0),
            DemoSkill("deep-learning", 3.5),
            DemoSkill("pytorch", 3.5),
            DemoSkill("nlp", 3.0),
            DemoSkill("llm", 1.5),
            DemoSkill("hugging-face", 2.0),
            DemoSkill("scikit-learn", 4.0),
            DemoSkill("pandas", 4.5),
            DemoSkill("sql", 4.0),
            DemoSkill("fastapi", 2.0),
            DemoSkill("docker", 2.5),
            DemoSkill("aws", 2.0),
            DemoSkill("git", 5.0),
        ),
        jlpt="N3",
        certifications=(
            DemoCertification(
                "jlpt", "Japanese-Language Proficiency Test (JLPT)", "N3", 118, date(2025, 12, 7)
            ),
            DemoCertification(
                "cloud",
                "AWS Certified Solutions Architect – Associate",
                "associate",
                812,
                date(2025, 5, 20),
            ),
        ),
        english_level="fluent",
        salary_expectation_jpy=6_500_000,
        available_from=date(2027, 1, 1),
        willing_to_relocate=True,
        consent=True,
        experience_years=5.2,
    )


def _persona_jobs(sakura: DemoEmployer, aozora: DemoEmployer) -> tuple[DemoJob, ...]:
    t = _tables()
    spec = t.raw["jobs"]
    field_ja: dict[str, str] = t.raw["degrees"]["fields_ja"]
    roles = {r["id"]: r for r in spec["roles"]}
    drafts = [
        (
            sakura,
            "ai_engineer",
            "ja",
            DemoJob(
                key=1,
                employer_key=sakura.key,
                title="AIエンジニア（機械学習・LLM）",
                description="",
                language="ja",
                must_skills=(("python", 3.0), ("machine-learning", 2.0)),
                nice_skills=("pytorch", "llm", "aws"),
                min_experience_years=3.0,
                degree_level="bachelor",
                degree_field="Computer Science",
                jlpt_min="N3",
                english_level="business",
                salary_min_jpy=6_000_000,
                salary_max_jpy=8_500_000,
                work_style="hybrid",
                visa_route="hsp",
                status="open",
                track="ai",
                openings=2,
                prefecture="JP-13",
                start_date=date(2027, 4, 1),
            ),
        ),
        (
            sakura,
            "backend_python",
            "en",
            DemoJob(
                key=2,
                employer_key=sakura.key,
                title="Backend Engineer (Python / Django)",
                description="",
                language="en",
                must_skills=(("python", 3.0), ("django", 2.0)),
                nice_skills=("aws", "docker", "postgresql"),
                min_experience_years=3.0,
                degree_level="bachelor",
                degree_field="Computer Science",
                jlpt_min=None,
                english_level="business",
                salary_min_jpy=5_000_000,
                salary_max_jpy=7_500_000,
                work_style="hybrid",
                visa_route="engineer_specialist",
                status="open",
                track="programming",
                openings=2,
                prefecture="JP-13",
                start_date=date(2027, 4, 1),
            ),
        ),
        (
            sakura,
            "cloud_infra",
            "ja",
            DemoJob(
                key=3,
                employer_key=sakura.key,
                title="クラウドインフラエンジニア（AWS）",
                description="",
                language="ja",
                must_skills=(("aws", 3.0), ("linux", 2.0), ("terraform", 1.0)),
                nice_skills=("kubernetes", "python"),
                min_experience_years=3.0,
                degree_level="bachelor",
                degree_field="Computer Science",
                jlpt_min="N2",
                english_level=None,
                salary_min_jpy=5_500_000,
                salary_max_jpy=8_000_000,
                work_style="onsite",
                visa_route="engineer_specialist",
                status="open",
                track="cloud",
                openings=2,
                prefecture="JP-13",
                start_date=date(2027, 4, 1),
            ),
        ),
        (
            aozora,
            "mobile_flutter",
            "en",
            DemoJob(
                key=4,
                employer_key=aozora.key,
                title="Mobile App Engineer (Flutter)",
                description="",
                language="en",
                openings=1,
                must_skills=(("flutter", 2.0), ("dart", 2.0)),
                nice_skills=("android", "ios"),
                min_experience_years=2.0,
                degree_level=None,
                degree_field="",
                jlpt_min="N4",
                english_level="business",
                salary_min_jpy=4_200_000,
                salary_max_jpy=6_000_000,
                prefecture="JP-27",
                work_style="remote",
                visa_route="engineer_specialist",
                start_date=date(2027, 4, 1),
                status="draft",
                track="mobile",
            ),
        ),
    ]
    prefectures = {p.code: p for p in geo().prefectures}
    jobs = []
    for employer, role_id, lang, job in drafts:
        role = roles[role_id]
        pref = prefectures[job.prefecture]
        text = _JobText(
            language=lang,
            company=employer.name_ja if lang == "ja" else employer.name_en,
            prefecture=pref.name_ja if lang == "ja" else pref.name_en,
            title=job.title,
            duties=tuple(role[f"duties_{lang}"]),
            intro=spec[f"intro_{lang}"][0],
            benefits=tuple(spec[f"benefits_{lang}"][:2]),
        )
        names = t.skill_ja if lang == "ja" else t.skill_en
        jobs.append(_with_description(job, text, names, field_ja))
    return tuple(jobs)


def _personas() -> DemoPersonas:
    sakura, aozora = _persona_employers()
    return DemoPersonas(
        candidate=_persona_candidate(),
        employer=sakura,
        unverified_employer=aozora,
        jobs=_persona_jobs(sakura, aozora),
    )


DEMO_PERSONAS: DemoPersonas = _personas()
"""Ayesha Khan (candidate, Lahore, AI/ML, JLPT N3, consent given); Sakura Technology (Tokyo,
verified, recruiter Misaki Sato, three open jobs); Aozora Software (Osaka, unverified, one draft).
Keys 1 and 2: below GENERATED_KEY_START, so they never clash with generated rows."""
