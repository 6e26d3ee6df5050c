from django.db.models import QuerySet

from kakehashi.audit.models import AuditEvent


def audit_events_recent(*, limit: int = 15) -> QuerySet[AuditEvent]:
    """The latest audit events, newest first, for ministry verifiers."""
    return AuditEvent.objects.select_related("actor")[:limit]
