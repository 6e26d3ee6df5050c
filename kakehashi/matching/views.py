from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from engine.matching import COMPONENTS
from engine.pipeline import pipeline
from kakehashi.candidates.selectors import candidate_profile_get_for_user
from kakehashi.core.choices import JLPT_CHOICES, city_choices
from kakehashi.core.decorators import role_required
from kakehashi.core.errors import ApplicationError, Refused
from kakehashi.employers.decorators import company_terms_required
from kakehashi.employers.selectors import employer_member_is
from kakehashi.jobs.selectors import job_get_for_user
from kakehashi.matching import services
from kakehashi.matching.forms import SHORTLIST_PAGE_SIZE, ShortlistBulkForm, ShortlistFilterForm
from kakehashi.matching.selectors import (
    candidate_recommendations,
    job_shortlist_for_user,
    match_scores,
    shortlist_comparison,
)
from kakehashi.pipeline.interviews import PROPOSE_FROM
from kakehashi.pipeline.labels import reason_choices
from kakehashi.pipeline.selectors import (
    application_moves,
    applications_seen_record,
    employer_decides,
    job_applications_for_user,
)


@company_terms_required
def job_shortlist(request, job_id: int):
    """Ranked, explained, blind candidates for a job, with filters and comparison."""
    form = ShortlistFilterForm(request.GET)
    filters = form.values()
    job, rows = job_shortlist_for_user(
        job_id=job_id,
        user=request.user,
        jlpt_min=filters["jlpt"],
        city=filters["city"],
        min_score=(filters["min_score"] or 0) / 100,
        sort=filters["sort"] or "score",
    )
    compared = [r for r in rows if r.profile.pk in filters["compare"]]
    values = shortlist_comparison(job=job, rows=compared) if compared else []
    page = Paginator(rows, SHORTLIST_PAGE_SIZE).get_page(filters["page"])
    kept = {
        "jlpt": filters["jlpt"],
        "city": filters["city"],
        "min_score": "" if filters["min_score"] is None else filters["min_score"],
        "sort": filters["sort"],
    }
    return render(
        request,
        "matching/shortlist.html",
        {
            "job": job,
            "rows": page.object_list,
            "page": page,
            "total": len(rows),
            "query_kept": urlencode({k: v for k, v in kept.items() if v != ""}),
            "reasons": reason_choices("rejected"),
            "components": COMPONENTS,
            "compared": compared,
            "compared_values": values,
            "jlpt_choices": JLPT_CHOICES,
            "city_choices": city_choices(),
            "form": form,
            "filters": filters,
        },
    )


@require_POST
@role_required("employer")
def shortlist_add(request, job_id: int, profile_id: int):
    """Put a ranked candidate on the job's shortlist (sourced, then shortlisted)."""
    try:
        services.shortlist_add(job_id=job_id, profile_id=profile_id, actor=request.user)
    except Refused:
        raise  # the company's own job, closed for a reason it may know: the 403 page says why
    except PermissionDenied:
        raise Http404 from None
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Shortlisted. You can now ask the candidate to share the full profile.")
        )
    return redirect("job_shortlist", job_id=job_id)


def _bulk_done_message(action: str, n: int) -> str:
    if action == "shortlist":
        return ngettext(
            "%(n)d candidate shortlisted. Next: ask for the full profile, here or on the "
            "Applications page.",
            "%(n)d candidates shortlisted. Next: ask for their full profiles, here or on the "
            "Applications page.",
            n,
        ) % {"n": n}
    if action == "request_profile":
        return ngettext(
            "Full profile requested from %(n)d candidate. They are told now; their name and CV "
            "appear in Applications once they agree.",
            "Full profiles requested from %(n)d candidates. They are told now; each name and CV "
            "appears in Applications once the candidate agrees.",
            n,
        ) % {"n": n}
    return ngettext(
        "%(n)d candidate rejected for this job, with the reason you chose. They are told.",
        "%(n)d candidates rejected for this job, with the reason you chose. They are told.",
        n,
    ) % {"n": n}


@require_POST
@role_required("employer")
def shortlist_bulk(request, job_id: int, action: str):
    """One action on every candidate ticked in the ranked list: shortlist, ask for the full
    profile, or reject with a reason."""
    if action not in services.BULK_ACTIONS:
        raise Http404
    form = ShortlistBulkForm(request.POST, action=action, reasons=reason_choices("rejected"))
    back = reverse("job_shortlist", args=[job_id])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    outcome = services.shortlist_bulk_apply(
        job_id=job_id,
        profile_ids=form.cleaned_data["compare"],
        action=action,
        actor=request.user,
        reason=form.cleaned_data["reason"],
    )
    if outcome.done:
        messages.success(request, _bulk_done_message(action, len(outcome.done)))
    for profile_id, why in outcome.refused:
        messages.warning(
            request,
            _("Candidate #%(n)s: %(why)s") % {"n": profile_id, "why": why},
        )
    return redirect(back)


@role_required("candidate")
def candidate_jobs(request):
    profile = candidate_profile_get_for_user(
        profile_id=request.user.candidate_profile.pk, user=request.user
    ).profile
    recs = candidate_recommendations(profile=profile)
    return render(
        request,
        "matching/recommendations.html",
        {"recs": recs},
    )


@role_required("employer")
@company_terms_required
def job_applications(request, job_id: int):
    """The company's view of who applied to a job, each scored for it: blind until each
    candidate shares. Here, above pipeline, because the scores are matching's."""
    job = job_get_for_user(job_id=job_id, user=request.user)
    if not employer_member_is(request.user, employer_id=job.employer_id):
        raise Http404
    applications = (
        job_applications_for_user(job=job, user=request.user)
        .select_related("candidate__user", "offer")
        .prefetch_related("candidate__skills__skill", "interview_invites")
        .order_by("-updated_at")
    )
    applications = list(applications)
    # Each candidate scored alone for this job (never a re-ranking); none while no index.
    scores = match_scores(job=job, profile_ids=[a.candidate_id for a in applications])
    rows = [
        {
            "application": a,
            "score": scores.get(a.candidate_id),
            "shows_name": a.stage in pipeline().full_profile,
            "can": application_moves(application=a, user=request.user),
            # The latest interview the company holds itself (outside missions), if any.
            "invite": next(iter(a.interview_invites.all()), None),
            "offer": getattr(a, "offer", None),
        }
        for a in applications
    ]
    applications_seen_record(
        applications=[r["application"] for r in rows],
        user=request.user,
        fields=("name", "headline"),
        purpose="applications",
    )
    return render(
        request,
        "pipeline/job_applications.html",
        {
            "job": job,
            "rows": rows,
            "reasons": reason_choices("rejected"),
            "decides": employer_decides(request.user),
            "interview_stages": PROPOSE_FROM,
        },
    )
