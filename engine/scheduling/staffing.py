"""Give chosen interviews their room and interpreter, and turn them into assignments.

The solvers only count rooms (per seat size) and interpreters per slot, which is exact for
interviews on one grid; here each interview gets a concrete room and person: a pinned one
(re-planning) first, then the room its panel already uses that day, the same interpreter
as the panel's last interview, else the smallest room that fits and the least-used
interpreter.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from engine.scheduling.model import KARACHI, Assignment
from engine.scheduling.options import MissionIndex, Option, interpreters_free
from engine.scheduling.usage import rooms_fit


@dataclass(frozen=True, slots=True)
class Chosen:
    """An option picked by a solver, with the room/interpreter it must keep (re-planning)."""

    option: Option
    room_id: str | None = None
    interpreter_id: str | None = None


def local_datetime(day: date, minutes: int) -> datetime:
    """``day`` at ``minutes`` after midnight, as an aware Asia/Karachi datetime."""
    return datetime(day.year, day.month, day.day, tzinfo=KARACHI) + timedelta(minutes=minutes)


def _assign_rooms(index: MissionIndex, chosen: list[Chosen]) -> tuple[dict[str, str], list[str]]:
    rooms: dict[str, str] = {}
    failed: list[str] = []
    by_cell: dict[tuple[str, date, int], list[Chosen]] = defaultdict(list)
    for c in chosen:
        if c.option.city is not None:
            by_cell[c.option.slot_key].append(c)
    panel_room: dict[tuple[str, str, date], str] = {}
    for cell in sorted(by_cell):
        leg_id, day, _ = cell
        seats = {r.room_id: r.seats for r in index.leg_by_id[leg_id].rooms}
        free = dict(seats)
        for c in by_cell[cell]:
            if c.room_id is not None:
                rooms[c.option.request_id] = c.room_id
                free.pop(c.room_id, None)
        todo = sorted(
            (c.option for c in by_cell[cell] if c.room_id is None),
            key=lambda o: (-o.party, o.request_id),
        )
        for k, o in enumerate(todo):
            rest = [p.party for p in todo[k + 1 :]]
            fitting = sorted((n, room) for room, n in free.items() if n >= o.party)
            preferred = panel_room.get((o.panel_id, leg_id, day))
            if preferred in free and free[preferred] >= o.party:
                fitting.insert(0, (free[preferred], preferred))
            pick = next(
                (
                    room
                    for _, room in fitting
                    if rooms_fit([n for r, n in free.items() if r != room], rest)
                ),
                None,
            )
            if pick is None:
                failed.append(o.request_id)
                continue
            rooms[o.request_id] = pick
            panel_room[(o.panel_id, leg_id, day)] = pick
            del free[pick]
    return rooms, failed


def _assign_interpreters(
    index: MissionIndex, chosen: list[Chosen]
) -> tuple[dict[str, str], list[str]]:
    people: dict[str, str] = {}
    failed: list[str] = []
    busy: dict[tuple[str, date], list[tuple[int, int]]] = defaultdict(list)
    load: Counter[str] = Counter()
    last_for_panel: dict[str, str] = {}
    needing = sorted(
        (c for c in chosen if c.option.needs_interpreter),
        key=lambda c: (c.interpreter_id is None, c.option.day, c.option.start_min),
    )
    for c in needing:
        o = c.option
        present = interpreters_free(index, o.leg_id, o.day, o.start_min, o.end_min)
        free = [
            i
            for i in present
            if not any(s < o.end_min and o.start_min < e for s, e in busy[(i, o.day)])
        ]
        if c.interpreter_id is not None and c.interpreter_id in free:
            pick: str | None = c.interpreter_id
        elif last_for_panel.get(o.panel_id) in free:
            pick = last_for_panel[o.panel_id]
        else:
            pick = min(free, key=lambda i: (load[i], i), default=None)
        if pick is None:
            failed.append(o.request_id)
            continue
        people[o.request_id] = pick
        busy[(pick, o.day)].append((o.start_min, o.end_min))
        load[pick] += 1
        last_for_panel[o.panel_id] = pick
    return people, failed


def staff_interviews(
    index: MissionIndex, chosen: list[Chosen]
) -> tuple[list[Assignment], dict[str, str]]:
    """Assignments for ``chosen`` (sorted by start, leg, room), and the request ids that got
    no room or interpreter mapped to the clash code (empty when the counts were right)."""
    rooms, no_room = _assign_rooms(index, chosen)
    people, no_person = _assign_interpreters(index, chosen)
    failed = {rid: "room_full" for rid in no_room} | {rid: "interpreter_busy" for rid in no_person}
    assignments = [
        Assignment(
            request_id=c.option.request_id,
            candidate_id=c.option.candidate_id,
            panel_id=c.option.panel_id,
            leg_id=c.option.leg_id,
            room_id=rooms.get(c.option.request_id),
            interpreter_id=people.get(c.option.request_id),
            start=local_datetime(c.option.day, c.option.start_min),
            end=local_datetime(c.option.day, c.option.end_min),
        )
        for c in chosen
        if c.option.request_id not in failed
    ]
    assignments.sort(key=lambda a: (a.start, a.leg_id, a.room_id or "", a.request_id))
    return assignments, failed
