"""The visa rules as data: ``engine/data/visa_rules.json``, loaded and checked once.

Points rows carry conditions over named *facts* (see :data:`FACTS`), so revising the
Ministry's table means editing the JSON, not this code. Unknown facts, operators,
groups or sources raise ``ValueError`` at load time, naming the offending row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from engine.levels import DEGREE_LEVELS, jlpt_rank
from engine.visa.model import Source

DATA = Path(__file__).resolve().parents[1] / "data" / "visa_rules.json"

FactValue = int | float | bool | str | None

# The facts a points row may test, and their kind. Built by engine.visa.points.hsp_facts.
FACTS: dict[str, str] = {
    "hsp_degree": "str",
    "degrees_in_multiple_fields": "bool",
    "experience_years": "number",
    "salary_yen": "number",
    "age": "number",
    "research_achievements": "number",
    "japanese_licences_and_it_exams": "number",
    "employer_innovation_support": "bool",
    "employer_sme": "bool",
    "employer_sme_rd_over_3pct": "bool",
    "employer_local_government_hsp_support": "bool",
    "foreign_work_qualifications": "number",
    "japanese_university_degree": "bool",
    "jlpt": "jlpt",
    "bjt_score": "number",
    "japanese_major_foreign_university": "bool",
    "growth_field_project": "bool",
    "designated_university": "bool",
    "jica_innovative_asia_training": "bool",
    "investment_management_business": "bool",
}
OPERATORS = ("is", "is_not", "gte", "lt")
TAG_STRENGTH = {"O": 2, "S": 1, "U": 0}


@dataclass(frozen=True)
class Condition:
    """``fact <op> value``, or, when ``any_of`` is set, true if any of those holds."""

    fact: str = ""
    op: str = ""
    value: FactValue = None
    any_of: tuple[Condition, ...] = ()

    def holds(self, facts: dict[str, FactValue]) -> bool:
        """Evaluate against ``facts``; an unknown (None) number never satisfies gte/lt."""
        if self.any_of:
            return any(c.holds(facts) for c in self.any_of)
        actual = facts[self.fact]
        if self.op == "is":
            return actual == self.value
        if self.op == "is_not":
            return actual != self.value
        if actual is None or self.value is None:
            return False
        if not isinstance(actual, int | float) or not isinstance(self.value, int | float):
            raise ValueError(f"fact {self.fact!r} is not a number")
        if self.op == "gte":
            return actual >= self.value
        return actual < self.value  # "lt"

    def facts_used(self) -> frozenset[str]:
        """Names of the facts this condition reads."""
        if self.any_of:
            return frozenset().union(*(c.facts_used() for c in self.any_of))
        return frozenset({self.fact})


@dataclass(frozen=True)
class PointsGroup:
    """``pick``: "highest" gives only the best matching row, "all" adds every match."""

    id: str
    pick: str
    item: str  # message id of the item's name


@dataclass(frozen=True)
class PointsRow:
    id: str
    group: str
    points: int
    when: tuple[Condition, ...]
    tag: str
    sources: tuple[Source, ...]
    message: str  # message id of the line's explanation
    note: str = ""

    def matches(self, facts: dict[str, FactValue]) -> bool:
        """All conditions hold."""
        return all(c.holds(facts) for c in self.when)


@dataclass(frozen=True)
class HspRules:
    salary_floor_yen: int
    pass_points: int
    fast_track_points: int
    pr_years_at_pass: int
    pr_years_at_fast_track: int
    degree_tiers: tuple[str, ...]
    groups: tuple[PointsGroup, ...]
    rows: tuple[PointsRow, ...]
    tag: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Duty:
    id: str
    family: str | None  # engineer | humanities | international_services | None
    it: bool
    graduate_waiver: bool


@dataclass(frozen=True)
class EngineerRules:
    min_degree: str
    experience_years: float
    international_services_experience_years: float
    it_notice_countries: frozenset[str]
    fewer_documents_categories: frozenset[int]
    tag: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class JSkipRules:
    salary_yen: int
    min_degree: str
    or_experience_years: float
    tag: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class SswRules:
    fields: tuple[str, ...]
    jft_basic_pass_score: int
    jlpt_min: str
    min_age: int
    extra_tests: dict[str, str]  # field -> message id
    max_total_years: int
    tag: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class IntraCompanyRules:
    min_years_at_group_office: float
    duty_families: frozenset[str]
    tag: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class VisaRules:
    version: str
    sources: dict[str, Source]
    hsp: HspRules
    j_skip: JSkipRules
    duties: dict[str, Duty]
    engineer: EngineerRules
    ssw: SswRules
    intra_company: IntraCompanyRules
    change_order: tuple[str, ...]
    max_extra_experience_years: int

    def duty(self, duty_id: str) -> Duty:
        """The duties category ``duty_id``; ValueError naming the known ones otherwise."""
        try:
            return self.duties[duty_id]
        except KeyError:
            known = ", ".join(sorted(self.duties))
            raise ValueError(f"unknown duties {duty_id!r}; expected one of: {known}") from None


def weakest_tag(*tags: str) -> str:
    """The least certain of ``tags`` ("U" < "S" < "O")."""
    return min(tags, key=TAG_STRENGTH.__getitem__)


def _sources(ids: list[str], known: dict[str, Source], where: str) -> tuple[Source, ...]:
    missing = [i for i in ids if i not in known]
    if missing or not ids:
        raise ValueError(f"visa rules: {where} cites unknown or no sources {missing}")
    return tuple(known[i] for i in ids)


def _tag(value: str, where: str) -> str:
    if value not in TAG_STRENGTH:
        raise ValueError(f"visa rules: {where} has tag {value!r}; expected O, S or U")
    return value


def _condition(raw: dict[str, Any], where: str) -> Condition:
    if "any" in raw:
        return Condition(any_of=tuple(_condition(c, where) for c in raw["any"]))
    fact = raw.get("fact", "")
    if fact not in FACTS:
        raise ValueError(f"visa rules: {where} tests unknown fact {fact!r}")
    ops = [k for k in raw if k != "fact"]
    if len(ops) != 1 or ops[0] not in OPERATORS:
        raise ValueError(f"visa rules: {where} needs exactly one of {OPERATORS}, got {ops}")
    op = ops[0]
    value = raw[op]
    if FACTS[fact] == "jlpt":
        value = jlpt_rank(value)  # compare JLPT as an order: N1 > N2 > … > none
    return Condition(fact=fact, op=op, value=value)


def _hsp(raw: dict[str, Any], sources: dict[str, Source]) -> HspRules:
    groups = tuple(PointsGroup(g["id"], g["pick"], g["item"]) for g in raw["groups"])
    group_ids = {g.id for g in groups}
    for g in groups:
        if g.pick not in ("highest", "all"):
            raise ValueError(f"visa rules: group {g.id} pick must be 'highest' or 'all'")
    tiers = tuple(raw["degree_tiers"])
    rows = []
    seen: set[str] = set()
    for r in raw["rows"]:
        where = f"points row {r.get('id')!r}"
        if r["id"] in seen:
            raise ValueError(f"visa rules: duplicate {where}")
        seen.add(r["id"])
        if r["group"] not in group_ids:
            raise ValueError(f"visa rules: {where} is in unknown group {r['group']!r}")
        when = tuple(_condition(c, where) for c in r["when"])
        for c in when:
            if c.fact == "hsp_degree" and c.op == "is" and c.value not in tiers:
                raise ValueError(f"visa rules: {where} names unknown degree tier {c.value!r}")
        rows.append(
            PointsRow(
                id=r["id"],
                group=r["group"],
                points=int(r["points"]),
                when=when,
                tag=_tag(r["tag"], where),
                sources=_sources(r["sources"], sources, where),
                message=r.get("message", f"hsp.rule.{r['id']}"),
                note=r.get("note", ""),
            )
        )
    pr = raw["permanent_residence"]
    return HspRules(
        salary_floor_yen=int(raw["salary_floor_yen"]),
        pass_points=int(raw["pass_points"]),
        fast_track_points=int(raw["fast_track_points"]),
        pr_years_at_pass=int(pr["years_at_pass_points"]),
        pr_years_at_fast_track=int(pr["years_at_fast_track_points"]),
        degree_tiers=tiers,
        groups=groups,
        # Highest-points first, so "highest" groups take the first match.
        rows=tuple(sorted(rows, key=lambda row: -row.points)),
        tag=_tag(raw["tag"], "hsp_ib"),
        sources=_sources(raw["sources"], sources, "hsp_ib"),
    )


def _degree(level: str, where: str) -> str:
    if level not in DEGREE_LEVELS:
        raise ValueError(f"visa rules: {where} names unknown degree {level!r}")
    return level


def load_visa_rules(path: Path = DATA) -> VisaRules:
    """Read and check the rules file at ``path``. Raises ValueError on a bad file."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    sources = {
        sid: Source(sid, s["title"], s["url"], _tag(s["tag"], f"source {sid}"))
        for sid, s in raw["sources"].items()
    }
    js = raw["j_skip"]
    eng = raw["engineer_humanities_intl"]
    ssw = raw["ssw_i"]
    ict = raw["intra_company_transferee"]
    duties = {
        did: Duty(did, d["family"], bool(d["it"]), bool(d.get("graduate_waiver", False)))
        for did, d in raw["duties"].items()
    }
    families = {d.family for d in duties.values()} - {None}
    if not set(ict["duty_families"]) <= families:
        raise ValueError("visa rules: intra_company_transferee names unknown duty families")
    extra_tests = dict(ssw.get("extra_tests", {}))
    if not set(extra_tests) <= set(ssw["fields"]):
        raise ValueError("visa rules: ssw_i extra_tests names a field not in fields")
    changes = raw["changes"]
    return VisaRules(
        version=raw["version"],
        sources=sources,
        hsp=_hsp(raw["hsp_ib"], sources),
        j_skip=JSkipRules(
            salary_yen=int(js["salary_yen"]),
            min_degree=_degree(js["min_degree"], "j_skip"),
            or_experience_years=float(js["or_experience_years"]),
            tag=_tag(js["tag"], "j_skip"),
            sources=_sources(js["sources"], sources, "j_skip"),
        ),
        duties=duties,
        engineer=EngineerRules(
            min_degree=_degree(eng["min_degree"], "engineer_humanities_intl"),
            experience_years=float(eng["experience_years"]),
            international_services_experience_years=float(
                eng["international_services_experience_years"]
            ),
            it_notice_countries=frozenset(eng["it_notice"]["listed_countries"]),
            fewer_documents_categories=frozenset(eng["employer_categories"]["fewer_documents"]),
            tag=_tag(eng["tag"], "engineer_humanities_intl"),
            sources=_sources(eng["sources"], sources, "engineer_humanities_intl"),
        ),
        ssw=SswRules(
            fields=tuple(ssw["fields"]),
            jft_basic_pass_score=int(ssw["jft_basic_pass_score"]),
            jlpt_min=ssw["jlpt_min"],
            min_age=int(ssw["min_age"]),
            extra_tests=extra_tests,
            max_total_years=int(ssw["max_total_years"]),
            tag=_tag(ssw["tag"], "ssw_i"),
            sources=_sources(ssw["sources"], sources, "ssw_i"),
        ),
        intra_company=IntraCompanyRules(
            min_years_at_group_office=float(ict["min_years_at_group_office"]),
            duty_families=frozenset(ict["duty_families"]),
            tag=_tag(ict["tag"], "intra_company_transferee"),
            sources=_sources(ict["sources"], sources, "intra_company_transferee"),
        ),
        change_order=tuple(changes["order"]),
        max_extra_experience_years=int(changes["max_extra_experience_years"]),
    )


@cache
def visa_rules() -> VisaRules:
    """The shipped rules, loaded once per process."""
    return load_visa_rules()
