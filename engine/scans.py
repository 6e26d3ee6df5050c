"""Certificate scans made safe to keep and to show: what is stored is pixels we drew.

A scan upload (PDF, JPEG or PNG) is never stored as sent. A PDF is opened with PDFium, each
page rendered to an image and a new PDF written from those images (Pillow): JavaScript,
open actions, embedded files, forms, links and any bytes after the last page are not
carried over, because nothing but the rendered pixels is. An image is decoded and encoded
again (Pillow): EXIF (GPS position included), comments, ICC profiles, extra chunks and
anything appended after the image (a polyglot) are dropped. A PDF that needs a password or
is encrypted at all, a file that is not what its name says (an HTML page starting with
``%PDF``), a damaged file and an image too large to decode safely are refused.

Why re-render rather than clean the PDF's objects (pikepdf/pypdf): removing every dangerous
key is a list that must name them all (/JS, /OpenAction, /AA, /Launch, /EmbeddedFiles,
/RichMedia, /XFA, ...), and a parser differential between the cleaner and the viewer can
still hide one; rendering keeps only what the verifier looks at, needs no new dependency
(PDFium reads the CVs already) and costs ~0.1 s a page (docs/benchmarks.md).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from engine.cv.read import _PDFIUM_LOCK  # PDFium is not thread-safe: one lock per process

#: A certificate or transcript; more pages than this is not a scan of one.
SCAN_MAX_PAGES = 10
#: Largest image decoded (width x height): a 600-dpi A4 scan is 35 MP.
SCAN_MAX_PIXELS = 40_000_000
#: PDF pages are rendered at this resolution, their longer side at most SCAN_MAX_SIDE px.
SCAN_RENDER_DPI = 150
SCAN_MAX_SIDE = 2000
_IMAGE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG"}


class ScanError(Exception):
    """Why a scan was refused: ``code`` is stable (the site translates it), ``message`` in
    English says what to do."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(message)


@dataclass(frozen=True, slots=True)
class CleanScan:
    data: bytes  # the file to store
    extension: str  # ".pdf", ".jpg" or ".png"
    pages: int


def scan_clean(data: bytes, *, extension: str) -> CleanScan:
    """A stored-safe copy of a scan named ``*extension`` (".pdf", ".jpg", ".jpeg", ".png").
    Raises ``ScanError`` with code ``unsupported_type``, ``type_mismatch``, ``encrypted``,
    ``corrupt``, ``too_many_pages`` or ``too_many_pixels``. The caller limits the size."""
    extension = extension.lower()
    if extension == ".pdf":
        if not data.startswith(b"%PDF-"):
            raise ScanError("type_mismatch", "This file's content is not a PDF.")
        return _pdf_rerender(data)
    if extension in _IMAGE_FORMATS:
        return _image_reencode(data, expected=_IMAGE_FORMATS[extension], extension=extension)
    raise ScanError("unsupported_type", "Upload the certificate as PDF, JPEG or PNG.")


def _pdf_rerender(data: bytes) -> CleanScan:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    images = []
    with _PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
                raise ScanError("encrypted", "This PDF is protected by a password.") from None
            raise ScanError("corrupt", "This PDF is damaged or is not a PDF.") from None
        try:
            # -1: no security handler. An owner password (no opening password) is still
            # encryption: refused too, as the issue asks (no encrypted PDF is kept).
            if pdfium_c.FPDF_GetSecurityHandlerRevision(doc.raw) != -1:
                raise ScanError("encrypted", "This PDF is encrypted.")
            pages = len(doc)
            if pages < 1:
                raise ScanError("corrupt", "This PDF has no pages.")
            if pages > SCAN_MAX_PAGES:
                raise ScanError(
                    "too_many_pages", f"This PDF has {pages} pages; at most {SCAN_MAX_PAGES}."
                )
            for index in range(pages):
                page = doc[index]
                try:
                    width, height = page.get_size()  # points (1/72 inch)
                    scale = min(SCAN_RENDER_DPI / 72, SCAN_MAX_SIDE / max(width, height, 1.0))
                    bitmap = page.render(scale=scale)
                    images.append(bitmap.to_pil().convert("RGB"))
                    bitmap.close()
                finally:
                    page.close()
        except pdfium.PdfiumError:
            raise ScanError("corrupt", "Part of this PDF is damaged.") from None
        finally:
            doc.close()
    out = io.BytesIO()
    images[0].save(
        out,
        "PDF",
        save_all=True,
        append_images=images[1:],
        resolution=float(SCAN_RENDER_DPI),
        quality=85,
    )
    return CleanScan(data=out.getvalue(), extension=".pdf", pages=len(images))


def _image_reencode(data: bytes, *, expected: str, extension: str) -> CleanScan:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        opened = Image.open(io.BytesIO(data))  # reads the header only
    except Image.DecompressionBombError:
        raise ScanError("too_many_pixels", "This image has too many pixels.") from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ScanError(
            "type_mismatch", f"This file's content is not a {expected} image."
        ) from None
    if opened.format != expected:
        raise ScanError("type_mismatch", f"This file's content is not a {expected} image.")
    width, height = opened.size
    if width * height > SCAN_MAX_PIXELS:
        raise ScanError(
            "too_many_pixels",
            f"This image is {width} x {height} pixels; at most {SCAN_MAX_PIXELS:,} pixels.",
        )
    try:
        opened.load()
        image = ImageOps.exif_transpose(opened)  # keep it upright once the EXIF is gone
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        raise ScanError("corrupt", "This image is damaged.") from None
    if expected == "JPEG":
        mode = "RGB"
    else:
        mode = image.mode if image.mode in ("1", "L", "LA", "RGB", "RGBA") else "RGBA"
    # Pixels only, into a new image: Pillow would otherwise write back what it read into
    # ``info`` (a JPEG comment, an ICC profile, EXIF).
    pixels = image.convert(mode)
    bare = Image.frombytes(mode, pixels.size, pixels.tobytes())
    out = io.BytesIO()
    if expected == "JPEG":
        bare.save(out, "JPEG", quality=90)
    else:
        bare.save(out, "PNG")
    return CleanScan(data=out.getvalue(), extension=extension, pages=1)
