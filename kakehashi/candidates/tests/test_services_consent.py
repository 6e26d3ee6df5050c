import pytest

from kakehashi.audit.models import AuditEvent
from kakehashi.candidates.models import CandidateProfile, ConsentText
from kakehashi.candidates.selectors import (
    SHARE_PURPOSE,
    consent_active_record,
    profiles_visible_to_employers,
)
from kakehashi.candidates.services import consent_give, consent_text_publish, consent_withdraw
from kakehashi.core.errors import ApplicationError


def _share(profile):
    consent_give(profile=profile, purpose=SHARE_PURPOSE)


def test_version_1_is_published_by_migration_in_three_languages(db):
    text = ConsentText.objects.get(purpose=SHARE_PURPOSE, version=1)
    assert text.recipient_country == "JP"
    assert "Personal Information Protection Commission" in text.body_en
    assert "個人情報保護委員会" in text.body_ja
    assert text.body("ur") == text.body_ur and text.body_ur


def test_giving_consent_makes_profile_visible_and_is_audited(ayesha):
    _share(ayesha)
    assert profiles_visible_to_employers().filter(pk=ayesha.pk).exists()
    assert AuditEvent.objects.filter(action="consent.given", details__version=1).exists()


def test_withdrawal_hides_the_profile_at_once_and_keeps_the_record(ayesha):
    _share(ayesha)
    consent_withdraw(profile=ayesha, purpose=SHARE_PURPOSE)
    assert not profiles_visible_to_employers().filter(pk=ayesha.pk).exists()
    record = ayesha.consents.get()
    assert record.withdrawn_at is not None
    ayesha.refresh_from_db()
    assert ayesha.visibility == CandidateProfile.Visibility.HIDDEN


def test_a_new_version_voids_consent_to_the_old_one(ayesha):
    _share(ayesha)
    consent_text_publish(purpose=SHARE_PURPOSE, body_en="v2", body_ja="v2", body_ur="v2")
    assert consent_active_record(profile=ayesha, purpose=SHARE_PURPOSE) is None
    assert not profiles_visible_to_employers().filter(pk=ayesha.pk).exists()
    record = consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    assert record.text.version == 2
    assert profiles_visible_to_employers().filter(pk=ayesha.pk).exists()


def test_agreeing_to_a_text_that_was_replaced_meanwhile_is_refused(zara):
    old = ConsentText.objects.get(version=1)
    consent_text_publish(purpose=SHARE_PURPOSE, body_en="v2", body_ja="v2", body_ur="v2")
    with pytest.raises(ApplicationError) as err:
        consent_give(profile=zara, purpose=SHARE_PURPOSE, text=old)
    assert err.value.code == "stale_consent"
    assert not zara.consents.exists()
