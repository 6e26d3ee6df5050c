"""CV parsing: an uploaded CV to a structured, reviewable profile (issue 4).

Public API::

    cv_parse(data: bytes, *, filename: str, max_bytes=10 MiB, today=None) -> ParsedCv
        PDF (text layer, pypdfium2; a scan is read by Tesseract OCR), DOCX (python-docx), TXT, JSON Resume (.json).
        Raises a CvError subclass (``.code``, ``.message`` for the candidate):
        too_large, empty_file, unsupported_type, type_mismatch, encrypted_pdf,
        corrupt_file, scanned_pdf (no text layer and no Tesseract), scan_unreadable (OCR
        found too little text), zip_bomb, invalid_json_resume, nothing_found.
    cv_parse_text(text, *, source_format="text", pages=None, today=None, tagger=None) -> ParsedCv
        ``tagger``: an engine.cv.tagger.CvTagger (default: the shipped model, trained on the
        dotin CVs by tools/train_cv_tagger.py); its mentions are ``ParsedCv.entities``.
    cv_from_json_resume(obj, *, today=None) -> ParsedCv
    cv_to_json_resume(parsed) -> dict   (jsonresume.org schema v1.0.0)

Every value in a ``ParsedCv`` carries ``Evidence(start, end, line)``: offsets into
``ParsedCv.text`` and the 1-based line, so a reviewer can see where it came from. Nothing
is invented: what is not found is ``None`` or empty.
"""

from engine.cv.errors import (
    ERROR_CODES,
    CvCorrupt,
    CvEmptyFile,
    CvEncrypted,
    CvError,
    CvInvalidJsonResume,
    CvNothingFound,
    CvScanned,
    CvScanUnreadable,
    CvTooLarge,
    CvTypeMismatch,
    CvUnsupportedType,
    CvZipBomb,
)
from engine.cv.json_resume import cv_from_json_resume, cv_to_json_resume
from engine.cv.model import (
    Certification,
    Education,
    Employment,
    Entity,
    Evidence,
    Language,
    Link,
    Location,
    ParsedCv,
    Phone,
    Skill,
    TextValue,
)
from engine.cv.parse import DEFAULT_MAX_BYTES, cv_parse, cv_parse_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ERROR_CODES",
    "Certification",
    "CvCorrupt",
    "CvEmptyFile",
    "CvEncrypted",
    "CvError",
    "CvInvalidJsonResume",
    "CvNothingFound",
    "CvScanUnreadable",
    "CvScanned",
    "CvTooLarge",
    "CvTypeMismatch",
    "CvUnsupportedType",
    "CvZipBomb",
    "Education",
    "Employment",
    "Entity",
    "Evidence",
    "Language",
    "Link",
    "Location",
    "ParsedCv",
    "Phone",
    "Skill",
    "TextValue",
    "cv_from_json_resume",
    "cv_parse",
    "cv_parse_text",
    "cv_to_json_resume",
]
