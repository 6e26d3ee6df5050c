import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from kakehashi.employers.models import Employer
from kakehashi.employers.selectors import employer_get_for_user
from kakehashi.jobs.models import Job
from kakehashi.jobs.selectors import job_get_for_user, jobs_public


def test_open_job_of_verified_employer_is_public(sakura_job):
    assert job_get_for_user(job_id=sakura_job.pk, user=AnonymousUser()) == sakura_job
    assert list(jobs_public()) == [sakura_job]


def test_draft_is_seen_by_owner_and_colleague_only(sakura_job, tanaka, sato, yamada, ayesha, imran):
    sakura_job.status = Job.Status.DRAFT
    sakura_job.save()
    assert job_get_for_user(job_id=sakura_job.pk, user=tanaka) == sakura_job
    assert job_get_for_user(job_id=sakura_job.pk, user=sato) == sakura_job
    assert job_get_for_user(job_id=sakura_job.pk, user=imran) == sakura_job
    for outsider in (yamada, ayesha.user, AnonymousUser()):
        with pytest.raises(Http404):
            job_get_for_user(job_id=sakura_job.pk, user=outsider)


def test_jobs_of_unverified_employers_are_not_public(sakura_job, sakura):
    sakura.verification_status = Employer.Verification.PENDING
    sakura.save()
    assert not jobs_public().exists()
    with pytest.raises(Http404):
        job_get_for_user(job_id=sakura_job.pk, user=AnonymousUser())


def test_employer_page_for_members_and_facilitators_only(
    sakura, tanaka, sato, yamada, imran, ayesha
):
    for insider in (tanaka, sato, imran):
        assert employer_get_for_user(employer_id=sakura.pk, user=insider) == sakura
    for outsider in (yamada, ayesha.user):
        with pytest.raises(Http404):
            employer_get_for_user(employer_id=sakura.pk, user=outsider)
