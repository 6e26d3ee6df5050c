from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from kakehashi.audit.labels import FIELD_LABELS, PURPOSE_LABELS, viewer_label
from kakehashi.audit.models import AuditEvent, PersonalDataAccess


def audit_events_recent(*, limit: int = 15) -> QuerySet[AuditEvent]:
    """The latest audit events, newest first, for ministry verifiers."""
    return AuditEvent.objects.select_related("actor")[:limit]


@dataclass(frozen=True)
class AccessLine:
    """One access record as a person reads it."""

    at: datetime
    viewer: str
    what: str
    fields: str
    channel: str
    to_japan: bool


def personal_data_accesses_for_subject(*, subject_id: int, limit: int = 500) -> list[AccessLine]:
    """Who has seen this candidate's personal data, newest first, in the reader's language.
    Company staff are named by their company, ministry officers by their duty."""
    rows = PersonalDataAccess.objects.filter(subject_id=subject_id)[:limit]
    return [
        AccessLine(
            at=r.at,
            viewer=viewer_label(r.actor_kind, r.employer_name),
            what=str(PURPOSE_LABELS.get(r.purpose, r.purpose)),
            fields=", ".join(str(FIELD_LABELS.get(f, f)) for f in r.fields),
            channel=r.get_channel_display(),
            to_japan=r.cross_border,
        )
        for r in rows
    ]
