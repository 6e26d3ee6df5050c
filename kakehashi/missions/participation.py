"""Both sides of a mission: a verified company asks to join (an organiser decides), each
interviewer gives their hours per day, each invited candidate accepts or declines and says
which days they cannot come and whether they can come in person. The solver reads it all
(missions.problem)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.audit.services import audit_record
from kakehashi.core.errors import ApplicationError
from kakehashi.core.site import site_url
from kakehashi.employers.selectors import employer_for_member
from kakehashi.missions.models import (
    InterviewerAvailability,
    InterviewRequest,
    Mission,
    MissionJoinRequest,
)
from kakehashi.missions.services import mission_employer_add, mission_organiser_check
from kakehashi.pipeline.notices import tell
from kakehashi.pipeline.selectors import DECIDER_ROLES


def mission_days(mission: Mission) -> list[dt.date]:
    return sorted({d for leg in mission.legs.all() for d in leg.days})


def mission_join_ask(*, mission: Mission, actor, note: str = "") -> MissionJoinRequest:
    """A recruiter or admin of a verified company asks to join a mission still being
    planned; the mission's organiser is told. Asking twice is refused."""
    employer = employer_for_member(actor, verified=True, roles=DECIDER_ROLES)
    if employer is None:
        raise PermissionDenied
    if mission.status != Mission.Status.PLANNING:
        raise ApplicationError(_("This mission's timetable is already published."))
    if mission.employers.filter(pk=employer.pk).exists():
        raise ApplicationError(_("Your company is already on this mission."))
    with transaction.atomic():
        join, created = MissionJoinRequest.objects.get_or_create(
            mission=mission,
            employer=employer,
            defaults={"requested_by": actor, "note": " ".join(note.split())[:300]},
        )
        if not created:
            raise ApplicationError(
                _("Your company already asked (%(status)s).")
                % {"status": join.get_status_display()}
            )
        audit_record(
            actor=actor, action="mission.join_asked", obj=mission, details={"employer": employer.pk}
        )
        if mission.organiser is not None:
            tell(
                users=[mission.organiser],
                template="mission_join_asked",
                context={"mission": mission, "employer": employer, "site_url": site_url()},
                link=reverse("mission_detail", args=[mission.pk]),
            )
    return join


def mission_join_decide(*, join: MissionJoinRequest, actor, accept: bool) -> MissionJoinRequest:
    """An organiser accepts (the company joins the mission) or refuses; the asker is told."""
    mission_organiser_check(actor)
    if join.status != MissionJoinRequest.Status.PENDING:
        raise ApplicationError(_("This request has already been decided."))
    with transaction.atomic():
        if accept:
            mission_employer_add(mission=join.mission, actor=actor, employer=join.employer)
        join.status = (
            MissionJoinRequest.Status.ACCEPTED if accept else MissionJoinRequest.Status.REFUSED
        )
        join.decided_at = timezone.now()
        join.save(update_fields=["status", "decided_at"])
        audit_record(
            actor=actor,
            action="mission.join_decided",
            obj=join.mission,
            details={"employer": join.employer_id, "accepted": accept},
        )
        if join.requested_by is not None:
            tell(
                users=[join.requested_by],
                template="mission_join_decided",
                context={"mission": join.mission, "join": join, "site_url": site_url()},
                link=reverse("employer_missions"),
            )
    return join


def interviewer_availability_set(
    *, mission: Mission, actor, hours: dict[dt.date, list[tuple[dt.time, dt.time]]]
) -> int:
    """Replace ``actor``'s hours on the mission (Pakistan time): for each day, the windows
    they can interview in; a day left out is a day they cannot. Only interviewers on one of
    the mission's panels; only the mission's days; each window must start before it ends.
    Returns how many windows were kept."""
    if not mission.panels.filter(interviewers=actor).exists():
        raise PermissionDenied
    days = set(mission_days(mission))
    rows = []
    for day, windows in sorted(hours.items()):
        if day not in days:
            raise ApplicationError(
                _("%(day)s is not a day of this mission.") % {"day": day.isoformat()}
            )
        for start, end in windows:
            if start >= end:
                raise ApplicationError(
                    _("On %(day)s the end (%(end)s) is not after the start (%(start)s).")
                    % {"day": day.isoformat(), "start": f"{start:%H:%M}", "end": f"{end:%H:%M}"},
                    field="hours",
                )
            rows.append(
                InterviewerAvailability(
                    mission=mission, interviewer=actor, day=day, start=start, end=end
                )
            )
    if not rows:
        raise ApplicationError(
            _(
                "Give at least one day you can interview (or ask the organiser to take you off the panel)."
            ),
            field="hours",
        )
    with transaction.atomic():
        InterviewerAvailability.objects.filter(mission=mission, interviewer=actor).delete()
        InterviewerAvailability.objects.bulk_create(rows)
        audit_record(
            actor=actor,
            action="mission.availability_set",
            obj=mission,
            details={"windows": [f"{r.day} {r.start:%H:%M}-{r.end:%H:%M}" for r in rows]},
        )
    return len(rows)


def interview_request_answer(
    *,
    request: InterviewRequest,
    actor,
    accept: bool,
    unavailable_days: list[dt.date] = (),  # type: ignore[assignment]
    attendance: str = InterviewRequest.Attendance.EITHER,
    reason: str = "",
) -> InterviewRequest:
    """The candidate answers a mission invitation: will come (with days they cannot and how
    they can attend) or declines with a reason. Only before the timetable is published;
    at least one mission day must stay free."""
    if request.application.candidate.user_id != getattr(actor, "pk", None):
        raise PermissionDenied
    mission = request.mission
    if mission.status != Mission.Status.PLANNING:
        raise ApplicationError(
            _("The timetable is already published: write to the organisers to change it.")
        )
    days = mission_days(mission)
    unavailable = sorted(set(unavailable_days))
    strangers = [d for d in unavailable if d not in days]
    if strangers:
        raise ApplicationError(_("Choose days of this mission."), field="unavailable_days")
    if accept and days and len(unavailable) >= len(days):
        raise ApplicationError(
            _("You cannot come on any day of the mission: decline instead, or free one day."),
            field="unavailable_days",
        )
    if attendance not in InterviewRequest.Attendance.values:
        raise ApplicationError(_("Choose how you can attend."), field="attendance")
    if attendance == InterviewRequest.Attendance.ONLINE and not request.online_allowed:
        raise ApplicationError(
            _("This interview is in person only; choose in person, or decline."), field="attendance"
        )
    reason = " ".join(reason.split())
    if not accept and not reason:
        raise ApplicationError(_("Say why you decline, in a few words."), field="reason")
    with transaction.atomic():
        request.answer = (
            InterviewRequest.Answer.ACCEPTED if accept else InterviewRequest.Answer.DECLINED
        )
        request.unavailable_days = [d.isoformat() for d in unavailable] if accept else []
        request.attendance = attendance
        request.decline_reason = "" if accept else reason[:300]
        request.answered_at = timezone.now()
        request.save(
            update_fields=[
                "answer",
                "unavailable_days",
                "attendance",
                "decline_reason",
                "answered_at",
            ]
        )
        audit_record(
            actor=actor,
            action="mission.invitation_answered",
            obj=request,
            details={
                "accept": accept,
                "unavailable_days": request.unavailable_days,
                "attendance": attendance,
                "reason": request.decline_reason,
            },
        )
    return request
