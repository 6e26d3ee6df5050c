"""Large-neighbourhood search (engine.scheduling.lns) on seeded random missions: compared
with the greedy baseline and the independent checker, deterministic for a seed, and a
re-plan by neighbourhoods never moves a kept interview."""

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from engine.scheduling import (
    ObjectiveWeights,
    interview_timetable_greedy,
    interview_timetable_solve,
    plan_measures,
    timetable_violations,
)
from engine.scheduling.demo import demo_mission
from engine.scheduling.lns import chosen_objective
from engine.scheduling.plan import greedy_fill, prepare, usage_with


def crowded_mission(seed: int, requests: int = 160):
    """Few rooms and panels for the requests: the greedy plan leaves room to improve."""
    return demo_mission(
        requests=requests,
        employers=8,
        rooms_per_leg=5,
        interpreters_per_leg=2,
        online_lines=1,
        interpreter_share=0.5,
        seed=seed,
    )


def lns(p, **kw):
    kw.setdefault("time_limit_s", 60)
    kw.setdefault("max_rounds", 6)
    return interview_timetable_solve(p, method="lns", **kw)


@pytest.mark.parametrize("seed", [11, 12, 13])
def test_the_search_never_ends_below_greedy_and_breaks_no_constraint(seed):
    p = crowded_mission(seed)
    greedy = interview_timetable_greedy(p)
    plan = lns(p, random_seed=seed)
    assert timetable_violations(p, plan) == []
    placed = {a.request_id for a in plan.assignments}
    left = {u.request_id for u in plan.unscheduled}
    assert placed | left == {r.request_id for r in p.requests} and not placed & left
    assert plan.figures.objective >= greedy.figures.objective
    assert plan_measures(p, plan.assignments).objective == plan.figures.objective
    assert plan.figures.bound is not None and plan.figures.bound >= plan.figures.objective
    assert plan.figures.status == "LNS"


def test_the_search_beats_greedy_on_a_crowded_mission():
    p = crowded_mission(21, requests=200)
    greedy = interview_timetable_greedy(p)
    plan = lns(p, random_seed=3)
    assert timetable_violations(p, plan) == []
    assert plan.figures.objective > greedy.figures.objective
    assert plan.figures.scheduled >= greedy.figures.scheduled


def test_the_same_seed_and_rounds_give_the_same_plan():
    p = crowded_mission(31)
    first = lns(p, random_seed=5, max_rounds=4)
    again = lns(p, random_seed=5, max_rounds=4)
    assert first.assignments == again.assignments


def test_a_replan_by_neighbourhoods_moves_no_kept_interview():
    p = crowded_mission(41)
    first = lns(p, random_seed=1)
    cancelled = {a.request_id for a in first.assignments[::7]}
    after = replace(p, requests=tuple(r for r in p.requests if r.request_id not in cancelled))
    again = lns(after, previous=first.assignments, random_seed=1)
    assert timetable_violations(after, again) == []
    now = {a.request_id: a for a in again.assignments}
    before = [a for a in first.assignments if a.request_id not in cancelled]
    assert all(
        (now[a.request_id].panel_id, now[a.request_id].room_id, now[a.request_id].start)
        == (a.panel_id, a.room_id, a.start)
        for a in before
    )
    assert (again.figures.kept, again.figures.moved, again.figures.dropped) == (len(before), 0, 0)


def test_progress_is_reported_while_searching():
    p = crowded_mission(51)
    seen = []
    lns(p, random_seed=2, on_progress=seen.append, progress_every_s=0.0)
    assert seen and seen[-1].rounds >= 1
    assert [s.rounds for s in seen] == sorted(s.rounds for s in seen)


def test_an_unknown_method_is_refused():
    with pytest.raises(ValueError, match="Unknown method 'tabu'"):
        interview_timetable_solve(crowded_mission(1, requests=10), method="tabu")


def test_the_search_measures_plans_exactly_as_plan_measures():
    p = crowded_mission(61)
    prepared = prepare(p, None, 0.0)
    chosen = greedy_fill(prepared, usage_with(prepared.index, []))
    greedy = interview_timetable_greedy(p)
    assert chosen_objective(prepared, chosen.values(), ObjectiveWeights()) == (
        plan_measures(p, greedy.assignments).objective
    )


_RUN = """
import hashlib
from engine.scheduling import interview_timetable_solve
from engine.scheduling.demo import demo_mission
p = demo_mission(requests=120, employers=8, rooms_per_leg=5, interpreters_per_leg=2,
                 online_lines=1, interpreter_share=0.5, seed=71)
plan = interview_timetable_solve(p, method="lns", time_limit_s=60, max_rounds=4, random_seed=9)
print(hashlib.sha256(repr(plan.assignments).encode()).hexdigest())
"""


def test_the_plan_does_not_depend_on_the_processs_hash_seed():
    root = Path(__file__).resolve().parents[2]
    digests = {
        subprocess.run(
            [sys.executable, "-c", _RUN],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(root)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1
