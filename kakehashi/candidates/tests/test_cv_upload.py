import io
import json
from datetime import date

import pypdfium2 as pdfium
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engine.cv import ParsedCv, cv_parse_text
from kakehashi.audit.models import PersonalDataAccess
from kakehashi.candidates.cv import cv_apply
from kakehashi.candidates.models import (
    CandidateSkill,
    Certification,
    CvDocument,
    Education,
    Employment,
    LanguageSkill,
)

CV = """Ayesha Khan
Lahore, Pakistan | ayesha.k@example.pk | +92 300 1234567 | github.com/ayeshak

SUMMARY
Machine learning engineer building NLP systems in Python and PyTorch.

EXPERIENCE
Machine Learning Engineer, Arbisoft — Jan 2022 – Present
Built NLP pipelines in Python and PyTorch; deployed models on AWS.
Software Engineer, Systems Ltd — Jul 2019 – Dec 2021
Developed Django REST APIs with PostgreSQL.

EDUCATION
BS Computer Science, FAST-NUCES Lahore, 2019, CGPA 3.45/4.00

CERTIFICATIONS
JLPT N3 (2024)
AWS Certified Solutions Architect – Associate

LANGUAGES
Urdu (native), English (fluent), Japanese (JLPT N3)
"""


def _upload(client, name, content):
    return client.post(
        reverse("candidate_cv"), {"file": SimpleUploadedFile(name, content)}, follow=True
    )


def test_a_text_cv_is_read_and_fills_the_profile(
    client, ayesha, taxonomy_loaded, django_capture_on_commit_callbacks
):
    client.force_login(ayesha.user)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, "ayesha.txt", CV.encode())
    document = CvDocument.objects.get()
    assert document.state == "parsed", document.error_message
    ayesha.refresh_from_db()
    assert ayesha.phone == "+923001234567" and ayesha.city == "lahore" and ayesha.jlpt_level == "N3"
    assert {"kind": "github", "url": "https://github.com/ayeshak"} in ayesha.links
    assert Education.objects.get(profile=ayesha).institution.startswith("FAST")
    assert Employment.objects.filter(profile=ayesha, from_cv=True).count() == 2
    skills = set(CandidateSkill.objects.filter(profile=ayesha).values_list("skill_id", flat=True))
    assert {"python", "pytorch", "django"} <= skills


def test_confirmed_values_survive_a_new_upload(
    client, ayesha, taxonomy_loaded, django_capture_on_commit_callbacks
):
    from kakehashi.candidates.services import candidate_profile_update

    client.force_login(ayesha.user)
    ayesha.confirmed_fields = ["city"]
    ayesha.save()
    candidate_profile_update(profile=ayesha, actor=ayesha.user, fields={"city": "islamabad"})
    CandidateSkill.objects.create(profile=ayesha, skill_id="python", years=7, source="confirmed")
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, "ayesha.txt", CV.encode())
    ayesha.refresh_from_db()
    assert ayesha.city == "islamabad"
    assert CandidateSkill.objects.get(profile=ayesha, skill_id="python").years == 7


def _blank_pdf() -> bytes:
    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_a_scanned_pdf_is_explained_and_the_profile_untouched(
    client, ayesha, taxonomy_loaded, django_capture_on_commit_callbacks
):
    client.force_login(ayesha.user)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, "scan.pdf", _blank_pdf())
    document = CvDocument.objects.get()
    assert document.state == "failed" and document.error_code == "scanned_pdf"
    page = client.get(reverse("candidate_cv")).content.decode()
    assert "scanned" in page.lower()
    assert not CandidateSkill.objects.filter(profile=ayesha).exists()


def test_an_oversized_file_is_refused_before_anything_is_kept(client, ayesha, settings):
    settings.UPLOAD_MAX_BYTES = 2048
    client.force_login(ayesha.user)
    page = _upload(client, "big.txt", b"x" * 5000).content.decode()
    assert "the largest CV we accept is 2.0" in page
    assert not CvDocument.objects.exists()


def test_wrong_kind_of_file_is_refused(client, ayesha):
    client.force_login(ayesha.user)
    page = _upload(client, "cv.exe", b"MZ\x90\x00").content.decode()
    assert "We read CVs as PDF" in page
    assert not CvDocument.objects.exists()


def test_only_owner_ministry_and_shared_companies_download_the_cv(
    client, ayesha, tanaka, imran, sakura_job, taxonomy_loaded, django_capture_on_commit_callbacks
):
    from kakehashi.candidates.selectors import SHARE_PURPOSE
    from kakehashi.candidates.services import consent_give
    from kakehashi.pipeline.services import application_advance, application_create

    client.force_login(ayesha.user)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, "ayesha.txt", CV.encode())
    document = CvDocument.objects.get()
    url = reverse("cv_download", args=[document.pk])
    assert client.get(url).status_code == 200
    consent_give(profile=ayesha, purpose=SHARE_PURPOSE)
    client.force_login(tanaka)
    assert client.get(url).status_code == 404  # blind until shared
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    application_advance(application=app, stage="shortlisted", actor=tanaka)
    application_advance(application=app, stage="profile_shared", actor=ayesha.user)
    response = client.get(url)
    assert response.status_code == 200 and b"Arbisoft" in b"".join(response.streaming_content)
    seen = PersonalDataAccess.objects.get(purpose="cv", actor_id=tanaka.pk)
    assert (
        seen.subject_id == ayesha.pk
        and seen.cross_border
        and seen.employer_name == "Sakura Co., Ltd."
    )


def test_the_cv_original_is_a_sandboxed_download_never_cached(
    client, ayesha, taxonomy_loaded, django_capture_on_commit_callbacks
):
    client.force_login(ayesha.user)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, "ayesha.txt", CV.encode())
    response = client.get(reverse("cv_download", args=[CvDocument.objects.get().pk]))
    assert response["Content-Disposition"] == 'attachment; filename="ayesha.txt"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Cache-Control"] == "no-store"


def test_json_resume_round_trip(
    client, ayesha, taxonomy_loaded, django_capture_on_commit_callbacks
):
    import json

    client.force_login(ayesha.user)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, "ayesha.txt", CV.encode())
    exported = json.loads(client.get(reverse("candidate_cv"), {"export": "json-resume"}).content)
    assert exported["basics"]["email"] == "ayesha@example.pk"
    assert any(w["name"].startswith("Arbisoft") for w in exported["work"])
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, "resume.json", json.dumps(exported).encode())
    latest = CvDocument.objects.order_by("-pk").first()
    assert latest.state == "parsed", latest.error_message
    assert latest.parsed["source_format"] == "json_resume"


def test_the_parse_is_stored_as_json_that_reads_back_as_the_engines_dataclass(
    client, ayesha, taxonomy_loaded, django_capture_on_commit_callbacks
):
    client.force_login(ayesha.user)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, "ayesha.txt", CV.encode())
    stored = ParsedCv.from_json(CvDocument.objects.get().parsed)
    assert stored.phones[0].e164 == "+923001234567"
    assert [(j.employer, j.start.isoformat()) for j in stored.employment] == [
        ("Arbisoft", "2022-01-01"),
        ("Systems Ltd", "2019-07-01"),
    ]


def test_cv_apply_keeps_the_highest_jlpt_level(ayesha, taxonomy_loaded):
    parsed = cv_parse_text(
        "Ayesha Khan\n\nCERTIFICATIONS\nJLPT N4 (2021)\nJLPT N2 (2024)\nJLPT N3\n"
    )
    changed = cv_apply(profile=ayesha, parsed=parsed)
    ayesha.refresh_from_db()
    assert "jlpt_level" in changed and ayesha.jlpt_level == "N2"


def test_the_json_resume_export_carries_the_whole_profile(client, ayesha, taxonomy_loaded):
    ayesha.headline = "Machine learning engineer"
    ayesha.phone = "+923001234567"
    ayesha.summary = "Builds NLP systems."
    ayesha.links = [{"kind": "github", "url": "https://github.com/ayeshak"}]
    ayesha.save()
    Employment.objects.create(
        profile=ayesha,
        employer_name="Arbisoft",
        title="ML Engineer",
        start=date(2022, 1, 15),
        description="Built NLP pipelines.",
    )
    Employment.objects.create(
        profile=ayesha,
        employer_name="Systems Ltd",
        title="Software Engineer",
        start=date(2019, 7, 1),
        end=date(2021, 12, 31),
    )
    Education.objects.create(
        profile=ayesha,
        level="bachelor",
        field="Computer Science",
        institution="FAST-NUCES Lahore",
        year=2019,
        grade="CGPA 3.45/4.00",
    )
    CandidateSkill.objects.create(profile=ayesha, skill_id="python", years=5)
    Certification.objects.create(
        profile=ayesha, kind="jlpt", name="JLPT", level="N3", obtained_on=date(2024, 12, 1)
    )
    LanguageSkill.objects.create(profile=ayesha, language="Urdu", level="native")
    client.force_login(ayesha.user)

    exported = json.loads(client.get(reverse("candidate_cv"), {"export": "json-resume"}).content)

    basics = exported["basics"]
    assert (basics["name"], basics["label"], basics["email"], basics["phone"]) == (
        "Ayesha Khan",
        "Machine learning engineer",
        "ayesha@example.pk",
        "+923001234567",
    )
    assert basics["summary"] == "Builds NLP systems."
    assert basics["location"]["city"] == "Lahore"
    assert [p["url"] for p in basics["profiles"]] == ["https://github.com/ayeshak"]
    assert exported["work"] == [
        {
            "name": "Arbisoft",
            "position": "ML Engineer",
            "startDate": "2022-01",
            "summary": "Built NLP pipelines.",
        },
        {
            "name": "Systems Ltd",
            "position": "Software Engineer",
            "startDate": "2019-07",
            "endDate": "2021-12",
        },
    ]
    assert exported["education"] == [
        {
            "institution": "FAST-NUCES Lahore",
            "area": "Computer Science",
            "studyType": "Bachelor's degree",
            "endDate": "2019",
            "score": "CGPA 3.45/4.00",
        }
    ]
    assert exported["skills"] == [{"name": "Python", "level": "5.0 years", "keywords": ["python"]}]
    assert exported["certificates"] == [{"name": "JLPT N3", "date": "2024-12-01"}]
    assert exported["languages"] == [{"language": "Urdu", "fluency": "native"}]


def test_a_profile_exported_and_uploaded_again_keeps_its_skills_years_and_jobs(
    client, ayesha, taxonomy_loaded, django_capture_on_commit_callbacks
):
    Employment.objects.create(
        profile=ayesha, employer_name="Arbisoft", title="ML Engineer", start=date(2022, 1, 1)
    )
    CandidateSkill.objects.create(profile=ayesha, skill_id="pytorch", years="2.5", source="cv")
    client.force_login(ayesha.user)
    exported = client.get(reverse("candidate_cv"), {"export": "json-resume"}).content
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, "resume.json", exported)
    assert CvDocument.objects.get().state == "parsed"
    skill = CandidateSkill.objects.get(profile=ayesha, skill_id="pytorch")
    assert (skill.source, float(skill.years)) == ("cv", 2.5)
    job = Employment.objects.get(profile=ayesha, from_cv=True)
    assert (job.employer_name, job.start) == ("Arbisoft", date(2022, 1, 1))
