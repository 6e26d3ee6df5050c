from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from kakehashi.employers.selectors import employer_for_member
from kakehashi.pipeline.models import Application


def application_side(*, application: Application, user) -> str | None:
    """Which party ``user`` is for this application: "candidate", "employer", "facilitator",
    or None for an outsider."""
    if not user.is_authenticated:
        return None
    if user.is_facilitator:
        return "facilitator"
    if user.is_candidate and application.candidate.user_id == user.pk:
        return "candidate"
    employer = employer_for_member(user)
    if employer is not None and employer.is_verified and application.job.employer_id == employer.pk:
        return "employer"
    return None


def application_get_for_user(*, application_id: int, user) -> Application:
    """The one door to an application: its candidate, the job's (verified) company, and
    facilitators; 404 for everyone else."""
    application = (
        Application.objects.select_related("candidate__user", "job__employer")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application_side(application=application, user=user) is None:
        raise Http404
    return application


def applications_for_user(*, user) -> QuerySet[Application]:
    """The applications a person may list: their own, their company's, or all for facilitators."""
    qs = Application.objects.select_related("job__employer", "candidate")
    if user.is_facilitator:
        return qs
    if user.is_candidate:
        return qs.filter(candidate__user=user)
    employer = employer_for_member(user)
    if employer is not None and employer.is_verified:
        return qs.filter(job__employer=employer)
    return qs.none()
