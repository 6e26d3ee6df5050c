from __future__ import annotations

from django.db.models import Count, Q, Sum

from kakehashi.candidates.models import CandidateProfile
from kakehashi.employers.models import Employer
from kakehashi.jobs.models import Job
from kakehashi.pipeline.labels import STAGE_LABELS
from kakehashi.pipeline.models import Application


def programme_overview() -> dict:
    """Counts for the ministry's dashboard, in a handful of aggregate queries."""
    employers = Employer.objects.aggregate(
        total=Count("id"),
        verified=Count("id", filter=Q(verification_status=Employer.Verification.VERIFIED)),
        pending=Count("id", filter=Q(verification_status=Employer.Verification.PENDING)),
    )
    jobs = Job.objects.aggregate(
        open=Count("id", filter=Q(status=Job.Status.OPEN)),
        openings=Sum("openings", filter=Q(status=Job.Status.OPEN)),
        total=Count("id"),
    )
    by_stage = dict(
        Application.objects.values_list("stage").annotate(n=Count("id")).values_list("stage", "n")
    )
    return {
        "employers": employers,
        "jobs": {**jobs, "openings": jobs["openings"] or 0},
        "candidates": CandidateProfile.objects.count(),
        "applications": [(STAGE_LABELS[s], by_stage.get(s, 0)) for s in STAGE_LABELS],
    }
