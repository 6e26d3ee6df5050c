from django.db.models import QuerySet
from django.http import Http404

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
