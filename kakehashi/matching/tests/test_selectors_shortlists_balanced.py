"""Balanced shortlists across several companies' jobs: the star does not go to everyone."""

import pytest
from django.core.exceptions import PermissionDenied

from kakehashi.audit.models import AuditEvent
from kakehashi.candidates.selectors import SHARE_PURPOSE
from kakehashi.candidates.services import consent_withdraw
from kakehashi.matching.selectors import shortlists_balanced
from kakehashi.matching.services import shortlists_balanced_source
from kakehashi.matching.tests.balance_market import python_market
from kakehashi.pipeline.models import Application
from kakehashi.pipeline.services import application_advance, application_create


@pytest.fixture
def market(ayesha, bilal, sakura, sakura_job, taxonomy_loaded):
    return python_market(ayesha=ayesha, bilal=bilal, sakura=sakura, sakura_job=sakura_job)


def test_each_job_gets_someone_and_the_star_is_proposed_once(market):
    jobs, ayesha, bilal, chen = market
    result = shortlists_balanced(jobs=jobs, places_per_job=1, shortlists_per_candidate=1)
    proposed = {b.job.pk: [pid for pid, _ in b.places] for b in result.jobs}
    assert sorted(pid for pids in proposed.values() for pid in pids) == sorted(
        [ayesha.pk, bilal.pk, chen.pk]
    )
    assert all(len(pids) == 1 for pids in proposed.values())
    # Every job's own top 1 is Ayesha: once she keeps one, the other two have nobody.
    assert (result.independent.places, result.independent.candidates_placed) == (3, 1)
    assert result.independent_kept.jobs_empty == 2
    assert sum(b.own_top_lost for b in result.jobs) == 2
    assert (result.figures.jobs_empty, result.figures.places) == (0, 3)
    assert all(0 < score <= 1 for b in result.jobs for _, score in b.places)


def test_the_stable_allocation_has_no_blocking_pair(market):
    jobs, *_ = market
    result = shortlists_balanced(
        jobs=jobs, places_per_job=2, shortlists_per_candidate=1, method="stable"
    )
    assert result.blocking_pairs == 0
    assert result.figures.candidates_over == 0
    with pytest.raises(ValueError, match="unknown shortlist method"):
        shortlists_balanced(jobs=jobs, places_per_job=2, shortlists_per_candidate=1, method="x")


def test_candidates_in_a_pipeline_count_and_closed_or_hidden_ones_are_not_proposed(market, tanaka):
    jobs, ayesha, bilal, chen = market
    # Ayesha already applied to the first job: that fills its one place and her one list.
    application_create(candidate=ayesha, job=jobs[0], actor=ayesha.user)
    # Bilal was rejected for the second job; Chen withdrew consent.
    rejected = application_create(candidate=bilal, job=jobs[1], actor=bilal.user)
    application_advance(
        application=rejected, stage="rejected", actor=tanaka, reason="skills_missing"
    )
    consent_withdraw(profile=chen, purpose=SHARE_PURPOSE)  # the index is not refreshed
    result = shortlists_balanced(jobs=jobs, places_per_job=1, shortlists_per_candidate=1)
    by_job = {b.job.pk: b for b in result.jobs}
    assert (by_job[jobs[0].pk].in_pipeline, by_job[jobs[0].pk].places) == (1, [])
    assert by_job[jobs[1].pk].places == []  # Bilal is closed here, Ayesha is full, Chen hidden
    assert [pid for pid, _ in by_job[jobs[2].pk].places] == [bilal.pk]


def test_sourcing_opens_one_application_per_place_for_an_organiser_only(
    market, nadia, farhan, tanaka
):
    jobs, ayesha, bilal, chen = market
    result = shortlists_balanced(jobs=jobs, places_per_job=1, shortlists_per_candidate=1)
    for outsider in (farhan, tanaka):
        with pytest.raises(PermissionDenied):
            shortlists_balanced_source(shortlists=result, actor=outsider)
    assert not Application.objects.exists()
    # Meanwhile Bilal applied himself to the job he was to be proposed to: left as it is.
    bilal_job = next(b.job for b in result.jobs if b.places[0][0] == bilal.pk)
    application_create(candidate=bilal, job=bilal_job, actor=bilal.user)
    assert shortlists_balanced_source(shortlists=result, actor=nadia) == 2
    stages = dict(Application.objects.values_list("candidate_id", "stage").order_by("candidate_id"))
    assert stages == {ayesha.pk: "sourced", bilal.pk: "applied", chen.pk: "sourced"}
    assert AuditEvent.objects.filter(action="application.created", actor=nadia).count() == 2
