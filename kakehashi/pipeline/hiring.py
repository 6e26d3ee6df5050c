"""After the offer: each hire's checklist (engine.hiring), its updates and its warnings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engine.geo import geo
from engine.hiring import HireWarning, StepState, coe_expiry, hire_rules, hire_warnings, step_ready
from kakehashi.audit.services import audit_record
from kakehashi.core.errors import ApplicationError
from kakehashi.core.site import site_url
from kakehashi.employers.models import EmployerMember
from kakehashi.pipeline.labels import (
    HIRE_DOCUMENT_LABELS,
    HIRE_FEE_LABELS,
    HIRE_PLACE_LABELS,
    HIRE_STEP_LABELS,
)
from kakehashi.pipeline.models import Application, HireStep
from kakehashi.pipeline.notices import tell
from kakehashi.pipeline.selectors import application_side, employer_decides
from kakehashi.pipeline.services import application_advance

WARNING_TEXT = {
    "coe_expiring": gettext_lazy(
        "The Certificate of Eligibility expires in %(days)d days (%(due)s); the visa is not yet done."
    ),
    "coe_expired": gettext_lazy(
        "The Certificate of Eligibility expired on %(due)s: the employer must apply again."
    ),
    "passport_short": gettext_lazy("The passport expires on %(due)s: renew it before travelling."),
    "checkin_due": gettext_lazy("%(step)s is due on %(due)s."),
    "checkin_overdue": gettext_lazy("%(step)s was due on %(due)s."),
}
_STAGE_AFTER_STEP = {"departure": "departed", "arrival": "arrived"}


@dataclass(frozen=True)
class StepHelp:
    """Where a step is done (name, address), what it costs and what to bring, as shown."""

    places: list[tuple[str, str]]
    fee: str
    fee_confirmed: bool
    documents: list[str]


def hire_step_help(*, step_id: str, post: str) -> StepHelp | None:
    """The reader's help for one step of the checklist (None for a step with none), from
    engine/data/hire_steps.json, labelled in the active language; ``post`` is the visa post."""
    rule = hire_rules().step(step_id)
    if not (rule.places or rule.fee or rule.documents):
        return None
    fee = ""
    if rule.fee is not None:
        amount = number_format(rule.fee.amount_pkr or 0, force_grouping=True)
        fee = str(HIRE_FEE_LABELS[rule.fee.basis]) % {"amount": amount}
    return StepHelp(
        places=[(str(HIRE_PLACE_LABELS[p.id]), p.url) for p in rule.places_for(post)],
        fee=fee,
        fee_confirmed=rule.fee.confirmed if rule.fee else True,
        documents=[str(HIRE_DOCUMENT_LABELS[d]) for d in rule.documents],
    )


def visa_post_for(application: Application) -> str:
    """Where the candidate applies for the visa: Karachi for Sindh and Balochistan residents,
    Islamabad for everyone else."""
    province = application.candidate.province
    return geo().province(province).visa_post if province else "islamabad"


def hire_step_update(
    *,
    step: HireStep,
    actor,
    done_on: date | None,
    expires_on: date | None = None,
    evidence=None,
    note: str = "",
) -> HireStep:
    """Record progress on a step, by its owner's side or a facilitator. Steps are done in
    order; CoE expiry is computed from its issue date. Departure and arrival move the
    application's stage. Audited."""
    application = step.application
    side = application_side(application=application, user=actor)
    if side is None or (side != "facilitator" and side != step.owner):
        raise PermissionDenied
    if side == "employer" and not employer_decides(actor):
        raise PermissionDenied
    rule = hire_rules().step(step.step)
    done = set(application.hire_steps.exclude(done_on=None).values_list("step", flat=True))
    if done_on is not None and not step_ready(step.step, done):
        missing = [str(HIRE_STEP_LABELS[s]) for s in rule.after if s not in done]
        raise ApplicationError(_("First complete: %(steps)s.") % {"steps": ", ".join(missing)})
    if done_on is not None and done_on > timezone.localdate():
        raise ApplicationError(_("A step cannot be done in the future."), field="done_on")
    if rule.needs_expiry and done_on is not None and expires_on is None:
        raise ApplicationError(_("Give the expiry date."), field="expires_on")
    with transaction.atomic():
        step.done_on = done_on
        step.expires_on = coe_expiry(done_on) if step.step == "coe" and done_on else expires_on
        step.note = note.strip()[:300]
        step.updated_by = actor
        if evidence is not None:
            step.evidence.save(
                f"{application.pk}-{step.step}{Path(evidence.name).suffix.lower()}",
                evidence,
                save=False,
            )
        step.save()
        audit_record(
            actor=actor,
            action="hire.step_updated",
            obj=application,
            details={"step": step.step, "done_on": str(done_on or "")},
        )
        stage = _STAGE_AFTER_STEP.get(step.step)
        if stage and done_on is not None and application.stage != stage:
            application_advance(application=application, stage=stage, actor=actor)
    return step


def application_hire_warnings(*, application: Application, today: date | None = None) -> list[dict]:
    states = [StepState(s.step, s.done_on, s.expires_on) for s in application.hire_steps.all()]
    return [_warning_text(w) for w in hire_warnings(states, today=today or timezone.localdate())]


def _warning_text(w: HireWarning) -> dict:
    text = WARNING_TEXT[w.code] % {
        "days": w.days,
        "due": w.due.isoformat(),
        "step": HIRE_STEP_LABELS[w.step],
    }
    return {"step": w.step, "code": w.code, "days": w.days, "text": text}


def hire_deadlines_notify(*, today: date | None = None) -> int:
    """The daily check: e-mail each open hire's candidate and company admins about what is
    expiring or due. Returns how many hires had warnings."""
    today = today or timezone.localdate()
    users = get_user_model().objects
    count = 0
    active = Application.objects.filter(
        stage__in=["accepted", "departed", "arrived"]
    ).select_related("candidate__user", "job__employer")
    for application in active:
        states = [StepState(s.step, s.done_on, s.expires_on) for s in application.hire_steps.all()]
        warnings = hire_warnings(states, today=today)
        if not warnings:
            continue
        count += 1
        recipients = users.filter(pk=application.candidate.user_id) | users.filter(
            employer_membership__employer_id=application.job.employer_id,
            employer_membership__role=EmployerMember.Role.ADMIN,
        )
        tell(
            users=recipients,
            link=reverse("application_hire", args=[application.pk]),
            template="hire_warnings",
            context={
                "application": application,
                "warnings": warnings,
                "labels": HIRE_STEP_LABELS,
                "site_url": site_url(),
            },
        )
    return count


def hires_needing_attention(*, applications, today: date | None = None) -> list[dict]:
    """For the dashboards: each active hire among ``applications`` that has a warning."""
    today = today or timezone.localdate()
    active = applications.filter(stage__in=["accepted", "departed", "arrived"]).prefetch_related(
        "hire_steps"
    )
    found = []
    for application in active:
        states = [StepState(s.step, s.done_on, s.expires_on) for s in application.hire_steps.all()]
        warnings = [_warning_text(w) for w in hire_warnings(states, today=today)]
        if warnings:
            found.append({"application": application, "warnings": warnings})
    return found
