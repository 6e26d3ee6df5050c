from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

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


def personal_data_accesses_filtered(
    *,
    candidate: int | None = None,
    company: str = "",
    viewer: str = "",
    purpose: str = "",
    to_japan: bool | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[PersonalDataAccess]:
    """Access records for the ministry's audit viewer, newest first; ``until`` is inclusive
    (dates in the current time zone)."""
    qs = PersonalDataAccess.objects.all()
    if candidate:
        qs = qs.filter(subject_id=candidate)
    if company:
        qs = qs.filter(employer_name__icontains=company)
    if viewer:
        qs = qs.filter(actor_label__icontains=viewer)
    if purpose:
        qs = qs.filter(purpose=purpose)
    if to_japan is not None:
        qs = qs.filter(cross_border=to_japan)
    zone = timezone.get_current_timezone()
    if since:
        qs = qs.filter(at__gte=datetime.combine(since, time.min, tzinfo=zone))
    if until:
        qs = qs.filter(at__lt=datetime.combine(until + timedelta(days=1), time.min, tzinfo=zone))
    return qs


def access_line(r: PersonalDataAccess) -> AccessLine:
    return AccessLine(
        at=r.at,
        viewer=viewer_label(r.actor_kind, r.employer_name),
        what=str(PURPOSE_LABELS.get(r.purpose, r.purpose)),
        fields=", ".join(str(FIELD_LABELS.get(f, f)) for f in r.fields),
        channel=r.get_channel_display(),
        to_japan=r.cross_border,
    )


def personal_data_accesses_for_subject(*, subject_id: int, limit: int = 500) -> list[AccessLine]:
    """Who has seen this candidate's personal data, newest first, in the reader's language.
    Company staff are named by their company, ministry officers by their duty."""
    return [
        access_line(r) for r in PersonalDataAccess.objects.filter(subject_id=subject_id)[:limit]
    ]
