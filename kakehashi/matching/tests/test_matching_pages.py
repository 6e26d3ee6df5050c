import datetime as dt

from django.urls import reverse

from kakehashi.candidates.models import CandidateSkill, Employment
from kakehashi.candidates.selectors import SHARE_PURPOSE
from kakehashi.candidates.services import consent_give, consent_withdraw
from kakehashi.matching.store import index_get, index_rebuild


def _skills(profile, **years):
    for skill_id, y in years.items():
        CandidateSkill.objects.create(profile=profile, skill_id=skill_id.replace("_", "-"), years=y)


def test_shortlist_ranks_the_better_fit_first_blind_and_explained(
    client, ayesha, bilal, tanaka, sakura_job
):
    _skills(ayesha, python=4, aws=2)
    _skills(bilal, java=3)
    Employment.objects.create(
        profile=ayesha, employer_name="Arbisoft", title="ML engineer", start=dt.date(2021, 1, 1)
    )
    for p in (ayesha, bilal):
        consent_give(profile=p, purpose=SHARE_PURPOSE)
    index_rebuild()
    client.force_login(tanaka)
    html = client.get(reverse("job_shortlist", args=[sakura_job.pk])).content.decode()
    first, second = html.index(f"Candidate #{ayesha.pk}"), html.index(f"Candidate #{bilal.pk}")
    assert first < second
    assert "Ayesha" not in html and "ayesha@example.pk" not in html
    assert "Missing" in html  # Bilal lacks Python


def test_withdrawn_consent_leaves_the_shortlist(
    client, ayesha, tanaka, sakura_job, matching_live, django_capture_on_commit_callbacks
):
    _skills(ayesha, python=4)
    with django_capture_on_commit_callbacks(execute=True):
        consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    assert ayesha.pk in index_get().row_of_
    client.force_login(tanaka)
    assert (
        f"Candidate #{ayesha.pk}"
        in client.get(reverse("job_shortlist", args=[sakura_job.pk])).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(profile=ayesha, purpose=SHARE_PURPOSE)
    assert (
        f"Candidate #{ayesha.pk}"
        not in client.get(reverse("job_shortlist", args=[sakura_job.pk])).content.decode()
    )


def test_outsiders_cannot_see_a_shortlist(client, ayesha, yamada, sakura_job):
    client.force_login(yamada)
    assert client.get(reverse("job_shortlist", args=[sakura_job.pk])).status_code == 404
    client.force_login(ayesha.user)
    assert client.get(reverse("job_shortlist", args=[sakura_job.pk])).status_code == 404


def test_employer_adds_a_ranked_candidate_to_the_shortlist(client, ayesha, tanaka, sakura_job):
    _skills(ayesha, python=4)
    consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    index_rebuild()
    client.force_login(tanaka)
    client.post(reverse("shortlist_add", args=[sakura_job.pk, ayesha.pk]))
    assert sakura_job.applications.get(candidate=ayesha).stage == "shortlisted"


def test_candidate_sees_recommended_jobs_and_what_to_learn(client, ayesha, sakura_job):
    _skills(ayesha, python=4)
    index_rebuild()
    client.force_login(ayesha.user)
    html = client.get(reverse("candidate_jobs")).content.decode()
    assert 'data-testid="recommended"' in html and "機械学習エンジニア" in html


def test_a_withdrawal_takes_the_candidate_off_the_shortlist_before_the_index_knows(
    client, ayesha, tanaka, sakura_job
):
    _skills(ayesha, python=4)
    consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    index_rebuild()
    consent_withdraw(profile=ayesha, purpose=SHARE_PURPOSE)  # no index refresh in this test
    assert ayesha.pk in index_get().row_of_
    client.force_login(tanaka)
    html = client.get(reverse("job_shortlist", args=[sakura_job.pk])).content.decode()
    assert f"Candidate #{ayesha.pk}" not in html
