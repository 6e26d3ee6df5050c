"""Consent to share with Japanese employers is read from the database by every door that
shows a candidate to a company: a withdrawal counts in the very next request, whatever the
matching index still says."""

import pytest
from django.http import Http404
from django.urls import reverse

from kakehashi.api.services import api_token_create
from kakehashi.candidates.models import CandidateProfile
from kakehashi.candidates.selectors import SHARE_PURPOSE, candidate_profile_get_for_user
from kakehashi.candidates.services import consent_withdraw
from kakehashi.pipeline.models import Application
from kakehashi.pipeline.selectors import application_get_for_user, applications_for_user
from kakehashi.pipeline.services import (
    application_advance,
    application_create,
    profile_share_request,
)


def _bearer(user):
    _row, token = api_token_create(user=user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def shared(ayesha, tanaka, sakura_job):
    """Ayesha applied to Sakura's job and shared her full profile with the company."""
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    application_advance(application=app, stage="shortlisted", actor=tanaka)
    profile_share_request(application=app, actor=tanaka)
    application_advance(application=app, stage="profile_shared", actor=ayesha.user)
    return app


def test_the_applications_page_drops_a_candidate_who_withdraws(client, shared, tanaka):
    client.force_login(tanaka)
    url = reverse("job_applications", args=[shared.job_id])
    assert "Ayesha Khan" in client.get(url).content.decode()

    consent_withdraw(profile=shared.candidate, purpose=SHARE_PURPOSE)

    page = client.get(url).content.decode()
    assert "Ayesha Khan" not in page
    assert "ayesha@example.pk" not in page


def test_the_api_lists_and_doors_refuse_after_withdrawal(client, shared, tanaka):
    headers = _bearer(tanaka)
    listed = client.get("/api/applications", **headers).json()["items"]
    assert [a["id"] for a in listed] == [shared.pk]

    consent_withdraw(profile=shared.candidate, purpose=SHARE_PURPOSE)

    assert client.get("/api/applications", **headers).json()["items"] == []
    assert client.get(f"/api/candidates/{shared.candidate_id}", **headers).status_code == 404
    moved = client.post(
        f"/api/applications/{shared.pk}/stage",
        {"stage": "invited"},
        content_type="application/json",
        **headers,
    )
    assert moved.status_code == 404
    assert Application.objects.get(pk=shared.pk).stage == "profile_shared"


def test_the_selectors_read_consent_at_each_call(shared, tanaka, imran):
    assert applications_for_user(user=tanaka).count() == 1
    consent_withdraw(profile=shared.candidate, purpose=SHARE_PURPOSE)
    assert applications_for_user(user=tanaka).count() == 0
    with pytest.raises(Http404):
        application_get_for_user(application_id=shared.pk, user=tanaka)
    with pytest.raises(Http404):
        candidate_profile_get_for_user(profile_id=shared.candidate_id, user=tanaka)
    # The ministry still follows the case; the candidate still sees their own application.
    assert application_get_for_user(application_id=shared.pk, user=imran) == shared
    assert applications_for_user(user=shared.candidate.user).count() == 1


def test_applying_without_consent_explains_and_creates_nothing(client, zara, sakura_job):
    client.force_login(zara.user)
    response = client.post(reverse("job_apply", args=[sakura_job.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("candidate_consent")
    assert "first agree to share your profile" in response.content.decode()
    assert not Application.objects.filter(candidate=zara).exists()

    api = client.post(f"/api/jobs/{sakura_job.pk}/applications", **_bearer(zara.user))
    assert api.status_code == 400
    assert api.json()["error"]["code"] == "consent_required"
    assert not Application.objects.filter(candidate=zara).exists()


def test_a_hidden_candidate_is_still_seen_by_the_company_she_applied_to(
    ayesha, tanaka, yamada, sakura_job
):
    application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    CandidateProfile.objects.filter(pk=ayesha.pk).update(
        visibility=CandidateProfile.Visibility.HIDDEN
    )
    assert candidate_profile_get_for_user(profile_id=ayesha.pk, user=tanaka).level == "blind"
    with pytest.raises(Http404):  # another company does not find her
        candidate_profile_get_for_user(profile_id=ayesha.pk, user=yamada)
