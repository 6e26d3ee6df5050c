"""CV upload, parsing and review: the Django side of engine.cv.

The original file goes to private storage (never under a public URL); parsing runs as a
Celery task; what the parse finds is applied to the profile except the fields the candidate
has already confirmed."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from pathlib import Path

from celery import shared_task
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engine import cv as engine_cv  # its Education, Employment, ... share the models' names
from engine.cv import (
    CvError,
    Evidence,
    Language,
    Link,
    Location,
    ParsedCv,
    Phone,
    TextValue,
    cv_parse,
    cv_to_json_resume,
)
from engine.cv.admit import cv_file_admit
from engine.cv.credentials import language_code
from engine.geo import geo
from engine.levels import jlpt_rank
from kakehashi.audit.services import audit_record, personal_data_seen
from kakehashi.candidates.models import (
    CandidateProfile,
    CandidateSkill,
    Certification,
    CvDocument,
    Education,
    Employment,
)
from kakehashi.candidates.selectors import candidate_profile_get_for_user, cv_original_allowed
from kakehashi.candidates.signals import candidate_changed_announce
from kakehashi.core.choices import ENGLISH_TEST_CHOICES, OTHER_CITY
from kakehashi.core.errors import ApplicationError
from kakehashi.employers.selectors import employer_for_member
from kakehashi.taxonomy.models import Skill

CV_EXTENSIONS = (".pdf", ".docx", ".txt", ".json")
# What the candidate reads when engine.cv.admit refuses an upload, by the engine's error code.
_CV_REFUSALS = {
    "empty_file": gettext_lazy(
        "This file is empty. Upload your CV as a PDF, DOCX, TXT or JSON file."
    ),
    "type_mismatch": gettext_lazy(
        "This file's content is not what its name says (a renamed file?). Upload the CV "
        "itself as a PDF, DOCX, TXT or JSON Resume file."
    ),
    "encrypted_pdf": gettext_lazy(
        "This PDF is protected by a password, so it cannot be read. Save or export it again "
        "without a password (or upload a DOCX) and try again."
    ),
    "corrupt_file": gettext_lazy(
        "This file is damaged and cannot be opened. Export it again from the program you "
        "wrote it in, or upload it in another of the accepted formats."
    ),
    "zip_bomb": gettext_lazy(
        "This DOCX unpacks to far more data than a CV holds, so it was not opened. Save it "
        "again from your word processor, or upload a PDF."
    ),
    "invalid_json_resume": gettext_lazy(
        "This JSON file is not a JSON Resume (it is nested far too deeply). Export your JSON "
        "Resume again, or upload a PDF or DOCX."
    ),
}


def cv_upload(*, profile: CandidateProfile, actor, upload: UploadedFile) -> CvDocument:
    """Keep an uploaded CV and queue it for reading. Refuses, saving nothing, a file over the
    size limit or of a kind we cannot read."""
    if actor.pk != profile.user_id:
        raise PermissionDenied
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ApplicationError(
            _(
                "This file is %(size)s; the largest CV we accept is %(limit)s. Upload a shorter "
                "document, or save it as PDF without embedded images."
            )
            % {"size": filesizeformat(upload.size or 0), "limit": filesizeformat(limit)},
            field="file",
            code="too_large",
        )
    extension = Path(upload.name or "").suffix.lower()
    if extension not in CV_EXTENSIONS:
        raise ApplicationError(
            _(
                "We read CVs as PDF, Word (.docx), plain text (.txt) or JSON Resume (.json). "
                "Save your CV in one of these formats and upload it again."
            ),
            field="file",
            code="unsupported_type",
        )
    data = upload.read()
    upload.seek(0)
    try:
        cv_file_admit(data, filename=upload.name or "", max_bytes=limit)
    except CvError as error:
        # Refused before it is stored: nothing of it is kept, listed or downloadable.
        raise ApplicationError(
            str(_CV_REFUSALS.get(error.code, error.message)), field="file", code=error.code
        ) from None
    digest = hashlib.sha256(data)
    with transaction.atomic():
        document = CvDocument(
            profile=profile,
            original_name=Path(upload.name).name[:255],
            size=upload.size,
            sha256=digest.hexdigest(),
        )
        document.file.save(f"{profile.pk}-{digest.hexdigest()[:16]}{extension}", upload, save=False)
        document.save()
        audit_record(actor=actor, action="cv.uploaded", obj=document, details={"size": upload.size})
        transaction.on_commit(lambda: _queue_parse(document.pk))
    return document


def cv_document_delete(*, document: CvDocument, actor) -> None:
    """The candidate removes one of their uploads (reach it through
    candidates.selectors.cv_document_get_for_user): the row, and its file once the deletion
    is committed. What the parse put into the profile stays: the profile is the candidate's."""
    if actor.pk != document.profile.user_id:
        raise PermissionDenied
    if document.state in (CvDocument.State.PENDING, CvDocument.State.PARSING):
        raise ApplicationError(_("This CV is being read; delete it when it is done."))
    file = document.file
    with transaction.atomic():
        audit_record(
            actor=actor, action="cv.deleted", obj=document, details={"state": document.state}
        )
        document.delete()
        if file:
            transaction.on_commit(lambda: file.delete(save=False))


# Retried when the database is briefly unreachable (a restart); a worker killed mid-parse
# leaves the message unacknowledged (acks_late) and the document in *parsing*, so the reading
# is delivered again, and the sweeper queues what is still stuck.
@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=5)
def cv_parse_task(*, document_id: int) -> str:
    """Read an uploaded CV (on a worker, or in-process when Celery is eager). Defined beside
    its body; candidates/tasks.py names it for Celery's discovery. Returns the document's
    state ("gone" for a document deleted since)."""
    document = cv_parse_run(document_id=document_id)
    return document.state if document else "gone"


def _queue_parse(document_id: int) -> None:
    cv_parse_task.delay(document_id=document_id)


def cv_parse_run(*, document_id: int) -> CvDocument | None:
    """Read one uploaded CV with the engine and apply what it finds (the Celery task's body).

    Safe to run again (a task delivered twice): a document already read (parsed or failed)
    is left as it is, and one read again replaces its own CV-derived rows (cv_apply)."""
    document = CvDocument.objects.select_related("profile").filter(pk=document_id).first()
    if document is None:
        return None
    claimed = CvDocument.objects.filter(
        pk=document_id, state__in=[CvDocument.State.PENDING, CvDocument.State.PARSING]
    ).update(
        state=CvDocument.State.PARSING,
        parse_started_at=timezone.now(),
        parse_attempts=F("parse_attempts") + 1,
    )
    if not claimed:
        return document
    with document.file.open("rb") as handle:
        data = handle.read()
    try:
        parsed = cv_parse(
            data, filename=document.original_name, max_bytes=settings.UPLOAD_MAX_BYTES
        )
    except CvError as error:
        document.state = CvDocument.State.FAILED
        document.error_code = error.code
        document.error_message = error.message
        document.file.delete(save=False)  # a file we could not read is not kept
        document.save(update_fields=["state", "error_code", "error_message", "file"])
        return document
    with transaction.atomic():
        document.parsed = parsed.to_json()  # stored as JSON; ParsedCv.from_json reads it back
        document.state = CvDocument.State.PARSED
        document.parsed_at = timezone.now()
        document.save(update_fields=["parsed", "state", "parsed_at"])
        cv_apply(profile=document.profile, parsed=parsed)
    return document


_CERT_KINDS = {
    "jlpt": "jlpt",
    "jft_basic": "jft_basic",
    "itee": "itee",
    "aws": "cloud",
    "azure": "cloud",
    "gcp": "cloud",
    "kubernetes": "cloud",
    "hashicorp": "cloud",
}
# Profile fields a parse may fill, unless the candidate confirmed them.
_PROFILE_FIELDS = (
    "headline",
    "phone",
    "city",
    "province",
    "summary",
    "english_level",
    "english_test",
    "english_test_score",
    "jlpt_level",
    "links",
)
_ENGLISH_TESTS = frozenset(value for value, _label in ENGLISH_TEST_CHOICES)


def _snippet(text: str, evidence: Evidence, width: int = 120) -> str:
    start, end = evidence.start, evidence.end
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start : line_end if line_end != -1 else None].strip()[:width]


def cv_apply(*, profile: CandidateProfile, parsed: ParsedCv) -> list[str]:
    """Apply a parse to the profile; returns the names of the fields it changed.

    Never overwrites what the candidate confirmed: confirmed profile fields, education and
    work-history rows they saved, and skills they confirmed or added. CV-derived rows from
    an earlier parse are replaced. Nothing is invented: rows without a level (education) or
    a start date (employment) are left for the candidate to add."""
    text = parsed.text
    confirmed = set(profile.confirmed_fields)
    found: dict = {}
    if parsed.headline:
        found["headline"] = " ".join(parsed.headline.value.split())[:200]
    if parsed.phones:
        found["phone"] = parsed.phones[0].e164
    if parsed.location and parsed.location.city:
        found["city"], found["province"] = parsed.location.city, parsed.location.province or ""
    if parsed.summary:
        found["summary"] = parsed.summary.value
    english_levels = dict(CandidateProfile._meta.get_field("english_level").choices)
    for lang in parsed.languages:
        if lang.code == "en" and lang.level in english_levels:
            found["english_level"] = lang.level
        if lang.code == "en" and lang.test in _ENGLISH_TESTS and lang.score:
            found["english_test"] = lang.test
            found["english_test_score"] = Decimal(lang.score)
    jlpt = [c.level for c in parsed.certifications if c.kind == "jlpt" and c.level]
    if jlpt:
        found["jlpt_level"] = max(jlpt, key=jlpt_rank)  # the highest level held
    if parsed.links:
        found["links"] = [{"kind": link.kind, "url": link.url} for link in parsed.links]
    changed = [
        name
        for name in _PROFILE_FIELDS
        if name in found and name not in confirmed and getattr(profile, name) != found[name]
    ]
    for name in changed:
        setattr(profile, name, found[name])
    if changed:
        profile.save(update_fields=[*changed, "updated_at"])

    Education.objects.filter(profile=profile, from_cv=True).delete()
    Education.objects.bulk_create(
        [
            Education(
                profile=profile,
                level=e.level,
                field=(e.field or e.degree or "")[:120],
                institution=(e.institution or "")[:200],
                year=e.year,
                grade=(e.grade or "")[:40],
                from_cv=True,
            )
            for e in parsed.education
            if e.level
        ]
    )
    Employment.objects.filter(profile=profile, from_cv=True).delete()
    Employment.objects.bulk_create(
        [
            Employment(
                profile=profile,
                employer_name=(e.employer or "")[:200],
                title=(e.title or "")[:200],
                start=e.start,
                end=None if e.current else e.end,
                description=_snippet(text, e.evidence, 1000),
                from_cv=True,
            )
            for e in parsed.employment
            if e.start
        ]
    )
    kept = set(
        CandidateSkill.objects.filter(profile=profile)
        .exclude(source=CandidateSkill.Source.CV)
        .values_list("skill_id", flat=True)
    )
    CandidateSkill.objects.filter(profile=profile, source=CandidateSkill.Source.CV).delete()
    known = set(
        Skill.objects.filter(pk__in=[s.skill_id for s in parsed.skills]).values_list(
            "pk", flat=True
        )
    )
    CandidateSkill.objects.bulk_create(
        [
            CandidateSkill(
                profile=profile,
                skill_id=s.skill_id,
                source=CandidateSkill.Source.CV,
                # stated, else from the jobs that used it; None when the CV does not say
                years=round(s.years or s.years_in_jobs or 0, 1) or None,
                evidence=_snippet(text, s.evidence, 300),
            )
            for s in parsed.skills
            if s.skill_id in known and s.skill_id not in kept
        ]
    )
    # a certificate already on the profile (same kind and level, or name when it has none)
    have = {
        (kind, level or name.lower())
        for kind, level, name in profile.certifications.values_list("kind", "level", "name")
    }
    Certification.objects.bulk_create(
        [
            Certification(
                profile=profile,
                kind=_CERT_KINDS.get(c.kind, "other"),
                name=c.name[:200],
                level=(c.level or "")[:40],
                score=c.score,
                # "December 2024" is 2024-12-01; a year alone is its 1 January
                obtained_on=c.obtained_on or (date(c.year, 1, 1) if c.year else None),
            )
            for c in parsed.certifications
            if (_CERT_KINDS.get(c.kind, "other"), (c.level or c.name[:200].lower())[:200])
            not in have
        ]
    )
    candidate_changed_announce(profile.pk)
    return changed


def cv_original_open(*, document: CvDocument, actor) -> File:
    """The original file, opened for reading (reach the document through
    candidates.selectors.cv_document_get_for_user). Every download is audited; the caller
    closes the file (a FileResponse does)."""
    access = candidate_profile_get_for_user(profile_id=document.profile_id, user=actor)
    if not cv_original_allowed(access=access, user=actor):
        raise PermissionDenied
    if not document.file or document.state == CvDocument.State.FAILED:
        # A CV that could not be read is not served (uploads before its file was dropped
        # on failure still have one: their owner deletes them).
        raise Http404
    personal_data_seen(
        actor=actor,
        subject_ids=[document.profile_id],
        fields=["cv"],
        purpose="cv",
        channel="file",
        employer=employer_for_member(actor) if access.level == "full" else None,
    )
    return document.file.open("rb")


def profile_as_parsed_cv(profile: CandidateProfile) -> ParsedCv:
    """The profile as the engine's ParsedCv, for engine.cv.cv_to_json_resume.

    The values were typed or confirmed by the candidate, so there is no document to point
    into: the text is empty and every value's evidence is the empty span at 0 (line 0).
    What the profile does not record is left unknown: a phone's kind ("other"), durations,
    a certificate's issuer."""
    typed = Evidence(0, 0, 0)
    user = profile.user
    location = None
    if profile.city or profile.province:
        city_name = (
            profile.city_other
            if profile.city == OTHER_CITY
            else (geo().city(profile.city).name_en if profile.city else "")
        )
        location = Location(city_name, profile.city or None, profile.province or None, typed)
    return ParsedCv(
        text="",
        source_format="profile",
        pages=None,
        name=TextValue(user.full_name, typed) if user.full_name else None,
        email=TextValue(user.email, typed) if user.email else None,
        phones=(Phone(profile.phone, "other", profile.phone, typed),) if profile.phone else (),
        location=location,
        links=tuple(Link(link["kind"], link["url"], typed) for link in profile.links),
        summary=TextValue(profile.summary, typed) if profile.summary else None,
        education=tuple(
            engine_cv.Education(
                level=e.level,
                degree=str(e.get_level_display()),
                field=e.field or None,
                institution=e.institution or None,
                institution_id=None,
                year=e.year,
                grade=e.grade or None,
                cgpa=None,
                cgpa_scale=None,
                evidence=typed,
            )
            for e in profile.education.all()
        ),
        employment=tuple(
            engine_cv.Employment(
                employer=e.employer_name or None,
                title=e.title or None,
                start=e.start.replace(day=1),  # the engine's dates name a month
                end=e.end.replace(day=1) if e.end else None,
                current=e.end is None,
                precision="month",
                months=None,
                dates_raw="",
                evidence=typed,
                dates_evidence=typed,
                description=TextValue(e.description, typed) if e.description else None,
            )
            for e in profile.employment.all()
        ),
        experience_months=None,
        experience_stated=None,
        skills=tuple(
            engine_cv.Skill(
                skill_id=s.skill_id,
                surface=s.skill.name_en,
                years=None if s.years is None else float(s.years),
                years_in_jobs=None,
                confidence=1.0,
                mentions=0,
                evidence=typed,
            )
            for s in profile.skills.select_related("skill")
        ),
        certifications=tuple(
            engine_cv.Certification(
                # jlpt, jft_basic and itee are engine kinds too; "cloud" is aws, azure, ...
                kind=c.kind if c.kind in _CERT_KINDS else "other",
                name=c.name,
                issuer="",
                level=c.level or None,
                score=c.score,
                year=c.obtained_on.year if c.obtained_on else None,
                evidence=typed,
                obtained_on=c.obtained_on,
            )
            for c in profile.certifications.all()
        ),
        languages=tuple(
            Language(language_code(lang.language), lang.language, lang.level or None, typed)
            for lang in profile.languages.all()
        ),
        headline=TextValue(profile.headline, typed) if profile.headline else None,
    )


def profile_to_json_resume(profile: CandidateProfile) -> dict:
    """The profile as a JSON Resume (jsonresume.org schema v1.0.0), for the candidate to take
    elsewhere; importing it back is an ordinary CV upload (.json). The engine writes it."""
    return cv_to_json_resume(profile_as_parsed_cv(profile))
