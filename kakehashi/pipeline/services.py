from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from engine.pipeline import TransitionError, pipeline
from kakehashi.audit.services import audit_record
from kakehashi.core.errors import ApplicationError
from kakehashi.core.notify import notify
from kakehashi.employers.models import EmployerMember
from kakehashi.pipeline.models import STAGE_LABELS, Application, StageChange
from kakehashi.pipeline.selectors import application_side


@transaction.atomic
def application_create(*, candidate, job, actor, stage: str = "applied") -> Application:
    """Open an application (the candidate applied, or the employer sourced them)."""
    if stage not in ("applied", "sourced"):
        raise ApplicationError(f"an application starts as applied or sourced, not {stage}")
    application, created = Application.objects.get_or_create(
        candidate=candidate, job=job, defaults={"stage": stage}
    )
    if not created:
        raise ApplicationError(
            "This candidate already has an application for this job.", code="duplicate"
        )
    StageChange.objects.create(application=application, to_stage=stage, actor=actor)
    audit_record(
        actor=actor, action="application.created", obj=application, details={"stage": stage}
    )
    return application


def application_advance(
    *, application: Application, stage: str, actor, reason: str = ""
) -> Application:
    """Move an application to ``stage`` if the pipeline allows it and ``actor``'s side may make
    that move (the candidate shares their profile, the employer shortlists, …); writes the
    history row and the audit row in the same transaction. Concurrent moves are serialised."""
    side = application_side(application=application, user=actor)
    if side is None or stage not in pipeline().moved_by or not pipeline().may_move(side, stage):
        raise PermissionDenied
    with transaction.atomic():
        current = Application.objects.select_for_update().only("stage").get(pk=application.pk).stage
        try:
            pipeline().check(current, stage, reason=reason)
        except TransitionError as error:
            raise ApplicationError(str(error), code="transition") from None
        application.stage = stage
        application.save(update_fields=["stage", "updated_at"])
        StageChange.objects.create(
            application=application, from_stage=current, to_stage=stage, reason=reason, actor=actor
        )
        _notify_move(application=application, stage=stage, side=side, reason=reason)
        if stage == "accepted":
            # Imported here: the hiring checklist builds on this module.
            from kakehashi.pipeline.hiring import hire_steps_open

            hire_steps_open(application=application)
        audit_record(
            actor=actor,
            action="application.moved",
            obj=application,
            details={"from": current, "to": stage, "reason": reason},
        )
    return application


# Moves the other side must hear about, by e-mail in their own language.
_TELL_CANDIDATE = {"shortlisted", "invited", "interview_scheduled", "offered", "rejected"}
_TELL_EMPLOYER = {"profile_shared", "interview_scheduled", "accepted", "declined", "withdrawn"}


def _notify_move(*, application: Application, stage: str, side: str, reason: str) -> None:
    users = get_user_model().objects
    context = {"application": application, "reason": reason, "site_url": settings.SITE_URL}
    if stage in _TELL_CANDIDATE and side != "candidate":
        notify(
            users=users.filter(pk=application.candidate.user_id),
            template="application_stage",
            context={**context, "to_candidate": True, "stage": STAGE_LABELS[stage]},
        )
    if stage in _TELL_EMPLOYER and side != "employer":
        notify(
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
    if application_side(application=application, user=actor) not in ("employer", "facilitator"):
        raise PermissionDenied
    if application.stage != "shortlisted":
        raise ApplicationError(_("Shortlist the candidate before asking for the full profile."))
    with transaction.atomic():
        application.profile_requested_at = timezone.now()
        application.save(update_fields=["profile_requested_at", "updated_at"])
        audit_record(actor=actor, action="application.profile_requested", obj=application)
        notify(
            users=get_user_model().objects.filter(pk=application.candidate.user_id),
            template="application_profile_request",
            context={"application": application, "site_url": settings.SITE_URL},
        )
    return application


def application_offer(
    *, application: Application, actor, salary_jpy: int, start_date
) -> Application:
    """The company makes its offer: salary (yen a year) and start date; the stage moves to
    offered and the candidate is told. Below the job's range needs no special case: the
    residence-status page shows what the salary means for the visa."""
    if salary_jpy <= 0:
        raise ApplicationError(_("Give the annual salary in yen."), field="salary")
    with transaction.atomic():
        application.offer_salary_jpy = salary_jpy
        application.offer_start_date = start_date
        application.save(update_fields=["offer_salary_jpy", "offer_start_date", "updated_at"])
        application_advance(application=application, stage="offered", actor=actor)
    return application
