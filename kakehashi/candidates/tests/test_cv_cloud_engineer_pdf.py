"""A 2-page PDF CV and a scanned CV through the candidate's CV page (issue 12): upload, the
background parse task, and what the profile and its pages then say."""

import os
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from engine.cv import CvError
from engine.cv.ocr import tesseract_available
from engine.tests.test_cv_cloud_engineer import cloud_engineer_cv_pdf
from kakehashi.candidates.models import (
    CV_ERROR_TEXTS,
    CandidateSkill,
    Certification,
    CvDocument,
    Employment,
)
from kakehashi.candidates.tests.test_cv_upload import _upload

needs_tesseract = pytest.mark.skipif(
    not tesseract_available() and os.environ.get("CI") != "true",
    reason="tesseract-ocr is not installed (CI installs it and runs these)",
)


@pytest.fixture
def bilal_uploaded(client, ayesha, taxonomy_loaded, django_capture_on_commit_callbacks):
    client.force_login(ayesha.user)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, "Bilal_Qureshi_CV.pdf", cloud_engineer_cv_pdf())
    document = CvDocument.objects.get()
    assert document.state == "parsed", document.error_message
    assert "Check your profile" in client.get(reverse("candidate_cv")).content.decode()
    ayesha.refresh_from_db()
    return ayesha


def test_the_profile_gets_the_headline_and_a_fluent_english_level(client, bilal_uploaded):
    assert bilal_uploaded.headline == "Senior Cloud Engineer"
    assert bilal_uploaded.english_level == "fluent"
    assert bilal_uploaded.jlpt_level == "N4"
    review = client.get(reverse("candidate_profile_edit")).content.decode()
    assert 'value="Senior Cloud Engineer"' in review
    assert '<option value="fluent" selected>' in review


def test_the_ielts_score_is_kept_shown_for_review_and_read_as_the_level_by_employers(
    client, bilal_uploaded, tanaka
):
    assert (bilal_uploaded.english_test, bilal_uploaded.english_test_score) == (
        "IELTS",
        Decimal("7.5"),
    )
    review = client.get(reverse("candidate_profile_edit")).content.decode()
    assert '<option value="IELTS" selected>' in review
    assert 'name="english_test_score" value="7.5"' in review
    client.force_login(tanaka)
    page = client.get(reverse("candidate_detail", args=[bilal_uploaded.pk])).content.decode()
    assert "English: Fluent (IELTS 7.5)" in page


def test_docker_gets_its_years_from_the_jobs_and_a_listed_only_skill_shows_none(
    client, bilal_uploaded
):
    years = dict(
        CandidateSkill.objects.filter(profile=bilal_uploaded).values_list("skill_id", "years")
    )
    assert years["docker"] >= Decimal("7.0")  # 89 months to today (and more later)
    assert years["python"] is None  # named in the Skills list only: no years known
    page = client.get(reverse("candidate_detail", args=[bilal_uploaded.pk])).content.decode()
    item = page[page.index("Python") : page.index("</li>", page.index("Python"))]
    assert "year" not in item  # not "Python · 0 years"


def test_certificates_are_kept_with_their_month_and_no_level_twice(client, bilal_uploaded):
    certs = {c.display_name: c for c in Certification.objects.filter(profile=bilal_uploaded)}
    assert certs["HashiCorp Certified: Terraform Associate (003)"].obtained_on == date(2023, 3, 1)
    assert certs["HashiCorp Certified: Terraform Associate (003)"].kind == "cloud"
    assert certs["JLPT N4"].obtained_on == date(2024, 12, 1)
    assert "CKA – Certified Kubernetes Administrator" in certs
    page = client.get(reverse("candidate_certifications")).content.decode()
    assert "JLPT N4" in page and "N4 N4" not in page and "CKA CKA" not in page


def test_the_jobs_reach_the_work_history(bilal_uploaded):
    jobs = Employment.objects.filter(profile=bilal_uploaded, from_cv=True).order_by("start")
    assert [(j.title, j.employer_name) for j in jobs] == [
        ("Junior System Administrator", "PTCL"),
        ("DevOps Engineer", "NetSol Technologies"),
        ("Senior Cloud Engineer", "Systems Limited"),
    ]


@needs_tesseract
def test_a_scanned_cv_is_read_by_ocr_in_the_parse_task(
    client, ayesha, taxonomy_loaded, django_capture_on_commit_callbacks
):
    from engine.tests.test_cv_ocr import SCANNED_CV, scanned_pdf

    client.force_login(ayesha.user)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, "scan.pdf", scanned_pdf(SCANNED_CV))
    document = CvDocument.objects.get()
    assert document.state == "parsed", document.error_message
    skills = set(CandidateSkill.objects.filter(profile=ayesha).values_list("skill_id", flat=True))
    assert {"python", "terraform", "kubernetes", "docker", "aws"} <= skills


def test_the_translated_cv_errors_are_the_engines_messages_word_for_word():
    # the page shows CV_ERROR_TEXTS translated; in English they say what the engine says
    engine_messages = {cls.code: cls.default_message for cls in CvError.__subclasses__()}
    assert "scan_unreadable" in CV_ERROR_TEXTS
    for code, text in CV_ERROR_TEXTS.items():
        assert str(text) == engine_messages[code], code
