"""CV bytes or text to a ``ParsedCv``."""

from __future__ import annotations

import dataclasses
import re
from datetime import date

from engine.cv.contact import (
    email_find,
    experience_stated_find,
    links_find,
    location_find,
    name_find,
    phones_find,
)
from engine.cv.credentials import certifications_find, languages_find
from engine.cv.education import education_parse
from engine.cv.employment import employment_parse, is_title
from engine.cv.entities import entities_combine, profile_gaps_fill
from engine.cv.errors import CvNothingFound
from engine.cv.json_resume import cv_from_json_resume, json_resume_load
from engine.cv.layout import Line, Section, evidence, sections, split_lines
from engine.cv.model import Employment, ParsedCv, TextValue
from engine.cv.read import docx_text, file_kind, pdf_text, plain_text
from engine.cv.skills import skills_find
from engine.cv.tagger import CvTagger, default_tagger

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
SUMMARY_MAX_CHARS = 1500


def cv_parse(
    data: bytes,
    *,
    filename: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: date | None = None,
) -> ParsedCv:
    """Parse an uploaded CV: PDF (with a text layer), DOCX, plain text or JSON Resume.

    ``filename`` gives the type by its extension, which must agree with the content's magic
    bytes. ``max_bytes`` is the upload limit in bytes. ``today`` (default: the current date)
    closes open-ended jobs ("Present"). Raises a ``CvError`` subclass with a ``code`` and a
    message for the candidate when the file cannot be read or holds no CV details.
    """
    kind = file_kind(data, filename=filename, max_bytes=max_bytes)
    if kind == "json":
        return cv_from_json_resume(json_resume_load(data), today=today)
    if kind == "pdf":
        extracted = pdf_text(data)
    elif kind == "docx":
        extracted = docx_text(data)
    else:
        extracted = plain_text(data)
    parsed = cv_parse_text(
        extracted.text, source_format=extracted.source_format, pages=extracted.pages, today=today
    )
    if parsed.is_empty:
        raise CvNothingFound()
    if extracted.ocr:
        parsed = dataclasses.replace(
            parsed, warnings=(*parsed.warnings, "text recognised from a scan (OCR)")
        )
    return parsed


def cv_parse_text(
    text: str,
    *,
    source_format: str = "text",
    pages: int | None = None,
    today: date | None = None,
    tagger: CvTagger | None = None,
) -> ParsedCv:
    """Parse CV text (already extracted and normalised). Never raises for content: fields it
    cannot find are ``None`` or empty; check ``ParsedCv.is_empty``.

    The rules find the structured values; the trained tagger (``tagger``, default the shipped
    model) marks every entity mention (``ParsedCv.entities``) and fills what the rules left
    empty (engine.cv.entities)."""
    today = today or date.today()
    lines = split_lines(text)
    secs = sections(lines)
    by_kind: dict[str, list[Section]] = {}
    for sec in secs:
        by_kind.setdefault(sec.kind, []).append(sec)
    header = by_kind.get("header", [None])[0]

    def body(kind: str) -> list[Line]:
        return [ln for sec in by_kind.get(kind, []) for ln in sec.lines]

    top = list(header.lines[:15]) if header else lines[:10]
    contact_lines = top + body("contact")

    edu_lines = body("education")
    education = education_parse(text, lines, edu_lines, today=today)

    exp_lines = body("experience")
    if not exp_lines:
        # No experience heading: look for dated jobs outside education and header lines.
        skip = {ln.number for ln in edu_lines} | {ln.number for ln in top[:3]}
        exp_lines = [
            ln
            for sec in secs
            if sec.kind not in ("education", "certifications", "languages", "projects")
            for ln in sec.lines
            if ln.number not in skip
        ]
    employment, months = employment_parse(text, lines, exp_lines, today=today)

    summary = None
    summary_lines = [ln for ln in body("summary") if ln.stripped]
    if summary_lines:
        sec = by_kind["summary"][0]
        start = sec.start
        end = min(summary_lines[-1].end, start + SUMMARY_MAX_CHARS)
        value = " ".join(text[start:end].split())
        if value:
            summary = TextValue(value, evidence(lines, start, end))

    name = name_find(text, lines, header)
    headline = _headline(lines, top, name)
    certifications = certifications_find(text, lines, body("certifications"))
    warnings: list[str] = []
    if exp_lines and not employment and body("experience"):
        warnings.append("experience section has no dates we could read")
    parsed = ParsedCv(
        text=text,
        source_format=source_format,
        pages=pages,
        name=name,
        email=email_find(text, lines),
        phones=phones_find(text, lines),
        location=location_find(text, lines, contact_lines),
        links=links_find(text, lines),
        summary=summary,
        education=education,
        employment=employment,
        experience_months=months,
        experience_stated=experience_stated_find(text, lines),
        skills=skills_find(text, lines, employment, today=today),
        certifications=certifications,
        languages=languages_find(text, lines, body("languages"), certifications),
        headline=headline,
        warnings=tuple(warnings),
    )
    tagged = (tagger or default_tagger()).tag(text)
    parsed = dataclasses.replace(parsed, entities=entities_combine(text, lines, tagged, parsed))
    parsed = profile_gaps_fill(parsed)
    if parsed.headline is None:
        parsed = dataclasses.replace(parsed, headline=_latest_title(text, lines, parsed.employment))
    return parsed


#: A headline is one short line ("Senior Cloud Engineer"), not a sentence.
HEADLINE_MAX_CHARS = 80


def _headline(lines: list[Line], top: list[Line], name: TextValue | None) -> TextValue | None:
    """The title under the name ("Senior Cloud Engineer"): the first of the three lines after
    the name that names a job (a title word, no e-mail, phone or link)."""
    after = [ln for ln in top if name is None or ln.number > name.evidence.line][:3]
    for line in after:
        value = line.stripped.strip(" |•·-–—")
        if (
            value
            and len(value) <= HEADLINE_MAX_CHARS
            and not re.search(r"@|https?:|www\.|\.com\b|\d{4,}|\+\d", value)
            and is_title(value)
        ):
            start = line.start + line.text.find(value)
            return TextValue(value, evidence(lines, start, start + len(value)))
    return None


def _latest_title(
    text: str, lines: list[Line], employment: tuple[Employment, ...]
) -> TextValue | None:
    """The title of the latest job (a current one first)."""
    dated = [job for job in employment if job.title and job.start]
    if dated:
        latest = max(dated, key=lambda job: (job.current, job.end or job.start, job.start))
        assert latest.title is not None
        at = text.find(latest.title, latest.evidence.start, latest.evidence.end)
        ev = evidence(lines, at, at + len(latest.title)) if at != -1 else latest.evidence
        return TextValue(latest.title, ev)
    return None
