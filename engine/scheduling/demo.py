"""A deterministic, realistic hiring mission for demos, tests and the benchmark.

Candidates (and their home cities) come from :func:`engine.demo.demo_candidates`, employers
from :func:`engine.demo.demo_employers`; the mission visits three hub cities, two days each.
Everything is drawn from ``random.Random(seed)``: the same arguments give the same problem.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from engine.demo import demo_candidates, demo_employers
from engine.scheduling.distance import city_distance_km
from engine.scheduling.model import (
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
)

DEMO_MISSION_START = date(2026, 12, 7)
"""A Monday after the demo world's 'today' (2026-11-01)."""

_OPENS, _CLOSES, _LUNCH = 9 * 60, 17 * 60, (13 * 60, 14 * 60)
_FAR_KM = 400  # farther than this from every leg city: online allowed


def demo_mission(
    *,
    requests: int = 2000,
    employers: int = 40,
    interviewers_per_employer: int = 3,
    cities: tuple[str, ...] = ("islamabad", "lahore", "karachi"),
    days_per_leg: int = 2,
    rooms_per_leg: int = 30,
    interpreters_per_leg: int = 10,
    online_lines: int = 4,
    interpreter_share: float = 0.3,
    seed: int = 7,
    start: date = DEMO_MISSION_START,
) -> MissionProblem:
    """A mission of ``requests`` interview requests (about 2.5 per candidate).

    Each employer has ``interviewers_per_employer`` people in two panels (the first two
    together, the rest alone), present at every leg except for random absences; a share of
    employers need an interpreter. Candidates are free on the days of their nearest leg
    (some only half days, some one extra day elsewhere); far candidates may go online.
    Rooms seat 3 to 6; online windows run every afternoon.
    """
    rng = random.Random(seed)
    legs: list[MissionLeg] = []
    for k, city in enumerate(cities):
        days = tuple(start + timedelta(days=k * days_per_leg + d) for d in range(days_per_leg))
        rooms = tuple(Room(f"{city[:3].upper()}-{n + 1:02d}", rng.choice((3, 4, 4, 5, 6)))
                      for n in range(rooms_per_leg))  # fmt: skip
        legs.append(MissionLeg(f"leg-{city}", city, days, rooms, _OPENS, _CLOSES, (_LUNCH,), 30))
    all_days = [(leg, d) for leg in legs for d in leg.days]

    people: list[Interviewer] = []
    panels: list[Panel] = []
    companies = demo_employers(employers, seed=seed)
    for company in companies:
        needs = rng.random() < interpreter_share
        ids = [f"e{company.key}-i{n + 1}" for n in range(interviewers_per_employer)]
        groups = [ids[:2], *[[i] for i in ids[2:]]] if len(ids) > 2 else [ids]
        for n, group in enumerate(groups):
            panels.append(Panel(f"e{company.key}-p{n + 1}", f"e{company.key}", tuple(group), needs))
        for person in ids:
            skip_leg = rng.choice(legs).leg_id if person in ids[2:] and rng.random() < 0.5 else ""
            windows = tuple(
                LegWindow(leg.leg_id, d, _OPENS, _CLOSES)
                for leg, d in all_days
                if leg.leg_id != skip_leg and rng.random() > 0.05
            )
            people.append(Interviewer(person, windows))
    interpreters = [
        Interpreter(
            f"int-{leg.city}-{n + 1}",
            tuple(LegWindow(leg.leg_id, d, _OPENS, _CLOSES) for d in leg.days),
        )
        for leg in legs
        for n in range(interpreters_per_leg)
    ]
    online = tuple(OnlineWindow(d, 14 * 60, _CLOSES, online_lines) for _, d in all_days)

    candidates: list[Candidate] = []
    reqs: list[InterviewRequest] = []
    weights = [1.0 + rng.random() for _ in companies]
    for demo_person in demo_candidates(requests, seed=seed):
        if len(reqs) >= requests:
            break
        home = demo_person.city
        nearest = min(legs, key=lambda leg: city_distance_km(home, leg.city))
        far = city_distance_km(home, nearest.city) > _FAR_KM
        free: list[DayWindow] = []
        for d in nearest.days:
            shape = rng.random()
            if shape < 0.6:
                free.append(DayWindow(d, _OPENS, _CLOSES))
            elif shape < 0.8:
                free.append(DayWindow(d, _OPENS, 13 * 60))
            elif shape < 0.95:
                free.append(DayWindow(d, 14 * 60, _CLOSES))
        if rng.random() < 0.3 or not free:
            other = rng.choice([d for leg, d in all_days if leg is not nearest])
            free.append(DayWindow(other, _OPENS, _CLOSES))
        cid = f"c{demo_person.key}"
        candidates.append(Candidate(cid, home, tuple(sorted(free, key=lambda w: w.day))))
        n_requests = min(rng.choice((1, 2, 2, 3, 3, 4)), requests - len(reqs))
        for company in rng.choices(companies, weights=weights, k=n_requests * 2):
            if n_requests == 0:
                break
            eid = f"e{company.key}"
            if any(r.candidate_id == cid and r.employer_id == eid for r in reqs[-4:]):
                continue
            online_ok = far or rng.random() < 0.15
            reqs.append(
                InterviewRequest(f"r{len(reqs) + 1}", cid, f"job-{eid}-{demo_person.track}", eid,
                                 round(rng.betavariate(2, 2), 3), online_ok)
            )  # fmt: skip
            n_requests -= 1
    return MissionProblem(
        legs=tuple(legs),
        interviewers=tuple(people),
        panels=tuple(panels),
        candidates=tuple(candidates),
        requests=tuple(reqs),
        interpreters=tuple(interpreters),
        online_windows=online,
        candidate_gap_minutes=15,
    )
