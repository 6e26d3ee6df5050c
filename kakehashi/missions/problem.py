"""Build the solver's MissionProblem (engine.scheduling) from a mission in the database, and
store the plan it returns."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction

from engine.scheduling.model import (
    Candidate,
    DayWindow,
    Interviewer,
    LegWindow,
    MissionProblem,
    OnlineWindow,
    TimetablePlan,
)
from engine.scheduling.model import (
    Interpreter as EngineInterpreter,
)
from engine.scheduling.model import (
    InterviewRequest as EngineRequest,
)
from engine.scheduling.model import (
    MissionLeg as EngineLeg,
)
from engine.scheduling.model import (
    Panel as EnginePanel,
)
from engine.scheduling.model import (
    Room as EngineRoom,
)
from kakehashi.missions.models import Interview, InterviewRequest, Mission


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def mission_problem(mission: Mission) -> MissionProblem:
    legs = list(mission.legs.prefetch_related("rooms"))
    engine_legs = tuple(
        EngineLeg(
            leg_id=str(leg.pk),
            city=leg.city,
            days=tuple(leg.days),
            rooms=tuple(EngineRoom(str(r.pk), r.seats) for r in leg.rooms.all()),
            opens_min=_minutes(leg.opens),
            closes_min=_minutes(leg.closes),
            breaks=((_minutes(leg.break_start), _minutes(leg.break_end)),)
            if leg.break_start and leg.break_end
            else (),
            slot_minutes=mission.slot_minutes,
        )
        for leg in legs
    )

    def windows(leg_ids) -> tuple[LegWindow, ...]:
        return tuple(
            LegWindow(str(leg.pk), day, _minutes(leg.opens), _minutes(leg.closes))
            for leg in legs
            if leg.pk in leg_ids
            for day in leg.days
        )

    # What each interviewer said they can do, day by day; no rows: the legs' opening hours.
    given: dict[int, dict[dt.date, list[tuple[int, int]]]] = {}
    for row in mission.availability.all():
        given.setdefault(row.interviewer_id, {}).setdefault(row.day, []).append(
            (_minutes(row.start), _minutes(row.end))
        )

    def own_windows(user_id: int, leg_ids) -> tuple[LegWindow, ...]:
        if user_id not in given:
            return windows(leg_ids)
        days = given[user_id]
        return tuple(
            LegWindow(w.leg_id, w.day, max(w.start_min, start), min(w.end_min, end))
            for w in windows(leg_ids)
            for start, end in days.get(w.day, ())
            if max(w.start_min, start) < min(w.end_min, end)
        )

    panels = list(mission.panels.prefetch_related("interviewers", "legs"))
    interviewers: dict[str, Interviewer] = {}
    for panel in panels:
        leg_ids = {leg.pk for leg in panel.legs.all()}
        for user in panel.interviewers.all():
            interviewers[str(user.pk)] = Interviewer(str(user.pk), own_windows(user.pk, leg_ids))
    requests = list(
        mission.requests.filter(cancelled=False)
        .exclude(answer=InterviewRequest.Answer.DECLINED)
        .select_related("application__candidate", "application__job")
    )
    all_days = sorted({d for leg in legs for d in leg.days})
    candidates = {}
    for r in requests:
        cid = str(r.application.candidate_id)
        unavailable = set(r.unavailable_days)
        candidates[cid] = Candidate(
            candidate_id=cid,
            preferred_city=r.preferred_city or r.application.candidate.city or legs[0].city,
            availability=tuple(
                DayWindow(d, 0, 24 * 60) for d in all_days if d.isoformat() not in unavailable
            ),
        )
    online = ()
    if mission.online_lines and legs:
        online = tuple(
            OnlineWindow(
                d,
                _minutes(legs[0].opens),
                _minutes(legs[0].closes),
                mission.online_lines,
                mission.slot_minutes,
            )
            for d in all_days
        )
    return MissionProblem(
        legs=engine_legs,
        interviewers=tuple(interviewers.values()),
        panels=tuple(
            EnginePanel(
                str(p.pk),
                str(p.employer_id),
                tuple(str(u.pk) for u in p.interviewers.all()),
                p.needs_interpreter,
            )
            for p in panels
        ),
        candidates=tuple(candidates.values()),
        requests=tuple(
            EngineRequest(
                request_id=str(r.pk),
                candidate_id=str(r.application.candidate_id),
                job_id=str(r.application.job_id),
                employer_id=str(r.application.job.employer_id),
                priority=r.priority,
                # The candidate's own preference narrows what the organiser allowed.
                online_allowed=r.online_allowed
                and r.attendance != InterviewRequest.Attendance.IN_PERSON,
                in_person_allowed=r.attendance != InterviewRequest.Attendance.ONLINE,
            )
            for r in requests
        ),
        interpreters=tuple(
            EngineInterpreter(str(i.pk), windows({leg.pk for leg in i.legs.all()}))
            for i in mission.interpreters.prefetch_related("legs")
        ),
        online_windows=online,
        candidate_gap_minutes=mission.candidate_gap_minutes,
    )


@transaction.atomic
def mission_plan_store(mission: Mission, plan: TimetablePlan) -> None:
    """Replace the mission's timetable with ``plan``, keeping check-in codes of interviews
    that did not move."""
    existing = {i.request_id: i for i in Interview.objects.filter(request__mission=mission)}
    placed = {int(a.request_id) for a in plan.assignments}
    # Interviews of cancelled requests (no-shows) stay on record; the others follow the plan.
    Interview.objects.filter(request__mission=mission, request__cancelled=False).exclude(
        request_id__in=placed
    ).delete()
    for a in plan.assignments:
        row = existing.get(int(a.request_id)) or Interview(
            request_id=int(a.request_id), checkin_code=secrets.token_hex(3).upper()
        )
        row.panel_id = int(a.panel_id)
        row.leg_id = int(a.leg_id)
        row.room_id = int(a.room_id) if a.room_id else None
        row.interpreter_id = int(a.interpreter_id) if a.interpreter_id else None
        row.start, row.end = a.start, a.end
        row.save()
    reasons = {int(u.request_id): u.reason for u in plan.unscheduled}
    for request in InterviewRequest.objects.filter(mission=mission):
        reason = reasons.get(request.pk, "")
        if request.unscheduled_reason != reason:
            request.unscheduled_reason = reason[:300]
            request.save(update_fields=["unscheduled_reason"])
