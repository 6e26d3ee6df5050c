"""Where each request could go: the slot grids, availability look-ups and the options.

An *option* is one concrete placement of a request: a panel of the right employer, in person
at a leg (any room that seats the party) or online, at one slot. Options already respect
every single-interview constraint (availability of the candidate, each interviewer and an
interpreter; a room big enough; the mode allowed); the solvers only deal with the clashes
between interviews. When a request has no option, :func:`request_blocker` says why.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from engine.scheduling.distance import city_coordinates, city_distance_km
from engine.scheduling.model import (
    InterviewRequest,
    MissionLeg,
    MissionProblem,
    OnlineWindow,
    Panel,
    Unscheduled,
)

Span = tuple[int, int]  # [start_min, end_min)


class Option(NamedTuple):
    """One possible placement of a request. ``leg_id`` is where the panel sits; ``city`` is
    the in-person city (``None`` online); ``window`` the online window index (-1 in person);
    ``party`` the seats needed in a room. (A named tuple: a 2,000-request mission has ~90k
    options, and a frozen dataclass took half of the time to list them.)"""

    request_id: str
    candidate_id: str
    employer_id: str
    panel_id: str
    interviewer_ids: tuple[str, ...]
    leg_id: str
    city: str | None
    window: int
    day: date
    start_min: int
    end_min: int
    party: int
    needs_interpreter: bool

    @property
    def online(self) -> bool:
        return self.city is None

    @property
    def slot_key(self) -> tuple[str, date, int]:
        """(leg, day, start): the room / online-line grid cell of this option."""
        return (
            self.leg_id if self.city is not None else f"online:{self.window}",
            self.day,
            self.start_min,
        )


def leg_slots(leg: MissionLeg) -> list[Span]:
    """The interview slots of one day of a leg: from opening, ``slot_minutes`` long, jumping
    over breaks, ending by closing time."""
    spans: list[Span] = []
    t = leg.opens_min
    while t + leg.slot_minutes <= leg.closes_min:
        clash = [b for b in leg.breaks if t < b[1] and b[0] < t + leg.slot_minutes]
        if clash:
            t = max(b[1] for b in clash)
            continue
        spans.append((t, t + leg.slot_minutes))
        t += leg.slot_minutes
    return spans


def window_slots(window: OnlineWindow) -> list[Span]:
    """The online slots of a window, ``slot_minutes`` long from its start."""
    step = window.slot_minutes
    return [(t, t + step) for t in range(window.start_min, window.end_min - step + 1, step)]


def covers(spans: list[Span] | tuple[Span, ...], start_min: int, end_min: int) -> bool:
    """Whether one of ``spans`` contains the whole ``[start_min, end_min)``."""
    return any(s <= start_min and end_min <= e for s, e in spans)


def problem_errors(problem: MissionProblem) -> list[str]:
    """What is wrong with a problem's data (unknown ids, duplicates, bad ranges); [] if fine."""
    errors: list[str] = []
    known_cities = city_coordinates()

    def dupes(kind: str, ids: list[str]) -> None:
        for key, n in Counter(ids).items():
            if n > 1:
                errors.append(f"{kind} id {key!r} appears {n} times")

    dupes("leg", [leg.leg_id for leg in problem.legs])
    dupes("interviewer", [i.interviewer_id for i in problem.interviewers])
    dupes("panel", [p.panel_id for p in problem.panels])
    dupes("interpreter", [i.interpreter_id for i in problem.interpreters])
    dupes("candidate", [c.candidate_id for c in problem.candidates])
    dupes("request", [r.request_id for r in problem.requests])
    legs = {leg.leg_id for leg in problem.legs}
    for leg in problem.legs:
        if leg.city not in known_cities:
            errors.append(f"leg {leg.leg_id}: unknown city code {leg.city!r}")
        if leg.slot_minutes <= 0 or leg.opens_min >= leg.closes_min:
            errors.append(f"leg {leg.leg_id}: needs opens < closes and slot_minutes > 0")
        dupes(f"leg {leg.leg_id} room", [r.room_id for r in leg.rooms])
    people = {i.interviewer_id for i in problem.interviewers}
    for panel in problem.panels:
        if not panel.interviewer_ids:
            errors.append(f"panel {panel.panel_id} has no interviewer")
        errors += [
            f"panel {panel.panel_id}: unknown interviewer {i!r}"
            for i in panel.interviewer_ids
            if i not in people
        ]
    windows_by_person = [(i.interviewer_id, i.availability) for i in problem.interviewers] + [
        (i.interpreter_id, i.availability) for i in problem.interpreters
    ]
    for person_id, availability in windows_by_person:
        errors += [
            f"{person_id}: availability at unknown leg {w.leg_id!r}"
            for w in availability
            if w.leg_id not in legs
        ]
    for interpreter in problem.interpreters:
        by_day: dict[date, list[tuple[int, int, str]]] = defaultdict(list)
        for w in interpreter.availability:
            by_day[w.day].append((w.start_min, w.end_min, w.leg_id))
        for day, spans in by_day.items():
            spans.sort()
            for (_, e1, l1), (s2, _, l2) in itertools.pairwise(spans):
                if s2 < e1 and l1 != l2:
                    errors.append(
                        f"interpreter {interpreter.interpreter_id} is at two legs at once on {day}"
                    )
    windows = sorted(problem.online_windows, key=lambda w: (w.day, w.start_min))
    for a, b in itertools.pairwise(windows):
        if a.day == b.day and b.start_min < a.end_min:
            errors.append(f"online windows overlap on {a.day}")
    errors += [
        f"online window on {w.day}: needs lines >= 0 and slot_minutes > 0"
        for w in windows
        if w.lines < 0 or w.slot_minutes <= 0
    ]
    candidates = {c.candidate_id for c in problem.candidates}
    for c in problem.candidates:
        if c.preferred_city not in known_cities:
            errors.append(f"candidate {c.candidate_id}: unknown city {c.preferred_city!r}")
    for r in problem.requests:
        if r.candidate_id not in candidates:
            errors.append(f"request {r.request_id}: unknown candidate {r.candidate_id!r}")
        if not 0.0 <= r.priority <= 1.0:
            errors.append(f"request {r.request_id}: priority {r.priority} is not in [0, 1]")
    if problem.candidate_gap_minutes < 0:
        errors.append("candidate_gap_minutes must not be negative")
    return errors


@dataclass(frozen=True, slots=True)
class MissionIndex:
    """Look-up tables built once per problem (read-only after :func:`mission_index`)."""

    problem: MissionProblem
    leg_by_id: dict[str, MissionLeg]
    leg_grid: dict[str, list[Span]]
    online_grid: list[list[Span]]
    panels_by_employer: dict[str, list[Panel]]
    # interviewer -> (leg, day) -> spans
    interviewer_spans: dict[str, dict[tuple[str, date], list[Span]]]
    # (leg, day) -> [(interpreter id, spans)]
    interpreter_spans: dict[tuple[str, date], list[tuple[str, list[Span]]]]
    candidate_spans: dict[str, dict[date, list[Span]]]
    candidate_cities: dict[str, tuple[str, ...]]
    candidate_city: dict[str, str]
    max_seats: dict[str, int]
    # Memo tables filled by request_options (a candidate has several requests, a panel
    # many): free slots per (candidate, day, grid), usable slots per (panel, leg, day).
    memo: dict[tuple[object, ...], object] = field(default_factory=dict)


def mission_index(problem: MissionProblem) -> MissionIndex:
    """Validate ``problem`` (``ValueError`` listing every error) and index it."""
    errors = problem_errors(problem)
    if errors:
        raise ValueError("Mission data is not valid: " + "; ".join(errors))
    interviewer_spans: dict[str, dict[tuple[str, date], list[Span]]] = {}
    for person in problem.interviewers:
        spans: dict[tuple[str, date], list[Span]] = defaultdict(list)
        for w in person.availability:
            spans[(w.leg_id, w.day)].append((w.start_min, w.end_min))
        interviewer_spans[person.interviewer_id] = dict(spans)
    interpreter_spans: dict[tuple[str, date], list[tuple[str, list[Span]]]] = defaultdict(list)
    for interpreter in problem.interpreters:
        per_leg_day: dict[tuple[str, date], list[Span]] = defaultdict(list)
        for w in interpreter.availability:
            per_leg_day[(w.leg_id, w.day)].append((w.start_min, w.end_min))
        for key, spans_ in per_leg_day.items():
            interpreter_spans[key].append((interpreter.interpreter_id, spans_))
    candidate_spans: dict[str, dict[date, list[Span]]] = {}
    for c in problem.candidates:
        per_day: dict[date, list[Span]] = defaultdict(list)
        for d in c.availability:
            per_day[d.day].append((d.start_min, d.end_min))
        candidate_spans[c.candidate_id] = dict(per_day)
    panels_by_employer: dict[str, list[Panel]] = defaultdict(list)
    for panel in problem.panels:
        panels_by_employer[panel.employer_id].append(panel)
    return MissionIndex(
        problem=problem,
        leg_by_id={leg.leg_id: leg for leg in problem.legs},
        leg_grid={leg.leg_id: leg_slots(leg) for leg in problem.legs},
        online_grid=[window_slots(w) for w in problem.online_windows],
        panels_by_employer=dict(panels_by_employer),
        interviewer_spans=interviewer_spans,
        interpreter_spans=dict(interpreter_spans),
        candidate_spans=candidate_spans,
        candidate_cities={c.candidate_id: c.in_person_cities for c in problem.candidates},
        candidate_city={c.candidate_id: c.preferred_city for c in problem.candidates},
        max_seats={
            leg.leg_id: max((r.seats for r in leg.rooms), default=0) for leg in problem.legs
        },
    )


def interpreters_free(index: MissionIndex, leg_id: str, day: date, s: int, e: int) -> list[str]:
    """Ids of the interpreters present at ``leg_id`` for the whole ``[s, e)`` of ``day``
    (do not change the list returned: it is memoised)."""
    key = ("interp", leg_id, day, s, e)
    found = index.memo.get(key)
    if found is None:
        found = [
            i for i, spans in index.interpreter_spans.get((leg_id, day), []) if covers(spans, s, e)
        ]
        index.memo[key] = found
    return found  # type: ignore[return-value]


def panel_present(
    index: MissionIndex, panel: Panel, leg_id: str, day: date, s: int, e: int
) -> bool:
    """Whether every member of ``panel`` is at ``leg_id`` for the whole ``[s, e)``."""
    return all(
        covers(index.interviewer_spans[i].get((leg_id, day), []), s, e)
        for i in panel.interviewer_ids
    )


def panel_host_leg(index: MissionIndex, panel: Panel, day: date, s: int, e: int) -> str | None:
    """The leg where the whole panel is during ``[s, e)`` (to host an online interview)."""
    for leg in index.problem.legs:
        if day in leg.days and panel_present(index, panel, leg.leg_id, day, s, e):
            return leg.leg_id
    return None


def _candidate_free(index: MissionIndex, candidate_id: str, day: date, s: int, e: int) -> bool:
    return covers(index.candidate_spans[candidate_id].get(day, []), s, e)


def _leg_allowed(index: MissionIndex, candidate_id: str, leg: MissionLeg) -> bool:
    cities = index.candidate_cities[candidate_id]
    return not cities or leg.city in cities


def _party(panel: Panel) -> int:
    return len(panel.interviewer_ids) + 1 + int(panel.needs_interpreter)


def _candidate_slots(
    index: MissionIndex, candidate_id: str, day: date, grid: str, spans: list[Span]
) -> list[Span]:
    key = ("cand", candidate_id, day, grid)
    found = index.memo.get(key)
    if found is None:
        free = index.candidate_spans[candidate_id].get(day, [])
        found = [(s, e) for s, e in spans if covers(free, s, e)]
        index.memo[key] = found
    return found  # type: ignore[return-value]


def _panel_leg_starts(index: MissionIndex, panel: Panel, leg_id: str, day: date) -> set[int]:
    """Starts of the leg's slots on ``day`` when the whole panel is there (and, if it
    needs one, an interpreter is present)."""
    key = ("panel", panel.panel_id, leg_id, day)
    found = index.memo.get(key)
    if found is None:
        found = {
            s
            for s, e in index.leg_grid[leg_id]
            if panel_present(index, panel, leg_id, day, s, e)
            and (not panel.needs_interpreter or interpreters_free(index, leg_id, day, s, e))
        }
        index.memo[key] = found
    return found  # type: ignore[return-value]


def _panel_online_hosts(index: MissionIndex, panel: Panel, w_index: int) -> dict[int, str]:
    """Start -> the leg hosting ``panel`` for each slot of online window ``w_index``."""
    key = ("online", panel.panel_id, w_index)
    cached = index.memo.get(key)
    if cached is not None:
        return cached  # type: ignore[return-value]
    window = index.problem.online_windows[w_index]
    hosts: dict[int, str] = {}
    for s, e in index.online_grid[w_index]:
        host = panel_host_leg(index, panel, window.day, s, e)
        if host is not None and (
            not panel.needs_interpreter or interpreters_free(index, host, window.day, s, e)
        ):
            hosts[s] = host
    index.memo[key] = hosts
    return hosts


def request_options(index: MissionIndex, request: InterviewRequest) -> list[Option]:
    """Every placement of ``request`` that passes the single-interview checks, cheapest first
    (preferred city, then in person nearer, then online; then earliest)."""
    options: list[Option] = []
    cid = request.candidate_id
    home = index.candidate_city[cid]
    for panel in index.panels_by_employer.get(request.employer_id, []):
        party = _party(panel)
        if request.in_person_allowed:
            for leg in index.problem.legs:
                if not _leg_allowed(index, cid, leg) or party > index.max_seats[leg.leg_id]:
                    continue
                grid = index.leg_grid[leg.leg_id]
                for day in leg.days:
                    starts = _panel_leg_starts(index, panel, leg.leg_id, day)
                    for s, e in _candidate_slots(index, cid, day, leg.leg_id, grid):
                        if s in starts:
                            options.append(
                                Option(request.request_id, cid, request.employer_id,
                                       panel.panel_id, panel.interviewer_ids, leg.leg_id,
                                       leg.city, -1, day, s, e, party, panel.needs_interpreter)
                            )  # fmt: skip
        if request.online_allowed:
            for w_index, window in enumerate(index.problem.online_windows):
                if window.lines <= 0:
                    continue
                hosts = _panel_online_hosts(index, panel, w_index)
                grid = index.online_grid[w_index]
                for s, e in _candidate_slots(index, cid, window.day, f"online:{w_index}", grid):
                    host = hosts.get(s)
                    if host is None:
                        continue
                    options.append(
                        Option(request.request_id, cid, request.employer_id, panel.panel_id,
                               panel.interviewer_ids, host, None, w_index, window.day, s, e,
                               party, panel.needs_interpreter)
                    )  # fmt: skip

    def cost(o: Option) -> tuple[int, date, int, str]:
        distance = 100_000 if o.city is None else city_distance_km(home, o.city)
        return (distance, o.day, o.start_min, o.panel_id)

    options.sort(key=cost)
    return options


# The single-interview checks, in the order a placement must pass them; a request with no
# option is reported with the furthest check that some placement reached and failed.
_STAGES = (
    ("no_panel", "{employer} has no interview panel on this mission."),
    ("mode", "The request allows neither an in-person nor an online interview."),
    ("candidate_city", "The candidate cannot travel to any leg city and online is not allowed."),
    ("no_online_window", "Online only, but the mission has no online window."),
    ("candidate_availability", "The candidate is not available on any mission day or hour."),
    ("panel_availability", "No panel of {employer} is present when the candidate is free."),
    ("interpreter", "The panel needs an interpreter and none is free at the common times."),
    ("room_capacity", "No room at the possible legs seats the panel, candidate and interpreter."),
)


def request_blocker(index: MissionIndex, request: InterviewRequest) -> Unscheduled:
    """Why ``request`` has no option at all: the most specific failing check."""
    reached = 0
    cid = request.candidate_id
    panels = index.panels_by_employer.get(request.employer_id, [])
    if panels:
        reached = 1
    if panels and (request.in_person_allowed or request.online_allowed):
        reached = 2
        legs = [
            leg
            for leg in index.problem.legs
            if request.in_person_allowed and _leg_allowed(index, cid, leg)
        ]
        windows = [
            (i, w)
            for i, w in enumerate(index.problem.online_windows)
            if request.online_allowed and w.lines > 0
        ]
        if legs or request.online_allowed:
            reached = 3
        if legs or windows:
            reached = 4
        for panel in panels:
            for leg in legs:
                for day in leg.days:
                    for s, e in index.leg_grid[leg.leg_id]:
                        if not _candidate_free(index, cid, day, s, e):
                            continue
                        reached = max(reached, 5)
                        if not panel_present(index, panel, leg.leg_id, day, s, e):
                            continue
                        reached = max(reached, 6)
                        if panel.needs_interpreter and not interpreters_free(
                            index, leg.leg_id, day, s, e
                        ):
                            continue
                        reached = max(reached, 7)
            for w_index, window in windows:
                for s, e in index.online_grid[w_index]:
                    if not _candidate_free(index, cid, window.day, s, e):
                        continue
                    reached = max(reached, 5)
                    host = panel_host_leg(index, panel, window.day, s, e)
                    if host is None:
                        continue
                    reached = max(reached, 6)
    code, text = _STAGES[reached]
    return Unscheduled(request.request_id, code, text.format(employer=request.employer_id))
