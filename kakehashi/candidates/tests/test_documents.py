from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engine.tests import hostile_files
from kakehashi.audit.models import PersonalDataAccess
from kakehashi.candidates.models import Certification

PDF = hostile_files.pdf_certificate()


def _add(client, ayesha, content=PDF, name="jlpt.pdf", level="N2"):
    client.force_login(ayesha.user)
    return client.post(
        reverse("candidate_certifications"),
        {
            "kind": "jlpt",
            "name": "JLPT",
            "level": level,
            "obtained_on": "2025-12-07",
            "evidence": SimpleUploadedFile(name, content),
        },
    )


def test_candidate_adds_jlpt_certificate_and_ministry_verifies_it(client, ayesha, imran):
    _add(client, ayesha)
    cert = Certification.objects.get()
    assert cert.verification == "unverified" and cert.evidence.name.endswith(".pdf")
    client.force_login(imran)
    queue = client.get(reverse("documents_queue")).content.decode()
    assert "Ayesha Khan" in queue
    assert PersonalDataAccess.objects.filter(purpose="verification", subject_id=ayesha.pk).exists()
    evidence = client.get(reverse("certification_evidence", args=[cert.pk]))
    # What is served is the re-rendered scan (engine.scans), never the bytes as sent.
    assert b"".join(evidence.streaming_content) == Path(cert.evidence.path).read_bytes()
    assert PersonalDataAccess.objects.filter(
        purpose="certificate", actor_id=imran.pk, subject_id=ayesha.pk, cross_border=False
    ).exists()
    client.post(reverse("documents_queue"), {"certification": cert.pk, "decision": "approve"})
    cert.refresh_from_db()
    assert cert.verification == "verified" and cert.verified_by == imran


def test_a_certificate_scan_is_a_sandboxed_download_not_a_page_of_the_site(client, ayesha, imran):
    _add(client, ayesha)
    cert = Certification.objects.get()
    client.force_login(imran)
    response = client.get(reverse("certification_evidence", args=[cert.pk]))
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Cache-Control"] == "no-store"


def test_a_file_whose_content_does_not_match_its_name_is_refused(client, ayesha):
    page = _add(client, ayesha, content=b"MZ\x90\x00 not a pdf", name="jlpt.pdf").content.decode()
    assert "content is not PDF" in page
    assert not Certification.objects.exists()


def test_a_wrong_jlpt_level_is_refused(client, ayesha):
    page = _add(client, ayesha, level="N6").content.decode()
    assert "A JLPT level is one of N1, N2, N3, N4, N5." in page


def test_employers_cannot_open_certificate_files(client, ayesha, tanaka):
    _add(client, ayesha)
    client.force_login(tanaka)
    cert = Certification.objects.get()
    assert client.get(reverse("certification_evidence", args=[cert.pk])).status_code == 404
    assert client.get(reverse("documents_queue")).status_code == 404
