from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kakehashi.employers.selectors import employer_for_member
from kakehashi.jobs.models import Job
from kakehashi.matching.selectors import BalancedShortlists, shortlists_balanced
from kakehashi.missions.models import Interview, InterviewRequest, Mission, MissionJoinRequest
from kakehashi.pipeline.scorecards import ScoredInterview
from kakehashi.pipeline.selectors import application_side, employer_decides


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


def interview_get_for_scorecards(*, interview_id: int, user) -> Interview:
    """The door to a mission interview's scorecards: the interviewers of its panel, and the
    recruiters and admins of the job's company (who read the panel's cards); 404 for everyone
    else — the candidate, another company, the company's interviewers not on this panel."""
    interview = (
        Interview.objects.select_related(
            "request__application__candidate", "request__application__job__employer", "panel"
        )
        .filter(pk=interview_id, request__cancelled=False)
        .first()
    )
    if interview is None or not user.is_authenticated:
        raise Http404
    application = interview.request.application
    if (
        application_side(application=application, user=user) != "employer"
        or interview.panel.employer_id != application.job.employer_id
    ):
        raise Http404
    if interview.panel.interviewers.filter(pk=user.pk).exists() or employer_decides(user):
        return interview
    raise Http404


def interview_scored(*, interview: Interview, now=None) -> ScoredInterview:
    """A mission interview as the pipeline's scorecards read it: its panel scores it once its
    time has come, unless the candidate did not come."""
    now = now or timezone.now()
    return ScoredInterview(
        application=interview.request.application,
        interviewer_ids=frozenset(interview.panel.interviewers.values_list("pk", flat=True)),
        held=interview.status != Interview.Status.NO_SHOW and interview.start <= now,
        mission_interview_id=interview.pk,
    )


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


def mission_interviews_search(*, mission: Mission, query: str) -> QuerySet[Interview]:
    """The desk's search among a mission's interviews (reached through its door, so by an
    organiser): digits match the end of the CNIC (its last four are kept in clear for this),
    anything else a part of the candidate's name."""
    interviews = mission_interviews(mission=mission).select_related(
        "request__application__candidate__user"
    )
    query = " ".join(query.split())
    if not query:
        return interviews
    if query.isdecimal() and query.isascii():
        return interviews.filter(
            request__application__candidate__identity__cnic_last4__endswith=query[-4:]
        )
    return interviews.filter(request__application__candidate__user__full_name__icontains=query)


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


def missions_open_to_employer(*, user) -> QuerySet[Mission]:
    """Missions still being planned, for the members of a verified company to see and ask
    to join (their cities and dates only)."""
    if employer_for_member(user, verified=True) is None:
        return Mission.objects.none()
    return Mission.objects.filter(status=Mission.Status.PLANNING).prefetch_related("legs")


def mission_join_requests_for_employer(*, user) -> dict[int, MissionJoinRequest]:
    """The company's own requests to join, by mission id."""
    employer = employer_for_member(user, verified=True)
    if employer is None:
        return {}
    return {j.mission_id: j for j in MissionJoinRequest.objects.filter(employer=employer)}


def missions_for_interviewer(*, user) -> QuerySet[Mission]:
    """The missions on whose panels ``user`` interviews."""
    if not user.is_authenticated:
        return Mission.objects.none()
    return Mission.objects.filter(panels__interviewers=user).distinct()


def mission_get_for_interviewer(*, mission_id: int, user) -> Mission:
    """The door to a mission for its interviewers (their hours); 404 for everyone else."""
    mission = missions_for_interviewer(user=user).filter(pk=mission_id).first()
    if mission is None:
        raise Http404
    return mission


def mission_join_request_get(*, mission: Mission, join_id) -> MissionJoinRequest:
    """A join request of a mission already reached through its door."""
    join = (
        MissionJoinRequest.objects.filter(pk=join_id, mission=mission)
        .select_related("employer", "requested_by", "mission")
        .first()
    )
    if join is None:
        raise Http404
    return join


def interview_request_get_for_user(*, request_id: int, user) -> InterviewRequest:
    """The door to a mission invitation: its candidate and mission organisers; 404 else."""
    request = (
        InterviewRequest.objects.select_related(
            "mission", "application__candidate__user", "application__job__employer"
        )
        .filter(pk=request_id)
        .first()
    )
    if request is None or not user.is_authenticated:
        raise Http404
    if user.has_duty("missions") or request.application.candidate.user_id == user.pk:
        return request
    raise Http404


def interview_requests_for_candidate(*, user) -> QuerySet[InterviewRequest]:
    """A candidate's invitations to missions still being planned."""
    if not (user.is_authenticated and user.is_candidate):
        return InterviewRequest.objects.none()
    return InterviewRequest.objects.filter(
        application__candidate__user=user,
        mission__status=Mission.Status.PLANNING,
        cancelled=False,
    ).select_related("mission", "application__job__employer")


def mission_interviews_overlapping(*, user_ids: list[int], start, end) -> list[tuple]:
    """Published mission interviews (not cancelled) overlapping [start, end) for these
    people, as candidate or as panel interviewer: (start, mission name)."""
    qs = (
        Interview.objects.filter(
            request__mission__status=Mission.Status.PUBLISHED,
            request__cancelled=False,
            start__lt=end,
            end__gt=start,
        )
        .filter(
            Q(request__application__candidate__user_id__in=user_ids)
            | Q(panel__interviewers__in=user_ids)
        )
        .exclude(status=Interview.Status.NO_SHOW)
        .select_related("request__mission")
        .distinct()
    )
    return [(i.start, i.request.mission.name) for i in qs]
