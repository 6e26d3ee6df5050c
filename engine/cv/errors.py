"""Why a CV could not be read, in words a candidate understands.

Every error has a stable ``code`` (for the API, the upload page and translations) and a
``message`` that says what is wrong and what to do. Nothing is guessed when one is raised.
"""

from __future__ import annotations

from typing import ClassVar


class CvError(Exception):
    """Base class: ``code`` is stable, ``message`` is shown to the person who uploaded."""

    code: ClassVar[str] = "cv_error"
    default_message: ClassVar[str] = "This CV could not be read."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class CvTooLarge(CvError):
    code = "too_large"
    default_message = "This file is too large."


class CvEmptyFile(CvError):
    code = "empty_file"
    default_message = "This file is empty. Upload your CV as a PDF, DOCX, TXT or JSON Resume file."


class CvUnsupportedType(CvError):
    code = "unsupported_type"
    default_message = (
        "This kind of file is not supported. Upload your CV as a PDF, DOCX, TXT or JSON Resume "
        "(.json) file."
    )


class CvTypeMismatch(CvError):
    code = "type_mismatch"
    default_message = "The file's content does not match its name."


class CvEncrypted(CvError):
    code = "encrypted_pdf"
    default_message = (
        "This PDF is protected by a password, so it cannot be read. Save or export it again "
        "without a password (or upload a DOCX) and try again."
    )


class CvCorrupt(CvError):
    code = "corrupt_file"
    default_message = "This file is damaged and cannot be opened."


class CvScanned(CvError):
    code = "scanned_pdf"
    default_message = (
        "This PDF has no text layer — it looks scanned. Upload the original document or a DOCX."
    )


class CvScanUnreadable(CvError):
    code = "scan_unreadable"
    default_message = (
        "This PDF is a scan, and text recognition found too little text in it to use (the "
        "scan may be blurred, too small, rotated or a photo). Upload the original document "
        "(a PDF with text or a DOCX), or a sharper scan at 300 dpi."
    )


class CvZipBomb(CvError):
    code = "zip_bomb"
    default_message = (
        "This DOCX unpacks to far more data than a CV holds, so it was not opened. Save it "
        "again from your word processor, or upload a PDF."
    )


class CvInvalidJsonResume(CvError):
    code = "invalid_json_resume"
    default_message = "This JSON file is not a JSON Resume (jsonresume.org)."


class CvNothingFound(CvError):
    code = "nothing_found"
    default_message = (
        "We could not find any CV details in this file (no name, contact details, education, "
        "work history or skills). Check that it is your CV, or fill in your profile by hand."
    )


ERROR_CODES: tuple[str, ...] = tuple(
    cls.code
    for cls in (
        CvTooLarge,
        CvEmptyFile,
        CvUnsupportedType,
        CvTypeMismatch,
        CvEncrypted,
        CvCorrupt,
        CvScanned,
        CvScanUnreadable,
        CvZipBomb,
        CvInvalidJsonResume,
        CvNothingFound,
    )
)
