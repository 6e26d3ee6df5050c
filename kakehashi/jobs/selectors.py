from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from kakehashi.employers.models import Employer
from kakehashi.employers.selectors import employer_for_member
from kakehashi.jobs.models import Job


def jobs_public() -> QuerySet[Job]:
    """Open jobs of verified employers: what candidates and the public see."""
    return Job.objects.filter(
        status=Job.Status.OPEN, employer__verification_status=Employer.Verification.VERIFIED
    ).select_related("employer")


def job_get_for_user(*, job_id: int, user) -> Job:
    """The one door to a job. Its company's members and facilitators see it in any status;
    everyone else sees only open jobs of verified companies; otherwise 404."""
    job = Job.objects.select_related("employer").filter(pk=job_id).first()
    if job is None:
        raise Http404
    if user.is_authenticated:
        if user.is_facilitator:
            return job
        own = employer_for_member(user)
        if own is not None and own.pk == job.employer_id:
            return job
    if job.status == Job.Status.OPEN and job.employer.is_verified:
        return job
    raise Http404


def jobs_for_employer(*, employer: Employer) -> QuerySet[Job]:
    return Job.objects.filter(employer=employer).prefetch_related("skills__skill")
