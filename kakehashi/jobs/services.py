from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from kakehashi.audit.services import audit_record
from kakehashi.core.errors import ApplicationError
from kakehashi.employers.models import EmployerMember
from kakehashi.employers.selectors import employer_for_member, employer_member_is
from kakehashi.jobs.models import Job, JobSkill

EDITOR_ROLES = (EmployerMember.Role.ADMIN, EmployerMember.Role.RECRUITER)


def job_can_edit(*, user, job: Job | None) -> bool:
    """Admins and recruiters of the job's company (or of any company, for a new job)."""
    if job is not None:
        return employer_member_is(
            user, employer_id=job.employer_id, verified=False, roles=EDITOR_ROLES
        )
    return employer_for_member(user, roles=EDITOR_ROLES) is not None


def _check_editor(user, job: Job | None = None):
    if not job_can_edit(user=user, job=job):
        raise PermissionDenied
    return employer_for_member(user)


@dataclass(frozen=True)
class JobSkillSpec:
    """One skill a job asks for: required (with minimum years) or nice to have."""

    skill_id: str
    required: bool
    min_years: Decimal = Decimal(0)


def _set_skills(job: Job, skills: Sequence[JobSkillSpec]) -> None:
    """Replace the job's skills; a skill both required and nice to have counts as required,
    and a skill kept keeps its "hard requirement" flag."""
    hard = set(JobSkill.objects.filter(job=job, is_hard=True).values_list("skill_id", flat=True))
    JobSkill.objects.filter(job=job).delete()
    chosen: dict[str, JobSkillSpec] = {}
    for spec in skills:
        if spec.skill_id not in chosen or (spec.required and not chosen[spec.skill_id].required):
            chosen[spec.skill_id] = spec
    JobSkill.objects.bulk_create(
        [
            JobSkill(
                job=job,
                skill_id=s.skill_id,
                required=s.required,
                min_years=s.min_years if s.required else 0,
                is_hard=s.skill_id in hard,
            )
            for s in chosen.values()
        ]
    )


def job_save(
    *,
    actor,
    fields: dict,
    skills: Sequence[JobSkillSpec],
    job: Job | None = None,
) -> Job:
    """Create (``job`` None) or update a job of the actor's company, with its skills.

    Only the company's admins and recruiters may; a job can open only once the ministry has
    verified the company. Audited."""
    employer = _check_editor(actor, job)
    if fields.get("status") == Job.Status.OPEN and not employer.is_verified:
        raise ApplicationError(
            _(
                "Your company is not verified yet: save the job as a draft and open it once the ministry has verified the company."
            ),
            field="status",
        )
    if fields["salary_min_jpy"] > fields["salary_max_jpy"]:
        raise ApplicationError(
            _("The minimum salary is above the maximum."), field="salary_max_jpy"
        )
    with transaction.atomic():
        created = job is None
        if created:
            job = Job(employer=employer, created_by=actor)
        for name, value in fields.items():
            setattr(job, name, value)
        job.save()
        _set_skills(job, skills)
        audit_record(
            actor=actor,
            action="job.created" if created else "job.updated",
            obj=job,
            details={"status": job.status},
        )
    return job
