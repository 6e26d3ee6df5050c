from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from engine.matching import COMPONENTS
from kakehashi.candidates.selectors import candidate_profile_get_for_user
from kakehashi.core.choices import JLPT_CHOICES, city_choices
from kakehashi.core.decorators import role_required
from kakehashi.core.errors import ApplicationError, Refused
from kakehashi.employers.decorators import company_terms_required
from kakehashi.matching import services
from kakehashi.matching.forms import ShortlistFilterForm
from kakehashi.matching.selectors import (
    candidate_recommendations,
    job_shortlist_for_user,
    shortlist_comparison,
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
    )
    compared = [r for r in rows if r.profile.pk in filters["compare"]]
    values = shortlist_comparison(job=job, rows=compared) if compared else []
    return render(
        request,
        "matching/shortlist.html",
        {
            "job": job,
            "rows": rows,
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
