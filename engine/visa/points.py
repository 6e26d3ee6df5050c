"""Highly Skilled Professional (i)(b) points: :func:`hsp_points`.

The table itself lives in ``engine/data/visa_rules.json``; this module only turns an
applicant and an offer into named facts and adds up the rows whose conditions hold.
"""

from __future__ import annotations

from datetime import date

from engine.levels import jlpt_rank
from engine.visa.model import HspLine, HspResult, Msg, ParamValue, VisaApplicant, VisaOffer, msg
from engine.visa.rules import FactValue, HspRules, PointsRow, VisaRules, visa_rules


def age_on(date_of_birth: date, on: date) -> int:
    """Completed years of age on the day ``on``."""
    had_birthday = (on.month, on.day) >= (date_of_birth.month, date_of_birth.day)
    return on.year - date_of_birth.year - (0 if had_birthday else 1)


def applicant_age(applicant: VisaApplicant) -> int | None:
    """Age in completed years at the application date, or None when not given.
    ``age_years`` wins over a date of birth when both are set."""
    if applicant.age_years is not None:
        return applicant.age_years
    if applicant.date_of_birth is not None and applicant.application_date is not None:
        return age_on(applicant.date_of_birth, applicant.application_date)
    return None


def hsp_degree(applicant: VisaApplicant) -> str | None:
    """The applicant's tier for the degree item: doctorate, mba_mot, master, bachelor or
    None (below a bachelor's). An MBA/MOT outranks a master's but not a doctorate."""
    level = applicant.highest_degree
    if level == "doctorate":
        return "doctorate"
    if applicant.has_mba_or_mot:
        return "mba_mot"
    if level in ("master", "bachelor"):
        return level
    return None


def hsp_facts(applicant: VisaApplicant, offer: VisaOffer) -> dict[str, FactValue]:
    """The named facts the points rows test (see ``engine.visa.rules.FACTS``).
    Money in yen, experience and age in years; ``jlpt`` is a rank (N1 = 5, none = 0)."""
    return {
        "hsp_degree": hsp_degree(applicant),
        "degrees_in_multiple_fields": applicant.degrees_in_multiple_fields,
        "experience_years": applicant.experience_years,
        "salary_yen": offer.annual_salary_yen,
        "age": applicant_age(applicant),
        "research_achievements": applicant.research_achievements,
        "japanese_licences_and_it_exams": applicant.it_exam_passes + applicant.japanese_licences,
        "employer_innovation_support": offer.employer_innovation_support,
        "employer_sme": offer.employer_sme,
        "employer_sme_rd_over_3pct": offer.employer_sme_rd_over_3pct,
        "employer_local_government_hsp_support": offer.employer_local_government_hsp_support,
        "foreign_work_qualifications": applicant.foreign_work_qualifications,
        "japanese_university_degree": applicant.japanese_university_degree,
        "jlpt": jlpt_rank(applicant.jlpt),
        "bjt_score": applicant.bjt_score,
        "japanese_major_foreign_university": applicant.japanese_major_foreign_university,
        "growth_field_project": offer.growth_field_project,
        "designated_university": applicant.designated_university,
        "jica_innovative_asia_training": applicant.jica_innovative_asia_training,
        "investment_management_business": offer.investment_management_business,
    }


def years_text(years: float) -> str:
    """7.0 → "7", 7.5 → "7.5"."""
    return f"{years:g}"


def _param(value: FactValue) -> ParamValue | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        return years_text(value)
    return value


def row_params(row: PointsRow, facts: dict[str, FactValue]) -> dict[str, ParamValue]:
    """Parameters for a row's explanation: ``points``, the value of every fact the row
    reads, and its thresholds as ``min_<fact>`` (for gte) and ``<fact>_under`` (for lt)."""
    params: dict[str, ParamValue] = {"points": row.points}
    for condition in row.when:
        for fact in condition.facts_used():
            value = _param(facts[fact])
            if value is not None:
                params[fact] = value
        if not condition.any_of and condition.op in ("gte", "lt"):
            name = f"min_{condition.fact}" if condition.op == "gte" else f"{condition.fact}_under"
            threshold = _param(condition.value)
            if threshold is not None:
                params[name] = threshold
    return params


def _age_closed_note(row: PointsRow, facts: dict[str, FactValue], awarded: int) -> Msg | None:
    """A note when ``row`` would give more than ``awarded`` points but for the age limit
    (e.g. ¥5,000,000 at 35: the band is for under-35s only)."""
    if row.points <= awarded or facts["age"] is None:
        return None
    age_conditions = [c for c in row.when if c.facts_used() == {"age"}]
    other = [c for c in row.when if c.facts_used() != {"age"}]
    if not age_conditions or not other:
        return None
    if all(c.holds(facts) for c in other) and not all(c.holds(facts) for c in age_conditions):
        return msg("hsp.note.age_closed_band", **row_params(row, facts))
    return None


def _permanent_residence(total: int, floor_met: bool, rules: HspRules) -> Msg:
    if floor_met and total >= rules.fast_track_points:
        return msg("hsp.pr.fast_track", years=rules.pr_years_at_fast_track)
    if floor_met and total >= rules.pass_points:
        return msg(
            "hsp.pr.pass",
            years=rules.pr_years_at_pass,
            fast_years=rules.pr_years_at_fast_track,
            fast_points=rules.fast_track_points,
        )
    return msg("hsp.pr.none", pass_points=rules.pass_points)


def hsp_points(
    applicant: VisaApplicant, offer: VisaOffer, *, rules: VisaRules | None = None
) -> HspResult:
    """Points for Highly Skilled Professional (i)(b) with a line-by-line breakdown.

    Inputs: the applicant and the offer (salary in yen per year, incl. bonus). Output:
    total points, the awarded rows (item, points, rule id, explanation, tag, sources),
    whether the salary floor (¥3,000,000) is met, the 70/80 thresholds, notes on rows
    lost to an age limit or to missing inputs, and the permanent-residence note
    (70 points: 3 years; 80 points: 1 year). ``rules`` defaults to the shipped table.
    """
    rules = rules or visa_rules()
    table = rules.hsp
    facts = hsp_facts(applicant, offer)
    lines: list[HspLine] = []
    notes: list[Msg] = []
    for group in table.groups:
        rows = [r for r in table.rows if r.group == group.id]
        matched = [r for r in rows if r.matches(facts)]
        if group.pick == "highest":
            matched = matched[:1]
        awarded = sum(r.points for r in matched)
        lines.extend(
            HspLine(
                rule_id=r.id,
                item=msg(group.item),
                points=r.points,
                explanation=msg(r.message, **row_params(r, facts)),
                tag=r.tag,
                sources=r.sources,
            )
            for r in matched
        )
        for r in rows:
            note = _age_closed_note(r, facts, awarded)
            if note is not None:
                notes.append(note)
                break  # the best band lost to age is enough to explain
    salary = offer.annual_salary_yen
    floor_met = salary >= table.salary_floor_yen
    if not floor_met:
        notes.append(
            msg("hsp.note.below_floor", salary_yen=salary, floor_yen=table.salary_floor_yen)
        )
    if facts["age"] is None:
        notes.append(msg("hsp.note.age_unknown"))
    total = sum(line.points for line in lines)
    return HspResult(
        total=total,
        lines=tuple(lines),
        salary_floor_yen=table.salary_floor_yen,
        salary_floor_met=floor_met,
        pass_points=table.pass_points,
        fast_track_points=table.fast_track_points,
        notes=tuple(notes),
        permanent_residence=_permanent_residence(total, floor_met, table),
        rules_version=rules.version,
    )
