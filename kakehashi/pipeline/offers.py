"""Offers with terms: the company states salary, allowances, hours, start, contract length,
residence status, place and an answer-by date; an offer below the residence status's salary
floor (engine.visa) is refused; the candidate reads every term (page and bilingual PDF) and
accepts, declines with a reason, or lets it expire. The accepted terms are the employment
contract the Protector of Emigrants checks (the hire checklist shows them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from engine.hiring import hire_rules
from engine.pipeline import pipeline
from engine.visa import salary_floor_yen
from kakehashi.audit.services import audit_record
from kakehashi.core.errors import ApplicationError
from kakehashi.core.site import site_url
from kakehashi.jobs.models import Job
from kakehashi.pipeline.interviews import company_people
from kakehashi.pipeline.models import Application, Offer, StageChange
from kakehashi.pipeline.notices import tell
from kakehashi.pipeline.selectors import application_side, employer_decides
from kakehashi.pipeline.services import application_advance

# The job's residence-status codes and the visa engine's route ids.
ENGINE_ROUTE = {
    Job.VisaRoute.ENGINEER: "engineer_humanities_intl",
    Job.VisaRoute.HSP: "hsp_ib",
    Job.VisaRoute.SSW: "ssw_i",
    Job.VisaRoute.ICT: "intra_company_transferee",
}
MAX_CONTRACT_MONTHS = 120
MAX_ANSWER_DAYS = 90

CONTRACT_LABELS = {
    "employer": gettext_lazy("Employer"),
    "job_title": gettext_lazy("Job title"),
    "salary": gettext_lazy("Salary"),
    "duration": gettext_lazy("Duration of the contract"),
    "working_hours": gettext_lazy("Working hours"),
    "accommodation": gettext_lazy("Accommodation"),
    "travel": gettext_lazy("Travel"),
    "insurance": gettext_lazy("Insurance"),
}


@dataclass(frozen=True)
class OfferTerms:
    salary_jpy: int  # a year, bonus included
    working_hours: str
    start_date: dt.date
    contract_months: int
    residence_status: str  # Job.VisaRoute
    expires_on: dt.date  # the candidate answers by this day (inclusive)
    accommodation: str
    travel: str
    insurance: str
    allowances: str = ""
    decision_note: str = ""


def _check_terms(terms: OfferTerms, *, today: dt.date) -> None:
    if terms.salary_jpy <= 0:
        raise ApplicationError(_("Give the annual salary in yen."), field="salary_jpy")
    if terms.residence_status not in ENGINE_ROUTE:
        raise ApplicationError(
            _("Choose the residence status applied for."), field="residence_status"
        )
    floor = salary_floor_yen(ENGINE_ROUTE[Job.VisaRoute(terms.residence_status)])
    if floor is not None and terms.salary_jpy < floor:
        raise ApplicationError(
            _(
                "%(route)s needs an annual salary of at least ¥%(floor)s; this offer gives "
                "¥%(salary)s. Raise the salary or choose another residence status."
            )
            % {
                "route": Job.VisaRoute(terms.residence_status).label,
                "floor": f"{floor:,}",
                "salary": f"{terms.salary_jpy:,}",
            },
            field="salary_jpy",
            code="below_floor",
        )
    if terms.start_date <= today:
        raise ApplicationError(_("The start date must be in the future."), field="start_date")
    if not 1 <= terms.contract_months <= MAX_CONTRACT_MONTHS:
        raise ApplicationError(
            _("Give the contract length in months, from 1 to %(n)d.") % {"n": MAX_CONTRACT_MONTHS},
            field="contract_months",
        )
    if not today < terms.expires_on <= today + dt.timedelta(days=MAX_ANSWER_DAYS):
        raise ApplicationError(
            _("The answer-by date must be after today and within %(n)d days.")
            % {"n": MAX_ANSWER_DAYS},
            field="expires_on",
        )
    if terms.expires_on >= terms.start_date:
        raise ApplicationError(
            _("The candidate must be able to answer before the start date."), field="expires_on"
        )
    for field, value in (
        ("working_hours", terms.working_hours),
        ("accommodation", terms.accommodation),
        ("travel", terms.travel),
        ("insurance", terms.insurance),
    ):
        if not value.strip():
            raise ApplicationError(
                _(
                    "The employment contract must state this (the Protector of Emigrants asks for it)."
                ),
                field=field,
            )


def offer_make(
    *, application: Application, actor, terms: OfferTerms, today: dt.date | None = None
) -> Offer:
    """A recruiter or admin makes the offer after the interview; the application moves to
    "offered" and the candidate is told. Nothing is saved when a term is refused."""
    if application_side(application=application, user=actor) != "employer" or not employer_decides(
        actor
    ):
        raise PermissionDenied
    today = today or timezone.localdate()
    if "offered" not in pipeline().allowed(application.stage):
        raise ApplicationError(
            _("An offer follows the interview: record the interview first."), code="stage"
        )
    _check_terms(terms, today=today)
    with transaction.atomic():
        Offer.objects.filter(application=application).delete()  # an earlier, closed offer
        offer = Offer.objects.create(
            application=application,
            salary_jpy=terms.salary_jpy,
            allowances=terms.allowances.strip(),
            working_hours=terms.working_hours.strip(),
            start_date=terms.start_date,
            contract_months=terms.contract_months,
            residence_status=terms.residence_status,
            prefecture=application.job.prefecture,
            accommodation=terms.accommodation.strip(),
            travel=terms.travel.strip(),
            insurance=terms.insurance.strip(),
            expires_on=terms.expires_on,
            decision_note=terms.decision_note.strip(),
            created_by=actor,
        )
        application.offer_salary_jpy = terms.salary_jpy
        application.offer_start_date = terms.start_date
        application.save(update_fields=["offer_salary_jpy", "offer_start_date", "updated_at"])
        audit_record(
            actor=actor,
            action="offer.made",
            obj=offer,
            details={
                "application": application.pk,
                "salary_jpy": terms.salary_jpy,
                "residence_status": terms.residence_status,
                "expires_on": terms.expires_on.isoformat(),
                "why": offer.decision_note,
            },
        )
        application_advance(
            application=application, stage="offered", actor=actor, entered_by="offer"
        )
    return offer


def offer_expire_if_due(*, offer: Offer, today: dt.date | None = None) -> bool:
    """Close an open offer whose answer-by day has passed: the offer is expired and the
    application moves to "offer_expired"; both sides are told. Run at read time and daily."""
    today = today or timezone.localdate()
    if offer.status != Offer.Status.OPEN or offer.expires_on >= today:
        return False
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=offer.application_id)
        if application.stage != "offered":
            return False  # the application moved on (withdrawn, offer withdrawn): not expiry
        claimed = Offer.objects.filter(pk=offer.pk, status=Offer.Status.OPEN).update(
            status=Offer.Status.EXPIRED, answered_at=timezone.now()
        )
        if not claimed:
            return False
        offer.status = Offer.Status.EXPIRED
        application.stage = "offer_expired"
        application.save(update_fields=["stage", "updated_at"])
        StageChange.objects.create(
            application=application, from_stage="offered", to_stage="offer_expired"
        )
        audit_record(
            actor=None,
            action="offer.expired",
            obj=offer,
            details={"application": application.pk, "expires_on": offer.expires_on.isoformat()},
        )
        link = reverse("application_offer", args=[application.pk])
        context = {"offer": offer, "application": application, "site_url": site_url()}
        tell(
            users=[application.candidate.user], template="offer_expired", context=context, link=link
        )
        tell(
            users=company_people(application=application),
            template="offer_expired",
            context=context,
            link=link,
        )
    return True


def offers_expire_due(*, today: dt.date | None = None) -> int:
    """The daily sweep (Celery beat): expire every open offer past its answer-by day."""
    today = today or timezone.localdate()
    due = Offer.objects.filter(
        status=Offer.Status.OPEN, expires_on__lt=today, application__stage="offered"
    )
    return sum(offer_expire_if_due(offer=o, today=today) for o in due)


def offer_accept(*, offer: Offer, actor, terms_read: bool, today: dt.date | None = None) -> Offer:
    """The candidate accepts, having confirmed they read every term; the hire checklist
    opens with the contract. An expired offer cannot be accepted."""
    application = offer.application
    if application_side(application=application, user=actor) != "candidate":
        raise PermissionDenied
    if offer_expire_if_due(offer=offer, today=today):
        raise ApplicationError(
            _("This offer expired on %(date)s: ask the company for a new one.")
            % {"date": offer.expires_on.isoformat()},
            code="expired",
        )
    if offer.status != Offer.Status.OPEN:
        raise ApplicationError(_("This offer is closed."), code="status")
    if not terms_read:
        raise ApplicationError(
            _("Tick the box to confirm you have read every term of the offer."), field="terms_read"
        )
    with transaction.atomic():
        application_advance(
            application=application, stage="accepted", actor=actor, entered_by="offer"
        )
        offer.status = Offer.Status.ACCEPTED
        offer.answered_at = timezone.now()
        offer.save(update_fields=["status", "answered_at"])
        audit_record(actor=actor, action="offer.accepted", obj=offer)
    return offer


def offer_decline(*, offer: Offer, actor, reason: str, today: dt.date | None = None) -> Offer:
    """The candidate declines with a reason code (the declined stage's list)."""
    application = offer.application
    if application_side(application=application, user=actor) != "candidate":
        raise PermissionDenied
    if offer_expire_if_due(offer=offer, today=today):
        raise ApplicationError(_("This offer has already expired."), code="expired")
    if offer.status != Offer.Status.OPEN:
        raise ApplicationError(_("This offer is closed."), code="status")
    with transaction.atomic():
        application_advance(application=application, stage="declined", actor=actor, reason=reason)
        offer.status = Offer.Status.DECLINED
        offer.answer_reason = reason
        offer.answered_at = timezone.now()
        offer.save(update_fields=["status", "answer_reason", "answered_at"])
        audit_record(actor=actor, action="offer.declined", obj=offer, details={"reason": reason})
    return offer


def offer_contract_rows(offer: Offer) -> list[tuple[str, str]]:
    """The Foreign Service Agreement's terms (engine/data/hire_steps.json's contract_fields)
    as (label, value), in that order, for the hire checklist and the letter."""
    application = offer.application
    job = application.job
    values = {
        "employer": f"{job.employer.name_en} / {job.employer.name_ja}",
        "job_title": job.title,
        "salary": _("¥%(salary)s a year (bonus included)") % {"salary": f"{offer.salary_jpy:,}"}
        + (f"; {offer.allowances}" if offer.allowances else ""),
        "duration": _("%(n)d months from %(start)s")
        % {"n": offer.contract_months, "start": offer.start_date.isoformat()},
        "working_hours": offer.working_hours,
        "accommodation": offer.accommodation,
        "travel": offer.travel,
        "insurance": offer.insurance,
    }
    return [(str(CONTRACT_LABELS[f]), values[f]) for f in hire_rules().contract_fields]
