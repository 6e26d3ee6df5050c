import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from kakehashi.candidates.selectors import SHARE_PURPOSE, candidate_profile_get_for_user
from kakehashi.candidates.services import consent_give
from kakehashi.employers.models import Employer
from kakehashi.pipeline.services import application_advance, application_create


@pytest.fixture
def sharing_ayesha(ayesha):
    consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    return ayesha


def test_owner_sees_own_profile(ayesha):
    assert candidate_profile_get_for_user(profile_id=ayesha.pk, user=ayesha.user).level == "owner"


def test_other_candidate_gets_404(ayesha, bilal):
    with pytest.raises(Http404):
        candidate_profile_get_for_user(profile_id=ayesha.pk, user=bilal.user)


def test_anonymous_gets_404(ayesha):
    with pytest.raises(Http404):
        candidate_profile_get_for_user(profile_id=ayesha.pk, user=AnonymousUser())


def test_facilitator_sees_everything(ayesha, imran):
    access = candidate_profile_get_for_user(profile_id=ayesha.pk, user=imran)
    assert access.level == "facilitator" and access.shows_personal_data


def test_employer_gets_404_without_consent(zara, tanaka):
    with pytest.raises(Http404):
        candidate_profile_get_for_user(profile_id=zara.pk, user=tanaka)


def test_verified_employer_sees_blind_profile_after_consent(sharing_ayesha, tanaka, sato):
    for member in (tanaka, sato):  # the admin and a colleague alike
        access = candidate_profile_get_for_user(profile_id=sharing_ayesha.pk, user=member)
        assert access.level == "blind" and not access.shows_personal_data


def test_unverified_employer_sees_nothing(sharing_ayesha, tanaka, sakura):
    sakura.verification_status = Employer.Verification.PENDING
    sakura.save()
    with pytest.raises(Http404):
        candidate_profile_get_for_user(profile_id=sharing_ayesha.pk, user=tanaka)


def test_full_profile_only_for_the_company_it_was_shared_with(
    sharing_ayesha, tanaka, yamada, sakura_job
):
    app = application_create(candidate=sharing_ayesha, job=sakura_job, actor=sharing_ayesha.user)
    application_advance(application=app, stage="shortlisted", actor=tanaka)
    assert (
        candidate_profile_get_for_user(profile_id=sharing_ayesha.pk, user=tanaka).level == "blind"
    )
    application_advance(application=app, stage="profile_shared", actor=sharing_ayesha.user)
    assert candidate_profile_get_for_user(profile_id=sharing_ayesha.pk, user=tanaka).level == "full"
    # The outsider company still sees only the blind profile.
    assert (
        candidate_profile_get_for_user(profile_id=sharing_ayesha.pk, user=yamada).level == "blind"
    )
