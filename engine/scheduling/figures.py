"""Objective figures of a plan, computed from its assignments alone.

:func:`plan_objective` is the exact objective the CP-SAT model maximises, so any plan (the
solver's, the greedy baseline's, a hand-made one) is scored the same way.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from engine.scheduling.distance import city_distance_km
from engine.scheduling.model import KARACHI, Assignment, MissionProblem, ObjectiveWeights


def candidate_day_starts(problem: MissionProblem) -> dict[tuple[str, date], int]:
    """(candidate id, day) -> the first minute the candidate is free that day."""
    first: dict[tuple[str, date], int] = {}
    for c in problem.candidates:
        for w in c.availability:
            key = (c.candidate_id, w.day)
            first[key] = min(first.get(key, w.start_min), w.start_min)
    return first


def request_value(weights: ObjectiveWeights, priority: float) -> int:
    """What scheduling one request adds to the objective (integer)."""
    return weights.interview + round(weights.priority * priority)


def lateness(
    day_starts: dict[tuple[str, date], int], candidate_id: str, day: date, start_min: int
) -> int:
    """Minutes from the candidate's first free minute of ``day`` to an interview's start.

    Charged per interview, it pulls a candidate's interviews to the start of their day and
    so together: a linear stand-in for idle time (which would need a span per day)."""
    return start_min - day_starts[(candidate_id, day)]


def travel_cost(weights: ObjectiveWeights, home: str, city: str) -> int:
    """Objective cost of a candidate from ``home`` attending in ``city`` (0 at home)."""
    if city == home:
        return 0
    return weights.city_visit + weights.travel_per_km * city_distance_km(home, city)


@dataclass(frozen=True, slots=True)
class PlanMeasures:
    """Quality measures of a set of assignments (see :class:`PlanFigures`)."""

    scheduled: int
    scheduled_online: int
    priority_scheduled: float
    travel_km: int
    city_changes: int
    candidates_away: int
    idle_minutes: int
    panel_load_spread: int
    objective: int


def plan_measures(
    problem: MissionProblem,
    assignments: Sequence[Assignment],
    weights: ObjectiveWeights | None = None,
) -> PlanMeasures:
    """Measure ``assignments`` against ``problem``; the objective uses ``weights``."""
    w = weights or ObjectiveWeights()
    priority = {r.request_id: r.priority for r in problem.requests}
    home = {c.candidate_id: c.preferred_city for c in problem.candidates}
    city_of_leg = {leg.leg_id: leg.city for leg in problem.legs}
    day_starts = candidate_day_starts(problem)
    objective = 0
    cities: dict[str, set[str]] = defaultdict(set)
    starts: dict[tuple[str, date], list[tuple[int, int]]] = defaultdict(list)
    load: Counter[str] = Counter()
    for a in assignments:
        objective += request_value(w, priority[a.request_id])
        if a.online:
            objective -= w.online
        else:
            cities[a.candidate_id].add(city_of_leg[a.leg_id])
        local = a.start.astimezone(KARACHI)
        s = local.hour * 60 + local.minute
        e = s + int((a.end - a.start).total_seconds() // 60)
        starts[(a.candidate_id, local.date())].append((s, e))
        objective -= w.late_per_minute * lateness(day_starts, a.candidate_id, local.date(), s)
        load[a.panel_id] += 1
    travel_km = 0
    for cid, visited in cities.items():
        for city in visited:
            objective -= travel_cost(w, home[cid], city)
            travel_km += city_distance_km(home[cid], city)
    idle = 0
    for spans in starts.values():
        spans.sort()
        idle += sum(max(0, b[0] - a[1]) for a, b in itertools.pairwise(spans))
    panels: dict[str, list[str]] = defaultdict(list)
    for p in problem.panels:
        panels[p.employer_id].append(p.panel_id)
    spread = 0
    for ids in panels.values():
        if len(ids) >= 2:
            loads = [load[i] for i in ids]
            objective -= w.panel_max_load * max(loads)
            spread += max(loads) - min(loads)
    return PlanMeasures(
        scheduled=len(assignments),
        scheduled_online=sum(1 for a in assignments if a.online),
        priority_scheduled=round(sum(priority[a.request_id] for a in assignments), 4),
        travel_km=travel_km,
        city_changes=sum(max(0, len(v) - 1) for v in cities.values()),
        candidates_away=sum(1 for cid, v in cities.items() if v - {home[cid]}),
        idle_minutes=idle,
        panel_load_spread=spread,
        objective=objective,
    )
