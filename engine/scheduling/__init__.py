"""Hiring-mission interview timetable: CP-SAT solver, greedy baseline and checker.

Public API (pure functions over frozen dataclasses; times in minutes after local midnight
on a ``date`` going in, aware Asia/Karachi datetimes coming out)::

    interview_timetable_solve(problem, *, time_limit_s=10, previous=None, method="auto",
                              on_progress=None, ...) -> TimetablePlan
    interview_timetable_greedy(problem, *, previous=None, ...) -> TimetablePlan
    timetable_violations(problem, plan) -> list[str]     # [] when every constraint holds
    plan_measures(problem, assignments, weights) -> PlanMeasures
    problem_errors(problem) -> list[str]                 # data errors; solvers raise ValueError

See docs/scheduling.md for the model.
"""

from engine.scheduling.check import timetable_violations
from engine.scheduling.distance import city_distance_km
from engine.scheduling.figures import PlanMeasures, plan_measures
from engine.scheduling.greedy import interview_timetable_greedy
from engine.scheduling.lns import SolveProgress
from engine.scheduling.model import (
    KARACHI,
    Assignment,
    Candidate,
    DayWindow,
    Interpreter,
    Interviewer,
    InterviewRequest,
    LegWindow,
    MissionLeg,
    MissionProblem,
    ObjectiveWeights,
    OnlineWindow,
    Panel,
    PlanFigures,
    Room,
    TimetablePlan,
    Unscheduled,
)
from engine.scheduling.options import leg_slots, problem_errors
from engine.scheduling.solve import interview_timetable_solve

__all__ = [
    "KARACHI",
    "Assignment",
    "Candidate",
    "DayWindow",
    "Interpreter",
    "InterviewRequest",
    "Interviewer",
    "LegWindow",
    "MissionLeg",
    "MissionProblem",
    "ObjectiveWeights",
    "OnlineWindow",
    "Panel",
    "PlanFigures",
    "PlanMeasures",
    "Room",
    "SolveProgress",
    "TimetablePlan",
    "Unscheduled",
    "city_distance_km",
    "interview_timetable_greedy",
    "interview_timetable_solve",
    "leg_slots",
    "plan_measures",
    "problem_errors",
    "timetable_violations",
]
