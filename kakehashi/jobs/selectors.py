from __future__ import annotations

import threading
from functools import cache, reduce
from operator import or_

import numpy as np
from django.db.models import Q, QuerySet
from django.http import Http404

from engine.levels import JLPT_LEVELS
from engine.matching.embed import embedder_default
from engine.matching.search import query_skills, title_matches
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


_TITLE_VECTORS: dict[tuple[int, str], np.ndarray] = {}
_TITLE_LOCK = threading.Lock()


@cache
def _embedder():
    # One model per process (about a second to load); the same model as matching's.
    return embedder_default()


def _title_hits(q: str, jobs: QuerySet[Job]) -> list[int]:
    """Open jobs whose title is close to ``q`` by the multilingual embedder (cached vectors)."""
    rows = list(jobs.values_list("pk", "title", "updated_at"))
    keys = [(pk, updated.isoformat()) for pk, _title, updated in rows]
    fresh = [(key, title) for key, (_pk, title, _u) in zip(keys, rows, strict=True)]
    fresh = [(key, title) for key, title in fresh if key not in _TITLE_VECTORS]
    if fresh:
        vectors = _embedder().encode([title for _key, title in fresh])
        with _TITLE_LOCK:
            _TITLE_VECTORS.update(zip([key for key, _t in fresh], vectors, strict=True))
    if not rows:
        return []
    query = _embedder().encode([q])[0]
    titles = np.stack([_TITLE_VECTORS[key] for key in keys])
    return title_matches(query, titles, [pk for pk, _t, _u in rows])


def jobs_search(
    *, q: str = "", prefecture: str = "", work_style: str = "", jlpt: str = "", skill: str = ""
) -> QuerySet[Job]:
    """Open jobs matching the board's filters, in both languages. ``q`` finds a job whose
    title or text contains it, that asks a skill ``q`` names or one beneath it ("cloud"
    finds AWS jobs and クラウドエンジニア), whose text contains that skill's English or
    Japanese name, or whose title the multilingual embedder finds close to ``q``
    (``engine.matching.search``). ``jlpt`` is the level the candidate holds: jobs asking for
    no more than it are kept ("" = any job). ``skill`` works the same way across languages."""
    # NUL cannot be stored or searched in PostgreSQL text; nobody types it on purpose.
    q, prefecture, work_style, jlpt, skill = (
        v.replace("\x00", "") for v in (q, prefecture, work_style, jlpt, skill)
    )
    jobs = jobs_public().order_by("-created_at")
    if prefecture:
        jobs = jobs.filter(prefecture=prefecture)
    if work_style:
        jobs = jobs.filter(work_style=work_style)
    if jlpt in JLPT_LEVELS:
        allowed = ["", *JLPT_LEVELS[: JLPT_LEVELS.index(jlpt) + 1]]  # N5 … held level
        jobs = jobs.filter(jlpt_min__in=allowed)
    if q.strip():
        wanted = query_skills(q)
        texts = [q, *wanted.names]
        found = reduce(
            or_, (Q(title__icontains=t) | Q(description__icontains=t) for t in texts)
        ) | Q(skills__skill_id__in=wanted.wanted)
        found |= Q(pk__in=_title_hits(q, jobs))
        jobs = jobs.filter(pk__in=jobs.filter(found).values("pk"))
    if skill:
        named = query_skills(skill).wanted
        jobs = jobs.filter(
            pk__in=jobs.filter(
                Q(skills__skill__name_en__iexact=skill)
                | Q(skills__skill__name_ja=skill)
                | Q(skills__skill_id=skill.lower())
                | Q(skills__skill_id__in=named)
            ).values("pk")
        )
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
