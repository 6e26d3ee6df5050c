"""Keeping the promise of the consent text: "deletion of your data when the recruitment ends
unless you are hired". A daily task erases candidates whose recruitment has ended — no
application still open, none that led to a hire — and who have not been active for
``KAKEHASHI_RETENTION_DAYS``. ``manage.py retention_run --dry-run`` lists them first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from celery import shared_task
from django.conf import settings
from django.db.models import Max, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from engine.pipeline import pipeline
from kakehashi.candidates.models import CandidateProfile
from kakehashi.candidates.privacy import candidate_erase

# Stages of a hire: the candidate's data stays (the ministry follows them to Japan).
HIRED_STAGES = ("accepted", "departed", "arrived")


def candidates_due_for_erasure(*, now: dt.datetime, inactive_days: int) -> QuerySet:
    """Candidates whose recruitment ended: every application closed and none a hire, and
    nothing done on the account (sign-in, profile, application) for ``inactive_days``."""
    cutoff = now - dt.timedelta(days=inactive_days)
    open_stages = [s for s in pipeline().stages if s not in pipeline().terminal]
    last_seen = Greatest(
        Coalesce("user__last_login", "created_at"),
        "updated_at",
        Coalesce(Max("applications__updated_at"), "created_at"),
    )
    return (
        CandidateProfile.objects.exclude(
            Q(applications__stage__in=open_stages) | Q(applications__stage__in=HIRED_STAGES)
        )
        .annotate(last_seen=last_seen)
        .filter(last_seen__lt=cutoff)
        .order_by("pk")
    )


@dataclass(frozen=True)
class RetentionReport:
    inactive_days: int
    due: list[int]  # candidate profile ids
    erased: int
    dry_run: bool


def retention_run(*, dry_run: bool, now: dt.datetime | None = None) -> RetentionReport:
    """Erase (or, with ``dry_run``, only list) the candidates due for erasure."""
    days = settings.KAKEHASHI_RETENTION_DAYS
    due = list(
        candidates_due_for_erasure(now=now or timezone.now(), inactive_days=days).select_related(
            "user"
        )
    )
    erased = 0
    if not dry_run:
        for profile in due:
            candidate_erase(profile=profile, reason="retention")
            erased += 1
    return RetentionReport(days, [p.pk for p in due], erased, dry_run)


@shared_task(name="kakehashi.candidates.retention.retention_daily")
def retention_daily() -> dict:
    report = retention_run(dry_run=False)
    return {"due": len(report.due), "erased": report.erased, "days": report.inactive_days}
