"""Pages for both sides of a mission: companies ask to join, interviewers give their hours,
candidates answer their invitation; the organiser follows the background solve."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kakehashi.core.decorators import role_required
from kakehashi.core.errors import ApplicationError
from kakehashi.core.forms import form_add_application_error, row_id
from kakehashi.missions.forms import AvailabilityForm, InvitationAnswerForm
from kakehashi.missions.participation import (
    interview_request_answer,
    interviewer_availability_set,
    mission_days,
    mission_join_ask,
)
from kakehashi.missions.selectors import (
    interview_request_get_for_user,
    mission_get_for_interviewer,
    mission_get_for_user,
    mission_join_requests_for_employer,
    missions_for_interviewer,
    missions_open_to_employer,
)
from kakehashi.pipeline.selectors import employer_decides


@role_required("employer")
def employer_missions(request):
    """Missions being planned: a recruiter or admin asks to join; interviewers give hours."""
    open_missions = missions_open_to_employer(user=request.user)
    if request.method == "POST":
        mission_id = row_id(request.POST.get("mission", ""))
        mission = open_missions.filter(pk=mission_id).first() if mission_id else None
        if mission is None:
            raise Http404
        try:
            mission_join_ask(mission=mission, actor=request.user, note=request.POST.get("note", ""))
        except PermissionDenied:
            raise Http404 from None
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Asked: the ministry's organiser has been told."))
        return redirect("employer_missions")
    joins = mission_join_requests_for_employer(user=request.user)
    return render(
        request,
        "missions/employer_missions.html",
        {
            "rows": [(m, joins.get(m.pk)) for m in open_missions],
            "decides": employer_decides(request.user),
            "mine": missions_for_interviewer(user=request.user),
        },
    )


def mission_availability(request, mission_id: int):
    """An interviewer's hours, day by day, in Pakistan time."""
    mission = mission_get_for_interviewer(mission_id=mission_id, user=request.user)
    days = mission_days(mission)
    given: dict = {}
    for row in mission.availability.filter(interviewer=request.user):
        given.setdefault(row.day, []).append((row.start, row.end))
    form = AvailabilityForm(request.POST or None, days=days, initial_hours=given)
    if request.method == "POST" and form.is_valid():
        try:
            hours = form.hours()
            n = interviewer_availability_set(mission=mission, actor=request.user, hours=hours)
        except forms.ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            raise Http404 from None
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Saved: %(n)d time windows.") % {"n": n})
            return redirect("mission_availability", mission_id=mission.pk)
    return render(
        request,
        "missions/availability.html",
        {"mission": mission, "form": form, "given": bool(given)},
    )


def interview_request_answer_view(request, request_id: int):
    """The candidate's answer to a mission invitation."""
    invitation = interview_request_get_for_user(request_id=request_id, user=request.user)
    if invitation.application.candidate.user_id != request.user.pk:
        raise Http404  # organisers see the answer on the mission page
    days = mission_days(invitation.mission)
    form = InvitationAnswerForm(
        request.POST or None,
        days=days,
        initial={
            "unavailable_days": invitation.unavailable_days,
            "attendance": invitation.attendance,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            interview_request_answer(
                request=invitation,
                actor=request.user,
                accept=request.POST.get("answer") == "accept",
                unavailable_days=form.chosen_days(),
                attendance=form.cleaned_data["attendance"],
                reason=form.cleaned_data["reason"],
            )
        except PermissionDenied:
            raise Http404 from None
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Thank you: your answer is saved."))
            return redirect("candidate_dashboard")
    return render(
        request,
        "missions/invitation_answer.html",
        {"invitation": invitation, "mission": invitation.mission, "form": form},
    )


def mission_solve_status(request, mission_id: int):
    """The solve's progress, polled by the mission page."""
    mission = mission_get_for_user(mission_id=mission_id, user=request.user)
    return render(request, "missions/_solve_status.html", {"mission": mission})
