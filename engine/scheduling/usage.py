"""What placed interviews already hold, and which of them an option would clash with.

Used by the greedy baseline (first option with no clash), by re-planning (which previous
interviews can stay together) and to explain why a request with options was left out.
Checks are exact for options on their leg's (or online window's) grid and conservative
otherwise (an interpreter clash is counted over the whole interval).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from engine.scheduling.options import MissionIndex, Option, interpreters_free

# Clash codes, in the order they are reported.
CLASHES = {
    "candidate_busy": "the candidate has another interview then",
    "candidate_gap": "too close to the candidate's other in-person interview",
    "candidate_city_day": "the candidate is in another city that day",
    "interviewer_busy": "an interviewer of the panel is busy then",
    "room_full": "no free room that seats the party",
    "interpreter_busy": "every interpreter is busy then",
    "online_full": "every online line is taken",
}


def rooms_fit(seats: list[int], parties: list[int]) -> bool:
    """Whether every party gets its own room among ``seats`` (largest party, largest room)."""
    if len(parties) > len(seats):
        return False
    big_rooms = sorted(seats, reverse=True)
    return all(p <= big_rooms[k] for k, p in enumerate(sorted(parties, reverse=True)))


class ResourceUsage:
    """Mutable record of the interviews placed so far (internal to the solvers)."""

    def __init__(self, index: MissionIndex) -> None:
        self.index = index
        self.gap = index.problem.candidate_gap_minutes
        self.candidate: dict[tuple[str, date], list[tuple[int, int, str | None]]] = defaultdict(
            list
        )
        self.interviewer: dict[tuple[str, date], list[tuple[int, int]]] = defaultdict(list)
        self.cell_parties: dict[tuple[str, date, int], list[int]] = defaultdict(list)
        self.cell_rooms: dict[tuple[str, date, int], set[str]] = defaultdict(set)
        self.interp: dict[tuple[str, date], list[tuple[int, int, str | None]]] = defaultdict(list)
        self.online: dict[tuple[str, date, int], int] = defaultdict(int)
        self.seats = {
            leg.leg_id: {r.room_id: r.seats for r in leg.rooms} for leg in index.problem.legs
        }

    def free_seats(self, o: Option) -> list[int]:
        taken = self.cell_rooms.get(o.slot_key, set())
        return [n for room, n in self.seats[o.leg_id].items() if room not in taken]

    def room_fits(self, o: Option, room_id: str | None = None) -> bool:
        """Whether ``o`` (in person) still gets a room; in ``room_id`` when given."""
        others = self.cell_parties.get(o.slot_key, [])
        if room_id is None:
            return rooms_fit(self.free_seats(o), [*others, o.party])
        seats = self.seats[o.leg_id]
        taken = self.cell_rooms.get(o.slot_key, set())
        if room_id not in seats or seats[room_id] < o.party or room_id in taken:
            return False
        rest = [n for room, n in seats.items() if room not in taken and room != room_id]
        return rooms_fit(rest, others)

    def interpreter_capacity(self, o: Option) -> int:
        """How many more interviews like ``o`` (same leg and time) could get an interpreter."""
        present = interpreters_free(self.index, o.leg_id, o.day, o.start_min, o.end_min)
        busy = [i for s, e, i in self.interp.get((o.leg_id, o.day), [])
                if s < o.end_min and o.start_min < e]  # fmt: skip
        pinned = {i for i in busy if i is not None}
        unpinned = sum(1 for i in busy if i is None)
        return max(0, sum(1 for i in present if i not in pinned) - unpinned)

    def interpreters_left(self, o: Option) -> list[str]:
        """Interpreters who could still take ``o``; [] when they are all needed elsewhere."""
        if self.interpreter_capacity(o) <= 0:
            return []
        pinned = {i for s, e, i in self.interp.get((o.leg_id, o.day), [])
                  if s < o.end_min and o.start_min < e}  # fmt: skip
        present = interpreters_free(self.index, o.leg_id, o.day, o.start_min, o.end_min)
        return [i for i in present if i not in pinned]

    def clashes(self, o: Option, room_id: str | None = None) -> list[str]:
        """Clash codes (keys of :data:`CLASHES`) of ``o`` with the placed interviews."""
        found: list[str] = []
        for s, e, city in self.candidate.get((o.candidate_id, o.day), []):
            if s < o.end_min and o.start_min < e:
                found.append("candidate_busy")
            elif city is not None and o.city is not None:
                if s < o.end_min + self.gap and o.start_min < e + self.gap:
                    found.append("candidate_gap")
                if city != o.city:
                    found.append("candidate_city_day")
        for person in o.interviewer_ids:
            if any(s < o.end_min and o.start_min < e
                   for s, e in self.interviewer.get((person, o.day), [])):  # fmt: skip
                found.append("interviewer_busy")
                break
        if o.city is not None and not self.room_fits(o, room_id):
            found.append("room_full")
        if o.needs_interpreter and not self.interpreters_left(o):
            found.append("interpreter_busy")
        if o.city is None:
            lines = self.index.problem.online_windows[o.window].lines
            if self.online.get(o.slot_key, 0) >= lines:
                found.append("online_full")
        return sorted(set(found), key=list(CLASHES).index)

    def add(self, o: Option, room_id: str | None = None, interpreter_id: str | None = None) -> None:
        """Record ``o`` as placed (pinned to ``room_id`` / ``interpreter_id`` when given)."""
        self.candidate[(o.candidate_id, o.day)].append((o.start_min, o.end_min, o.city))
        for person in o.interviewer_ids:
            self.interviewer[(person, o.day)].append((o.start_min, o.end_min))
        if o.city is not None:
            if room_id is None:
                self.cell_parties[o.slot_key].append(o.party)
            else:
                self.cell_rooms[o.slot_key].add(room_id)
        else:
            self.online[o.slot_key] += 1
        if o.needs_interpreter:
            self.interp[(o.leg_id, o.day)].append((o.start_min, o.end_min, interpreter_id))
