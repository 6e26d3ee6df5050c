import pytest
from django.core.exceptions import PermissionDenied

from kakehashi.api.services import api_token_create
from kakehashi.core.errors import ApplicationError
from kakehashi.jobs.models import Job
from kakehashi.pipeline.services import application_apply, application_create


def test_a_candidate_applies_to_an_open_job(ayesha, sakura_job):
    application = application_apply(job=sakura_job, actor=ayesha.user)
    assert application.stage == "applied" and application.candidate == ayesha


def test_only_candidates_apply_and_only_to_open_jobs(ayesha, tanaka, imran, sakura_job):
    for outsider in (tanaka, imran):
        with pytest.raises(PermissionDenied):
            application_apply(job=sakura_job, actor=outsider)
    sakura_job.status = Job.Status.CLOSED
    sakura_job.save()
    with pytest.raises(ApplicationError, match="not open"):
        application_apply(job=sakura_job, actor=ayesha.user)
    assert not sakura_job.applications.exists()


def test_nobody_opens_an_application_for_someone_else(ayesha, bilal, yamada, sakura_job):
    with pytest.raises(PermissionDenied):  # applying in another candidate's name
        application_create(candidate=ayesha, job=sakura_job, actor=bilal.user)
    with pytest.raises(PermissionDenied):  # another company sourcing for Sakura's job
        application_create(candidate=ayesha, job=sakura_job, actor=yamada, stage="sourced")
    assert not sakura_job.applications.exists()


def test_the_api_shares_the_rules(client, ayesha, tanaka, sakura_job):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    token = api_token_create(user=tanaka, name="t")[1]
    moved = client.post(
        f"/api/applications/{app.pk}/stage",
        {"stage": "rejected", "reason": "we just do not like them"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert moved.status_code == 400 and moved.json()["error"]["field"] == "reason"
    app.refresh_from_db()
    assert app.stage == "applied"
    sakura_job.status = Job.Status.CLOSED
    sakura_job.save()
    token = api_token_create(user=ayesha.user, name="t")[1]
    applied = client.post(
        f"/api/jobs/{sakura_job.pk}/applications", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert applied.status_code in (400, 404)
