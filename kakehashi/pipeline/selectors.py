from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from kakehashi.employers.selectors import employer_for_member, employer_member_is
from kakehashi.pipeline.models import Application


def application_side(*, application: Application, user) -> str | None:
    """Which party ``user`` is for this application: "candidate", "employer", "facilitator",
    or None for an outsider."""
    if not user.is_authenticated:
        return None
    if user.has_duty("personal_data"):
        return "facilitator"
    if user.is_candidate and application.candidate.user_id == user.pk:
        return "candidate"
    if employer_member_is(user, employer_id=application.job.employer_id):
        return "employer"
    return None


def application_get_for_user(*, application_id: int, user) -> Application:
    """The one door to an application: its candidate, the job's (verified) company, and
    ministry officers who handle personal data; 404 for everyone else."""
    application = (
        Application.objects.select_related("candidate__user", "job__employer")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application_side(application=application, user=user) is None:
        raise Http404
    return application


def applications_for_user(*, user) -> QuerySet[Application]:
    """The applications a person may list: their own, their verified company's, or all for
    ministry officers who handle personal data."""
    qs = Application.objects.select_related("job__employer", "candidate")
    if not user.is_authenticated:
        return qs.none()
    if user.has_duty("personal_data"):
        return qs
    if user.is_candidate:
        return qs.filter(candidate__user=user)
    employer = employer_for_member(user, verified=True)
    if employer is not None:
        return qs.filter(job__employer=employer)
    return qs.none()
