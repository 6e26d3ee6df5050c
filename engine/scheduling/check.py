"""An independent checker: every constraint of the timetable, tested on a finished plan.

Written from the problem's raw data (not from the solvers' option lists), so the tests and
the benchmark can trust it to catch a solver bug.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from engine.scheduling.model import KARACHI, Assignment, LegWindow, MissionProblem, TimetablePlan

_Item = tuple[int, int, str]  # (start_min, end_min, request id)


def _minutes(a: Assignment) -> tuple[date, int, int] | None:
    if a.start.tzinfo is None or a.end.tzinfo is None:
        return None
    s, e = a.start.astimezone(KARACHI), a.end.astimezone(KARACHI)
    if s.date() != e.date() or e <= s:
        return None
    return s.date(), s.hour * 60 + s.minute, e.hour * 60 + e.minute


def _present(windows: Sequence[LegWindow], leg_id: str, day: date, s: int, e: int) -> bool:
    return any(
        w.leg_id == leg_id and w.day == day and w.start_min <= s and e <= w.end_min for w in windows
    )


def _clashes(groups: dict[tuple[str, date], list[_Item]], what: str, pad: int = 0) -> list[str]:
    """Pairs in the same group closer than ``pad`` minutes (overlapping when ``pad`` is 0)."""
    found: list[str] = []
    for (key, day), items in groups.items():
        items.sort()
        reach, holder = -1, ""
        for s, e, rid in items:
            if s < reach + pad:
                gap = f" (less than {pad} min apart)" if pad else ""
                found.append(f"{what} {key} double-booked on {day}: {holder} and {rid}{gap}")
            if e > reach:
                reach, holder = e, rid
    return found


def timetable_violations(
    problem: MissionProblem, plan: TimetablePlan | Sequence[Assignment]
) -> list[str]:
    """Every broken constraint of ``plan`` as a readable sentence; [] when the plan is valid.

    Checks: known ids and the request's own candidate and employer; one placement per
    request; aware datetimes of one local day, on the slot length; venue hours, breaks and
    days; online only when allowed, inside an online window, within its lines; the
    candidate's, every interviewer's and the interpreter's availability at the leg; room
    seats; no candidate, interviewer, interpreter or room double-booked; a candidate's
    in-person interviews of a day in one city and at least ``candidate_gap_minutes`` apart.
    """
    assignments = plan.assignments if isinstance(plan, TimetablePlan) else tuple(plan)
    out: list[str] = []
    requests = {r.request_id: r for r in problem.requests}
    panels = {p.panel_id: p for p in problem.panels}
    legs = {leg.leg_id: leg for leg in problem.legs}
    people = {i.interviewer_id: i.availability for i in problem.interviewers}
    interpreters = {i.interpreter_id: i.availability for i in problem.interpreters}
    candidates = {c.candidate_id: c for c in problem.candidates}
    seen: set[str] = set()
    by_candidate: dict[tuple[str, date], list[_Item]] = defaultdict(list)
    by_candidate_in_person: dict[tuple[str, date], list[_Item]] = defaultdict(list)
    city_of_day: dict[tuple[str, date], set[str]] = defaultdict(set)
    by_interviewer: dict[tuple[str, date], list[_Item]] = defaultdict(list)
    by_interpreter: dict[tuple[str, date], list[_Item]] = defaultdict(list)
    by_room: dict[tuple[str, date], list[_Item]] = defaultdict(list)
    by_window: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for a in assignments:
        rid = a.request_id
        r = requests.get(rid)
        panel = panels.get(a.panel_id)
        leg = legs.get(a.leg_id)
        when = _minutes(a)
        if r is None or panel is None or leg is None or when is None:
            out.append(f"{rid}: unknown request, panel or leg, or times not aware / one day")
            continue
        if rid in seen:
            out.append(f"{rid}: placed more than once")
        seen.add(rid)
        day, s, e = when
        if a.candidate_id != r.candidate_id:
            out.append(f"{rid}: candidate {a.candidate_id} is not the request's")
        if panel.employer_id != r.employer_id:
            out.append(f"{rid}: panel {panel.panel_id} is not of employer {r.employer_id}")
        cand = candidates[r.candidate_id]
        if not any(w.day == day and w.start_min <= s and e <= w.end_min for w in cand.availability):
            out.append(f"{rid}: candidate {cand.candidate_id} is not available then")
        for person in panel.interviewer_ids:
            if not _present(people.get(person, ()), leg.leg_id, day, s, e):
                out.append(f"{rid}: interviewer {person} is not at {leg.leg_id} then")
            by_interviewer[(person, day)].append((s, e, rid))
        if a.online:
            windows = [
                (k, w)
                for k, w in enumerate(problem.online_windows)
                if w.day == day and w.start_min <= s and e <= w.end_min
            ]
            if not r.online_allowed:
                out.append(f"{rid}: online, but the request does not allow it")
            if not windows:
                out.append(f"{rid}: online outside every online window")
            else:
                k, window = windows[0]
                if e - s != window.slot_minutes:
                    out.append(f"{rid}: lasts {e - s} min, not {window.slot_minutes}")
                by_window[k].append((s, e))
        else:
            if not r.in_person_allowed:
                out.append(f"{rid}: in person, but the request does not allow it")
            if cand.in_person_cities and leg.city not in cand.in_person_cities:
                out.append(f"{rid}: candidate cannot come to {leg.city}")
            if day not in leg.days or s < leg.opens_min or e > leg.closes_min:
                out.append(f"{rid}: outside the hours or days of leg {leg.leg_id}")
            if any(b0 < e and s < b1 for b0, b1 in leg.breaks):
                out.append(f"{rid}: overlaps a break at leg {leg.leg_id}")
            if e - s != leg.slot_minutes:
                out.append(f"{rid}: lasts {e - s} min, not {leg.slot_minutes}")
            seats = {room.room_id: room.seats for room in leg.rooms}
            party = len(panel.interviewer_ids) + 1 + int(panel.needs_interpreter)
            if a.room_id not in seats:
                out.append(f"{rid}: room {a.room_id} is not at leg {leg.leg_id}")
            elif seats[a.room_id] < party:
                out.append(f"{rid}: room {a.room_id} seats {seats[a.room_id]}, needs {party}")
            by_room[(f"{leg.leg_id}/{a.room_id}", day)].append((s, e, rid))
            by_candidate_in_person[(r.candidate_id, day)].append((s, e, rid))
            city_of_day[(r.candidate_id, day)].add(leg.city)
        by_candidate[(r.candidate_id, day)].append((s, e, rid))
        if panel.needs_interpreter != (a.interpreter_id is not None):
            out.append(
                f"{rid}: interpreter {'missing' if panel.needs_interpreter else 'not needed'}"
            )
        if a.interpreter_id is not None:
            if not _present(interpreters.get(a.interpreter_id, ()), leg.leg_id, day, s, e):
                out.append(f"{rid}: interpreter {a.interpreter_id} is not at {leg.leg_id} then")
            by_interpreter[(a.interpreter_id, day)].append((s, e, rid))
    out += _clashes(by_candidate, "candidate")
    out += _clashes(by_candidate_in_person, "candidate (in person)", problem.candidate_gap_minutes)
    out += _clashes(by_interviewer, "interviewer")
    out += _clashes(by_interpreter, "interpreter")
    out += _clashes(by_room, "room")
    for (cid, day), cities in city_of_day.items():
        if len(cities) > 1:
            out.append(f"candidate {cid} is in {len(cities)} cities on {day}: {sorted(cities)}")
    for k, spans in by_window.items():
        lines = problem.online_windows[k].lines
        events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
        running = 0
        for _, step in events:
            running += step
            if running > lines:
                out.append(f"online window {k}: more than {lines} interviews at once")
                break
    return sorted(set(out), key=out.index)
