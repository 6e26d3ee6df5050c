from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from engine.levels import JLPT_LEVELS
from kakehashi.employers.models import Employer, EmployerMember
from kakehashi.employers.selectors import employer_member_is
from kakehashi.jobs.models import Job, JobImport

# Who may import jobs, and so read an import's report: as jobs.services.EDITOR_ROLES.
IMPORT_ROLES = (EmployerMember.Role.ADMIN, EmployerMember.Role.RECRUITER)


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
    if user.is_authenticated and (
        user.has_duty("reports")
        or employer_member_is(user, employer_id=job.employer_id, verified=False)
    ):
        return job
    if job.status == Job.Status.OPEN and job.employer.is_verified:
        return job
    raise Http404


def jobs_for_employer(*, employer: Employer) -> QuerySet[Job]:
    return Job.objects.filter(employer=employer).prefetch_related("skills__skill")


def jobs_search(
    *, q: str = "", prefecture: str = "", work_style: str = "", jlpt: str = "", skill: str = ""
) -> QuerySet[Job]:
    """Open jobs matching the board's filters. ``jlpt`` is the level the candidate holds:
    jobs asking for no more than it are kept ("" = any job)."""
    # NUL cannot be stored or searched in PostgreSQL text; nobody types it on purpose.
    q, prefecture, work_style, jlpt, skill = (
        v.replace("\x00", "") for v in (q, prefecture, work_style, jlpt, skill)
    )
    jobs = jobs_public().order_by("-created_at")
    if q:
        jobs = jobs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    if prefecture:
        jobs = jobs.filter(prefecture=prefecture)
    if work_style:
        jobs = jobs.filter(work_style=work_style)
    if jlpt in JLPT_LEVELS:
        allowed = ["", *JLPT_LEVELS[: JLPT_LEVELS.index(jlpt) + 1]]  # N5 … held level
        jobs = jobs.filter(jlpt_min__in=allowed)
    if skill:
        jobs = jobs.filter(
            Q(skills__skill__name_en__iexact=skill)
            | Q(skills__skill__name_ja=skill)
            | Q(skills__skill_id=skill.lower())
        ).distinct()
    return jobs


def job_import_get_for_user(*, import_id: int, user) -> JobImport:
    """The one door to a job import and its report: the members of the company that ran it
    who may add jobs (admins, recruiters); 404 for everyone else."""
    job_import = JobImport.objects.filter(pk=import_id).first()
    if job_import is None or not user.is_authenticated:
        raise Http404
    if not employer_member_is(
        user, employer_id=job_import.employer_id, verified=False, roles=IMPORT_ROLES
    ):
        raise Http404
    return job_import


def job_imports_for_employer(*, employer: Employer) -> QuerySet[JobImport]:
    return JobImport.objects.filter(employer=employer).select_related("created_by")
