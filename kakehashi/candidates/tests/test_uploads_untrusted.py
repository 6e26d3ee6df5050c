"""Untrusted uploads: stored only after they pass, never as sent for scans, private on disk,
gone with the account; refused ones leave nothing behind (issue 18)."""

import io
import stat
import struct
import zlib
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from engine.tests import hostile_files as hostile
from kakehashi.audit.models import AuditEvent
from kakehashi.candidates.models import Certification, CvDocument


def _files_under(settings, folder: str = "") -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / folder
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _add_certificate(client, profile, content: bytes, name: str):
    client.force_login(profile.user)
    return client.post(
        reverse("candidate_certifications"),
        {
            "kind": "jlpt",
            "name": "JLPT",
            "level": "N2",
            "obtained_on": "2025-12-07",
            "evidence": SimpleUploadedFile(name, content),
        },
    )


def _upload_cv(client, profile, name: str, content: bytes):
    client.force_login(profile.user)
    return client.post(
        reverse("candidate_cv"), {"file": SimpleUploadedFile(name, content)}, follow=True
    )


# --- certificate scans ---------------------------------------------------------------------


def test_a_pdf_with_javascript_is_stored_as_its_rendered_page_only(client, ayesha, settings):
    _add_certificate(client, ayesha, hostile.pdf_with_javascript(), "jlpt.pdf")
    stored = Path(Certification.objects.get().evidence.path).read_bytes()
    for marker in (b"/JavaScript", b"/JS", b"/OpenAction", b"/AA", b"/EmbeddedFile", b"MZ"):
        assert marker not in stored
    doc = pdfium.PdfDocument(stored)
    assert len(doc) == 1
    # The page is still there for the verifier: rendered, not blank.
    pixels = doc[0].render(scale=0.5).to_pil().convert("L")
    assert pixels.getextrema()[0] < 128


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (hostile.pdf_encrypted(), "encrypted or protected by a password"),
        (hostile.pdf_encrypted(user_password=""), "encrypted or protected by a password"),
        (hostile.pdf_html_polyglot(), "damaged or is not really a PDF"),
        (hostile.pdf_corrupt(), "damaged or is not really a PDF"),
        (hostile.exe_renamed(), "content is not PDF"),
    ],
    ids=["password", "owner-password-only", "html-starting-with-%PDF", "truncated", "exe"],
)
def test_a_dangerous_or_broken_pdf_is_refused_and_nothing_is_kept(
    client, ayesha, settings, content, message
):
    page = _add_certificate(client, ayesha, content, "jlpt.pdf").content.decode()
    assert message in page
    assert not Certification.objects.exists()
    assert _files_under(settings) == []


def _jpeg_with_gps_and_a_trailing_page() -> bytes:
    image = Image.new("RGB", (64, 48), "white")
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {2: (33.0, 41.0, 0.0)}  # GPS latitude
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), comment=b"secret comment")
    return buffer.getvalue() + b"<html><script>alert(1)</script></html>"


def test_an_image_is_decoded_and_encoded_again_without_metadata_or_appended_bytes(client, ayesha):
    _add_certificate(client, ayesha, _jpeg_with_gps_and_a_trailing_page(), "jlpt.jpg")
    stored = Path(Certification.objects.get().evidence.path).read_bytes()
    assert b"<script>" not in stored and b"SpyCam" not in stored and b"secret" not in stored
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and image.size == (64, 48)
    assert not image.getexif() and "comment" not in image.info


def _png_header_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` over a few bytes of data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_decompression_bomb_image_is_refused_before_it_is_decoded(client, ayesha, settings):
    page = _add_certificate(client, ayesha, _png_header_claiming(60_000, 60_000), "jlpt.png")
    assert "too large to open safely" in page.content.decode()
    assert not Certification.objects.exists() and _files_under(settings) == []


def test_a_png_named_jpg_is_refused(client, ayesha):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG")
    page = _add_certificate(client, ayesha, buffer.getvalue(), "jlpt.jpg").content.decode()
    assert "content is not JPG" in page
    assert not Certification.objects.exists()


# --- private on disk, gone with the account ---------------------------------------------------


def test_uploads_are_readable_by_the_server_user_only(
    client, ayesha, settings, django_capture_on_commit_callbacks
):
    _add_certificate(client, ayesha, hostile.pdf_certificate(), "jlpt.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        _upload_cv(client, ayesha, "cv.txt", b"Ayesha Khan\nPython developer\n")
    files = _files_under(settings)
    assert len(files) == 2
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        folder = path.parent
        while folder != Path(settings.MEDIA_ROOT):
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
            folder = folder.parent


def test_deleting_the_account_removes_the_uploaded_scan_and_cv(
    client, ayesha, settings, django_capture_on_commit_callbacks
):
    _add_certificate(client, ayesha, hostile.pdf_certificate(), "jlpt.pdf")
    _upload_cv(client, ayesha, "cv.txt", b"Ayesha Khan\nPython developer\n")
    assert len(_files_under(settings)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("candidate_data"), {"action": "delete", "password": "pw-kakehashi-1"})
    assert _files_under(settings) == []


# --- CVs: refused before they are stored ------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("cv.pdf", hostile.exe_renamed(), "content is not what its name says"),
        ("cv.docx", hostile.exe_renamed(), "content is not what its name says"),
        ("cv.pdf", hostile.pdf_html_polyglot(), "damaged and cannot be opened"),
        ("cv.pdf", hostile.pdf_encrypted(), "protected by a password"),
        ("cv.docx", hostile.docx_zip_bomb(unpacked_mb=60), "unpacks to far more data"),
        ("cv.json", hostile.json_nested(), "nested far too deeply"),
    ],
    ids=["exe-as-pdf", "exe-as-docx", "html-as-pdf", "encrypted-pdf", "zip-bomb", "nested-json"],
)
def test_a_cv_that_cannot_be_read_is_refused_and_never_stored(
    client, ayesha, settings, name, content, message
):
    page = _upload_cv(client, ayesha, name, content).content.decode()
    assert message in page
    assert not CvDocument.objects.exists()
    assert _files_under(settings) == []


def _blank_pdf() -> bytes:
    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def test_a_cv_that_fails_to_parse_keeps_its_reason_but_not_its_file(
    client, ayesha, imran, settings, taxonomy_loaded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _upload_cv(client, ayesha, "scan.pdf", _blank_pdf())
    document = CvDocument.objects.get()
    assert document.state == "failed" and not document.file
    assert _files_under(settings, "cv") == []
    page = client.get(reverse("candidate_cv")).content.decode()
    # A blank scan: text recognition (or, without Tesseract, the text-layer check) says why.
    assert "text recognition found too little" in page or "looks scanned" in page
    assert reverse("cv_download", args=[document.pk]) not in page
    assert client.get(reverse("cv_download", args=[document.pk])).status_code == 404
    client.force_login(imran)
    assert client.get(reverse("cv_download", args=[document.pk])).status_code == 404


def test_a_failed_upload_kept_from_before_is_listed_but_not_served_and_its_owner_deletes_it(
    client, ayesha, imran, settings, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    old = CvDocument(
        profile=ayesha,
        original_name="old.pdf",
        size=4,
        sha256="x",
        state="failed",
        error_code="scanned_pdf",
        error_message="This PDF has no text layer.",
    )
    old.file.save("old.pdf", ContentFile(b"%PDF"), save=True)
    client.force_login(ayesha.user)
    page = client.get(reverse("candidate_cv")).content.decode()
    assert "old.pdf" in page and reverse("cv_download", args=[old.pk]) not in page
    assert client.get(reverse("cv_download", args=[old.pk])).status_code == 404
    client.force_login(imran)
    assert client.get(reverse("cv_download", args=[old.pk])).status_code == 404
    client.force_login(ayesha.user)
    path = Path(old.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("candidate_cv_delete", args=[old.pk]))
    assert not CvDocument.objects.exists() and not path.exists()


def test_the_owner_deletes_a_failed_upload_and_no_one_else_can(
    client, ayesha, bilal, settings, taxonomy_loaded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _upload_cv(client, ayesha, "scan.pdf", _blank_pdf())
        _upload_cv(client, ayesha, "cv.txt", b"Ayesha Khan\nPython developer\n")
    failed = CvDocument.objects.get(state="failed")
    client.force_login(bilal.user)
    assert client.post(reverse("candidate_cv_delete", args=[failed.pk])).status_code == 404
    client.force_login(ayesha.user)
    page = client.post(reverse("candidate_cv_delete", args=[failed.pk]), follow=True)
    assert "The upload is deleted." in page.content.decode()
    assert list(CvDocument.objects.values_list("original_name", flat=True)) == ["cv.txt"]
    assert AuditEvent.objects.filter(action="cv.deleted", actor=ayesha.user).exists()


# --- a request too large is refused before its body is read -----------------------------------


class _BodyThatMustNotBeRead(io.RawIOBase):
    def read(self, *args):  # pragma: no cover - reaching it fails the test
        raise AssertionError("the body of a refused request was read")

    readline = read


@pytest.mark.parametrize("path", ["candidate_cv", "candidate_certifications", "jobs_import"])
def test_a_50_mb_upload_is_refused_by_its_declared_size_and_nothing_saved_is_lost(
    client, ayesha, settings, path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _upload_cv(client, ayesha, "cv.txt", b"Ayesha Khan\nPython developer\n")
    before = list(CvDocument.objects.values_list("pk", "state"))
    response = client.generic(
        "POST",
        reverse(path),
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **{"wsgi.input": _BodyThatMustNotBeRead()},
    )
    assert response.status_code == 413
    assert "This file is 50.0\xa0MB; the largest file we accept is 10.0\xa0MB" in (
        response.content.decode()
    )
    assert not response.has_header("Connection")  # hop-by-hop: WSGI servers refuse it
    assert list(CvDocument.objects.values_list("pk", "state")) == before
    assert len(_files_under(settings, "cv")) == 1


def test_the_size_refusal_is_translated(client, ayesha):
    client.force_login(ayesha.user)
    ayesha.user.language = "ja"
    ayesha.user.save(update_fields=["language"])
    response = client.generic(
        "POST",
        reverse("candidate_cv"),
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        HTTP_ACCEPT_LANGUAGE="ja",
        **{"wsgi.input": _BodyThatMustNotBeRead()},
    )
    assert response.status_code == 413
    assert 'lang="ja"' in response.content.decode()


def test_the_api_gets_the_size_refusal_as_json(client):
    response = client.generic(
        "POST",
        "/api/anything",
        b"",
        content_type="application/json",
        CONTENT_LENGTH=str(50 * 1024 * 1024),
        **{"wsgi.input": _BodyThatMustNotBeRead()},
    )
    assert response.status_code == 413 and "largest file" in response.json()["error"]


def test_uploads_stored_world_readable_before_are_made_private(settings):
    from django.core.management import call_command

    old = Path(settings.MEDIA_ROOT) / "cv" / "2026" / "01"
    old.mkdir(parents=True)
    (old / "1-cv.pdf").write_bytes(b"%PDF-1.4")
    (old / "1-cv.pdf").chmod(0o644)
    old.chmod(0o755)
    call_command("uploads_make_private", stdout=io.StringIO())
    assert stat.S_IMODE((old / "1-cv.pdf").stat().st_mode) == 0o600
    assert stat.S_IMODE(old.stat().st_mode) == 0o700
    assert stat.S_IMODE(Path(settings.MEDIA_ROOT).stat().st_mode) == 0o700


def test_an_upload_still_being_read_is_not_deleted(client, ayesha):
    document = CvDocument.objects.create(
        profile=ayesha, original_name="cv.txt", size=3, sha256="x", state="pending"
    )
    client.force_login(ayesha.user)
    page = client.post(reverse("candidate_cv_delete", args=[document.pk]), follow=True)
    assert "This CV is being read" in page.content.decode()
    assert CvDocument.objects.filter(pk=document.pk).exists()
