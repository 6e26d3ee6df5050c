from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from engine.hiring import hire_rules
from engine.pipeline import TransitionError, pipeline
from kakehashi.audit.services import audit_record
from kakehashi.candidates.selectors import candidate_shares_with_employers
from kakehashi.core.errors import ApplicationError
from kakehashi.core.site import site_url
from kakehashi.employers.models import EmployerMember
from kakehashi.employers.selectors import employer_member_is
from kakehashi.jobs.models import Job
from kakehashi.pipeline.labels import STAGE_LABELS, reason_label
from kakehashi.pipeline.models import Application, HireStep, StageChange
from kakehashi.pipeline.notices import tell as notice_tell
from kakehashi.pipeline.selectors import INTERVIEWER_MOVES, application_side, employer_decides


def _may_open(*, candidate, job, actor, stage: str) -> bool:
    """Who may open an application: the candidate applies for themself; the job's verified
    company (or a ministry officer) sources a candidate."""
    if not getattr(actor, "is_authenticated", False):
        return False
    if stage == "applied":
        return actor.pk == candidate.user_id
    return actor.has_duty("personal_data") or employer_member_is(actor, employer_id=job.employer_id)


@transaction.atomic
def application_create(*, candidate, job, actor, stage: str = "applied") -> Application:
    """Open an application: the candidate applied, or the employer sourced them
    (PermissionDenied for anyone else)."""
    if stage not in ("applied", "sourced"):
        raise ApplicationError(f"an application starts as applied or sourced, not {stage}")
    if not _may_open(candidate=candidate, job=job, actor=actor, stage=stage):
        raise PermissionDenied
    application, created = Application.objects.get_or_create(
        candidate=candidate, job=job, defaults={"stage": stage}
    )
    if not created:
        raise ApplicationError(
            _("This candidate already has an application for this job."), code="duplicate"
        )
    StageChange.objects.create(application=application, to_stage=stage, actor=actor)
    audit_record(
        actor=actor, action="application.created", obj=application, details={"stage": stage}
    )
    return application


def application_apply(*, job: Job, actor) -> Application:
    """A candidate applies to a job: only candidates, only to an open job of a verified
    company. Pages and the API both come here."""
    if not (getattr(actor, "is_authenticated", False) and actor.is_candidate):
        raise PermissionDenied
    if job.status != job.Status.OPEN or not job.employer.is_verified:
        raise ApplicationError(_("This job is not open for applications."), code="job_closed")
    profile = actor.candidate_profile
    # Applying shows the profile to a company in Japan: only with the candidate's consent.
    if not candidate_shares_with_employers(profile_id=profile.pk):
        raise ApplicationError(
            _(
                "To apply, first agree to share your profile with Japanese employers. Your name and contact details stay hidden until you share them with a company."
            ),
            code="consent_required",
        )
    return application_create(candidate=profile, job=job, actor=actor)


def application_advance(
    *,
    application: Application,
    stage: str,
    actor,
    reason: str = "",
    tell: bool = True,
    entered_by: str = "",
) -> Application:
    """Move an application to ``stage`` if the pipeline allows it and ``actor``'s side may make
    that move (the candidate shares their profile, the employer shortlists, …); writes the
    history row and the audit row in the same transaction. Concurrent moves are serialised.
    ``tell=False`` when the caller sends its own, fuller notice (an interview's times).
    Stages the pipeline data reserves for one service (an offer and its acceptance, which
    carry terms) are entered only by that service, which names itself in ``entered_by``."""
    side = application_side(application=application, user=actor)
    if side is None or stage not in pipeline().moved_by or not pipeline().may_move(side, stage):
        raise PermissionDenied
    if side == "employer" and stage not in INTERVIEWER_MOVES and not employer_decides(actor):
        raise PermissionDenied
    owner = pipeline().entered_by.get(stage)
    if owner is not None and entered_by != owner:
        raise ApplicationError(
            _(
                "Offers are made, and accepted, on the site with their terms (salary, hours, start date, contract): open the application's offer page."
            ),
            field="stage",
            code="offer_on_site",
        )
    with transaction.atomic():
        current = Application.objects.select_for_update().only("stage").get(pk=application.pk).stage
        try:
            pipeline().check(current, stage, reason=reason)
        except TransitionError as error:
            if stage in pipeline().allowed(current):  # the move is allowed; its reason is not
                message = (
                    _("Choose a reason from the list.")
                    if reason
                    else _("This move needs a reason: choose one from the list.")
                )
                raise ApplicationError(message, field="reason", code="reason") from None
            raise ApplicationError(str(error), code="transition") from None
        application.stage = stage
        application.save(update_fields=["stage", "updated_at"])
        StageChange.objects.create(
            application=application, from_stage=current, to_stage=stage, reason=reason, actor=actor
        )
        if tell:
            _notify_move(application=application, stage=stage, side=side, reason=reason)
        if stage == "accepted":
            hire_steps_open(application=application)
        audit_record(
            actor=actor,
            action="application.moved",
            obj=application,
            details={"from": current, "to": stage, "reason": reason},
        )
    return application


def hire_steps_open(*, application: Application) -> list[HireStep]:
    """Lay out the checklist once the offer is accepted (idempotent)."""
    rows = [
        HireStep(application=application, step=rule.id, position=i, owner=rule.owner)
        for i, rule in enumerate(hire_rules().steps)
    ]
    HireStep.objects.bulk_create(rows, ignore_conflicts=True)
    return list(application.hire_steps.all())


def _notify_move(*, application: Application, stage: str, side: str, reason: str) -> None:
    """E-mail the other side about a move, in their own language (engine data says who)."""
    users = get_user_model().objects
    tell = pipeline().tell[stage]
    context = {
        "application": application,
        "reason": reason_label(stage, reason) if reason else "",
        "site_url": site_url(),
    }
    if "candidate" in tell and side != "candidate":
        notice_tell(
            users=users.filter(pk=application.candidate.user_id),
            template="application_stage",
            context={**context, "to_candidate": True, "stage": STAGE_LABELS[stage]},
            link=reverse("candidate_dashboard"),
        )
    if "employer" in tell and side != "employer":
        notice_tell(
            link=reverse("job_applications", args=[application.job_id]),
            users=users.filter(
                employer_membership__employer_id=application.job.employer_id,
                employer_membership__role__in=[
                    EmployerMember.Role.ADMIN,
                    EmployerMember.Role.RECRUITER,
                ],
            ),
            template="application_stage",
            context={**context, "to_candidate": False, "stage": STAGE_LABELS[stage]},
        )


def profile_share_request(*, application: Application, actor) -> Application:
    """The company asks a shortlisted candidate to share their full profile (name, contact,
    CV). The candidate answers by sharing (profile_shared) or declining."""
    side = application_side(application=application, user=actor)
    if side not in ("employer", "facilitator") or (
        side == "employer" and not employer_decides(actor)
    ):
        raise PermissionDenied
    if application.stage != "shortlisted":
        raise ApplicationError(_("Shortlist the candidate before asking for the full profile."))
    with transaction.atomic():
        application.profile_requested_at = timezone.now()
        application.save(update_fields=["profile_requested_at", "updated_at"])
        audit_record(actor=actor, action="application.profile_requested", obj=application)
        notice_tell(
            users=get_user_model().objects.filter(pk=application.candidate.user_id),
            template="application_profile_request",
            context={"application": application, "site_url": site_url()},
            link=reverse("candidate_dashboard"),
        )
    return application
