from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from kakehashi.audit.services import personal_data_seen
from kakehashi.core.decorators import duty_required
from kakehashi.core.errors import ApplicationError
from kakehashi.core.forms import form_add_application_error, row_id
from kakehashi.employers.selectors import employer_verified_get, employers_verified
from kakehashi.missions import services
from kakehashi.missions.calendar import interviews_ics
from kakehashi.missions.forms import (
    CheckinSearchForm,
    InterpreterForm,
    LegForm,
    MissionForm,
    PanelForm,
    ShortlistBalanceForm,
)
from kakehashi.missions.participation import mission_join_decide
from kakehashi.missions.pdf import mission_timetable_pdf
from kakehashi.missions.selectors import (
    interview_get_for_scorecards,
    interview_get_for_user,
    interview_scored,
    mission_get_for_user,
    mission_interview_get,
    mission_interviews,
    mission_interviews_search,
    mission_join_request_get,
    mission_shortlists_preview,
    missions_for_user,
)
from kakehashi.missions.tasks import mission_solve_queue
from kakehashi.pipeline.forms import ScorecardForm
from kakehashi.pipeline.scorecards import (
    scorecard_criteria,
    scorecard_initial,
    scorecard_own,
    scored_may_fill,
    scored_side_by_side,
)
from kakehashi.pipeline.selectors import employer_decides
from kakehashi.pipeline.views_interviews import scorecard_form_save

# A re-plan during the mission day: the desk waits for it, so it gets less than a full solve.
REPLAN_LIMIT_S = 5.0


@duty_required("missions")
def mission_list(request):
    form = MissionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        mission = services.mission_create(actor=request.user, fields=form.cleaned_data)
        return redirect("mission_detail", mission_id=mission.pk)
    return render(
        request,
        "missions/list.html",
        {"missions": missions_for_user(user=request.user), "form": form},
    )


def mission_detail(request, mission_id: int):
    """Plan the mission: legs, companies, panels, interpreters, candidates; solve; publish."""
    mission = mission_get_for_user(mission_id=mission_id, user=request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    leg_form = LegForm(request.POST if action == "leg" else None, prefix="leg")
    panel_form = PanelForm(
        request.POST if action == "panel" else None, mission=mission, prefix="panel"
    )
    interpreter_form = InterpreterForm(
        request.POST if action == "interpreter" else None, mission=mission, prefix="int"
    )
    try:
        if action == "leg" and leg_form.is_valid():
            data = dict(leg_form.cleaned_data)
            services.mission_leg_add(
                mission=mission,
                actor=request.user,
                fields={k: v for k, v in data.items() if k != "rooms"},
                rooms=data["rooms"],
            )
            return redirect("mission_detail", mission_id=mission.pk)
        if action == "employer":
            employer_id = row_id(request.POST.get("employer", ""))
            if employer_id is None:
                raise Http404
            employer = employer_verified_get(employer_id=employer_id)
            services.mission_employer_add(mission=mission, actor=request.user, employer=employer)
            return redirect("mission_detail", mission_id=mission.pk)
        if action == "panel" and panel_form.is_valid():
            services.mission_panel_add(
                mission=mission, actor=request.user, **panel_form.cleaned_data
            )
            return redirect("mission_detail", mission_id=mission.pk)
        if action == "interpreter" and interpreter_form.is_valid():
            services.mission_interpreter_add(
                mission=mission, actor=request.user, **interpreter_form.cleaned_data
            )
            return redirect("mission_detail", mission_id=mission.pk)
        if action == "collect":
            n = services.mission_requests_collect(mission=mission, actor=request.user)
            messages.success(request, _("%(n)d invited candidates added.") % {"n": n})
            return redirect("mission_detail", mission_id=mission.pk)
        if action == "solve":
            # In the background: the page shows the progress (missions/_solve_status.html).
            mission_solve_queue(mission=mission, actor=request.user)
            return redirect("mission_detail", mission_id=mission.pk)
        if action in ("join_accept", "join_refuse"):
            join_id = row_id(request.POST.get("join", ""))
            if join_id is None:
                raise Http404
            join = mission_join_request_get(mission=mission, join_id=join_id)
            mission_join_decide(join=join, actor=request.user, accept=action == "join_accept")
            return redirect("mission_detail", mission_id=mission.pk)
        if action == "publish":
            n = services.mission_publish(mission=mission, actor=request.user)
            messages.success(
                request,
                _("Published: %(n)d interviews sent to candidates and interviewers.") % {"n": n},
            )
            return redirect("mission_detail", mission_id=mission.pk)
    except ApplicationError as error:
        messages.error(request, error.message)
        form = {"leg": leg_form, "panel": panel_form, "interpreter": interpreter_form}.get(action)
        if form is not None:
            form_add_application_error(form, error)
    return render(
        request,
        "missions/detail.html",
        {
            "mission": mission,
            "legs": mission.legs.prefetch_related("rooms"),
            "panels": mission.panels.select_related("employer").prefetch_related(
                "interviewers", "legs"
            ),
            "interpreters": mission.interpreters.prefetch_related("legs"),
            "requests": mission.requests.select_related(
                "application__job", "application__candidate"
            ),
            "join_requests": mission.join_requests.select_related("employer", "requested_by"),
            "interviews": mission_interviews(mission=mission),
            "leg_form": leg_form,
            "panel_form": panel_form,
            "interpreter_form": interpreter_form,
            "verified_employers": employers_verified().exclude(pk__in=mission.employers.all()),
        },
    )


def mission_checkin(request, mission_id: int):
    """Day-of desk: type (or scan) the code from the invitation; mark no-shows."""
    mission = mission_get_for_user(mission_id=mission_id, user=request.user)
    if request.method == "POST":
        try:
            if request.POST.get("no_show"):
                no_show = row_id(request.POST["no_show"])
                if no_show is None:
                    raise Http404
                interview = mission_interview_get(mission=mission, interview_id=no_show)
                services.interview_no_show(interview=interview, actor=request.user)
                messages.success(
                    request, _("Marked as not come; the slot is free for re-planning.")
                )
            else:
                interview = services.interview_checkin(
                    mission=mission, code=request.POST.get("code", ""), actor=request.user
                )
                local = timezone.localtime(interview.start, services.KARACHI)
                messages.success(
                    request,
                    _("Welcome: checked in for %(time)s (Pakistan time).")
                    % {"time": local.strftime("%H:%M")},
                )
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("mission_checkin", mission_id=mission.pk)
    search = CheckinSearchForm(request.GET)
    query = search.values()["q"]
    interviews = list(mission_interviews_search(mission=mission, query=query).order_by("start"))
    personal_data_seen(  # the desk lists the candidates' names
        actor=request.user,
        subject_ids=[i.request.application.candidate_id for i in interviews],
        fields=("name", "interview"),
        purpose="mission",
        channel="page",
    )
    return render(
        request,
        "missions/checkin.html",
        {"mission": mission, "interviews": interviews, "search": search, "query": query},
    )


def interview_ics(request, interview_id: int):
    """An interview's calendar file, for its candidate, its panel and mission organisers."""
    interview = interview_get_for_user(interview_id=interview_id, user=request.user)
    response = HttpResponse(
        interviews_ics([interview], title="Kakehashi"), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.ics"'
    return response


@login_required  # links in e-mails: sign in, then come back here
def mission_interview_scorecard(request, interview_id: int):
    """A mission interview's scorecards: each panel interviewer fills their own card; the
    company's recruiters and admins (and an interviewer who has submitted) read the panel's
    cards side by side."""
    interview = interview_get_for_scorecards(interview_id=interview_id, user=request.user)
    scored = interview_scored(interview=interview)
    on_panel = request.user.pk in scored.interviewer_ids
    criteria = scorecard_criteria(job=scored.application.job)
    own = scorecard_own(scored=scored, user=request.user) if on_panel else None
    form = ScorecardForm(
        request.POST or None, criteria=criteria, initial=scorecard_initial(card=own)
    )
    if request.method == "POST":
        if not on_panel:
            raise Http404
        if scorecard_form_save(request, form=form, scored=scored):
            return redirect("mission_interview_scorecard", interview_id=interview.pk)
    return render(
        request,
        "missions/interview_scorecard.html",
        {
            "interview": interview,
            "job": scored.application.job,
            "form": form,
            "on_panel": on_panel,
            "decides": employer_decides(request.user),
            "may_score": scored_may_fill(scored=scored, user=request.user),
            "panel": scored_side_by_side(scored=scored, user=request.user),
        },
    )


@require_POST
def mission_replan(request, mission_id: int):
    """Re-plan the freed slots in the background (5 s: only the freed neighbourhood is
    solved, every untouched interview stays); the desk page shows the progress."""
    mission = mission_get_for_user(mission_id=mission_id, user=request.user)
    try:
        mission_solve_queue(mission=mission, actor=request.user, time_limit_s=REPLAN_LIMIT_S)
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("mission_checkin", mission_id=mission.pk)


def mission_timetable_pdf_view(request, mission_id: int):
    mission = mission_get_for_user(mission_id=mission_id, user=request.user)
    pdf = mission_timetable_pdf(mission)
    personal_data_seen(
        actor=request.user,
        subject_ids=mission_interviews(mission=mission).values_list(
            "request__application__candidate_id", flat=True
        ),
        fields=("name", "interview"),
        purpose="mission",
        channel="pdf",
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="timetable-{mission.pk}.pdf"'
    return response


def mission_shortlists(request, mission_id: int):
    """Balanced shortlists for the mission's companies: a preview against each job's own
    top k, then the proposal (sourced applications the companies review)."""
    mission = mission_get_for_user(mission_id=mission_id, user=request.user)
    if request.method == "POST":
        form = ShortlistBalanceForm(request.POST)
        if form.is_valid():
            try:
                shortlists, created = services.mission_shortlists_balance(
                    mission=mission, actor=request.user, **form.settings()
                )
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(n)d candidate proposed across the mission's jobs (%(j)d); the "
                        "companies see the proposals as sourced in their pipelines.",
                        "%(n)d candidates proposed across the mission's jobs (%(j)d); the "
                        "companies see the proposals as sourced in their pipelines.",
                        created,
                    )
                    % {"n": created, "j": len(shortlists.jobs)},
                )
                return redirect("mission_shortlists", mission_id=mission.pk)
    else:
        form = ShortlistBalanceForm(request.GET or None, initial=ShortlistBalanceForm.DEFAULTS)
    shortlists = mission_shortlists_preview(
        mission=mission, **ShortlistBalanceForm(request.GET).settings()
    )
    return render(
        request,
        "missions/shortlists.html",
        {"mission": mission, "form": form, "shortlists": shortlists},
    )
