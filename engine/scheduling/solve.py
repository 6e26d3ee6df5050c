"""The CP-SAT interview timetable solver (see docs/scheduling.md for the model)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from time import perf_counter
from typing import TypeVar

from ortools.sat.python import cp_model

from engine.scheduling.figures import candidate_day_starts, lateness, request_value, travel_cost
from engine.scheduling.model import Assignment, MissionProblem, ObjectiveWeights, TimetablePlan
from engine.scheduling.options import Option
from engine.scheduling.plan import (
    Prepared,
    SolveInfo,
    finish_plan,
    greedy_fill,
    prepare,
    usage_with,
)
from engine.scheduling.staffing import Chosen
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
class _Model:
    """The CP-SAT model and its handles (internal)."""

    model: cp_model.CpModel
    options: list[Option]
    lits: list[cp_model.IntVar]
    constant: int  # objective of the kept interviews that the model does not see
    value_cap: int  # constant + the value of every request that has an option
    stats: dict[str, int] = field(default_factory=dict)


def _free_options(prepared: Prepared, base: ResourceUsage) -> list[Option]:
    free: list[Option] = []
    for r in prepared.index.problem.requests:
        if r.request_id in prepared.kept:
            continue
        for o in prepared.options[r.request_id]:
            if not prepared.kept or not base.clashes(o):
                free.append(o)
    return free


def _build_model(
    prepared: Prepared, base: ResourceUsage, weights: ObjectiveWeights, hinted: set[Option]
) -> _Model:
    """The model over the options not blocked by kept interviews; every variable is hinted
    with the value it has in the ``hinted`` (greedy) plan, so the hint is a full solution."""
    problem = prepared.index.problem
    options = _free_options(prepared, base)
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
        free = base.free_seats(first_option)
        for size in sorted({options[k].party for k in ks}):
            group = [k for k in ks if options[k].party >= size]
            cap = sum(1 for n in free if n >= size)
            if len(group) > cap:
                model.add(sum(lits[k] for k in group) <= cap)
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
    return _Model(model, options, lits, constant, cap, {"options": len(options)})


class _Progress(cp_model.CpSolverSolutionCallback):
    """Records (seconds since the call, objective) of every improving solution."""

    def __init__(self, started: float, constant: int) -> None:
        super().__init__()
        self.started = started
        self.constant = constant
        self.solutions: list[tuple[float, int]] = []

    def on_solution_callback(self) -> None:
        seconds = perf_counter() - self.started
        self.solutions.append((seconds, round(self.objective_value) + self.constant))


def interview_timetable_solve(
    problem: MissionProblem,
    *,
    time_limit_s: float = 10.0,
    previous: Sequence[Assignment] | None = None,
    weights: ObjectiveWeights | None = None,
    num_workers: int = 2,
    random_seed: int = 0,
) -> TimetablePlan:
    """Solve the interview timetable with CP-SAT and return the best plan found.

    Inputs: the mission ``problem``; ``time_limit_s`` is the whole budget in seconds (model
    building included; the search gets what is left, at least 0.5 s); ``previous`` is the
    published plan when re-planning: every previous interview that is still requested and
    still valid stays exactly where it was (same panel, room, start); only cancelled,
    invalidated and new requests are (re)placed. ``num_workers``: CP-SAT search threads.

    Output: assignments (aware Asia/Karachi datetimes), unscheduled requests each with its
    blocking constraint, and figures: objective and proven ``bound`` (same units, see
    :class:`ObjectiveWeights`), seconds to the first feasible plan and to a plan within 5 %
    of the final bound, and for re-planning how many previous interviews were kept/moved.
    The greedy first-fit plan is given to CP-SAT as a hint, so it is never worse.
    """
    started = perf_counter()
    w = weights or ObjectiveWeights()
    prepared = prepare(problem, previous, started)
    base = usage_with(prepared.index, prepared.kept.values())
    hint_usage = usage_with(prepared.index, prepared.kept.values())
    hinted = {c.option for c in greedy_fill(prepared, hint_usage).values()}
    built = _build_model(prepared, base, w, hinted)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, time_limit_s - (perf_counter() - started))
    solver.parameters.num_workers = num_workers
    solver.parameters.random_seed = random_seed
    # Full presolve (probing, symmetry, repeated passes) of a 100k-option model takes longer
    # than the whole budget on 2 cores; one light pass keeps the first plan within seconds.
    solver.parameters.max_presolve_iterations = 1
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    progress = _Progress(started, built.constant)
    status = solver.solve(built.model, progress)
    status_name = solver.status_name(status)

    chosen: dict[str, Chosen] = dict(prepared.kept)
    notes: list[str] = [f"{built.stats['options']} options in the model"]
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for option, lit in zip(built.options, built.lits, strict=True):
            if solver.boolean_value(lit):
                chosen[option.request_id] = Chosen(option)
        # Costs are never negative, so scheduling every placeable request at no cost is also
        # an upper bound; report the lower of it and CP-SAT's (whose LP is slow to start).
        bound: int | None = min(
            round(solver.best_objective_bound) + built.constant, built.value_cap
        )
        notes.append(f"CP-SAT bound {round(solver.best_objective_bound) + built.constant}")
    else:  # no solution within the limit: fall back to the greedy hint
        notes.append(f"CP-SAT returned {status_name}; the greedy plan is returned")
        chosen.update({o.request_id: Chosen(o) for o in hinted})
        bound = None
    first = progress.solutions[0][0] if progress.solutions else None
    within = None
    if bound is not None:
        near = [t for t, value in progress.solutions if bound - value <= 0.05 * abs(bound)]
        within = round(near[0], 3) if near else None
    info = SolveInfo(
        status=status_name,
        bound=bound,
        first_feasible_s=round(first, 3) if first is not None else None,
        within_5pct_s=within,
        notes=tuple(notes),
    )
    return finish_plan(prepared, chosen, w, info)
