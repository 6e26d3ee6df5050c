"""Writes that start from a ranked list: an employer shortlists a candidate it found; the
ministry proposes balanced shortlists to several companies at once."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from engine.pipeline import pipeline
from kakehashi.candidates.models import CandidateProfile
from kakehashi.candidates.selectors import candidate_profile_get_for_user
from kakehashi.core.errors import ApplicationError
from kakehashi.employers.selectors import employer_member_is
from kakehashi.matching.selectors import (
    BalancedShortlists,
    match_score_one,
    shortlist_job_get_for_user,
)
from kakehashi.pipeline.labels import STAGE_LABELS
from kakehashi.pipeline.models import Application
from kakehashi.pipeline.services import (
    application_advance,
    application_create,
    profile_share_request,
)

#: The actions an employer may apply to several ranked candidates at once.
BULK_ACTIONS = ("shortlist", "request_profile", "reject")


@dataclass(frozen=True)
class BulkOutcome:
    """What a bulk action did: the candidates it was applied to, and those it could not be
    applied to, each with the reason (the same message a single action would show)."""

    done: list[int] = field(default_factory=list)
    refused: list[tuple[int, str]] = field(default_factory=list)


def shortlist_add(*, job_id: int, profile_id: int, actor) -> Application:
    """Put one candidate on a job's shortlist (sourced, then shortlisted), for the job's
    verified company. The candidate is reached through the profile door (consent is read from
    the database at this moment) and scored alone: one who fails the job's hard requirements
    is refused. The job is never re-ranked to decide."""
    job = shortlist_job_get_for_user(job_id=job_id, user=actor)
    if not employer_member_is(actor, employer_id=job.employer_id):
        raise PermissionDenied
    profile = candidate_profile_get_for_user(profile_id=profile_id, user=actor).profile
    score = match_score_one(job=job, profile_id=profile.pk)
    if score is None:
        raise Http404
    if not score.eligible:
        raise ApplicationError(
            _("This candidate does not meet the job's hard requirements."), code="not_eligible"
        )
    with transaction.atomic():
        application = Application.objects.filter(candidate=profile, job=job).first()
        if application is None:
            application = application_create(
                candidate=profile, job=job, actor=actor, stage="sourced"
            )
        if application.stage in ("sourced", "applied"):
            application_advance(application=application, stage="shortlisted", actor=actor)
    return application


def shortlists_balanced_source(*, shortlists: BalancedShortlists, actor) -> int:
    """Put a balanced allocation into the companies' pipelines: each proposed candidate
    becomes a *sourced* application of the job (the company then shortlists or rejects
    them), with its history and audit rows, all in one transaction. Only ministry mission
    organisers. A pair that gained an application meanwhile is left as it is. Returns how
    many applications were opened."""
    if not (actor.is_authenticated and actor.has_duty("missions")):
        raise PermissionDenied
    wanted = [(b.job, pid) for b in shortlists.jobs for pid, _score in b.places]
    profiles = CandidateProfile.objects.in_bulk({pid for _job, pid in wanted})
    created = 0
    with transaction.atomic():
        existing = set(
            Application.objects.filter(job__in={job for job, _ in wanted}).values_list(
                "job_id", "candidate_id"
            )
        )
        for job, pid in wanted:
            if (job.pk, pid) in existing or pid not in profiles:
                continue
            application_create(candidate=profiles[pid], job=job, actor=actor, stage="sourced")
            created += 1
    return created


def shortlist_bulk_apply(
    *, job_id: int, profile_ids: list[int], action: str, actor, reason: str = ""
) -> BulkOutcome:
    """Apply one action to several ranked candidates of a job, each in its own transaction
    (one refusal does not undo the others): ``shortlist``; ``request_profile`` (shortlists
    first where needed, then asks the candidate to share the full profile); ``reject`` with a
    reason code (a candidate not yet in the pipeline is recorded as sourced, then rejected).
    Every write goes through the single-candidate services, with their audit rows."""
    if action not in BULK_ACTIONS:
        raise ValueError(f"unknown bulk action {action!r}")
    outcome = BulkOutcome()
    for profile_id in profile_ids:
        try:
            with transaction.atomic():
                _bulk_one(
                    job_id=job_id, profile_id=profile_id, action=action, actor=actor, reason=reason
                )
        except (PermissionDenied, Http404):
            outcome.refused.append((profile_id, _("You may not do this for this candidate.")))
        except ApplicationError as error:
            outcome.refused.append((profile_id, error.message))
        else:
            outcome.done.append(profile_id)
    return outcome


def _bulk_one(*, job_id: int, profile_id: int, action: str, actor, reason: str) -> None:
    if action in ("shortlist", "request_profile"):
        application = shortlist_add(job_id=job_id, profile_id=profile_id, actor=actor)
        if application.stage in pipeline().terminal:
            raise ApplicationError(
                _("This application is closed (%(stage)s).")
                % {"stage": STAGE_LABELS[application.stage]}
            )
        if action == "request_profile" and application.stage == "shortlisted":
            if application.profile_requested_at:
                raise ApplicationError(_("The full profile was already requested."))
            profile_share_request(application=application, actor=actor)
        elif action == "request_profile" and application.stage in pipeline().full_profile:
            raise ApplicationError(_("The candidate already shares the full profile."))
        return
    job = shortlist_job_get_for_user(job_id=job_id, user=actor)
    if not employer_member_is(actor, employer_id=job.employer_id):
        raise PermissionDenied
    profile = candidate_profile_get_for_user(profile_id=profile_id, user=actor).profile
    application = Application.objects.filter(candidate=profile, job=job).first()
    if application is None:
        application = application_create(candidate=profile, job=job, actor=actor, stage="sourced")
    application_advance(application=application, stage="rejected", actor=actor, reason=reason)
