import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from engine.matching import CandidateIndex
from kakehashi.candidates.models import CandidateSkill
from kakehashi.candidates.selectors import SHARE_PURPOSE
from kakehashi.candidates.services import consent_give, consent_withdraw
from kakehashi.core.errors import ApplicationError
from kakehashi.matching.services import shortlist_add
from kakehashi.matching.store import index_rebuild


@pytest.fixture
def ranked(ayesha, bilal, sakura_job):
    CandidateSkill.objects.create(profile=ayesha, skill_id="python", years=4)
    CandidateSkill.objects.create(profile=bilal, skill_id="java", years=3)
    for p in (ayesha, bilal):
        consent_give(profile=p, purpose=SHARE_PURPOSE)
    index_rebuild()


def test_it_scores_the_one_candidate_and_never_reranks_the_job(
    ranked, ayesha, tanaka, sakura_job, monkeypatch
):
    def no_ranking(*args, **kwargs):
        raise AssertionError("shortlist_add must not rank the whole job")

    monkeypatch.setattr(CandidateIndex, "top_candidates", no_ranking)
    application = shortlist_add(job_id=sakura_job.pk, profile_id=ayesha.pk, actor=tanaka)
    assert application.stage == "shortlisted"
    assert [h.to_stage for h in application.history.all()] == ["sourced", "shortlisted"]


def test_it_refuses_a_candidate_who_fails_a_hard_requirement(ranked, bilal, tanaka, sakura_job):
    sakura_job.skills.filter(skill_id="python").update(is_hard=True)
    with pytest.raises(ApplicationError, match="hard requirements"):
        shortlist_add(job_id=sakura_job.pk, profile_id=bilal.pk, actor=tanaka)
    assert not sakura_job.applications.exists()


def test_withdrawn_consent_counts_at_once_even_with_a_stale_index(
    ranked, ayesha, tanaka, sakura_job
):
    consent_withdraw(profile=ayesha, purpose=SHARE_PURPOSE)  # the index is not refreshed here
    with pytest.raises(Http404):
        shortlist_add(job_id=sakura_job.pk, profile_id=ayesha.pk, actor=tanaka)
    assert not sakura_job.applications.exists()


def test_only_the_jobs_company_shortlists(ranked, ayesha, yamada, farhan, sakura_job):
    with pytest.raises(Http404):
        shortlist_add(job_id=sakura_job.pk, profile_id=ayesha.pk, actor=yamada)
    with pytest.raises(PermissionDenied):  # an analyst reads shortlists but never changes them
        shortlist_add(job_id=sakura_job.pk, profile_id=ayesha.pk, actor=farhan)
    assert not sakura_job.applications.exists()
