from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kakehashi.core.decorators import role_required
from kakehashi.core.errors import ApplicationError
from kakehashi.core.forms import form_add_application_error
from kakehashi.employers.models import Employer
from kakehashi.missions import services
from kakehashi.missions.calendar import interviews_ics
from kakehashi.missions.forms import InterpreterForm, LegForm, MissionForm, PanelForm
from kakehashi.missions.models import Interview, Mission
from kakehashi.missions.pdf import mission_timetable_pdf


@role_required("facilitator")
def mission_list(request):
    form = MissionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        mission = form.save(commit=False)
        mission.organiser = request.user
        mission.save()
        return redirect("mission_detail", mission_id=mission.pk)
    return render(request, "missions/list.html", {"missions": Mission.objects.all(), "form": form})


@role_required("facilitator")
def mission_detail(request, mission_id: int):
    """Plan the mission: legs, companies, panels, interpreters, candidates; solve; publish."""
    mission = get_object_or_404(Mission, pk=mission_id)
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
            employer = get_object_or_404(Employer, pk=request.POST.get("employer"))
            services.mission_employer_add(mission=mission, actor=request.user, employer=employer)
            return redirect("mission_detail", mission_id=mission.pk)
        if action in ("panel", "interpreter"):
            form = panel_form if action == "panel" else interpreter_form
            if form.is_valid():
                services.mission_form_save(
                    mission=mission, actor=request.user, form=form, action=action
                )
                return redirect("mission_detail", mission_id=mission.pk)
        if action == "collect":
            n = services.mission_requests_collect(mission=mission, actor=request.user)
            messages.success(request, _("%(n)d invited candidates added.") % {"n": n})
            return redirect("mission_detail", mission_id=mission.pk)
        if action == "solve":
            f = services.mission_solve(mission=mission, actor=request.user)
            messages.success(
                request,
                _("Timetable: %(s)d of %(r)d interviews placed in %(t)s s.")
                % {"s": f["scheduled"], "r": f["requested"], "t": f["seconds"]},
            )
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
        if action == "leg":
            form_add_application_error(leg_form, error)
    interviews = (
        Interview.objects.filter(request__mission=mission)
        .select_related(
            "request__application__job__employer", "leg", "room", "panel__employer", "interpreter"
        )
        .order_by("leg", "start", "room__name")
    )
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
            "interviews": interviews,
            "leg_form": leg_form,
            "panel_form": panel_form,
            "interpreter_form": interpreter_form,
            "verified_employers": Employer.objects.filter(verification_status="verified").exclude(
                pk__in=mission.employers.all()
            ),
        },
    )


@role_required("facilitator")
def mission_checkin(request, mission_id: int):
    """Day-of desk: type (or scan) the code from the invitation; mark no-shows."""
    mission = get_object_or_404(Mission, pk=mission_id)
    if request.method == "POST":
        try:
            if request.POST.get("no_show"):
                interview = get_object_or_404(
                    Interview, pk=request.POST["no_show"], request__mission=mission
                )
                services.interview_no_show(interview=interview, actor=request.user)
                messages.success(
                    request, _("Marked as not come; the slot is free for re-planning.")
                )
            else:
                interview = services.interview_checkin(
                    mission=mission, code=request.POST.get("code", ""), actor=request.user
                )
                messages.success(
                    request,
                    _("Welcome: checked in for %(time)s.")
                    % {"time": interview.start.strftime("%H:%M")},
                )
        except ApplicationError as error:
            messages.error(request, error.message)
        return redirect("mission_checkin", mission_id=mission.pk)
    interviews = (
        Interview.objects.filter(request__mission=mission)
        .select_related("request__application__job", "room", "leg")
        .order_by("start")
    )
    return render(request, "missions/checkin.html", {"mission": mission, "interviews": interviews})


def interview_ics(request, interview_id: int):
    """An interview's calendar file, for its candidate, its panel and the ministry."""
    interview = (
        Interview.objects.select_related(
            "request__application__candidate",
            "request__application__job__employer",
            "leg",
            "room",
            "panel",
        )
        .filter(pk=interview_id)
        .first()
    )
    user = request.user
    if interview is None or not user.is_authenticated:
        raise Http404
    allowed = (
        user.is_facilitator
        or interview.request.application.candidate.user_id == user.pk
        or interview.panel.interviewers.filter(pk=user.pk).exists()
    )
    if not allowed:
        raise Http404
    response = HttpResponse(
        interviews_ics([interview], title="Kakehashi"), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="interview-{interview.pk}.ics"'
    return response


@require_POST
@role_required("facilitator")
def mission_replan(request, mission_id: int):
    mission = get_object_or_404(Mission, pk=mission_id)
    try:
        f = services.mission_solve(mission=mission, actor=request.user, time_limit_s=5)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Re-planned: %(k)d interviews kept, %(m)d moved.")
            % {"k": f["kept"], "m": f["moved"]},
        )
    return redirect("mission_checkin", mission_id=mission.pk)


@role_required("facilitator")
def mission_timetable_pdf_view(request, mission_id: int):
    mission = get_object_or_404(Mission, pk=mission_id)
    response = HttpResponse(mission_timetable_pdf(mission), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="timetable-{mission.pk}.pdf"'
    return response
