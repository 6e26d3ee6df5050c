"""Interview timetable on generated missions: every plan passes the checker, the figures
match the solver's objective, and re-planning leaves untouched interviews where they were."""

from dataclasses import replace

import pytest

from engine.scheduling import (
    LegWindow,
    interview_timetable_greedy,
    interview_timetable_solve,
    plan_measures,
    timetable_violations,
)
from engine.scheduling.demo import demo_mission


def small_mission(seed: int, requests: int = 80):
    return demo_mission(
        requests=requests,
        employers=6,
        rooms_per_leg=4,
        interpreters_per_leg=2,
        online_lines=1,
        interpreter_share=0.5,
        seed=seed,
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_plan_satisfies_every_constraint(seed):
    p = small_mission(seed)
    greedy = interview_timetable_greedy(p)
    plan = interview_timetable_solve(p, time_limit_s=1.5)
    assert timetable_violations(p, greedy) == []
    assert timetable_violations(p, plan) == []
    # Every request is either placed or explained, once.
    placed = {a.request_id for a in plan.assignments}
    left = {u.request_id for u in plan.unscheduled}
    assert placed | left == {r.request_id for r in p.requests} and not placed & left
    # The solver starts from the greedy plan and never ends below it.
    assert plan.figures.objective >= greedy.figures.objective
    assert plan.figures.bound is not None and plan.figures.bound >= plan.figures.objective
    assert plan_measures(p, plan.assignments).objective == plan.figures.objective


def test_replanning_after_cancellations_moves_nothing_else():
    p = small_mission(4)
    first = interview_timetable_solve(p, time_limit_s=1.5)
    cancelled = {a.request_id for a in first.assignments[::10]}
    after = replace(p, requests=tuple(r for r in p.requests if r.request_id not in cancelled))
    again = interview_timetable_solve(after, previous=first.assignments, time_limit_s=1.5)
    assert timetable_violations(after, again) == []
    before = {a.request_id: a for a in first.assignments if a.request_id not in cancelled}
    now = {a.request_id: a for a in again.assignments}
    assert {rid: (a.panel_id, a.room_id, a.start) for rid, a in before.items()} == {
        rid: (now[rid].panel_id, now[rid].room_id, now[rid].start) for rid in before
    }
    assert (again.figures.kept, again.figures.moved, again.figures.dropped) == (len(before), 0, 0)


def test_replanning_after_new_unavailability_moves_only_the_affected():
    p = small_mission(5)
    first = interview_timetable_solve(p, time_limit_s=1.5)
    gone = first.assignments[0]
    panel = next(x for x in p.panels if x.panel_id == gone.panel_id)
    person = panel.interviewer_ids[0]
    # That interviewer is now away for the whole day of that interview.
    day = gone.start.date()
    people = tuple(
        replace(i, availability=tuple(w for w in i.availability if w.day != day))
        if i.interviewer_id == person
        else i
        for i in p.interviewers
    )
    after = replace(p, interviewers=people)
    again = interview_timetable_solve(after, previous=first.assignments, time_limit_s=1.5)
    assert timetable_violations(after, again) == []
    affected = {
        a.request_id
        for a in first.assignments
        if a.start.date() == day
        and person in next(x for x in p.panels if x.panel_id == a.panel_id).interviewer_ids
    }
    now = {a.request_id: a for a in again.assignments}
    for a in first.assignments:
        if a.request_id not in affected:
            assert (now[a.request_id].room_id, now[a.request_id].start) == (a.room_id, a.start)
    assert again.figures.kept == len(first.assignments) - len(affected)
    assert again.figures.moved + again.figures.dropped == len(affected)
    assert all(isinstance(w, LegWindow) for i in people for w in i.availability)


def test_greedy_replanning_keeps_the_previous_plan_too():
    p = small_mission(6, requests=40)
    first = interview_timetable_greedy(p)
    again = interview_timetable_greedy(p, previous=first.assignments)
    assert again.assignments == first.assignments
    assert again.figures.kept == len(first.assignments)
