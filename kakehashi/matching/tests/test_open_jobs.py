"""The candidate's page ranks against every open job's plan, kept per process: a visit reads
only the ids and last changes of the open jobs, and the rows of the few it shows. A job
posted, edited or closed, or a company losing its verification, shows on the next visit."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from kakehashi.conftest import make_open_job
from kakehashi.employers.models import Employer
from kakehashi.jobs.models import Job
from kakehashi.matching import selectors, store


def _shown(profile) -> list[int]:
    return [job.pk for _, job in selectors.candidate_recommendations(profile=profile).matches]


def test_a_second_visit_reads_no_job_rows_beyond_those_it_shows(ayesha, bilal, sakura_job):
    store.index_rebuild()
    for _ in range(5):
        make_open_job(sakura_job.employer)  # six open jobs
    first = selectors.open_jobs()
    assert len(first.plans) == 6
    assert selectors.open_jobs() is first  # kept while nothing changed
    with CaptureQueriesContext(connection) as queries:
        selectors.candidate_recommendations(profile=ayesha)
    skill_rows = [q["sql"] for q in queries if "jobs_jobskill" in q["sql"]]
    # One read of the shown jobs' skills (the template's), none to compile plans again.
    assert len(skill_rows) == 1


def test_a_posted_edited_or_closed_job_shows_on_the_next_visit(ayesha, bilal, sakura_job):
    store.index_rebuild()
    assert _shown(ayesha) == [sakura_job.pk]
    second = make_open_job(sakura_job.employer)
    assert sorted(_shown(ayesha)) == sorted([sakura_job.pk, second.pk])
    before = {p.job_id: p for p in selectors.open_jobs().plans}[second.pk]
    second.title = "Data engineer (Osaka)"
    second.save()
    after = {p.job_id: p for p in selectors.open_jobs().plans}[second.pk]
    assert after is not before  # compiled again from the edited job
    second.status = Job.Status.CLOSED
    second.save()
    assert _shown(ayesha) == [sakura_job.pk]
    # The company's verification withdrawn: its jobs leave the page though none changed.
    Employer.objects.filter(pk=sakura_job.employer_id).update(
        verification_status=Employer.Verification.PENDING
    )
    assert _shown(ayesha) == []
