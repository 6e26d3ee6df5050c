"""Interview timetable: each constraint on a case that would break it if it were missing,
the reasons given for unscheduled requests, and the checker itself."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from engine.scheduling import (
    Assignment,
    Candidate,
    DayWindow,
    Interpreter,
    Interviewer,
    InterviewRequest,
    LegWindow,
    MissionLeg,
    MissionProblem,
    OnlineWindow,
    Panel,
    Room,
    interview_timetable_greedy,
    interview_timetable_solve,
    problem_errors,
    timetable_violations,
)

DAY = date(2026, 12, 7)
NINE, TEN, ELEVEN = 9 * 60, 10 * 60, 11 * 60


TWO_ROOMS = (Room("A", 6), Room("B", 6))


def leg(leg_id="isb", city="islamabad", rooms=TWO_ROOMS, closes=TEN, day=DAY):
    return MissionLeg(leg_id, city, (day,), tuple(rooms), NINE, closes, (), 30)


def person(pid, legs=("isb",), start=NINE, end=ELEVEN, day=DAY):
    return Interviewer(pid, tuple(LegWindow(leg_id, day, start, end) for leg_id in legs))


def cand(cid, city="islamabad", start=NINE, end=ELEVEN, day=DAY):
    return Candidate(cid, city, (DayWindow(day, start, end),))


def req(rid, cid, employer, priority=0.5, online=False, in_person=True):
    return InterviewRequest(rid, cid, f"job-{employer}", employer, priority, online, in_person)


def problem(**overrides):
    """Employers E1 and E2 with one-person panels, two rooms, a 9:00-10:00 day in Islamabad."""
    base = MissionProblem(
        legs=(leg(),),
        interviewers=(person("i1"), person("i2")),
        panels=(Panel("P1", "E1", ("i1",)), Panel("P2", "E2", ("i2",))),
        candidates=(cand("c1"), cand("c2")),
        requests=(),
        candidate_gap_minutes=15,
    )
    return replace(base, **overrides)


def solve(p, **kw):
    plan = interview_timetable_solve(p, time_limit_s=5, **kw)
    assert timetable_violations(p, plan) == []
    return plan


def reasons(plan):
    return {u.request_id: u.constraint for u in plan.unscheduled}


def test_it_places_a_simple_interview_with_aware_karachi_times():
    p = problem(requests=(req("r1", "c1", "E1"),))
    plan = solve(p)
    (a,) = plan.assignments
    assert (a.panel_id, a.leg_id, a.room_id) == ("P1", "isb", a.room_id)
    assert a.start.utcoffset() == timedelta(hours=5) and str(a.start.tzinfo) == "Asia/Karachi"
    assert (a.start.hour, a.start.minute, a.end.hour, a.end.minute) == (9, 0, 9, 30)
    assert plan.figures.scheduled == 1 and plan.figures.status == "OPTIMAL"


def test_a_candidate_is_never_double_booked():
    # One slot (9:00-9:30), two employers and two rooms: without the candidate constraint
    # both interviews would run at 9:00.
    p = problem(
        legs=(leg(closes=NINE + 30),), requests=(req("r1", "c1", "E1", 0.9), req("r2", "c1", "E2"))
    )
    plan = solve(p)
    assert [a.request_id for a in plan.assignments] == ["r1"]
    assert reasons(plan) == {"r2": "candidate_busy"}


def test_an_interviewer_is_never_double_booked_even_across_two_panels():
    # i1 sits on both panels of E1: panel-level checks alone would run them in parallel.
    p = problem(
        legs=(leg(closes=NINE + 30),),
        interviewers=(person("i1"), person("i2"), person("i3")),
        panels=(Panel("P1", "E1", ("i1", "i2")), Panel("P1b", "E1", ("i1", "i3"))),
        requests=(req("r1", "c1", "E1", 0.9), req("r2", "c2", "E1")),
    )
    plan = solve(p)
    assert [a.request_id for a in plan.assignments] == ["r1"]
    assert reasons(plan) == {"r2": "interviewer_busy"}


def test_a_room_is_never_double_booked():
    p = problem(
        legs=(leg(rooms=(Room("A", 6),), closes=NINE + 30),),
        requests=(req("r1", "c1", "E1", 0.9), req("r2", "c2", "E2")),
    )
    plan = solve(p)
    assert [a.request_id for a in plan.assignments] == ["r1"]
    assert reasons(plan) == {"r2": "room_full"}


def test_room_seats_hold_the_panel_and_candidate():
    big_panel = Panel("P1", "E1", ("i1", "i2", "i3"))  # 3 + candidate = 4 seats
    people = (person("i1"), person("i2"), person("i3"), person("i4"))
    small = problem(
        legs=(leg(rooms=(Room("A", 3),)),),
        interviewers=people,
        panels=(big_panel,),
        requests=(req("r1", "c1", "E1"),),
    )
    assert reasons(solve(small)) == {"r1": "room_capacity"}
    # Rooms of 3 and 5 at one slot: the 4-seat party must get the big room, the pair the small.
    mixed = replace(
        small,
        legs=(leg(rooms=(Room("A", 3), Room("B", 5)), closes=NINE + 30),),
        panels=(big_panel, Panel("P2", "E2", ("i4",))),
        requests=(req("r1", "c1", "E1"), req("r2", "c2", "E2")),
    )
    plan = solve(mixed)
    assert {a.request_id: a.room_id for a in plan.assignments} == {"r1": "B", "r2": "A"}


def test_an_interpreter_is_needed_present_and_never_double_booked():
    interpreters = (Interpreter("t1", (LegWindow("isb", DAY, NINE, ELEVEN),)),)
    needy = (Panel("P1", "E1", ("i1",), True), Panel("P2", "E2", ("i2",), True))
    p = problem(
        legs=(leg(closes=NINE + 30),),
        panels=needy,
        interpreters=interpreters,
        requests=(req("r1", "c1", "E1", 0.9), req("r2", "c2", "E2")),
    )
    plan = solve(p)
    assert [(a.request_id, a.interpreter_id) for a in plan.assignments] == [("r1", "t1")]
    assert reasons(plan) == {"r2": "interpreter_busy"}
    nobody = replace(p, interpreters=(), requests=(req("r1", "c1", "E1"),))
    assert reasons(solve(nobody)) == {"r1": "interpreter"}


def test_availability_of_candidate_and_panel_is_respected():
    p = problem(candidates=(cand("c1", start=NINE + 30),), requests=(req("r1", "c1", "E1"),))
    (a,) = solve(p).assignments
    assert (a.start.hour, a.start.minute) == (9, 30)
    away = replace(p, interviewers=(person("i1", end=NINE + 30), person("i2")))
    assert reasons(solve(away)) == {"r1": "panel_availability"}
    absent = replace(p, candidates=(cand("c1", day=DAY + timedelta(days=1)),))
    assert reasons(solve(absent)) == {"r1": "candidate_availability"}


@pytest.mark.parametrize(
    ("gap", "closes", "placed"), [(15, TEN, 1), (0, TEN, 2), (15, TEN + 30, 2)]
)
def test_in_person_interviews_of_a_candidate_keep_a_gap(gap, closes, placed):
    # Two slots back to back (9:00, 9:30) leave no gap; a third slot (10:00) leaves 30 min.
    p = problem(
        legs=(leg(closes=closes),),
        candidate_gap_minutes=gap,
        requests=(req("r1", "c1", "E1", 0.9), req("r2", "c1", "E2")),
    )
    plan = solve(p)
    assert len(plan.assignments) == placed
    if placed == 1:
        (u,) = plan.unscheduled
        assert "too close to the candidate's other in-person interview (1)" in u.reason


def test_a_candidate_is_in_one_city_per_day():
    # Two legs on the same day; E1 is in Islamabad at 9:00, E2 in Lahore at 10:00.
    p = problem(
        legs=(leg(closes=ELEVEN), leg("lhe", "lahore", closes=ELEVEN)),
        interviewers=(person("i1", end=NINE + 30), person("i2", ("lhe",), start=TEN)),
        requests=(req("r1", "c1", "E1", 0.9), req("r2", "c1", "E2")),
    )
    plan = solve(p)
    assert [a.request_id for a in plan.assignments] == ["r1"]
    assert reasons(plan) == {"r2": "candidate_city_day"}


def test_online_interviews_use_a_window_and_its_lines():
    window = OnlineWindow(DAY, NINE, NINE + 30, lines=1)
    p = problem(
        online_windows=(window,),
        candidates=(cand("c1", "quetta"), cand("c2", "quetta")),
        requests=(
            req("r1", "c1", "E1", 0.9, online=True, in_person=False),
            req("r2", "c2", "E2", 0.5, online=True, in_person=False),
        ),
    )
    plan = solve(p)
    (a,) = plan.assignments
    assert (a.request_id, a.online, a.room_id, a.leg_id) == ("r1", True, None, "isb")
    assert reasons(plan) == {"r2": "online_full"}
    assert reasons(solve(replace(p, online_windows=()))) == {
        "r1": "no_online_window",
        "r2": "no_online_window",
    }


def test_higher_priority_wins_the_last_slot():
    p = problem(
        legs=(leg(rooms=(Room("A", 6),), closes=NINE + 30),),
        requests=(req("low", "c1", "E1", 0.2), req("high", "c2", "E2", 0.8)),
    )
    assert [a.request_id for a in solve(p).assignments] == ["high"]


def test_a_candidate_is_interviewed_in_their_own_city_when_possible():
    tomorrow = DAY + timedelta(days=1)
    legs = (leg(), leg("lhe", "lahore", day=tomorrow))
    p = problem(
        legs=legs,
        interviewers=(
            Interviewer(
                "i1", (LegWindow("isb", DAY, NINE, TEN), LegWindow("lhe", tomorrow, NINE, TEN))
            ),
            person("i2"),
        ),
        candidates=(
            Candidate("c1", "lahore", (DayWindow(DAY, NINE, TEN), DayWindow(tomorrow, NINE, TEN))),
        ),
        requests=(req("r1", "c1", "E1"),),
    )
    plan = solve(p)
    assert [a.leg_id for a in plan.assignments] == ["lhe"]
    assert plan.figures.travel_km == 0
    # The greedy baseline also starts from the preferred city.
    assert [a.leg_id for a in interview_timetable_greedy(p).assignments] == ["lhe"]


def test_requests_without_a_panel_are_explained():
    p = problem(requests=(req("r1", "c1", "E9"),))
    (u,) = solve(p).unscheduled
    assert u.constraint == "no_panel" and "E9" in u.reason


def test_bad_data_is_refused_with_every_error():
    p = problem(legs=(leg(city="atlantis"),), requests=(req("r1", "c9", "E1", 1.5),))
    errors = problem_errors(p)
    assert any("atlantis" in e for e in errors)
    assert any("unknown candidate" in e for e in errors)
    assert any("priority" in e for e in errors)
    with pytest.raises(ValueError, match="not valid"):
        interview_timetable_solve(p)


def test_the_checker_reports_each_broken_rule():
    p = problem(
        legs=(leg(rooms=(Room("A", 1),)),), requests=(req("r1", "c1", "E1"), req("r2", "c1", "E2"))
    )
    (a,) = solve(replace(p, requests=p.requests[:1])).unscheduled  # room too small
    assert a.constraint == "room_capacity"
    ok = interview_timetable_greedy(replace(p, legs=(leg(),)))
    first = ok.assignments[0]
    clash = replace(first, request_id="r2", panel_id="P2")
    naive = replace(first, start=first.start.replace(tzinfo=None))
    bad: list[Assignment] = [first, clash, first, naive]
    found = " | ".join(timetable_violations(p, bad))
    for words in (
        "candidate c1 double-booked",
        "room isb/",
        "seats 1, needs 2",
        "placed more than once",
        "not aware",
    ):
        assert words in found
