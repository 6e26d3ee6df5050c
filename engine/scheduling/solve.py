"""The interview timetable solver: greedy start, then CP-SAT on the whole model when it is
small, else a large-neighbourhood search over its leg × day parts (docs/scheduling.md)."""

from __future__ import annotations

from collections.abc import Sequence
from time import perf_counter

from ortools.sat.python import cp_model

from engine.scheduling.cpsat import SolutionTimes, build_model, free_options
from engine.scheduling.figures import request_value
from engine.scheduling.lns import (
    ProgressCallback,
    SolveProgress,
    chosen_objective,
    lns_improve,
)
from engine.scheduling.model import Assignment, MissionProblem, ObjectiveWeights, TimetablePlan
from engine.scheduling.plan import SolveInfo, finish_plan, greedy_fill, prepare, usage_with
from engine.scheduling.staffing import Chosen

METHODS = ("auto", "full", "lns")
# Above this many free options, "auto" searches by neighbourhoods: a full presolve of the
# 90k-option model of a 2,000-request mission did not finish in 10 s on 2 loaded cores.
FULL_MODEL_MAX_OPTIONS = 6_000
# Kept for staffing, measuring and explaining the plan after the search (seconds).
FINISH_RESERVE_S = 0.8


def interview_timetable_solve(
    problem: MissionProblem,
    *,
    time_limit_s: float = 10.0,
    previous: Sequence[Assignment] | None = None,
    weights: ObjectiveWeights | None = None,
    num_workers: int = 2,
    random_seed: int = 0,
    method: str = "auto",
    max_rounds: int | None = None,
    on_progress: ProgressCallback | None = None,
    progress_every_s: float = 1.0,
) -> TimetablePlan:
    """Solve the interview timetable and return the best plan found.

    Inputs: the mission ``problem``; ``time_limit_s`` is the whole budget in seconds (model
    building and staffing included); ``previous`` is the published plan when re-planning:
    every previous interview that is still requested and still valid stays exactly where it
    was (same panel, room, start); only cancelled, invalidated and new requests are
    (re)placed. ``method``: ``"full"`` one CP-SAT model of every free request
    (``num_workers`` threads), ``"lns"`` large-neighbourhood search from the greedy plan
    (:mod:`engine.scheduling.lns`; single-threaded, deterministic for a ``random_seed`` and
    ``max_rounds``), ``"auto"`` the full model up to ``FULL_MODEL_MAX_OPTIONS`` free options,
    else LNS. ``on_progress`` gets a :class:`SolveProgress` once the greedy plan stands
    (``rounds`` 0, ``objective`` not measured: 0) and every ``progress_every_s`` seconds or
    so during LNS.

    Output: assignments (aware Asia/Karachi datetimes), unscheduled requests each with its
    blocking constraint, and figures: objective and an upper ``bound`` (same units, see
    :class:`ObjectiveWeights`), seconds to the first feasible plan and to a plan within 5 %
    of the bound, and for re-planning how many previous interviews were kept/moved. The
    greedy first-fit plan is the start of every method, so the result is never worse.
    """
    if method not in METHODS:
        raise ValueError(f"Unknown method {method!r}; choose one of {', '.join(METHODS)}.")
    started = perf_counter()
    deadline = started + time_limit_s - FINISH_RESERVE_S
    w = weights or ObjectiveWeights()
    prepared = prepare(problem, previous, started)
    base = usage_with(prepared.index, prepared.kept.values())
    greedy = greedy_fill(prepared, usage_with(prepared.index, prepared.kept.values()))
    hinted = {c.option for c in greedy.values()}
    greedy_s = perf_counter() - started
    chosen: dict[str, Chosen] = {**prepared.kept, **greedy}
    # Scheduling every placeable request at no cost bounds the objective (costs are >= 0).
    cap = sum(
        request_value(w, r.priority) for r in problem.requests if prepared.options[r.request_id]
    )
    n_free = len(free_options(prepared, base)) if method != "lns" else 0
    if on_progress is not None:  # the greedy plan stands from here on
        on_progress(
            SolveProgress(
                elapsed_s=round(perf_counter() - started, 2),
                budget_s=time_limit_s,
                rounds=0,
                improved=0,
                scheduled=len(chosen),
                objective=0,
            )
        )
    notes: list[str] = []
    solutions: list[tuple[float, int]] = [
        (greedy_s, chosen_objective(prepared, chosen.values(), w))
    ]
    bound: int | None = cap
    status_name = "GREEDY"
    if method == "full" or (method == "auto" and n_free <= FULL_MODEL_MAX_OPTIONS):
        built = build_model(prepared, base, w, hinted)
        notes.append(f"{built.stats['options']} options in the model")
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(0.5, deadline - perf_counter())
        solver.parameters.num_workers = num_workers
        solver.parameters.random_seed = random_seed
        # Full presolve (probing, symmetry, repeated passes) of a 100k-option model takes
        # longer than the whole budget on 2 cores; one light pass is enough here.
        solver.parameters.max_presolve_iterations = 1
        solver.parameters.cp_model_probing_level = 0
        solver.parameters.symmetry_level = 0
        times = SolutionTimes(started, built.constant)
        status = solver.solve(built.model, times)
        status_name = solver.status_name(status)
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            chosen = dict(prepared.kept)
            for option, lit in zip(built.options, built.lits, strict=True):
                if solver.boolean_value(lit):
                    chosen[option.request_id] = Chosen(option)
            raw = round(solver.best_objective_bound) + built.constant
            bound = min(raw, cap)
            notes.append(f"CP-SAT bound {raw}")
            solutions += times.solutions
        else:
            notes.append(f"CP-SAT returned {status_name}; the greedy plan is returned")
    else:
        outcome = lns_improve(
            prepared,
            chosen,
            w,
            deadline=deadline,
            seed=random_seed,
            max_rounds=max_rounds,
            on_progress=on_progress,
            progress_every_s=progress_every_s,
            budget_s=time_limit_s,
        )
        chosen = outcome.chosen
        solutions += list(outcome.history)
        status_name = "LNS"
        notes.append(
            f"{n_free or '-'} free options; large-neighbourhood search: {outcome.rounds} rounds, "
            f"{outcome.improved} improved the plan"
        )
    near = [t for t, value in solutions if bound is not None and bound - value <= 0.05 * abs(bound)]
    info = SolveInfo(
        status=status_name,
        bound=bound,
        first_feasible_s=round(greedy_s, 3),
        within_5pct_s=round(near[0], 3) if near else None,
        notes=tuple(notes),
    )
    return finish_plan(prepared, chosen, w, info)


__all__ = ["METHODS", "SolveProgress", "interview_timetable_solve"]
