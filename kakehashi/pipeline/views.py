from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engine.pipeline import pipeline
from kakehashi.candidates.selectors import FULL_PROFILE_STAGES
from kakehashi.core.decorators import role_required
from kakehashi.core.errors import ApplicationError
from kakehashi.employers.selectors import employer_for_member
from kakehashi.jobs.selectors import job_get_for_user
from kakehashi.pipeline.models import REASONS
from kakehashi.pipeline.selectors import application_get_for_user
from kakehashi.pipeline.services import application_advance, profile_share_request
from kakehashi.pipeline.visa import visa_report

# What each button does: (stage to move to, or a request), for the side that may press it.
_ACTIONS = {
    "shortlist": "shortlisted",
    "reject": "rejected",
    "invite": "invited",
    "share": "profile_shared",
    "decline": "declined",
    "withdraw": "withdrawn",
    "accept": "accepted",
}


@role_required("employer")
def job_applications(request, job_id: int):
    """The company's view of who applied to a job: blind until each candidate shares."""
    job = job_get_for_user(job_id=job_id, user=request.user)
    if employer_for_member(request.user) != job.employer or not job.employer.is_verified:
        raise Http404
    applications = (
        job.applications.select_related("candidate__user")
        .prefetch_related("candidate__skills__skill")
        .order_by("-updated_at")
    )
    rows = [
        {
            "application": a,
            "shows_name": a.stage in FULL_PROFILE_STAGES,
            "can": set(pipeline().allowed(a.stage)),
        }
        for a in applications
    ]
    return render(
        request,
        "pipeline/job_applications.html",
        {"job": job, "rows": rows, "reasons": REASONS["rejected"]},
    )


@require_POST
def application_action(request, application_id: int):
    application = application_get_for_user(application_id=application_id, user=request.user)
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    try:
        if action == "request_profile":
            profile_share_request(application=application, actor=request.user)
        elif action in _ACTIONS:
            stage = _ACTIONS[action]
            if stage in REASONS and reason not in REASONS[stage]:
                raise ApplicationError(_("Choose a reason from the list."))
            application_advance(
                application=application, stage=stage, actor=request.user, reason=reason
            )
        else:
            raise Http404
    except PermissionDenied:
        raise Http404 from None
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Done."))
    if request.user.is_candidate:
        return redirect("candidate_dashboard")
    return redirect("job_applications", job_id=application.job_id)


def application_visa(request, application_id: int):
    """Which Japanese residence statuses are open for this candidate and job, and why."""
    if not request.user.is_authenticated:
        raise Http404
    application = application_get_for_user(application_id=application_id, user=request.user)
    report = visa_report(profile=application.candidate, job=application.job)
    return render(request, "pipeline/visa.html", {"application": application, "report": report})
