"""Steps shared by the CP-SAT solver and the greedy baseline.

:func:`prepare` indexes the problem, lists every request's options and decides which
previous interviews (re-planning) stay exactly where they were; :func:`greedy_fill` places
requests first-fit; :func:`finish_plan` staffs the chosen options, explains what was left
out and measures the result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from time import perf_counter

from engine.scheduling.figures import plan_measures
from engine.scheduling.model import (
    KARACHI,
    Assignment,
    MissionProblem,
    ObjectiveWeights,
    PlanFigures,
    TimetablePlan,
    Unscheduled,
)
from engine.scheduling.options import (
    MissionIndex,
    Option,
    mission_index,
    request_blocker,
    request_options,
)
from engine.scheduling.staffing import Chosen, staff_interviews
from engine.scheduling.usage import CLASHES, ResourceUsage


@dataclass(frozen=True, slots=True)
class Prepared:
    """A problem ready to solve. ``kept``: previous interviews that stay as they were;
    ``displaced``: previous interviews (still requested) that can no longer stay."""

    index: MissionIndex
    options: dict[str, list[Option]]
    kept: dict[str, Chosen]
    displaced: frozenset[str]
    previous: tuple[Assignment, ...]
    started: float  # perf_counter() at the start of the call


def _previous_option(options: list[Option], a: Assignment) -> Option | None:
    start = a.start.astimezone(KARACHI)
    end = a.end.astimezone(KARACHI)
    key = (a.panel_id, a.leg_id, a.online, start.date(), start.hour * 60 + start.minute)
    for o in options:
        if (o.panel_id, o.leg_id, o.online, o.day, o.start_min) == key and (
            end.date() == o.day and end.hour * 60 + end.minute == o.end_min
        ):
            return o
    return None


def usage_with(index: MissionIndex, chosen: Iterable[Chosen]) -> ResourceUsage:
    """A fresh :class:`ResourceUsage` holding ``chosen`` (with their pinned room/person)."""
    usage = ResourceUsage(index)
    for c in chosen:
        usage.add(c.option, c.room_id, c.interpreter_id)
    return usage


def prepare(
    problem: MissionProblem, previous: Sequence[Assignment] | None, started: float
) -> Prepared:
    """Index ``problem``, list options, and keep every previous interview that is still
    requested, still valid on its own and still compatible with the ones kept before it
    (higher priority first)."""
    index = mission_index(problem)
    options = {r.request_id: request_options(index, r) for r in problem.requests}
    requested = {r.request_id: r for r in problem.requests}
    kept: dict[str, Chosen] = {}
    displaced: set[str] = set()
    usage = ResourceUsage(index)
    still = [a for a in previous or () if a.request_id in requested]
    still.sort(key=lambda a: (-requested[a.request_id].priority, a.start, a.request_id))
    for a in still:
        o = _previous_option(options[a.request_id], a)
        if o is None or a.request_id in kept or usage.clashes(o, a.room_id):
            displaced.add(a.request_id)
            continue
        person = a.interpreter_id if a.interpreter_id in usage.interpreters_left(o) else None
        usage.add(o, a.room_id, person)
        kept[a.request_id] = Chosen(o, a.room_id, person)
    return Prepared(
        index=index,
        options=options,
        kept=kept,
        displaced=frozenset(displaced - set(kept)),
        previous=tuple(previous or ()),
        started=started,
    )


def greedy_fill(prepared: Prepared, usage: ResourceUsage) -> dict[str, Chosen]:
    """First-fit: requests by priority (highest first), each into its cheapest option that
    clashes with nothing placed so far. Returns the new placements (``usage`` is updated)."""
    chosen: dict[str, Chosen] = {}
    requests = sorted(prepared.index.problem.requests, key=lambda r: (-r.priority, r.request_id))
    for r in requests:
        if r.request_id in prepared.kept:
            continue
        for o in prepared.options[r.request_id]:
            if not usage.clashes(o):
                usage.add(o)
                chosen[r.request_id] = Chosen(o)
                break
    return chosen


def _clash_reason(usage: ResourceUsage, options: list[Option], request_id: str) -> Unscheduled:
    tally: Counter[str] = Counter()
    for o in options:
        clashes = usage.clashes(o)
        if not clashes:
            return Unscheduled(
                request_id,
                "solver_limit",
                f"A placement is still free ({o.day} {o.start_min // 60:02d}:{o.start_min % 60:02d}"
                f" with panel {o.panel_id}); the solver stopped before reaching it.",
            )
        tally.update(clashes)
    parts = ", ".join(f"{CLASHES[code]} ({n})" for code, n in tally.most_common())
    return Unscheduled(
        request_id,
        tally.most_common(1)[0][0],
        f"All {len(options)} possible placements clash with other interviews: {parts}.",
    )


@dataclass(frozen=True, slots=True)
class SolveInfo:
    """How the solver ran (for :class:`PlanFigures`)."""

    status: str
    bound: int | None = None
    first_feasible_s: float | None = None
    within_5pct_s: float | None = None
    notes: tuple[str, ...] = ()


def finish_plan(
    prepared: Prepared,
    chosen: dict[str, Chosen],
    weights: ObjectiveWeights,
    info: SolveInfo,
) -> TimetablePlan:
    """Staff ``chosen`` (kept ones included), explain the rest, measure, count moves."""
    index = prepared.index
    problem = index.problem
    assignments, failed = staff_interviews(index, list(chosen.values()))
    by_request = {a.request_id: a for a in assignments}
    usage = ResourceUsage(index)
    for a in assignments:
        usage.add(chosen[a.request_id].option, a.room_id, a.interpreter_id)
    unscheduled: list[Unscheduled] = []
    for r in problem.requests:
        rid = r.request_id
        if rid in by_request:
            continue
        if rid in failed:
            text = "No room or interpreter was left for it when staffing the plan."
            unscheduled.append(Unscheduled(rid, failed[rid], text))
        elif not prepared.options[rid]:
            unscheduled.append(request_blocker(index, r))
        else:
            unscheduled.append(_clash_reason(usage, prepared.options[rid], rid))
    kept = moved = dropped = 0
    for old in prepared.previous:
        if old.request_id not in prepared.options:
            continue  # cancelled: no longer requested
        new = by_request.get(old.request_id)
        if new is None:
            dropped += 1
        elif (new.panel_id, new.leg_id, new.room_id, new.start, new.end) == (
            old.panel_id,
            old.leg_id,
            old.room_id,
            old.start,
            old.end,
        ):
            kept += 1
        else:
            moved += 1
    m = plan_measures(problem, assignments, weights)
    figures = PlanFigures(
        requested=len(problem.requests),
        scheduled=m.scheduled,
        scheduled_online=m.scheduled_online,
        priority_scheduled=m.priority_scheduled,
        travel_km=m.travel_km,
        city_changes=m.city_changes,
        candidates_away=m.candidates_away,
        idle_minutes=m.idle_minutes,
        panel_load_spread=m.panel_load_spread,
        objective=m.objective,
        bound=info.bound,
        status=info.status,
        wall_s=round(perf_counter() - prepared.started, 3),
        first_feasible_s=info.first_feasible_s,
        within_5pct_s=info.within_5pct_s,
        kept=kept,
        moved=moved,
        dropped=dropped,
    )
    return TimetablePlan(tuple(assignments), tuple(unscheduled), figures, info.notes)
