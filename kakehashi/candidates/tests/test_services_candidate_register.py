import pytest

from kakehashi.accounts.models import User
from kakehashi.audit.models import AuditEvent, PersonalDataAccess
from kakehashi.candidates.models import CandidateIdentity, CandidateProfile
from kakehashi.candidates.services import candidate_register, cnic_reveal
from kakehashi.core.errors import ApplicationError


def test_it_registers_with_encrypted_cnic_and_province_from_city(ayesha):
    identity = CandidateIdentity.objects.get(profile=ayesha)
    assert "3520212345672" not in identity.cnic_encrypted
    assert identity.cnic_last4 == "5672"
    assert ayesha.province == "PK-PB"
    assert AuditEvent.objects.filter(
        action="candidate.registered", object_id=str(ayesha.pk)
    ).exists()


def test_malformed_cnic_is_refused_and_nothing_is_saved(db):
    with pytest.raises(ApplicationError) as err:
        candidate_register(
            email="x@example.pk", full_name="X", password="pw-kakehashi-1", cnic="12345-67"
        )
    assert err.value.field == "cnic"
    assert not User.objects.filter(email="x@example.pk").exists()


def test_duplicate_email_is_refused(ayesha):
    with pytest.raises(ApplicationError) as err:
        candidate_register(
            email="AYESHA@example.pk",
            full_name="Other",
            password="pw-kakehashi-1",
            cnic="61101-1111111-1",
        )
    assert err.value.code == "duplicate_email"
    assert CandidateProfile.objects.count() == 1


def test_duplicate_cnic_is_refused_even_written_differently(ayesha):
    with pytest.raises(ApplicationError) as err:
        candidate_register(
            email="second@example.pk",
            full_name="Other",
            password="pw-kakehashi-1",
            cnic="3520212345672",
        )
    assert err.value.code == "duplicate_cnic"
    assert not User.objects.filter(email="second@example.pk").exists()


def test_facilitator_reveal_of_cnic_is_audited(ayesha, imran):
    assert cnic_reveal(profile=ayesha, actor=imran) == "35202-1234567-2"
    seen = PersonalDataAccess.objects.get(purpose="cnic")
    assert seen.actor_id == imran.pk and seen.subject_id == ayesha.pk and seen.fields == ["cnic"]
    assert seen.actor_kind == "ministry:verifier" and not seen.cross_border


def test_employer_can_never_reveal_a_cnic(ayesha, tanaka):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        cnic_reveal(profile=ayesha, actor=tanaka)
    assert not PersonalDataAccess.objects.filter(purpose="cnic").exists()


def test_profile_update_sets_province_from_city(ayesha):
    from kakehashi.candidates.services import candidate_profile_update

    candidate_profile_update(
        profile=ayesha, actor=ayesha.user, fields={"city": "karachi", "headline": "ML engineer"}
    )
    ayesha.refresh_from_db()
    assert (ayesha.city, ayesha.province, ayesha.headline) == ("karachi", "PK-SD", "ML engineer")
