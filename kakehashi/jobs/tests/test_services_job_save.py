from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kakehashi.audit.models import AuditEvent
from kakehashi.core.errors import ApplicationError
from kakehashi.employers.models import EmployerMember
from kakehashi.jobs.models import Job
from kakehashi.jobs.services import JobSkillSpec, job_save

FIELDS = dict(
    title="クラウドエンジニア",
    description="【必須】AWS 2年以上",
    description_language="ja",
    status="open",
    openings=2,
    salary_min_jpy=4_500_000,
    salary_max_jpy=7_000_000,
    prefecture="JP-13",
)


def test_recruiter_posts_a_job_with_skills(sato, taxonomy_loaded):
    job = job_save(
        actor=sato,
        fields=FIELDS,
        skills=[
            JobSkillSpec("aws", True, Decimal(2)),
            JobSkillSpec("kubernetes", False),
            JobSkillSpec("aws", False),
        ],
    )
    assert [(s.skill_id, s.required) for s in job.skills.order_by("-required")] == [
        ("aws", True),
        ("kubernetes", False),
    ]
    assert AuditEvent.objects.filter(action="job.created", actor=sato).exists()


def test_unverified_company_cannot_open_a_job(sato, sakura, taxonomy_loaded):
    sakura.verification_status = "pending"
    sakura.save()
    with pytest.raises(ApplicationError) as err:
        job_save(actor=sato, fields=FIELDS, skills=[])
    assert err.value.field == "status"
    assert not Job.objects.exists()
    job_save(actor=sato, fields={**FIELDS, "status": "draft"}, skills=[])


def test_interviewers_and_other_companies_cannot_edit(sakura_job, yamada, sakura, taxonomy_loaded):
    from kakehashi.conftest import make_member

    interviewer = make_member(sakura, "suzuki@sakura.example", EmployerMember.Role.INTERVIEWER)
    for outsider in (interviewer, yamada):
        with pytest.raises(PermissionDenied):
            job_save(actor=outsider, fields=FIELDS, skills=[], job=sakura_job)


def test_job_form_names_an_unknown_skill(client, sato, taxonomy_loaded):
    client.force_login(sato)
    data = {
        **FIELDS,
        "work_style": "onsite",
        "visa_route": "engineer_specialist",
        "min_experience_years": 0,
        "must_skills": "python: 3\nCOBOL-ish: 2",
    }
    response = client.post(reverse("job_create"), data)
    assert "“COBOL-ish” is not in the skills list." in response.content.decode()
    data["must_skills"] = "Python: 3"
    response = client.post(reverse("job_create"), data, follow=True)
    job = Job.objects.get()
    assert job.skills.get().skill_id == "python" and job.skills.get().min_years == 3
    assert "クラウドエンジニア" in response.content.decode()


def test_skills_are_prefilled_from_a_japanese_description(client, sato, taxonomy_loaded):
    client.force_login(sato)
    data = {
        **FIELDS,
        "work_style": "onsite",
        "visa_route": "engineer_specialist",
        "min_experience_years": 0,
        "find_skills": "1",
        "description": "【必須】Python実務経験3年以上\n【歓迎】Kubernetes",
    }
    response = client.post(reverse("job_create"), data)
    form = response.context["form"]
    assert form.data["must_skills"] == "python: 3"
    assert form.data["nice_skills"] == "kubernetes"
    assert not Job.objects.exists()  # nothing saved until the employer confirms


def test_editing_a_job_keeps_its_hard_requirements(sato, sakura_job):
    sakura_job.skills.filter(skill_id="python").update(is_hard=True)
    fields = {**FIELDS, "status": "open"}
    job_save(
        actor=sato,
        fields=fields,
        skills=[JobSkillSpec("python", True, Decimal(4)), JobSkillSpec("aws", False)],
        job=sakura_job,
    )
    python = sakura_job.skills.get(skill_id="python")
    assert python.is_hard and python.min_years == 4
