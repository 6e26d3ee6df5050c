"""Hiring missions: plan the visit, solve the interview timetable (engine.scheduling),
publish it to everyone, and run the day (check-in, no-shows, re-planning)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from engine.scheduling.lns import ProgressCallback
from engine.scheduling.model import Assignment
from engine.scheduling.solve import interview_timetable_solve
from kakehashi.audit.services import audit_record
from kakehashi.core.errors import ApplicationError
from kakehashi.core.site import site_url
from kakehashi.matching.selectors import BalancedShortlists, match_scores
from kakehashi.matching.services import shortlists_balanced_source
from kakehashi.missions.calendar import interviews_ics
from kakehashi.missions.models import (
    Interpreter,
    Interview,
    InterviewRequest,
    Mission,
    MissionLeg,
    Panel,
    Room,
)
from kakehashi.missions.problem import mission_plan_store, mission_problem
from kakehashi.missions.selectors import mission_shortlists_preview
from kakehashi.pipeline.models import Application
from kakehashi.pipeline.notices import tell
from kakehashi.pipeline.services import application_advance

KARACHI = ZoneInfo("Asia/Karachi")  # every mission city is in Pakistan


def mission_organiser_check(actor) -> None:
    """PermissionDenied unless ``actor`` is a ministry mission organiser."""
    if not (actor.is_authenticated and actor.has_duty("missions")):
        raise PermissionDenied


@transaction.atomic
def mission_create(*, actor, fields: dict) -> Mission:
    """A new hiring mission, planned by ``actor`` (a ministry mission organiser). Audited."""
    mission_organiser_check(actor)
    mission = Mission.objects.create(organiser=actor, **fields)
    audit_record(actor=actor, action="mission.created", obj=mission, details={"name": mission.name})
    return mission


@transaction.atomic
def mission_leg_add(
    *, mission: Mission, actor, fields: dict, rooms: list[tuple[str, int]]
) -> MissionLeg:
    mission_organiser_check(actor)
    leg = MissionLeg.objects.create(mission=mission, **fields)
    Room.objects.bulk_create([Room(leg=leg, name=n, seats=s) for n, s in rooms])
    audit_record(actor=actor, action="mission.leg_added", obj=mission, details={"city": leg.city})
    return leg


def mission_requests_collect(*, mission: Mission, actor) -> int:
    """Add every invited application for the mission's companies' jobs. Returns how many
    were added. The priority is the candidate's match score for the job."""
    mission_organiser_check(actor)
    known = set(mission.requests.values_list("application_id", flat=True))
    invited = (
        Application.objects.filter(stage="invited", job__employer__in=mission.employers.all())
        .exclude(pk__in=known)
        .select_related("candidate", "job")
    )
    rows = []
    for application in invited:
        rows.append(
            InterviewRequest(
                mission=mission,
                application=application,
                preferred_city=application.candidate.city,
                priority=match_scores(
                    job=application.job, profile_ids=[application.candidate_id]
                ).get(application.candidate_id, 0.5),
            )
        )
    with transaction.atomic():
        created = InterviewRequest.objects.bulk_create(rows)
        audit_record(
            actor=actor,
            action="mission.requests_collected",
            obj=mission,
            details={"added": len(rows)},
        )
        for request in InterviewRequest.objects.filter(
            mission=mission, application_id__in=[r.application_id for r in created]
        ).select_related("application__candidate__user", "application__job__employer"):
            tell(
                users=[request.application.candidate.user],
                template="mission_invitation",
                context={"mission": mission, "request": request, "site_url": site_url()},
                link=reverse("interview_request_answer", args=[request.pk]),
            )
    return len(rows)


def _previous(mission: Mission) -> list[Assignment]:
    return [
        Assignment(
            request_id=str(i.request_id),
            candidate_id=str(i.request.application.candidate_id),
            panel_id=str(i.panel_id),
            leg_id=str(i.leg_id),
            room_id=str(i.room_id) if i.room_id else None,
            interpreter_id=str(i.interpreter_id) if i.interpreter_id else None,
            start=i.start,
            end=i.end,
        )
        for i in Interview.objects.filter(
            request__mission=mission, request__cancelled=False
        ).select_related("request__application")
    ]


def mission_solve(
    *,
    mission: Mission,
    actor,
    time_limit_s: float = 10.0,
    on_progress: ProgressCallback | None = None,
) -> dict:
    """Build or re-build the timetable. Interviews already placed stay where they are unless
    a change forces them to move. The stored timetable is replaced in one transaction once
    the solver has finished (``on_progress`` is called while it runs; see
    engine.scheduling.lns.SolveProgress), so until then the previous one stands."""
    mission_organiser_check(actor)
    problem = mission_problem(mission)
    if not problem.legs or not problem.panels or not problem.requests:
        raise ApplicationError(
            _("Add at least one leg, one panel and the invited candidates first.")
        )
    previous = _previous(mission)
    plan = interview_timetable_solve(
        problem, time_limit_s=time_limit_s, previous=previous, on_progress=on_progress
    )
    f = plan.figures
    figures = {
        "requested": f.requested,
        "scheduled": f.scheduled,
        "online": f.scheduled_online,
        "travel_km": f.travel_km,
        "kept": f.kept,
        "moved": f.moved,
        "dropped": f.dropped,
        "replan": bool(previous),
        "objective": f.objective,
        "status": f.status,
        "seconds": round(f.wall_s, 2),
        "notes": list(plan.notes),
    }
    with transaction.atomic():
        mission_plan_store(mission, plan)
        mission.solved_at = timezone.now()
        mission.solve_figures = figures
        mission.save(update_fields=["solved_at", "solve_figures"])
        audit_record(actor=actor, action="mission.solved", obj=mission, details=figures)
    return figures


def mission_publish(*, mission: Mission, actor) -> int:
    """Publish the timetable: each interviewed application moves to "interview scheduled",
    and each candidate and interviewer gets an e-mail in their language with an .ics file."""
    mission_organiser_check(actor)
    interviews = list(
        Interview.objects.filter(
            request__mission=mission, request__cancelled=False, status=Interview.Status.SCHEDULED
        )
        .select_related(
            "request__application__candidate__user",
            "request__application__job__employer",
            "leg",
            "room",
            "panel",
        )
        .prefetch_related("panel__interviewers")
    )
    if not interviews:
        raise ApplicationError(_("Solve the timetable before publishing it."))
    for i in interviews:
        application = i.request.application
        if application.stage == "invited":
            application_advance(application=application, stage="interview_scheduled", actor=actor)
    mission.status = Mission.Status.PUBLISHED
    mission.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="mission.published",
        obj=mission,
        details={"interviews": len(interviews)},
    )
    _send_timetables(mission, interviews)
    return len(interviews)


def _send_timetables(mission: Mission, interviews: list[Interview]) -> None:
    people: dict[int, tuple] = {}
    for i in interviews:
        user = i.request.application.candidate.user
        people.setdefault(user.pk, (user, []))[1].append(i)
        for interviewer in i.panel.interviewers.all():
            people.setdefault(interviewer.pk, (interviewer, []))[1].append(i)

    for user, mine in people.values():
        ics = interviews_ics(mine, title=mission.name).decode("utf-8")
        tell(
            users=[user],
            template="mission_timetable",
            context={"mission": mission, "interviews": mine},
            link=reverse("dashboard"),
            attachments=[("kakehashi-interviews.ics", ics, "text/calendar")],
        )


# The desk accepts a candidate from this long before their slot until the slot ends.
CHECKIN_OPENS_BEFORE = dt.timedelta(hours=3)


def interview_checkin(
    *, mission: Mission, code: str, actor, now: dt.datetime | None = None
) -> Interview:
    """Mark a candidate as arrived, by the code on their invitation (or its QR), within the
    window around their slot: from CHECKIN_OPENS_BEFORE before it starts until it ends."""
    mission_organiser_check(actor)
    now = now or timezone.now()
    interview = (
        Interview.objects.filter(request__mission=mission, checkin_code=code.strip().upper())
        .select_related("request__application")
        .first()
    )
    if interview is None:
        raise ApplicationError(_("No interview of this mission has this code."))
    local = timezone.localtime(interview.start, KARACHI)
    if interview.status != Interview.Status.SCHEDULED:
        raise ApplicationError(
            _("This interview is already marked: %(status)s.")
            % {"status": interview.get_status_display()}
        )
    if now < interview.start - CHECKIN_OPENS_BEFORE:
        raise ApplicationError(
            _(
                "Too early: this interview is on %(day)s at %(time)s (Pakistan time). "
                "Check-in opens %(hours)d hours before."
            )
            % {
                "day": local.strftime("%Y-%m-%d"),
                "time": local.strftime("%H:%M"),
                "hours": CHECKIN_OPENS_BEFORE.seconds // 3600,
            }
        )
    if now > interview.end:
        raise ApplicationError(
            _(
                "Too late: this interview was at %(time)s (Pakistan time) and has ended. "
                "Mark it as not come and re-plan."
            )
            % {"time": local.strftime("%Y-%m-%d %H:%M")}
        )
    interview.status = Interview.Status.CHECKED_IN
    interview.save(update_fields=["status"])
    audit_record(actor=actor, action="interview.checked_in", obj=interview)
    return interview


def interview_no_show(*, interview: Interview, actor) -> None:
    """The candidate did not come: record it and free the slot for re-planning."""
    mission_organiser_check(actor)
    with transaction.atomic():
        interview.status = Interview.Status.NO_SHOW
        interview.save(update_fields=["status"])
        InterviewRequest.objects.filter(pk=interview.request_id).update(cancelled=True)
        audit_record(actor=actor, action="interview.no_show", obj=interview)


@transaction.atomic
def mission_employer_add(*, mission: Mission, actor, employer) -> None:
    mission_organiser_check(actor)
    if not employer.is_verified:
        raise ApplicationError(_("Only verified companies can join a mission."))
    mission.employers.add(employer)
    audit_record(
        actor=actor, action="mission.employer_added", obj=mission, details={"employer": employer.pk}
    )


@transaction.atomic
def mission_panel_add(
    *, mission: Mission, actor, employer, name: str, interviewers, legs, needs_interpreter: bool
) -> Panel:
    """A company's interview panel on the mission: its interviewers (members of that company)
    and the legs it attends. Audited."""
    mission_organiser_check(actor)
    if not mission.employers.filter(pk=employer.pk).exists():
        raise ApplicationError(_("Add the company to the mission first."), field="employer")
    strangers = [
        u.full_name
        for u in interviewers
        if getattr(getattr(u, "employer_membership", None), "employer_id", None) != employer.pk
    ]
    if strangers:
        raise ApplicationError(
            _("%(name)s is not a member of this company.") % {"name": ", ".join(strangers)},
            field="interviewers",
        )
    panel = Panel.objects.create(
        mission=mission, employer=employer, name=name, needs_interpreter=needs_interpreter
    )
    panel.interviewers.set(interviewers)
    panel.legs.set(_own_legs(mission, legs))
    audit_record(actor=actor, action="mission.panel_added", obj=mission, details={"id": panel.pk})
    return panel


@transaction.atomic
def mission_interpreter_add(*, mission: Mission, actor, name: str, email: str, legs) -> Interpreter:
    """An interpreter for the mission's legs. Audited."""
    mission_organiser_check(actor)
    interpreter = Interpreter.objects.create(mission=mission, name=name, email=email)
    interpreter.legs.set(_own_legs(mission, legs))
    audit_record(
        actor=actor,
        action="mission.interpreter_added",
        obj=mission,
        details={"id": interpreter.pk},
    )
    return interpreter


def _own_legs(mission: Mission, legs) -> list[MissionLeg]:
    legs = list(legs)
    if any(leg.mission_id != mission.pk for leg in legs):
        raise ApplicationError(_("Choose legs of this mission."), field="legs")
    return legs


def mission_shortlists_balance(
    *, mission: Mission, actor, method: str, places_per_job: int, shortlists_per_candidate: int
) -> tuple[BalancedShortlists, int]:
    """Balance the shortlists of the mission's companies' open jobs (each job up to k
    candidates, each candidate on at most c of them; matching.shortlists_balanced) and
    propose them: every place becomes a sourced application the company then shortlists or
    rejects. One transaction with the audit row. Returns the allocation and how many
    applications were opened."""
    mission_organiser_check(actor)
    shortlists = mission_shortlists_preview(
        mission=mission,
        method=method,
        places_per_job=places_per_job,
        shortlists_per_candidate=shortlists_per_candidate,
    )
    if shortlists is None:
        raise ApplicationError(_("Add companies with open jobs to the mission first."))
    f = shortlists.figures
    with transaction.atomic():
        created = shortlists_balanced_source(shortlists=shortlists, actor=actor)
        audit_record(
            actor=actor,
            action="mission.shortlists_balanced",
            obj=mission,
            details={
                "method": method,
                "k": places_per_job,
                "c": shortlists_per_candidate,
                "jobs": len(shortlists.jobs),
                "places": f.places,
                "opened": created,
                "jobs_empty": f.jobs_empty,
                "jobs_empty_independent": shortlists.independent_kept.jobs_empty,
                "blocking_pairs": shortlists.blocking_pairs,
            },
        )
    return shortlists, created
