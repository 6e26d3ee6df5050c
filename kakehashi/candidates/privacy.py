"""A candidate's rights over their data: export everything, delete the account.

Consent records and audit rows (who saw or received what) are kept after deletion, with the
link to the person removed: the ministry must be able to show what was shared, and when."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.audit.models import PersonalDataAccess
from kakehashi.audit.services import audit_record
from kakehashi.candidates.models import CandidateIdentity, CandidateProfile
from kakehashi.candidates.signals import candidate_changed_announce
from kakehashi.core.crypto import decrypt
from kakehashi.core.errors import ApplicationError

User = get_user_model()


def _rows(queryset, *fields: str) -> list[dict[str, Any]]:
    return [{f: _plain(getattr(row, f)) for f in fields} for row in queryset]


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if value.__class__.__name__ == "Decimal":
        return float(value)
    return value


def candidate_data_export(*, profile: CandidateProfile, actor) -> dict[str, Any]:
    """Everything Kakehashi holds about the candidate, as JSON-ready data. Audited."""
    if actor.pk != profile.user_id:
        raise PermissionDenied
    user = profile.user
    identity = CandidateIdentity.objects.filter(profile=profile).first()
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": _rows([user], "email", "full_name", "language", "time_zone", "date_joined")[0],
        "profile": _rows(
            [profile],
            "phone",
            "city",
            "province",
            "date_of_birth",
            "gender",
            "headline",
            "summary",
            "english_level",
            "jlpt_level",
            "salary_expectation_jpy",
            "available_from",
            "willing_to_relocate",
            "visibility",
            "created_at",
            "updated_at",
        )[0],
        "cnic": decrypt(identity.cnic_encrypted) if identity else None,
        "education": _rows(
            profile.education.all(), "level", "field", "institution", "year", "grade", "attestation"
        ),
        "employment": _rows(
            profile.employment.all(), "employer_name", "title", "start", "end", "description"
        ),
        "skills": _rows(profile.skills.all(), "skill_id", "years", "source", "evidence"),
        "certifications": _rows(
            profile.certifications.all(),
            "kind",
            "name",
            "level",
            "score",
            "obtained_on",
            "verification",
        ),
        "languages": _rows(profile.languages.all(), "language", "level"),
        "consents": [
            {
                "purpose": r.text.purpose,
                "version": r.text.version,
                "recipient_country": r.text.recipient_country,
                "given_at": _plain(r.given_at),
                "withdrawn_at": _plain(r.withdrawn_at),
            }
            for r in profile.consents.select_related("text")
        ],
        "applications": [
            {
                "job": a.job.title,
                "company": a.job.employer.name_en,
                "stage": a.stage,
                "history": _rows(a.history.all(), "from_stage", "to_stage", "reason", "at"),
            }
            for a in profile.applications.select_related("job__employer").prefetch_related(
                "history"
            )
        ],
        "cv_files": _rows(profile.cvs.all(), "original_name", "size", "uploaded_at", "state"),
        "seen_by": [
            {
                "at": _plain(r.at),
                "viewer": r.employer_name or r.actor_kind,
                "fields": r.fields,
                "purpose": r.purpose,
                "channel": r.channel,
                "to_japan": r.cross_border,
            }
            for r in PersonalDataAccess.objects.filter(subject_id=profile.pk)
        ],
    }
    audit_record(actor=actor, action="candidate.data_exported", obj=profile)
    return data


def candidate_account_delete(*, profile: CandidateProfile, actor, password: str) -> None:
    """Delete the candidate's account and personal data after re-checking the password.
    Kept, without the link to the person: consent records and the audit trail."""
    user = profile.user
    if actor.pk != user.pk:
        raise PermissionDenied
    if not user.check_password(password):
        raise ApplicationError(_("The password is not right."), field="password")
    candidate_erase(profile=profile, reason="request")


def candidate_erase(*, profile: CandidateProfile, reason: str) -> None:
    """Erase a candidate: the account and every file they gave us, for ``reason`` ("request":
    they asked; "retention": their recruitment ended). The audit trail keeps that it
    happened, without the person."""
    user = profile.user
    with transaction.atomic():
        audit_record(
            actor=None, action="candidate.deleted", obj=profile, details={"reason": reason}
        )
        # Every file the candidate gave us: CV originals, certificate scans, hire evidence.
        files = [cv.file for cv in profile.cvs.all()]
        files += [c.evidence for c in profile.certifications.exclude(evidence="")]
        files += [
            step.evidence
            for application in profile.applications.prefetch_related("hire_steps")
            for step in application.hire_steps.all()
            if step.evidence
        ]
        user.delete()  # cascades to the profile, identity, CVs, skills, applications
        candidate_changed_announce(profile.pk)  # drops the candidate from the index
        transaction.on_commit(lambda: [f.delete(save=False) for f in files])
