"""The smallest single change that opens a route or adds points: :func:`smallest_changes`.

Each kind of change (next JLPT level, next salary band, one more IPA pass, more years of
experience, …) is tried in ascending size; the first size that helps is the suggestion
for that kind. Nothing is suggested that would close a route that is open now.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator

from engine.levels import DEGREE_LEVELS, JLPT_LEVELS, degree_rank, jlpt_rank
from engine.visa.model import Msg, Suggestion, VisaApplicant, VisaOffer, msg
from engine.visa.points import applicant_age, hsp_points, years_text
from engine.visa.routes import ROUTES, eligible_routes
from engine.visa.rules import VisaRules, visa_rules

Variant = tuple[Msg, VisaApplicant, VisaOffer]


def _jlpt(a: VisaApplicant, o: VisaOffer, rules: VisaRules) -> Iterator[Variant]:
    for level in JLPT_LEVELS[jlpt_rank(a.jlpt) :]:
        yield msg("change.jlpt", level=level), dataclasses.replace(a, jlpt=level), o


def _equal_pay(a: VisaApplicant, o: VisaOffer, rules: VisaRules) -> Iterator[Variant]:
    if o.pay_at_least_japanese_equivalent is False:
        yield (
            msg("change.equal_pay"),
            a,
            dataclasses.replace(o, pay_at_least_japanese_equivalent=True),
        )


def _jft_basic(a: VisaApplicant, o: VisaOffer, rules: VisaRules) -> Iterator[Variant]:
    passing = rules.ssw.jft_basic_pass_score
    if o.ssw_field is not None and (a.jft_basic_score or 0) < passing:
        yield (
            msg("change.jft_basic", score=passing),
            dataclasses.replace(a, jft_basic_score=passing),
            o,
        )


def _it_exam(a: VisaApplicant, o: VisaOffer, rules: VisaRules) -> Iterator[Variant]:
    yield msg("change.it_exam"), dataclasses.replace(a, it_exam_passes=a.it_exam_passes + 1), o


def _foreign_qualification(a: VisaApplicant, o: VisaOffer, rules: VisaRules) -> Iterator[Variant]:
    if a.foreign_work_qualifications == 0:
        yield (
            msg("change.foreign_qualification"),
            dataclasses.replace(a, foreign_work_qualifications=1),
            o,
        )


def salary_steps(rules: VisaRules) -> tuple[int, ...]:
    """Salaries (yen) where something changes: the HSP floor and every band in the table."""
    steps = {rules.hsp.salary_floor_yen}
    for row in rules.hsp.rows:
        for c in row.when:
            if c.fact == "salary_yen" and c.op == "gte" and isinstance(c.value, int):
                steps.add(c.value)
    return tuple(sorted(steps))


def _salary(a: VisaApplicant, o: VisaOffer, rules: VisaRules) -> Iterator[Variant]:
    for target in salary_steps(rules):
        if target > o.annual_salary_yen:
            change = msg("change.salary", salary_yen=target, raise_yen=target - o.annual_salary_yen)
            yield change, a, dataclasses.replace(o, annual_salary_yen=target)


def _experience(a: VisaApplicant, o: VisaOffer, rules: VisaRules) -> Iterator[Variant]:
    # Experience only grows with time: the applicant ages by the same years, which can
    # cost age and salary points, so the effect is the net one.
    age = applicant_age(a)
    for extra in range(1, rules.max_extra_experience_years + 1):
        later = dataclasses.replace(
            a,
            experience_years=a.experience_years + extra,
            age_years=None if age is None else age + extra,
            date_of_birth=None,
            application_date=None,
        )
        yield msg("change.experience", years=years_text(later.experience_years)), later, o


def _degree(a: VisaApplicant, o: VisaOffer, rules: VisaRules) -> Iterator[Variant]:
    current = degree_rank(a.highest_degree)
    for level in ("bachelor", "master", "doctorate"):
        if DEGREE_LEVELS.index(level) + 1 > current:
            yield (
                msg("change.degree", degree=msg(f"degree.{level}")),
                dataclasses.replace(a, highest_degree=level),
                o,
            )
            return


CHANGES: dict[str, Callable[[VisaApplicant, VisaOffer, VisaRules], Iterator[Variant]]] = {
    "jlpt": _jlpt,
    "equal_pay": _equal_pay,
    "jft_basic": _jft_basic,
    "it_exam": _it_exam,
    "foreign_qualification": _foreign_qualification,
    "salary": _salary,
    "experience": _experience,
    "degree": _degree,
}


def _message(
    change: Msg, opened: tuple[str, ...], before: int, after: int, reached: tuple[str, int] | None
) -> Msg:
    """The suggestion's sentence. ``reached`` is ("pass" | "fast", threshold) when the
    change crosses an HSP mark."""
    delta = after - before
    others = [r for r in opened if r != "hsp_ib"]
    if others:
        route = msg(f"route.{others[0]}")
        if delta > 0:
            return msg(
                "suggest.opens_and_points",
                change=change,
                route=route,
                delta=delta,
                before=before,
                after=after,
            )
        return msg("suggest.opens", change=change, route=route)
    if reached is not None:
        mark, threshold = reached
        message_id = "suggest.points_reach" if mark == "pass" else "suggest.points_reach_fast"
        return msg(message_id, change=change, delta=delta, after=after, threshold=threshold)
    return msg("suggest.points", change=change, delta=delta, before=before, after=after)


def smallest_changes(
    applicant: VisaApplicant, offer: VisaOffer, *, rules: VisaRules | None = None
) -> list[Suggestion]:
    """Single-step changes that would open a route or add HSP points, best first.

    Tries each kind in ``changes.order`` of the rules data (JLPT level, equal pay,
    JFT-Basic, one more IPA/ITEE pass, a foreign qualification, the next salary band,
    more years of experience, the next degree) and keeps the smallest step of each kind
    that helps without closing an open route. Ordered by routes opened, then reaching the
    HSP pass or fast-track mark, then points added, then the data's order.
    """
    rules = rules or visa_rules()
    base_points = hsp_points(applicant, offer, rules=rules)
    base_routes = set(eligible_routes(applicant, offer, rules=rules))
    found: list[tuple[tuple[int, int, int, int], Suggestion]] = []
    for rank, kind in enumerate(rules.change_order):
        try:
            generate = CHANGES[kind]
        except KeyError:
            raise ValueError(f"visa rules: unknown change kind {kind!r}") from None
        for change, new_applicant, new_offer in generate(applicant, offer, rules):
            points = hsp_points(new_applicant, new_offer, rules=rules)
            routes = set(eligible_routes(new_applicant, new_offer, rules=rules))
            if base_routes - routes:
                continue
            opened = tuple(r for r in ROUTES if r in routes - base_routes)
            delta = points.total - base_points.total
            if not opened and delta <= 0:
                continue
            reached: tuple[str, int] | None = None
            if points.fast_track and not base_points.fast_track:
                reached = ("fast", points.fast_track_points)
            elif points.passes and not base_points.passes:
                reached = ("pass", points.pass_points)
            suggestion = Suggestion(
                change=kind,
                message=_message(change, opened, base_points.total, points.total, reached),
                points_before=base_points.total,
                points_after=points.total,
                routes_opened=opened,
            )
            found.append(((-len(opened), -(reached is not None), -delta, rank), suggestion))
            break
    return [s for _, s in sorted(found, key=lambda pair: pair[0])]
