"""Scanned CVs (a PDF of page images, no text layer) are read by Tesseract OCR (issue 12).

The scans are made here: text drawn with Pillow's own font on an A4 page at 200 dpi, saved
as an image-only PDF. Tesseract is a Debian package (tesseract-ocr, tesseract-ocr-eng):
the tests skip without it on a developer's machine, and fail in CI (``CI=true``), which
installs it.
"""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from engine.cv import CvScanUnreadable, cv_parse
from engine.cv.ocr import tesseract_available
from engine.tests.test_cv_files import pdf_bytes

if not tesseract_available():
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI installs tesseract-ocr and tesseract-ocr-eng (.ci/run)")
    pytest.skip("tesseract-ocr is not installed", allow_module_level=True)

SCANNED_CV = """Ayesha Khan
Cloud Engineer
Karachi, Sindh | ayesha.khan@example.pk | 0300 1234567

SKILLS
Python, Terraform, Kubernetes, Docker, AWS, Linux

EXPERIENCE
Cloud Engineer, Systems Limited
Jan 2021 - Present
Built Kubernetes clusters on AWS with Terraform and Docker.

EDUCATION
BS Computer Science, FAST NUCES Karachi, 2020"""


def scanned_pdf(text: str, *, blur: float = 0.0) -> bytes:
    """One A4 page at 200 dpi showing ``text``, as a PDF with no text layer."""
    page = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=34)
    for n, line in enumerate(text.split("\n")):
        draw.text((120, 120 + 52 * n), line, fill=0, font=font)
    if blur:
        page = page.filter(ImageFilter.GaussianBlur(blur))
    buf = io.BytesIO()
    page.save(buf, "PDF", resolution=200)
    return buf.getvalue()


def test_a_scanned_cv_gives_a_profile_with_its_skills_and_contact():
    data = scanned_pdf(SCANNED_CV)
    assert b"/Font" not in data  # really image-only
    parsed = cv_parse(data, filename="scan.pdf")
    assert {"python", "terraform", "kubernetes", "docker", "aws", "linux"} <= {
        s.skill_id for s in parsed.skills
    }
    assert parsed.name is not None and parsed.name.value == "Ayesha Khan"
    assert parsed.email is not None and parsed.email.value == "ayesha.khan@example.pk"
    assert parsed.employment and parsed.employment[0].employer == "Systems Limited"
    assert "text recognised from a scan (OCR)" in parsed.warnings


def test_a_scan_with_too_little_text_says_so_plainly():
    with pytest.raises(CvScanUnreadable) as exc:
        cv_parse(pdf_bytes("", image_only=True), filename="scan.pdf")
    assert exc.value.code == "scan_unreadable"
    assert "text recognition found too little text" in exc.value.message


def test_a_blurred_scan_is_unreadable_not_a_wrong_profile():
    with pytest.raises(CvScanUnreadable):
        cv_parse(scanned_pdf(SCANNED_CV, blur=9), filename="scan.pdf")
