from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models

from kakehashi.audit.models import AuditEvent, PersonalDataAccess


def audit_record(
    *, actor: Any, action: str, obj: models.Model, details: dict[str, Any] | None = None
) -> AuditEvent:
    """Write one audit row. Call inside the transaction of the change it records."""
    signed_in = getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if signed_in else None,
        actor_label=actor.email if signed_in else "",
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        details=details or {},
    )


# Why someone looked: the codes a record may carry (labels in audit/labels.py).
PURPOSES = frozenset(
    {
        "profile",  # a candidate's profile page or API record
        "applications",  # a company's list of who applied
        "hire",  # the hire checklist and visa report of an application
        "offer",  # an application's offer page and offer letter
        "interview",  # an interview's page (times, place, the other side)
        "messages",  # an application's message thread
        "cnic",  # a verifier revealed the CNIC
        "cv",  # the original CV file
        "certificate",  # a certificate's scan
        "mission",  # a mission's timetable, desk or panel lists
        "verification",  # the ministry's document queue
        "administration",  # the Django admin
    }
)


def personal_data_seen(
    *,
    actor: Any,
    subject_ids: Iterable[int],
    fields: Sequence[str],
    purpose: str,
    channel: str,
    employer: Any = None,
) -> int:
    """Record that ``actor`` saw ``fields`` of the candidates ``subject_ids`` (profile ids),
    for ``purpose`` through ``channel``. The one writer of PersonalDataAccess: every page, API
    call, file and PDF that shows someone's personal data to another person calls it (a
    candidate seeing their own data is not recorded). ``employer`` is the company the viewer
    acts for: a record with one is a provision to a third party in Japan. Returns the number of
    records written."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown purpose {purpose!r}")
    if channel not in PersonalDataAccess.Channel.values:
        raise ValueError(f"unknown channel {channel!r}")
    own = actor.candidate_profile.pk if getattr(actor, "is_candidate", False) else None
    ids = sorted({int(i) for i in subject_ids} - {own})
    if not ids:
        return 0
    kind = (
        "employer"
        if employer is not None
        else f"ministry:{getattr(actor, 'facilitator_role', '') or 'officer'}"
    )
    rows = [
        PersonalDataAccess(
            actor_id=getattr(actor, "pk", None),
            actor_label=getattr(actor, "email", ""),
            actor_kind=kind,
            employer_id=getattr(employer, "pk", None),
            employer_name=(getattr(employer, "name_en", "") or str(employer)) if employer else "",
            subject_id=i,
            fields=list(fields),
            purpose=purpose,
            channel=channel,
            cross_border=employer is not None,
        )
        for i in ids
    ]
    PersonalDataAccess.objects.bulk_create(rows)
    return len(rows)
