import json

from django.urls import reverse

from kakehashi.accounts.models import User
from kakehashi.audit.models import AuditEvent
from kakehashi.candidates.models import CandidateIdentity, ConsentRecord
from kakehashi.candidates.selectors import SHARE_PURPOSE
from kakehashi.candidates.services import consent_give


def test_candidate_downloads_all_their_data(client, ayesha, sakura_job):
    from kakehashi.pipeline.services import application_create

    consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    client.force_login(ayesha.user)
    response = client.post(reverse("candidate_data"), {"action": "export"})
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert data["account"]["email"] == "ayesha@example.pk"
    assert data["cnic"] == "3520212345672"
    assert data["consents"][0]["recipient_country"] == "JP"
    assert data["applications"][0]["history"][0]["to_stage"] == "applied"
    assert AuditEvent.objects.filter(action="candidate.data_exported").exists()


def test_deletion_needs_the_password_and_keeps_consent_records_anonymised(client, ayesha):
    consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    client.force_login(ayesha.user)
    response = client.post(reverse("candidate_data"), {"action": "delete", "password": "wrong"})
    assert "The password is not right." in response.content.decode()
    assert User.objects.filter(email="ayesha@example.pk").exists()

    client.post(reverse("candidate_data"), {"action": "delete", "password": "pw-kakehashi-1"})
    assert not User.objects.filter(email="ayesha@example.pk").exists()
    assert not CandidateIdentity.objects.exists()
    record = ConsentRecord.objects.get()
    assert record.profile is None and record.given_at is not None
    assert AuditEvent.objects.filter(action="consent.given").exists()
    assert AuditEvent.objects.filter(action="candidate.deleted").exists()
