"""Certificates and degrees: candidates add them with evidence; ministry verifiers decide."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.audit.services import audit_record, personal_data_seen
from kakehashi.candidates.models import Certification, Education
from kakehashi.core.errors import ApplicationError

ATTESTATION_CHOICES = Education.Attestation.choices
EVIDENCE_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")
# The first bytes of each accepted kind: the content must match the name.
_MAGIC = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
}


def certification_add(*, profile, actor, fields: dict, evidence=None) -> Certification:
    if actor.pk != profile.user_id:
        raise PermissionDenied
    if evidence is not None:
        extension = Path(evidence.name).suffix.lower()
        if extension not in EVIDENCE_EXTENSIONS:
            raise ApplicationError(
                _("Upload the certificate as PDF, JPEG or PNG."), field="evidence"
            )
        if evidence.size > settings.UPLOAD_MAX_BYTES:
            raise ApplicationError(_("This file is too large."), field="evidence")
        head = evidence.read(8)
        evidence.seek(0)
        if not head.startswith(_MAGIC[extension]):
            raise ApplicationError(
                _("This file's content is not %(kind)s, although its name says so.")
                % {"kind": extension[1:].upper()},
                field="evidence",
            )
    with transaction.atomic():
        cert = Certification(profile=profile, **fields)
        if evidence is not None:
            cert.evidence.save(
                f"{profile.pk}{Path(evidence.name).suffix.lower()}", evidence, save=False
            )
        cert.save()
        audit_record(
            actor=actor, action="certification.added", obj=cert, details={"kind": cert.kind}
        )
    return cert


def certification_decide(
    *, certification: Certification, actor, approve: bool, note: str = ""
) -> Certification:
    if not actor.has_duty("verify"):
        raise PermissionDenied
    if not approve and not note.strip():
        raise ApplicationError(
            _("Say why the certificate is rejected: the candidate will read it.")
        )
    with transaction.atomic():
        certification.verification = (
            Certification.Verification.VERIFIED if approve else Certification.Verification.REJECTED
        )
        certification.verification_note = note.strip()[:300]
        certification.verified_by = actor
        certification.verified_at = timezone.now()
        certification.save(
            update_fields=["verification", "verification_note", "verified_by", "verified_at"]
        )
        audit_record(
            actor=actor,
            action="certification.verified" if approve else "certification.rejected",
            obj=certification,
            details={"note": certification.verification_note},
        )
    return certification


def education_attestation_set(*, education: Education, actor, status: str) -> Education:
    if not actor.has_duty("verify"):
        raise PermissionDenied
    if status not in Education.Attestation.values:
        raise ApplicationError(_("Unknown attestation status."))
    with transaction.atomic():
        before = education.attestation
        education.attestation = status
        education.save(update_fields=["attestation"])
        audit_record(
            actor=actor,
            action="education.attestation",
            obj=education,
            details={"from": before, "to": status},
        )
    return education


def certification_evidence_open(*, certification: Certification, actor) -> File:
    """The certificate scan, opened for reading, for its candidate and ministry verifiers
    (reach the certificate through candidates.selectors.certification_get_for_user); every
    view is recorded. The caller closes it (a FileResponse does)."""
    if not (actor.has_duty("verify") or actor.pk == certification.profile.user_id):
        raise PermissionDenied
    if not certification.evidence:
        raise Http404
    personal_data_seen(
        actor=actor,
        subject_ids=[certification.profile_id],
        fields=["certificate_scan"],
        purpose="certificate",
        channel="file",
    )
    return certification.evidence.open("rb")
