"""The 履歴書 and 職務経歴書 of a shared profile: only for those who see the full profile,
every download audited, never the gender or date of birth."""

from __future__ import annotations

import datetime as dt
import io

import pypdfium2 as pdfium
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kakehashi.audit.models import PersonalDataAccess
from kakehashi.candidates.models import Employment
from kakehashi.candidates.selectors import SHARE_PURPOSE
from kakehashi.candidates.services import consent_give
from kakehashi.pipeline.resume_pdf import profile_resume_download, profile_resume_pdf
from kakehashi.pipeline.services import application_advance


def _text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(io.BytesIO(pdf))
    return "".join(page.get_textpage().get_text_range() for page in document)


def test_blind_company_cannot_download_and_shared_one_is_audited(shortlisted, tokyo_tanaka):
    consent_give(profile=shortlisted.candidate, purpose=SHARE_PURPOSE)  # blind, not shared
    with pytest.raises(PermissionDenied):
        profile_resume_download(
            application=shortlisted, actor=tokyo_tanaka, kind="rirekisho", language="ja"
        )
    assert not PersonalDataAccess.objects.filter(channel="pdf").exists()
    application_advance(
        application=shortlisted, stage="profile_shared", actor=shortlisted.candidate.user
    )
    pdf = profile_resume_download(
        application=shortlisted, actor=tokyo_tanaka, kind="rirekisho", language="ja"
    )
    assert pdf.startswith(b"%PDF")
    seen = PersonalDataAccess.objects.get(channel="pdf")
    assert seen.actor_id == tokyo_tanaka.pk and seen.cross_border and "name" in seen.fields


def test_the_english_sheets_carry_the_profile_in_year_and_month(ayesha):
    ayesha.date_of_birth = dt.date(1998, 5, 17)
    ayesha.save(update_fields=["date_of_birth"])
    Employment.objects.create(
        profile=ayesha,
        employer_name="Arbisoft",
        title="Python developer",
        start=dt.date(2020, 4, 1),
        description="Django APIs",
    )
    text = _text(profile_resume_pdf(profile=ayesha, kind="rirekisho", language="en"))
    assert "Ayesha Khan" in text and "Arbisoft joined" in text and "Apr 2020" in text
    assert "1998" not in text  # no date of birth for an employer
    work = _text(profile_resume_pdf(profile=ayesha, kind="shokumu", language="en"))
    assert "Apr 2020 – present" in work and "Django APIs" in work


def test_the_japanese_sheet_is_a_pdf_with_japanese_fonts(ayesha):
    pdf = profile_resume_pdf(profile=ayesha, kind="shokumu", language="ja")
    assert b"HeiseiKakuGo-W5" in pdf and b"HeiseiMin-W3" in pdf


def test_the_download_link_takes_a_bad_query_without_a_500(client, shortlisted):
    client.force_login(shortlisted.candidate.user)
    url = reverse("application_resume_pdf", args=[shortlisted.pk])
    response = client.get(url, {"kind": "²", "lang": "xx"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
