"""CV upload, parsing and review: the Django side of engine.cv.

The original file goes to private storage (never under a public URL); parsing runs as a
Celery task; what the parse finds is applied to the profile except the fields the candidate
has already confirmed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.audit.services import audit_record
from kakehashi.candidates.models import CandidateProfile, CvDocument
from kakehashi.core.errors import ApplicationError

CV_EXTENSIONS = (".pdf", ".docx", ".txt", ".json")


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
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
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


def _queue_parse(document_id: int) -> None:
    from kakehashi.candidates.tasks import cv_parse_task

    cv_parse_task.delay(document_id=document_id)


def cv_parse_run(*, document_id: int) -> CvDocument:
    """Read one uploaded CV with the engine and apply what it finds (the Celery task's body)."""
    from engine.cv import CvError, cv_parse

    document = CvDocument.objects.select_related("profile").get(pk=document_id)
    CvDocument.objects.filter(pk=document_id).update(state=CvDocument.State.PARSING)
    with document.file.open("rb") as handle:
        data = handle.read()
    try:
        parsed = cv_parse(
            data, filename=document.original_name, max_bytes=settings.UPLOAD_MAX_BYTES
        )
    except CvError as error:
        document.state = CvDocument.State.FAILED
        document.error_code = error.code
        document.error_message = str(error)
        document.save(update_fields=["state", "error_code", "error_message"])
        return document
    with transaction.atomic():
        document.parsed = cv_parsed_as_json(parsed)
        document.state = CvDocument.State.PARSED
        document.parsed_at = timezone.now()
        document.save(update_fields=["parsed", "state", "parsed_at"])
        cv_apply(profile=document.profile, parsed=document.parsed)
    return document


def cv_parsed_as_json(parsed) -> dict:
    import dataclasses
    import json

    def default(value):
        if hasattr(value, "isoformat"):
            return value.isoformat()
        raise TypeError(type(value))

    return json.loads(json.dumps(dataclasses.asdict(parsed), default=default))


def cv_apply(*, profile: CandidateProfile, parsed: dict) -> list[str]:
    """Apply a parse to the profile; returns the names of the fields it changed."""
    raise NotImplementedError  # written against engine.cv's output once it lands
