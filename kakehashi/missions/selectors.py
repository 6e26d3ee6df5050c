from django.db.models import QuerySet

from kakehashi.missions.models import Interview, Mission


def interviews_for_user(*, user) -> QuerySet[Interview]:
    """The published interviews a person takes part in: their own as a candidate, or their
    panels' as an interviewer."""
    qs = Interview.objects.filter(
        request__mission__status=Mission.Status.PUBLISHED, request__cancelled=False
    ).select_related("request__application__job__employer", "leg", "room")
    if user.is_candidate:
        return qs.filter(request__application__candidate__user=user).order_by("start")
    return qs.filter(panel__interviewers=user).order_by("start")
