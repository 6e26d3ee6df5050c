"""The greedy first-fit baseline, to compare the CP-SAT solver against."""

from __future__ import annotations

from collections.abc import Sequence
from time import perf_counter

from engine.scheduling.model import Assignment, MissionProblem, ObjectiveWeights, TimetablePlan
from engine.scheduling.plan import SolveInfo, finish_plan, greedy_fill, prepare, usage_with


def interview_timetable_greedy(
    problem: MissionProblem,
    *,
    previous: Sequence[Assignment] | None = None,
    weights: ObjectiveWeights | None = None,
) -> TimetablePlan:
    """Place requests one by one, highest priority first, each in its cheapest free option
    (preferred city, then nearest city, then online; earliest first).

    Same inputs and output as :func:`interview_timetable_solve`; with ``previous`` it keeps
    every previous interview that is still valid, like the solver. Figures are measured with
    ``weights`` (default :class:`ObjectiveWeights`); ``bound`` is ``None``.
    """
    started = perf_counter()
    prepared = prepare(problem, previous, started)
    chosen = dict(prepared.kept)
    chosen.update(greedy_fill(prepared, usage_with(prepared.index, prepared.kept.values())))
    elapsed = round(perf_counter() - started, 3)
    info = SolveInfo(status="GREEDY", first_feasible_s=elapsed)
    return finish_plan(prepared, chosen, weights or ObjectiveWeights(), info)
