from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from engine.hiring import hire_rules, step_ready
from kakehashi.core.decorators import role_required
from kakehashi.core.errors import ApplicationError, Refused
from kakehashi.core.validators import single_line
from kakehashi.jobs.selectors import job_get_for_user
from kakehashi.pipeline.hiring import (
    application_hire_warnings,
    hire_step_help,
    hire_step_update,
    visa_post_for,
)
from kakehashi.pipeline.labels import HIRE_STEP_LABELS, STAGE_LABELS, reason_choices
from kakehashi.pipeline.offers import offer_contract_rows
from kakehashi.pipeline.selectors import (
    application_get_for_user,
    application_moves,
    application_offer_get,
    application_read_for_user,
    application_side,
    employer_decides,
)
from kakehashi.pipeline.services import (
    application_advance,
    application_apply,
    profile_share_request,
)
from kakehashi.pipeline.visa import visa_report

# What each button does: (stage to move to, or a request), for the side that may press it.
_ACTIONS = {
    "shortlist": "shortlisted",
    "interviewed": "interviewed",
    "close_offer_withdrawn": "offer_withdrawn",
    "close_visa_refused": "visa_refused",
    "close_coe_expired": "coe_expired",
    "reject": "rejected",
    "invite": "invited",
    "share": "profile_shared",
    "decline": "declined",
    "withdraw": "withdrawn",
}


# What each button did and what comes next, said after it (never a bare "Done.").
_ACTION_DONE = {
    "shortlist": gettext_lazy(
        "Shortlisted. Next: ask the candidate to share the full profile (name, contact, CV)."
    ),
    "request_profile": gettext_lazy(
        "Full profile requested: the candidate is told now. Their name and CV appear here "
        "once they agree; then you can propose interview times."
    ),
    "invite": gettext_lazy(
        "Invited to the ministry's hiring mission: the candidate is told, and the ministry "
        "puts the interview on the mission's timetable."
    ),
    "interviewed": gettext_lazy(
        "Marked as interviewed. Next: fill in the scorecards, then make an offer or reject."
    ),
    "reject": gettext_lazy("Rejected, with the reason you chose. The candidate is told."),
    "share": gettext_lazy(
        "You shared your full profile with the company. Next: they may propose interview "
        "times; you will be told by e-mail and on your dashboard."
    ),
    "decline": gettext_lazy("You declined. The company is told."),
    "withdraw": gettext_lazy("You withdrew your application. The company is told."),
    "close_offer_withdrawn": gettext_lazy("The hire is closed: offer withdrawn."),
    "close_visa_refused": gettext_lazy("The hire is closed: visa refused."),
    "close_coe_expired": gettext_lazy("The hire is closed: Certificate of Eligibility expired."),
}


@require_POST
@role_required("candidate")
def job_apply(request, job_id: int):
    job = job_get_for_user(job_id=job_id, user=request.user)
    try:
        application_apply(job=job, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
        if error.code == "consent_required":  # the page where the candidate can agree
            return redirect("candidate_consent")
    else:
        messages.success(
            request,
            _(
                "You applied. The company sees your profile without your name or contact details until you agree to share them."
            ),
        )
    return redirect("job_detail", job_id=job.pk)


@require_POST
def application_action(request, application_id: int):
    application = application_get_for_user(application_id=application_id, user=request.user)
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    try:
        if action == "request_profile":
            profile_share_request(application=application, actor=request.user)
        elif action in _ACTIONS:
            application_advance(
                application=application, stage=_ACTIONS[action], actor=request.user, reason=reason
            )
        else:
            raise Http404
    except PermissionDenied:
        raise Http404 from None
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _ACTION_DONE[action])
    if request.POST.get("next") == "hire":
        return redirect("application_hire", application_id=application.pk)
    if request.user.is_candidate:
        return redirect("candidate_dashboard")
    return redirect("job_applications", job_id=application.job_id)


def application_visa(request, application_id: int):
    """Which Japanese residence statuses are open for this candidate and job, and why."""
    if not request.user.is_authenticated:
        raise Http404
    application = application_read_for_user(
        application_id=application_id,
        user=request.user,
        fields=("name", "age", "education", "experience"),
        purpose="hire",
    )
    report = visa_report(
        profile=application.candidate, job=application.job, salary_yen=application.offer_salary_jpy
    )
    return render(request, "pipeline/visa.html", {"application": application, "report": report})


class HireStepForm(forms.Form):
    done_on = forms.DateField(
        label=_("Done on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    expires_on = forms.DateField(
        label=_("Expires on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence = forms.FileField(label=_("Evidence"), required=False)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=300, validators=[single_line]
    )


def _hire_not_started_raise(*, application, side: str | None) -> None:
    """Someone who passed the application's door opens its checklist before an offer was
    accepted: say when it starts, at the address they asked for."""
    stage = STAGE_LABELS.get(application.stage, application.stage)
    if side == "candidate":
        raise Refused(
            _(
                "Your checklist to Japan starts when you accept an offer. This application is "
                "at the stage: %(stage)s."
            )
            % {"stage": stage},
            next_step=_(
                "When the company makes you an offer you will be told; once you accept it, the "
                "steps to Japan (degree attestation, Certificate of Eligibility, visa, "
                "emigration clearance) appear here."
            ),
            link=reverse("candidate_dashboard"),
            link_text=_("Your applications"),
        )
    raise Refused(
        _(
            "The hire checklist starts when the candidate accepts an offer. This application "
            "is at the stage: %(stage)s."
        )
        % {"stage": stage},
        link=reverse("job_applications", args=[application.job_id]) if side == "employer" else "",
        link_text=_("Applications for this job"),
    )


def application_hire(request, application_id: int):
    """The checklist from accepted offer to arrival, with deadlines and who acts next."""
    if not request.user.is_authenticated:
        raise Http404
    application = application_read_for_user(
        application_id=application_id,
        user=request.user,
        fields=("name", "hire_documents"),
        purpose="hire",
    )
    side = application_side(application=application, user=request.user)
    steps = list(application.hire_steps.all())
    if not steps:
        _hire_not_started_raise(application=application, side=side)
    if request.method == "POST":
        step = next((s for s in steps if str(s.pk) == request.POST.get("step")), None)
        form = HireStepForm(request.POST, request.FILES)
        if step is None:
            raise Http404
        if form.is_valid():
            try:
                hire_step_update(step=step, actor=request.user, **form.cleaned_data)
            except PermissionDenied:
                raise Http404 from None
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Saved."))
        else:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("application_hire", application_id=application.pk)
    done = {s.step for s in steps if s.done_on}
    decides = employer_decides(request.user)
    offer = application_offer_get(application=application)
    post = visa_post_for(application)
    rows = [
        {
            "step": s,
            "help": hire_step_help(step_id=s.step, post=post),
            "label": HIRE_STEP_LABELS[s.step],
            "ready": step_ready(s.step, done),
            "mine": side == "facilitator" or (side == s.owner and (side != "employer" or decides)),
            "needs_contract": hire_rules().step(s.step).needs_contract,
        }
        for s in steps
    ]
    return render(
        request,
        "pipeline/hire.html",
        {
            "application": application,
            "rows": rows,
            "warnings": application_hire_warnings(application=application),
            "visa_post": post,
            "contract": offer_contract_rows(offer) if offer else [],
            "needs_contract": any(r["needs_contract"] for r in rows),
            # Closing a hire is the company's (a decider's) or the ministry's record; the
            # candidate withdraws from their dashboard instead.
            "outcomes": [
                (f"close_{stage}", STAGE_LABELS[stage], reason_choices(stage))
                for stage in ("offer_withdrawn", "visa_refused", "coe_expired")
                if side in ("employer", "facilitator")
                and stage in application_moves(application=application, user=request.user)
            ],
        },
    )
