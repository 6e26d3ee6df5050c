"""The CP-SAT model of the interview timetable (see docs/scheduling.md for the model).

:func:`build_model` models the requests that are free to move around everything that stays
fixed (kept interviews of a re-plan, or the rest of the plan around a large-neighbourhood
search window): fixed interviews are not variables, their resources are taken out of the
model and their objective terms are a constant, so the model's objective is the objective
of the whole plan."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from time import perf_counter
from typing import TypeVar

from ortools.sat.python import cp_model

from engine.scheduling.figures import candidate_day_starts, lateness, request_value, travel_cost
from engine.scheduling.model import ObjectiveWeights
from engine.scheduling.options import Option
from engine.scheduling.plan import Prepared
from engine.scheduling.usage import ResourceUsage

T = TypeVar("T")


def interval_cliques(items: Sequence[tuple[int, int, T]], pad: int = 0) -> list[list[T]]:
    """The maximal groups (of two or more) of ``(start, end, payload)`` items whose
    ``[start, end + pad)`` intervals share a point: for interval graphs, "at most one of each
    group" is exactly "no two overlap"."""
    ordered = sorted(items, key=lambda it: it[0])
    cliques: list[list[T]] = []
    active: list[tuple[int, int, T]] = []
    grew = False
    i = 0
    while i < len(ordered):
        tau = ordered[i][0]
        still = [a for a in active if a[1] + pad > tau]
        if grew and len(still) < len(active):
            cliques.append([a[2] for a in active])
            grew = False
        active = still
        while i < len(ordered) and ordered[i][0] == tau:
            active.append(ordered[i])
            i += 1
        grew = True
    if grew:
        cliques.append([a[2] for a in active])
    return [c for c in cliques if len(c) >= 2]


@dataclass
class CpTimetable:
    """The CP-SAT model and its handles."""

    model: cp_model.CpModel
    options: list[Option]
    lits: list[cp_model.IntVar]
    constant: int  # objective of the kept interviews that the model does not see
    value_cap: int  # constant + the value of every request that has an option
    stats: dict[str, int] = field(default_factory=dict)


def free_options(
    prepared: Prepared, base: ResourceUsage, free: Collection[str] | None = None
) -> list[Option]:
    """Options of the requests not kept (only those in ``free`` when given) that clash with
    no kept interview."""
    out: list[Option] = []
    # Sorted: the model (and so CP-SAT's search) must not depend on set order (hash seeds).
    ids = [r.request_id for r in prepared.index.problem.requests] if free is None else sorted(free)
    for rid in ids:
        if rid in prepared.kept:
            continue
        for o in prepared.options[rid]:
            if not prepared.kept or not base.clashes(o):
                out.append(o)
    return out


def build_model(
    prepared: Prepared,
    base: ResourceUsage,
    weights: ObjectiveWeights,
    hinted: set[Option],
    free: Collection[str] | None = None,
) -> CpTimetable:
    """The model over the options of the requests not in ``prepared.kept`` (only those in
    ``free`` when given) that no kept interview blocks; ``base`` holds the kept interviews.
    Every variable is hinted with its value in the ``hinted`` plan (the greedy plan, or the
    current plan of a neighbourhood), so the hint is a full solution."""
    problem = prepared.index.problem
    options = free_options(prepared, base, free)
    model = cp_model.CpModel()
    lits = [model.new_bool_var(f"x{k}") for k in range(len(options))]
    for option, lit in zip(options, lits, strict=True):
        model.add_hint(lit, option in hinted)
    priority = {r.request_id: r.priority for r in problem.requests}
    home = {c.candidate_id: c.preferred_city for c in problem.candidates}
    gap = problem.candidate_gap_minutes
    day_starts = candidate_day_starts(problem)

    by_request: dict[str, list[int]] = defaultdict(list)
    by_person: dict[tuple[str, date], list[tuple[int, int, int]]] = defaultdict(list)
    by_cand_day: dict[tuple[str, date], list[int]] = defaultdict(list)
    by_cell: dict[tuple[str, date, int], list[int]] = defaultdict(list)
    by_interp_leg: dict[tuple[str, date], list[tuple[int, int, int]]] = defaultdict(list)
    by_panel: dict[str, list[int]] = defaultdict(list)
    for k, o in enumerate(options):
        by_request[o.request_id].append(k)
        for person in o.interviewer_ids:
            by_person[(person, o.day)].append((o.start_min, o.end_min, k))
        by_cand_day[(o.candidate_id, o.day)].append(k)
        by_cell[o.slot_key].append(k)
        if o.needs_interpreter:
            by_interp_leg[(o.leg_id, o.day)].append((o.start_min, o.end_min, k))
        by_panel[o.panel_id].append(k)

    scheduled: dict[str, cp_model.IntVar] = {}
    for rid, ks in by_request.items():
        # A linear row (not only an at-most-one) so that the LP relaxation bounds the value.
        scheduled[rid] = model.new_bool_var("")
        model.add(sum(lits[k] for k in ks) == scheduled[rid])
        model.add_hint(scheduled[rid], any(options[k] in hinted for k in ks))
    for items in by_person.values():
        for clique in interval_cliques(items):
            model.add_at_most_one(lits[k] for k in clique)

    objective: list[cp_model.LinearExprT] = []
    coefs: list[int] = []
    for rid, done in scheduled.items():
        objective.append(done)
        coefs.append(request_value(weights, priority[rid]))
    for k, o in enumerate(options):
        cost = weights.online * o.online + weights.late_per_minute * lateness(
            day_starts, o.candidate_id, o.day, o.start_min
        )
        if cost:
            objective.append(lits[k])
            coefs.append(-cost)

    kept_cities: dict[str, set[str]] = defaultdict(set)
    constant = 0
    for c in prepared.kept.values():
        o = c.option
        constant += request_value(weights, priority[o.request_id]) - weights.online * o.online
        constant -= weights.late_per_minute * lateness(
            day_starts, o.candidate_id, o.day, o.start_min
        )
        if o.city is not None:
            kept_cities[o.candidate_id].add(o.city)
    for cid, cities in kept_cities.items():
        constant -= sum(travel_cost(weights, home[cid], city) for city in cities)

    # Candidates: no overlap; in person, a gap and one city per day.
    visits: dict[tuple[str, str], list[int]] = defaultdict(list)
    for (cid, _day), ks in by_cand_day.items():
        everything = [(options[k].start_min, options[k].end_min, k) for k in ks]
        for clique in interval_cliques(everything):
            model.add_at_most_one(lits[k] for k in clique)
        in_person = [it for it in everything if options[it[2]].city is not None]
        for clique in interval_cliques(in_person, pad=gap):
            model.add_at_most_one(lits[k] for k in clique)
        day_cities = sorted({options[k].city or "" for _, _, k in in_person})
        if len(day_cities) >= 2:
            city_lit = {city: model.new_bool_var("") for city in day_cities}
            for city, lit in city_lit.items():
                model.add_hint(
                    lit,
                    any(options[k] in hinted and options[k].city == city for _, _, k in in_person),
                )
            model.add_at_most_one(city_lit.values())
            for _, _, k in in_person:
                model.add_implication(lits[k], city_lit[options[k].city or ""])
        for _, _, k in in_person:
            visits[(cid, options[k].city or "")].append(k)
    for (cid, city), ks in visits.items():
        if city == home[cid] or city in kept_cities.get(cid, set()):
            continue
        visit = model.new_bool_var("")
        model.add_hint(visit, any(options[k] in hinted for k in ks))
        for k in ks:
            model.add_implication(lits[k], visit)
        objective.append(visit)
        coefs.append(-travel_cost(weights, home[cid], city))

    # Rooms (per seat size), interpreters and online lines, net of the kept interviews.
    for cell, ks in by_cell.items():
        first_option = options[ks[0]]
        if first_option.city is None:
            cap = problem.online_windows[first_option.window].lines - base.online.get(cell, 0)
            if len(ks) > cap:
                model.add(sum(lits[k] for k in ks) <= cap)
            continue
        free_rooms = base.free_seats(first_option)
        # Kept interviews without a pinned room (a neighbourhood's surroundings) still need
        # one: Hall's condition over the fixed and the free parties together.
        fixed = base.cell_parties.get(cell, [])
        for size in sorted({options[k].party for k in ks} | set(fixed)):
            group = [k for k in ks if options[k].party >= size]
            cap = sum(1 for n in free_rooms if n >= size) - sum(1 for n in fixed if n >= size)
            if group and len(group) > cap:
                model.add(sum(lits[k] for k in group) <= max(0, cap))
    for items in by_interp_leg.values():
        for clique in interval_cliques(items):
            cap = min(base.interpreter_capacity(options[k]) for k in clique)
            if len(clique) > cap:
                model.add(sum(lits[k] for k in clique) <= cap)

    # Panel balance: the busiest panel of each employer with two or more panels.
    kept_load: dict[str, int] = defaultdict(int)
    for c in prepared.kept.values():
        kept_load[c.option.panel_id] += 1
    for panels in prepared.index.panels_by_employer.values():
        if len(panels) < 2 or not weights.panel_max_load:
            continue
        top = model.new_int_var(0, len(problem.requests), "")
        model.add_hint(
            top,
            max(
                kept_load[p.panel_id] + sum(1 for k in by_panel[p.panel_id] if options[k] in hinted)
                for p in panels
            ),
        )
        for p in panels:
            model.add(top >= kept_load[p.panel_id] + sum(lits[k] for k in by_panel[p.panel_id]))
        objective.append(top)
        coefs.append(-weights.panel_max_load)

    model.maximize(cp_model.LinearExpr.weighted_sum(objective, coefs))
    cap = constant + sum(request_value(weights, priority[rid]) for rid in by_request)
    return CpTimetable(model, options, lits, constant, cap, {"options": len(options)})


class SolutionTimes(cp_model.CpSolverSolutionCallback):
    """Records (seconds since the call, objective) of every improving solution."""

    def __init__(self, started: float, constant: int) -> None:
        super().__init__()
        self.started = started
        self.constant = constant
        self.solutions: list[tuple[float, int]] = []

    def on_solution_callback(self) -> None:
        seconds = perf_counter() - self.started
        self.solutions.append((seconds, round(self.objective_value) + self.constant))
