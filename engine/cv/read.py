"""Bytes to text: check the file is what its name says, then take its text out.

PDFs are read with PDFium (pypdfium2); a PDF without a text layer (a scan) is read by
Tesseract OCR (engine/cv/ocr.py), DOCX with python-docx after the zip is checked for a
bomb, plain text is decoded (UTF-8/UTF-16 with BOM, else UTF-8, else Windows-1252).
"""

from __future__ import annotations

import io
import threading
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from engine.cv.errors import (
    CvCorrupt,
    CvEmptyFile,
    CvEncrypted,
    CvTooLarge,
    CvTypeMismatch,
    CvUnsupportedType,
    CvZipBomb,
)
from engine.cv.ocr import images_ocr_text, pdf_page_images

EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".json": "json",
}
#: DOCX limits: total unpacked bytes, unpacked/packed ratio (a real CV stays below ~20), members.
DOCX_MAX_UNPACKED = 50 * 1024 * 1024
DOCX_MAX_RATIO = 100
DOCX_MAX_MEMBERS = 2000
PDF_MAX_PAGES = 30
#: Fewer visible characters than this in the whole PDF = no text layer.
PDF_MIN_CHARS = 30

# PDFium is not thread-safe; one document at a time per process.
_PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class CvText:
    text: str
    source_format: str  # pdf, docx, text
    pages: int | None
    ocr: bool = False  # the text was recognised from page images (a scanned PDF)


def sniff(data: bytes) -> str:
    """What the bytes are: pdf, zip, ole (legacy .doc / encrypted Office), rtf, image,
    json, text or binary."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if b"\x00" in head:
        return "binary"
    stripped = head.lstrip()
    if stripped.startswith((b"{", b"[")):
        return "json"
    return "text"


_KIND_WORDS = {
    "pdf": "a PDF",
    "zip": "a ZIP archive",
    "docx": "a Word (DOCX) document",
    "ole": "a legacy Word (.doc) file or a password-protected Office file",
    "rtf": "an RTF document",
    "image": "an image",
    "binary": "a binary file",
    "json": "JSON",
    "text": "plain text",
}


def _mismatch(filename: str, actual: str) -> CvTypeMismatch:
    ext = PurePath(filename).suffix.lower()
    what = _KIND_WORDS.get(actual, "something else")
    advice = "Upload the CV itself as a PDF, DOCX, TXT or JSON Resume file."
    if actual == "ole":
        advice = (
            "Open it in Word, remove any password and save it as .docx or PDF, then upload that."
        )
    elif actual == "image":
        advice = "Upload the original document (PDF with text or DOCX) instead of a picture."
    elif actual in ("pdf", "docx", "json"):
        advice = f"Rename it to end in the right extension, or save it again as {ext}."
    return CvTypeMismatch(f"This file is named {ext} but its content is {what}. {advice}")


def file_kind(data: bytes, *, filename: str, max_bytes: int) -> str:
    """Check size, extension and magic bytes; return "pdf", "docx", "text" or "json"."""
    if len(data) > max_bytes:
        raise CvTooLarge(
            f"This file is {len(data) / 1048576:.1f} MB; the limit is "
            f"{max_bytes / 1048576:.0f} MB. Upload a smaller version (without embedded videos "
            "or large pictures)."
        )
    if not data.strip():
        raise CvEmptyFile()
    ext = PurePath(filename).suffix.lower()
    kind = EXTENSIONS.get(ext)
    if kind is None:
        if ext == ".doc":
            raise CvUnsupportedType(
                "Legacy Word (.doc) files are not supported. Open it in Word and save it as "
                ".docx or PDF, then upload that."
            )
        raise CvUnsupportedType(
            f"Files ending in {ext or '(no extension)'} are not supported. Upload your CV as a "
            "PDF, DOCX, TXT or JSON Resume (.json) file."
        )
    actual = sniff(data)
    if kind == "pdf" and actual != "pdf":
        raise _mismatch(filename, "docx" if actual == "zip" and _is_docx(data) else actual)
    if kind == "docx":
        if actual == "ole":
            raise _mismatch(filename, "ole")
        if actual != "zip":
            raise _mismatch(filename, actual)
    if kind in ("text", "json") and actual in ("pdf", "zip", "ole", "image", "binary", "rtf"):
        raise _mismatch(filename, "docx" if actual == "zip" and _is_docx(data) else actual)
    return kind


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def normalise_text(text: str) -> str:
    """NFKC (ligatures, full-width), one kind of newline and space, no control characters."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    return text


def pdf_text(data: bytes) -> CvText:
    """Text of every page (up to ``PDF_MAX_PAGES``), pages joined by a blank line."""
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
        ocr = False
        try:
            pages = len(doc)
            parts = []
            for i in range(min(pages, PDF_MAX_PAGES)):
                page = doc[i]
                textpage = page.get_textpage()
                parts.append(textpage.get_text_range())
                textpage.close()
                page.close()
            text = normalise_text("\n\n".join(parts))
            images = None
            if sum(1 for ch in text if not ch.isspace()) < PDF_MIN_CHARS:
                # no text layer: a scan (CvScanned when Tesseract is not installed)
                images = pdf_page_images(doc, pages=pages)
        except pdfium.PdfiumError:
            raise CvCorrupt(
                "Part of this PDF is damaged and cannot be read. Export it again from the "
                "program you wrote it in (or upload a DOCX)."
            ) from None
        finally:
            doc.close()
    if images is not None:  # Tesseract runs outside the PDFium lock
        text = normalise_text(images_ocr_text(images))
        ocr = True
    return CvText(text=text, source_format="pdf", pages=pages, ocr=ocr)


def docx_check_zip(data: bytes) -> None:
    """Refuse a DOCX that is not a zip, lacks its document, or would unpack to too much.

    Sizes come from the zip's central directory; ``zipfile`` never reads more than a member's
    declared size, so checking the declared sizes bounds what opening it can cost.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise CvCorrupt(
            "This DOCX is damaged and cannot be opened. Save it again from your word processor "
            "(or upload a PDF)."
        ) from None
    if len(infos) > DOCX_MAX_MEMBERS:
        raise CvZipBomb()
    unpacked = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if unpacked > DOCX_MAX_UNPACKED or (
        unpacked > 1024 * 1024 and unpacked / packed > DOCX_MAX_RATIO
    ):
        raise CvZipBomb()
    if not any(i.filename == "word/document.xml" for i in infos):
        raise _mismatch("cv.docx", "zip")


def docx_text(data: bytes) -> CvText:
    """Paragraphs in reading order: page header, body (tables cell by cell, text boxes)."""
    docx_check_zip(data)
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for section in document.sections[:1]:
            lines.extend(p.text for p in section.header.paragraphs if p.text.strip())
        fallback = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
        body = document.element.body
        for p in body.iter(qn("w:p")):
            if any(a.tag == fallback for a in p.iterancestors()):
                continue  # the same text box again, for old readers
            lines.append(_paragraph_text(p))
    except CvZipBomb:
        raise
    except Exception:  # python-docx raises KeyError, lxml errors, ValueError on bad parts
        raise CvCorrupt(
            "This DOCX is damaged and cannot be opened. Save it again from your word processor "
            "(or upload a PDF)."
        ) from None
    return CvText(text=normalise_text("\n".join(lines)), source_format="docx", pages=None)


def _paragraph_text(p: object) -> str:
    from docx.text.paragraph import Paragraph

    return Paragraph(p, None).text  # type: ignore[arg-type]


def plain_text(data: bytes) -> CvText:
    for bom, enc in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return CvText(normalise_text(data.decode(enc, errors="replace")), "text", None)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return CvText(text=normalise_text(text), source_format="text", pages=None)
