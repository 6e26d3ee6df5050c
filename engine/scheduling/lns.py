"""Large-neighbourhood search over the mission's parts (leg × day), from the greedy plan.

A mission decomposes by leg and day: an interview at one leg on one day shares rooms,
interpreters and slots with nothing elsewhere. What crosses parts is handled explicitly,
by keeping it fixed around each neighbourhood: a candidate's or interviewer's interviews in
other parts (and online ones hosted from another leg) stay where they are and block the
times they hold; a candidate's cities on other days are in the travel cost as a constant;
each panel's interviews elsewhere count in its load for the balance term.

Each round frees one neighbourhood of the current plan, models the freed requests around
everything else with :func:`engine.scheduling.cpsat.build_model` (fixed interviews as
constants, the current placements as the hint), re-solves it with CP-SAT for a short,
deterministic time and accepts the result when the plan's objective (``plan_measures``,
the stated objective) is strictly higher. Neighbourhoods:

``window``
    one part (leg, day) and a run of consecutive slots: its in-person interviews, the online
    interviews of that day at those times, and the unscheduled requests that could go there;
``employer``
    one employer's interviews of one day and its unscheduled requests that day, with the
    other interviews of those candidates that day (balance between its panels; swaps).

The order of neighbourhoods comes from ``random.Random(seed)`` and each sub-solve is
single-threaded with a deterministic-time limit, so the same problem, seed and number of
rounds give the same plan; the wall-clock budget only decides how many rounds run.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date
from time import perf_counter

from ortools.sat.python import cp_model

from engine.scheduling.cpsat import build_model
from engine.scheduling.figures import candidate_day_starts, request_value, travel_cost
from engine.scheduling.model import ObjectiveWeights
from engine.scheduling.plan import Prepared, usage_with
from engine.scheduling.staffing import Chosen

# Work limit of one neighbourhood, in CP-SAT deterministic time units (≈ seconds on an
# idle core); the target size grows after a neighbourhood solved to optimality within it
# and shrinks after one that was not.
ROUND_DETERMINISTIC_TIME = 0.25
FIRST_SIZE, MIN_SIZE, MAX_SIZE = 50, 15, 300


@dataclass(frozen=True, slots=True)
class SolveProgress:
    """Where a solve stands (for a progress display): seconds since the call and of the
    whole budget, rounds run and accepted, and the current plan."""

    elapsed_s: float
    budget_s: float
    rounds: int
    improved: int
    scheduled: int
    objective: int


ProgressCallback = Callable[[SolveProgress], None]


@dataclass(frozen=True, slots=True)
class LnsOutcome:
    chosen: dict[str, Chosen]
    objective: int
    rounds: int
    improved: int
    history: tuple[tuple[float, int], ...]  # (seconds since the call, objective) per gain


class PlanObjective:
    """The stated objective (:func:`engine.scheduling.figures.plan_measures`) computed
    straight from chosen options, with the per-problem tables built once: a round measures
    every candidate plan, and building assignments for ``plan_measures`` took a third of a
    round. Tested equal to ``plan_measures``."""

    def __init__(self, prepared: Prepared, weights: ObjectiveWeights) -> None:
        problem = prepared.index.problem
        self.weights = weights
        self.value = {r.request_id: request_value(weights, r.priority) for r in problem.requests}
        self.home = {c.candidate_id: c.preferred_city for c in problem.candidates}
        self.day_starts = candidate_day_starts(problem)
        by_employer: dict[str, list[str]] = defaultdict(list)
        for panel in problem.panels:
            by_employer[panel.employer_id].append(panel.panel_id)
        self.balanced = [ids for ids in by_employer.values() if len(ids) >= 2]

    def __call__(self, chosen: Iterable[Chosen]) -> int:
        w = self.weights
        total = 0
        cities: dict[str, set[str]] = defaultdict(set)
        load: Counter[str] = Counter()
        for c in chosen:
            o = c.option
            total += self.value[o.request_id]
            if o.city is None:
                total -= w.online
            else:
                cities[o.candidate_id].add(o.city)
            total -= w.late_per_minute * (o.start_min - self.day_starts[(o.candidate_id, o.day)])
            load[o.panel_id] += 1
        for cid, visited in cities.items():
            total -= sum(travel_cost(w, self.home[cid], city) for city in visited)
        for ids in self.balanced:
            total -= w.panel_max_load * max(load[i] for i in ids)
        return total


def chosen_objective(prepared: Prepared, chosen: Iterable[Chosen], w: ObjectiveWeights) -> int:
    """The plan objective of ``chosen`` (rooms need not be staffed: only in person vs online
    matters to the objective)."""
    return PlanObjective(prepared, w)(chosen)


class _Neighbourhoods:
    """Deterministic stream of request-id sets to free, from the current plan."""

    def __init__(self, prepared: Prepared, movable: set[str], rng: random.Random) -> None:
        self.prepared = prepared
        self.movable = movable
        self.rng = rng
        index = prepared.index
        self.parts: list[tuple[str, date]] = [
            (leg.leg_id, day) for leg in index.problem.legs for day in leg.days
        ]
        self.grid = {leg.leg_id: [s for s, _ in index.leg_grid[leg.leg_id]]
                     for leg in index.problem.legs}  # fmt: skip
        # Where each movable request could go: (leg, day) -> {start -> request ids}.
        self.could: dict[tuple[str, date], dict[int, set[str]]] = defaultdict(
            lambda: defaultdict(set)
        )
        self.employer_days: set[tuple[str, date]] = set()
        for rid in movable:
            for o in prepared.options[rid]:
                self.could[(o.leg_id, o.day)][o.start_min].add(rid)
                self.employer_days.add((o.employer_id, o.day))
        self.order: list[tuple[str, date]] = []
        self.turn = 0

    def next(self, current: dict[str, Chosen], size: int) -> tuple[str, set[str]]:
        self.turn += 1
        if self.turn % 3 == 0 and self.employer_days:
            return "employer", self._employer(current)
        return "window", self._window(current, size)

    def _window(self, current: dict[str, Chosen], size: int) -> set[str]:
        if not self.order:
            self.order = list(self.parts)
            self.rng.shuffle(self.order)
        leg_id, day = self.order.pop()
        starts = self.grid[leg_id]
        here: dict[int, set[str]] = defaultdict(set)
        for rid, c in current.items():
            o = c.option
            if rid in self.movable and o.day == day and (o.leg_id == leg_id or o.online):
                here[o.start_min].add(rid)
        placed_per_slot = max(1, sum(len(v) for v in here.values()) // max(1, len(starts)))
        width = max(1, min(len(starts), round(size / placed_per_slot)))
        first = self.rng.randrange(0, len(starts) - width + 1)
        lo, hi = starts[first], starts[first + width - 1]
        freed: set[str] = set()
        for s, rids in here.items():
            if lo <= s <= hi:
                freed |= rids
        could = self.could.get((leg_id, day), {})
        for s, rids in could.items():
            if lo <= s <= hi:
                freed |= {rid for rid in rids if rid not in current}
        return freed

    def _employer(self, current: dict[str, Chosen]) -> set[str]:
        employer, day = self.rng.choice(sorted(self.employer_days))
        freed = {
            rid
            for rid, c in current.items()
            if rid in self.movable and c.option.employer_id == employer and c.option.day == day
        }
        freed |= {
            o.request_id
            for leg_id, d in self.parts
            if d == day
            for rids in self.could.get((leg_id, d), {}).values()
            for rid in rids
            if rid not in current
            for o in self.prepared.options[rid][:1]
            if o.employer_id == employer
        }
        people = {current[rid].option.candidate_id for rid in freed if rid in current}
        freed |= {
            rid
            for rid, c in current.items()
            if rid in self.movable and c.option.day == day and c.option.candidate_id in people
        }
        return freed


def lns_improve(
    prepared: Prepared,
    start: dict[str, Chosen],
    weights: ObjectiveWeights,
    *,
    deadline: float,
    seed: int,
    max_rounds: int | None = None,
    on_progress: ProgressCallback | None = None,
    progress_every_s: float = 1.0,
    budget_s: float = 0.0,
) -> LnsOutcome:
    """Improve ``start`` (a feasible plan: request id -> placement, kept ones included) by
    large-neighbourhood search until ``deadline`` (a ``perf_counter()`` value) or after
    ``max_rounds`` rounds. Requests in ``prepared.kept`` never move. ``on_progress`` gets a
    :class:`SolveProgress` at most every ``progress_every_s`` seconds."""
    rng = random.Random(seed)
    movable = {r.request_id for r in prepared.index.problem.requests} - set(prepared.kept)
    movable = {rid for rid in movable if prepared.options[rid]}
    current = dict(start)
    measure = PlanObjective(prepared, weights)
    objective = measure(current.values())
    history: list[tuple[float, int]] = []
    hoods = _Neighbourhoods(prepared, movable, rng)
    size = FIRST_SIZE
    rounds = improved = 0
    last_report = 0.0
    # Seconds of the slowest round's own work (model building, measuring); the CP-SAT part
    # stops at the deadline by itself. A round that would overrun is not started.
    slowest = 0.0
    while (
        movable
        and perf_counter() + slowest < deadline
        and (max_rounds is None or rounds < max_rounds)
    ):
        round_started = perf_counter()
        rounds += 1
        _kind, freed = hoods.next(current, size)
        freed &= movable
        if not freed:
            continue
        fixed = {rid: c for rid, c in current.items() if rid not in freed}
        sub = replace(prepared, kept=fixed)
        base = usage_with(prepared.index, fixed.values())
        hint = {current[rid].option for rid in freed if rid in current}
        built = build_model(sub, base, weights, hint, free=freed)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = rng.randrange(1 << 30)
        solver.parameters.max_deterministic_time = ROUND_DETERMINISTIC_TIME
        solver.parameters.max_time_in_seconds = max(0.05, deadline - perf_counter())
        solver.parameters.max_presolve_iterations = 1
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.symmetry_level = 0
        solve_started = perf_counter()
        status = solver.solve(built.model)
        solve_s = perf_counter() - solve_started
        if status == cp_model.OPTIMAL:
            size = min(MAX_SIZE, round(size * 1.25) + 1)
        else:
            size = max(MIN_SIZE, round(size * 0.7))
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            continue
        trial = dict(fixed)
        for option, lit in zip(built.options, built.lits, strict=True):
            if solver.boolean_value(lit):
                trial[option.request_id] = Chosen(option)
        value = measure(trial.values())
        if value > objective:
            current, objective = trial, value
            improved += 1
            history.append((perf_counter() - prepared.started, objective))
        now = perf_counter()
        slowest = max(slowest, now - round_started - solve_s)
        if on_progress is not None and now - last_report >= progress_every_s:
            last_report = now
            on_progress(
                SolveProgress(
                    elapsed_s=round(now - prepared.started, 2),
                    budget_s=budget_s,
                    rounds=rounds,
                    improved=improved,
                    scheduled=len(current),
                    objective=objective,
                )
            )
    return LnsOutcome(current, objective, rounds, improved, tuple(history))
