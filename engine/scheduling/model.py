"""Plain-data inputs and outputs of the interview timetable solver.

Times of day are integer **minutes after local midnight in Asia/Karachi** (PKT, UTC+5, no
DST) on a given ``date``; intervals are half-open ``[start_min, end_min)``. The outputs carry
timezone-aware ``datetime`` values in Asia/Karachi.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

KARACHI = ZoneInfo("Asia/Karachi")


@dataclass(frozen=True, slots=True)
class DayWindow:
    """A stretch of one day, ``[start_min, end_min)`` in minutes after midnight (PKT)."""

    day: date
    start_min: int
    end_min: int


@dataclass(frozen=True, slots=True)
class LegWindow:
    """A person's availability at one leg: present in that leg's city, ``[start_min, end_min)``."""

    leg_id: str
    day: date
    start_min: int
    end_min: int


@dataclass(frozen=True, slots=True)
class Room:
    """A venue room; ``seats`` must hold the panel, the candidate and any interpreter."""

    room_id: str
    seats: int


@dataclass(frozen=True, slots=True)
class MissionLeg:
    """One stop of the mission: a city (``engine.geo`` code), its days, venue rooms and hours.

    Every day of the leg runs ``[opens_min, closes_min)`` minus the daily ``breaks``
    (``(start_min, end_min)`` pairs). Interviews last ``slot_minutes`` and start on the grid
    that begins at ``opens_min`` and resumes at the end of each break.
    """

    leg_id: str
    city: str
    days: tuple[date, ...]
    rooms: tuple[Room, ...]
    opens_min: int = 9 * 60
    closes_min: int = 17 * 60
    breaks: tuple[tuple[int, int], ...] = ()
    slot_minutes: int = 30


@dataclass(frozen=True, slots=True)
class Interviewer:
    """A member of an employer's panel and where/when they are available."""

    interviewer_id: str
    availability: tuple[LegWindow, ...]


@dataclass(frozen=True, slots=True)
class Panel:
    """A group of interviewers of one employer who interview together."""

    panel_id: str
    employer_id: str
    interviewer_ids: tuple[str, ...]
    needs_interpreter: bool = False


@dataclass(frozen=True, slots=True)
class Interpreter:
    """A JA↔EN interpreter; sits with a panel that needs one (in person or online)."""

    interpreter_id: str
    availability: tuple[LegWindow, ...]


@dataclass(frozen=True, slots=True)
class OnlineWindow:
    """Time when remote candidates can be interviewed over video: ``lines`` at once.

    The panel joins from the leg where it is at that time; windows must not overlap.
    """

    day: date
    start_min: int
    end_min: int
    lines: int
    slot_minutes: int = 30


@dataclass(frozen=True, slots=True)
class Candidate:
    """An invited candidate: when they can come, and from where.

    ``in_person_cities``: the leg cities they can attend; empty means any.
    """

    candidate_id: str
    preferred_city: str
    availability: tuple[DayWindow, ...]
    in_person_cities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class InterviewRequest:
    """One interview to place: a candidate for a job, with any panel of the job's employer.

    ``priority`` is the match score in [0, 1]; a better match is worth more in the objective.
    """

    request_id: str
    candidate_id: str
    job_id: str
    employer_id: str
    priority: float
    online_allowed: bool = False
    in_person_allowed: bool = True


@dataclass(frozen=True, slots=True)
class MissionProblem:
    """Everything the solver needs. ``candidate_gap_minutes``: minimum free time between a
    candidate's in-person interviews on one day (to walk between rooms, rest)."""

    legs: tuple[MissionLeg, ...]
    interviewers: tuple[Interviewer, ...]
    panels: tuple[Panel, ...]
    candidates: tuple[Candidate, ...]
    requests: tuple[InterviewRequest, ...]
    interpreters: tuple[Interpreter, ...] = ()
    online_windows: tuple[OnlineWindow, ...] = ()
    candidate_gap_minutes: int = 15


@dataclass(frozen=True, slots=True)
class ObjectiveWeights:
    """Integer weights of the single objective (maximised). Scheduling dominates: one
    interview is worth ``interview + priority × match score`` (10,000–20,000), far more than
    any travel, idle or balance cost, so the weighted sum behaves lexicographically."""

    interview: int = 10_000
    priority: int = 10_000
    travel_per_km: int = 1  # per km from the preferred city, per city visited away from it
    city_visit: int = 300  # per city visited other than the preferred one
    online: int = 200  # an online interview instead of in person
    late_per_minute: int = 1  # start after the candidate's first free minute of that day
    panel_max_load: int = 20  # per interview on an employer's busiest panel (2+ panels)


@dataclass(frozen=True, slots=True)
class Assignment:
    """A placed interview. Online interviews have ``room_id = None``; ``leg_id`` is the leg
    where the panel sits (for an online one too). ``start``/``end`` are aware, Asia/Karachi."""

    request_id: str
    candidate_id: str
    panel_id: str
    leg_id: str
    room_id: str | None
    interpreter_id: str | None
    start: datetime
    end: datetime

    @property
    def online(self) -> bool:
        return self.room_id is None


@dataclass(frozen=True, slots=True)
class Unscheduled:
    """A request left out, with the constraint that blocks it (``constraint`` is a stable
    code, ``reason`` a sentence for the facilitator)."""

    request_id: str
    constraint: str
    reason: str


@dataclass(frozen=True, slots=True)
class PlanFigures:
    """Objective figures. Seconds are wall-clock from the call; ``None`` when not reached."""

    requested: int
    scheduled: int
    scheduled_online: int
    priority_scheduled: float  # sum of the match scores of the scheduled requests
    travel_km: int  # straight-line km from preferred cities, per candidate and city visited
    city_changes: int  # per candidate: in-person cities visited minus one
    candidates_away: int  # candidates with an in-person interview outside their city
    idle_minutes: int  # free time between a candidate's consecutive interviews of a day
    panel_load_spread: int  # sum over employers of (busiest − least busy panel)
    objective: int  # ObjectiveWeights applied to this plan (higher is better)
    bound: int | None = None  # the solver's proven upper bound on the objective
    status: str = ""
    wall_s: float = 0.0
    first_feasible_s: float | None = None
    within_5pct_s: float | None = None
    kept: int = 0  # re-plan: previous interviews left exactly where they were
    moved: int = 0  # re-plan: previous interviews placed elsewhere (they had to move)
    dropped: int = 0  # re-plan: previous interviews that could not be placed again


@dataclass(frozen=True, slots=True)
class TimetablePlan:
    """The solver's answer: assignments sorted by start, the requests left out and why."""

    assignments: tuple[Assignment, ...]
    unscheduled: tuple[Unscheduled, ...]
    figures: PlanFigures
    notes: tuple[str, ...] = field(default=())
