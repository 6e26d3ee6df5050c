"""Text of a scanned PDF (no text layer): pages rendered with PDFium, read by Tesseract.

Tesseract is Debian's ``tesseract-ocr`` with ``tesseract-ocr-eng``, called through
``pytesseract`` (one process per page). ``ocrmypdf`` was not chosen: it rewrites the whole
PDF (Ghostscript, pikepdf, unpaper) to add a text layer nobody keeps, for the same
Tesseract call. Pages are rendered at ``OCR_DPI``, grey, up to ``OCR_MAX_PAGES``.
"""

from __future__ import annotations

import re
import shutil
from typing import Any

from engine.cv.errors import CvScanned, CvScanUnreadable

#: 300 dpi is Tesseract's own advice for body text; on the bench's 2-page scan 200 dpi found
#: every skill 300 dpi found, in 0.7-0.8 of the time (docs/benchmarks.md); CV text is 10-12 pt.
OCR_DPI = 200
OCR_MAX_PAGES = 10
#: Seconds Tesseract may spend on one page before the scan counts as unreadable.
OCR_PAGE_TIMEOUT = 60
#: Fewer recognised words than this (letters-only words of 2+ characters) = too little to use.
OCR_MIN_WORDS = 25
OCR_LANG = "eng"

_WORD = re.compile(r"[A-Za-z]{2,}")


def tesseract_available() -> bool:
    """True when the ``tesseract`` program and its English data are installed."""
    if shutil.which("tesseract") is None:
        return False
    try:
        import pytesseract  # type: ignore[import-untyped]

        return OCR_LANG in pytesseract.get_languages(config="")
    except Exception:  # a broken install reads as missing
        return False


def pdf_page_images(doc: Any, *, pages: int) -> list[Any]:
    """The first pages of an open ``pypdfium2.PdfDocument`` as grey PIL images at
    ``OCR_DPI``. Raises ``CvScanned`` when Tesseract is not installed (nothing to read them)."""
    if not tesseract_available():
        raise CvScanned()
    images = []
    for i in range(min(pages, OCR_MAX_PAGES)):
        page = doc[i]
        try:
            images.append(page.render(scale=OCR_DPI / 72, grayscale=True).to_pil())
        finally:
            page.close()
    return images


def images_ocr_text(images: list[Any]) -> str:
    """The text Tesseract reads in page images, pages joined by a blank line. Raises
    ``CvScanUnreadable`` when it finds too little (a photo, a blank or blurred scan) or a page
    takes longer than ``OCR_PAGE_TIMEOUT`` seconds."""
    import pytesseract

    parts: list[str] = []
    for image in images:
        try:
            parts.append(
                pytesseract.image_to_string(image, lang=OCR_LANG, timeout=OCR_PAGE_TIMEOUT)
            )
        except RuntimeError:  # pytesseract's timeout
            raise CvScanUnreadable() from None
    text = "\n\n".join(parts)
    if len(_WORD.findall(text)) < OCR_MIN_WORDS:
        raise CvScanUnreadable()
    return text
