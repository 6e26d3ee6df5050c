"""Whether an uploaded CV may be stored at all: the cheap checks, before any byte is saved.

Parsing runs later, in a task; what can be known at once (size, a name that lies about the
content, a damaged or password-protected PDF, a DOCX that would unpack to gigabytes, JSON
that is not JSON or nests without end) refuses the upload here, so a refused file is never
stored, listed or downloadable.
"""

from __future__ import annotations

from engine.cv.errors import CvCorrupt, CvEncrypted
from engine.cv.json_resume import json_resume_load
from engine.cv.read import _PDFIUM_LOCK, docx_check_zip, file_kind


def cv_file_admit(data: bytes, *, filename: str, max_bytes: int) -> str:
    """Check the bytes of an upload named ``filename`` (``max_bytes``: the upload limit in
    bytes); return its kind ("pdf", "docx", "text" or "json"). Raises the ``CvError`` the
    parse would raise for the same fault (its ``code`` and ``message``)."""
    kind = file_kind(data, filename=filename, max_bytes=max_bytes)
    if kind == "docx":
        docx_check_zip(data)
    elif kind == "pdf":
        pdf_check_opens(data)
    elif kind == "json":
        json_resume_load(data)
    return kind


def pdf_check_opens(data: bytes) -> int:
    """The number of pages of a PDF that PDFium opens without a password; ``CvEncrypted``
    when it needs one, ``CvCorrupt`` when it cannot be opened or has no page (an HTML page
    that merely starts with ``%PDF`` is one)."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    with _PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
                raise CvEncrypted() from None
            raise CvCorrupt(
                "This PDF is damaged and cannot be opened. Export it again from the program "
                "you wrote it in (or upload a DOCX)."
            ) from None
        try:
            pages = len(doc)
        finally:
            doc.close()
    if pages < 1:
        raise CvCorrupt("This PDF has no pages. Export it again, or upload a DOCX.")
    return pages
