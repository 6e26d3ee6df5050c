"""Certificates and degrees: candidates add them with evidence; ministry verifiers decide."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engine.scans import SCAN_MAX_PAGES, ScanError, scan_clean
from kakehashi.audit.services import audit_record, personal_data_seen
from kakehashi.candidates.models import Certification, Education
from kakehashi.core.errors import ApplicationError

ATTESTATION_CHOICES = Education.Attestation.choices
EVIDENCE_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png")
# What the candidate reads when engine.scans refuses a scan, by its code.
_SCAN_REFUSALS = {
    "encrypted": gettext_lazy(
        "This PDF is encrypted or protected by a password. Save or scan it again without "
        "protection, or upload a photo (JPEG or PNG) of the certificate."
    ),
    "corrupt": gettext_lazy(
        "This file is damaged or is not really a PDF or image. Scan the certificate again, "
        "or upload a photo (JPEG or PNG) of it."
    ),
    "too_many_pages": gettext_lazy(
        "This PDF has more than %(pages)d pages. Upload only the certificate's own pages."
    ),
    "too_many_pixels": gettext_lazy(
        "This image is too large to open safely. Scan it at 300 dpi or take a smaller photo."
    ),
}


def certification_add(*, profile, actor, fields: dict, evidence=None) -> Certification:
    """Add a certificate, with its scan if given. The scan is stored only after it passes,
    and never as sent: a PDF re-rendered from its pages, an image re-encoded (engine.scans),
    so nothing but pixels reaches the verifier; a refused scan saves nothing."""
    if actor.pk != profile.user_id:
        raise PermissionDenied
    clean = None
    if evidence is not None:
        extension = Path(evidence.name).suffix.lower()
        if extension not in EVIDENCE_EXTENSIONS:
            raise ApplicationError(
                _("Upload the certificate as PDF, JPEG or PNG."), field="evidence"
            )
        if evidence.size > settings.UPLOAD_MAX_BYTES:
            raise ApplicationError(
                _("This file is %(size)s; the largest scan we accept is %(limit)s.")
                % {
                    "size": filesizeformat(evidence.size),
                    "limit": filesizeformat(settings.UPLOAD_MAX_BYTES),
                },
                field="evidence",
            )
        try:
            clean = scan_clean(evidence.read(), extension=extension)
        except ScanError as error:
            message = _SCAN_REFUSALS.get(error.code) or (
                _("This file's content is not %(kind)s, although its name says so.")
                % {"kind": extension[1:].upper()}
            )
            raise ApplicationError(
                str(message) % {"pages": SCAN_MAX_PAGES}
                if error.code == "too_many_pages"
                else str(message),
                field="evidence",
                code=error.code,
            ) from None
    with transaction.atomic():
        cert = Certification(profile=profile, **fields)
        if clean is not None:
            cert.evidence.save(
                f"{profile.pk}{clean.extension}", ContentFile(clean.data), save=False
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
