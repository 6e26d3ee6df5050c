"""Uploads refused early: a file over the limit is refused in the browser before it is sent
(site.js; the server refuses it again by its Content-Length), and a program renamed to .pdf
is never kept nor offered for download. Browser part skipped where no Chromium is installed
(unless KAKEHASHI_REQUIRE_BROWSER is set)."""

from __future__ import annotations

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kakehashi.candidates.models import CvDocument
from kakehashi.core.tests.test_browser import CHROMIUM, REQUIRED, _login, _world


def test_a_program_renamed_to_pdf_is_refused_and_never_offered(
    client, ayesha, django_capture_on_commit_callbacks
):
    client.force_login(ayesha.user)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("candidate_cv"),
            {"file": SimpleUploadedFile("cv.pdf", b"MZ\x90\x00" + b"\x00" * 200)},
            follow=True,
        ).content.decode()
    kept = list(CvDocument.objects.filter(profile=ayesha))
    assert all(not d.file for d in kept)  # never stored
    for d in kept:  # if listed at all, as failed: its reason, a delete button, no download
        assert d.state == "failed" and reverse("cv_download", args=[d.pk]) not in page
        assert 'data-testid="cv-delete"' in page
    assert 'class="error"' in page


@pytest.mark.browser
@pytest.mark.skipif(
    not os.path.exists(CHROMIUM) and not REQUIRED, reason="Chromium is not installed"
)
def test_a_too_large_file_is_refused_before_it_is_sent(page, consent_v1, settings):
    settings.UPLOAD_MAX_BYTES = 4096
    _world()
    _login(page, "ayesha@example.pk")
    page.goto("/candidate/cv/")
    sent = []
    page.on("request", lambda r: sent.append(r.url) if r.method == "POST" else None)
    field = page.locator("input[type=file]").first
    field.set_input_files(
        {"name": "cv.pdf", "mimeType": "application/pdf", "buffer": b"%PDF" + b"0" * 9000}
    )
    alert = page.locator("[data-testid=upload-too-large]")
    assert "the largest file we accept is 4.0" in alert.inner_text()
    assert field.evaluate("input => input.files.length") == 0
    assert sent == []
