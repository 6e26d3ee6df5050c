from django.db.models import QuerySet
from django.http import Http404

from kakehashi.jobs.models import Job
from kakehashi.matching.selectors import BalancedShortlists, shortlists_balanced
from kakehashi.missions.models import Interview, Mission


def mission_get_for_user(*, mission_id: int, user) -> Mission:
    """The one door to a mission's planning pages: ministry mission organisers; 404 else."""
    if not (user.is_authenticated and user.has_duty("missions")):
        raise Http404
    mission = Mission.objects.filter(pk=mission_id).first()
    if mission is None:
        raise Http404
    return mission


def missions_for_user(*, user) -> QuerySet[Mission]:
    if not (user.is_authenticated and user.has_duty("missions")):
        return Mission.objects.none()
    return Mission.objects.all()


def interview_get_for_user(*, interview_id: int, user) -> Interview:
    """The one door to an interview: its candidate, its panel's interviewers and mission
    organisers; 404 for everyone else."""
    interview = (
        Interview.objects.select_related(
            "request__application__candidate",
            "request__application__job__employer",
            "leg",
            "room",
            "panel",
        )
        .filter(pk=interview_id)
        .first()
    )
    if interview is None or not user.is_authenticated:
        raise Http404
    if (
        user.has_duty("missions")
        or interview.request.application.candidate.user_id == user.pk
        or interview.panel.interviewers.filter(pk=user.pk).exists()
    ):
        return interview
    raise Http404


def mission_interview_get(*, mission: Mission, interview_id) -> Interview:
    """An interview of a mission already reached through its door; 404 for another's."""
    interview = Interview.objects.filter(pk=interview_id, request__mission=mission).first()
    if interview is None:
        raise Http404
    return interview


def mission_interviews(*, mission: Mission) -> QuerySet[Interview]:
    """The mission's interviews with everything the timetable and the desk show."""
    return (
        Interview.objects.filter(request__mission=mission)
        .select_related(
            "request__application__job__employer",
            "request__application__candidate",
            "leg",
            "room",
            "panel__employer",
            "interpreter",
        )
        .order_by("leg", "start", "room__name")
    )


def interviews_for_user(*, user) -> QuerySet[Interview]:
    """The published interviews a person takes part in: their own as a candidate, or their
    panels' as an interviewer."""
    qs = Interview.objects.filter(
        request__mission__status=Mission.Status.PUBLISHED, request__cancelled=False
    ).select_related("request__application__job__employer", "leg", "room")
    if user.is_candidate:
        return qs.filter(request__application__candidate__user=user).order_by("start")
    return qs.filter(panel__interviewers=user).order_by("start")


def mission_jobs_open(*, mission: Mission) -> list[Job]:
    """The open jobs of the mission's companies (for balanced shortlists), company by company."""
    return list(
        Job.objects.filter(employer__in=mission.employers.all(), status=Job.Status.OPEN)
        .select_related("employer")
        .order_by("employer__name_en", "pk")
    )


def mission_shortlists_preview(
    *, mission: Mission, method: str, places_per_job: int, shortlists_per_candidate: int
) -> BalancedShortlists | None:
    """Balanced shortlists for the mission's open jobs (matching.shortlists_balanced), or
    None while the mission's companies have no open job. Reads only."""
    jobs = mission_jobs_open(mission=mission)
    if not jobs:
        return None
    return shortlists_balanced(
        jobs=jobs,
        places_per_job=places_per_job,
        shortlists_per_candidate=shortlists_per_candidate,
        method=method,
    )
