import json
import os

from django.core.files.base import ContentFile
from django.urls import reverse

from kakehashi.accounts.models import User
from kakehashi.audit.models import AuditEvent
from kakehashi.candidates.models import (
    CandidateIdentity,
    Certification,
    ConsentRecord,
    Education,
)
from kakehashi.candidates.selectors import SHARE_PURPOSE
from kakehashi.candidates.services import consent_give
from kakehashi.pipeline.services import application_advance, application_create


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


def test_a_blind_profile_hides_who_wrote_the_summary(client, ayesha, tanaka, sakura_job):
    ayesha.summary = (
        "I am Ayesha Khan (ayesha.private@gmail.com, +92 333 1234567), linkedin.com/in/ayeshak. "
        "Graduate of Fatima Jinnah Women University; four years of Python."
    )
    ayesha.headline = "ML engineer · ayesha.k@outlook.com"
    ayesha.save()
    Education.objects.create(
        profile=ayesha, level="bachelor", field="CS", institution="Fatima Jinnah Women University"
    )
    consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    client.force_login(tanaka)
    page = client.get(reverse("candidate_detail", args=[ayesha.pk])).content.decode()
    for leak in ("Ayesha", "gmail", "333 1234567", "linkedin", "Fatima", "Women", "outlook"):
        assert leak not in page, leak
    assert "four years of Python" in page and "ML engineer" in page
    assert "an HEC-recognised university on the programme&#x27;s list" in page  # its kind only
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    application_advance(application=app, stage="shortlisted", actor=tanaka)
    application_advance(application=app, stage="profile_shared", actor=ayesha.user)
    shared = client.get(reverse("candidate_detail", args=[ayesha.pk])).content.decode()
    assert "Fatima Jinnah Women University" in shared and "ayesha.private@gmail.com" in shared


def test_deleting_the_account_removes_every_file_the_candidate_gave(
    client, ayesha, django_capture_on_commit_callbacks
):
    cert = Certification.objects.create(profile=ayesha, kind="jlpt", name="JLPT", level="N3")
    cert.evidence.save("jlpt.pdf", ContentFile(b"%PDF-1.4 scan"))
    stored = cert.evidence.path
    client.force_login(ayesha.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("candidate_data"), {"action": "delete", "password": "pw-kakehashi-1"})
    assert not os.path.exists(stored)
