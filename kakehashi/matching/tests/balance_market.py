"""Three Python jobs at two companies, where one candidate is everyone's first choice
(balanced-shortlist tests of matching and missions)."""

import datetime as dt

from kakehashi.candidates import services as candidate_services
from kakehashi.candidates.models import CandidateSkill
from kakehashi.candidates.selectors import SHARE_PURPOSE
from kakehashi.candidates.services import consent_give
from kakehashi.conftest import make_employer
from kakehashi.jobs.models import Job, JobSkill
from kakehashi.matching.store import index_rebuild


def python_job(employer, title: str) -> Job:
    job = Job.objects.create(
        employer=employer,
        title=title,
        description="Python developer",
        description_language="en",
        status=Job.Status.OPEN,
        salary_min_jpy=5_000_000,
        salary_max_jpy=8_000_000,
        prefecture="JP-13",
        start_date=dt.date(2027, 4, 1),
    )
    JobSkill.objects.create(job=job, skill_id="python", required=True, min_years=2)
    return job


def python_market(*, ayesha, bilal, sakura, sakura_job):
    """Sakura's two jobs and Fuji's one, all asking for Python; Ayesha (9 years) comes first
    for each, then Bilal (4), then Chen (3). All three consent; the index is rebuilt.
    Returns (jobs, ayesha, bilal, chen)."""
    chen = candidate_services.candidate_register(
        email="chen@example.pk",
        full_name="Chen Wei",
        password="pw-kakehashi-1",
        cnic="61101-1111111-1",
        city="islamabad",
    )
    years = {ayesha: 9, bilal: 4, chen: 3}
    for profile, y in years.items():
        CandidateSkill.objects.create(profile=profile, skill_id="python", years=y)
        consent_give(profile=profile, purpose=SHARE_PURPOSE)
    fuji = make_employer("Fuji", "5010001008846")
    jobs = [sakura_job, python_job(sakura, "Backend engineer"), python_job(fuji, "Data engineer")]
    index_rebuild()
    return jobs, ayesha, bilal, chen
