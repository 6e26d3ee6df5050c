"""Pages of the interviews a company holds itself: propose times, the interview's page (pick,
ask for other times, decline, reschedule, cancel, mark as held), its .ics, the scorecard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from engine.pipeline import pipeline
from kakehashi.accounts.middleware import user_zone
from kakehashi.core.errors import ApplicationError
from kakehashi.core.forms import form_add_application_error, row_id
from kakehashi.pipeline import interviews
from kakehashi.pipeline.calendar import interview_invite_ics
from kakehashi.pipeline.forms import (
    DeclineForm,
    InterviewProposeForm,
    InterviewRescheduleForm,
    ReasonForm,
    ScorecardForm,
)
from kakehashi.pipeline.scorecards import (
    invite_scored,
    scorecard_criteria,
    scorecard_initial,
    scorecard_may_fill,
    scorecard_own,
    scorecards_side_by_side,
    scored_submit,
)
from kakehashi.pipeline.selectors import (
    application_get_for_user,
    application_side,
    applications_seen_record,
    company_members,
    employer_decides,
    interview_invite_get_for_user,
)


@login_required  # links in e-mails: sign in, then come back here
def interview_propose_view(request, application_id: int):
    """A recruiter or admin proposes interview times (in their own zone)."""
    application = application_get_for_user(application_id=application_id, user=request.user)
    if application_side(application=application, user=request.user) != "employer" or not (
        employer_decides(request.user)
    ):
        raise Http404
    members = company_members(employer_id=application.job.employer_id)
    form = InterviewProposeForm(
        request.POST or None, members=members, initial={"interviewers": [request.user.pk]}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invite = interviews.interview_propose(
                application=application,
                actor=request.user,
                mode=data["mode"],
                video_url=data["video_url"] or "",
                address=data["address"] or "",
                minutes=data["minutes"],
                starts=form.starts(),
                interviewers=list(data["interviewers"]),
            )
        except PermissionDenied:
            raise Http404 from None
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Times proposed: the candidate has been told."))
            return redirect("interview_invite_detail", invite_id=invite.pk)
    return render(
        request,
        "pipeline/interview_propose.html",
        {
            "application": application,
            "form": form,
            "candidate_zone": application.candidate.user.time_zone,
        },
    )


@login_required  # links in e-mails: sign in, then come back here
def interview_invite_detail(request, invite_id: int):
    """The interview's page for both sides: times in the reader's zone with the other's."""
    invite = interview_invite_get_for_user(invite_id=invite_id, user=request.user)
    applications_seen_record(
        applications=[invite.application], user=request.user, fields=("name",), purpose="interview"
    )
    side = application_side(application=invite.application, user=request.user)
    decides = side == "employer" and employer_decides(request.user)
    reschedule_form = InterviewRescheduleForm(
        request.POST if request.POST.get("action") == "reschedule" else None, prefix="re"
    )
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            _act(request, invite, action, reschedule_form)
        except PermissionDenied:
            raise Http404 from None
        except ApplicationError as error:
            messages.error(request, error.message)
            if action == "reschedule":
                form_add_application_error(reschedule_form, error)
        else:
            return redirect("interview_invite_detail", invite_id=invite.pk)
        invite.refresh_from_db()
    preselected = row_id(request.GET.get("slot", ""))
    return render(
        request,
        "pipeline/interview_detail.html",
        {
            "invite": invite,
            "application": invite.application,
            "side": side,
            "decides": decides,
            "shows_name": side != "employer" or invite.application.stage in pipeline().full_profile,
            "is_open": invite.status in interviews.OPEN_STATUSES,
            "slots": list(invite.slots.all()),
            "preselected": preselected,
            "decline_form": DeclineForm(),
            "reason_form": ReasonForm(),
            "reschedule_form": reschedule_form,
            "may_score": scorecard_may_fill(invite=invite, user=request.user),
            "panel": scorecards_side_by_side(invite=invite, user=request.user),
            "interviewers": list(invite.interviewers.all()),
        },
    )


def _act(request, invite, action: str, reschedule_form) -> None:
    user = request.user
    post = request.POST
    if action == "pick":
        slot = row_id(post.get("slot", ""))
        if slot is None:
            raise ApplicationError(_("Choose one of the proposed times."))
        interviews.interview_pick(invite=invite, slot_id=slot, actor=user)
        messages.success(request, _("Booked. The calendar file is in your e-mail and below."))
    elif action == "other_times":
        interviews.interview_other_times_ask(
            invite=invite, actor=user, reason=post.get("reason", "")
        )
        messages.success(request, _("The company has been asked for other times."))
    elif action == "decline":
        form = DeclineForm(post)
        if not form.is_valid():
            raise ApplicationError(_("Choose a reason from the list."))
        interviews.interview_decline(invite=invite, actor=user, reason=form.cleaned_data["reason"])
        messages.success(request, _("You declined the interview; the company has been told."))
    elif action == "reschedule":
        if not reschedule_form.is_valid():
            raise ApplicationError(_("Check the new times and say why."))
        interviews.interview_reschedule(
            invite=invite,
            actor=user,
            starts=reschedule_form.starts(),
            reason=reschedule_form.cleaned_data["reason"],
        )
        messages.success(request, _("New times sent to the candidate."))
    elif action == "cancel":
        interviews.interview_cancel(invite=invite, actor=user, reason=post.get("reason", ""))
        messages.success(request, _("Cancelled; the other side has been told."))
    elif action == "held":
        interviews.interview_held(invite=invite, actor=user)
        messages.success(
            request, _("Recorded as held. Interviewers can now fill their scorecards.")
        )
    else:
        raise Http404


@login_required  # links in e-mails: sign in, then come back here
def interview_invite_ics_view(request, invite_id: int):
    """The booked interview's calendar file, in the reader's own zone."""
    invite = interview_invite_get_for_user(invite_id=invite_id, user=request.user)
    if invite.booked_slot_id is None:
        raise Http404
    zone = user_zone(request.user)
    if zone is None:
        raise Http404
    response = HttpResponse(
        interview_invite_ics(invite, zone=zone), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="interview-{invite.pk}.ics"'
    return response


@login_required  # links in e-mails: sign in, then come back here
def interview_scorecard(request, invite_id: int):
    """An interviewer's scorecard for this interview (theirs only)."""
    invite = interview_invite_get_for_user(invite_id=invite_id, user=request.user)
    if not invite.interviewers.filter(pk=request.user.pk).exists():
        raise Http404
    criteria = scorecard_criteria(job=invite.application.job)
    own = scorecard_own(scored=invite_scored(invite=invite), user=request.user)
    form = ScorecardForm(
        request.POST or None, criteria=criteria, initial=scorecard_initial(card=own)
    )
    if request.method == "POST" and scorecard_form_save(
        request, form=form, scored=invite_scored(invite=invite)
    ):
        return redirect("interview_invite_detail", invite_id=invite.pk)
    return render(
        request,
        "pipeline/scorecard.html",
        {
            "invite": invite,
            "form": form,
            "may_score": scorecard_may_fill(invite=invite, user=request.user),
        },
    )


def scorecard_form_save(request, *, form, scored) -> bool:
    """Save a posted scorecard form for ``scored`` (an invite or a mission interview):
    True once saved (with the message), False with the refusal shown on the form."""
    if not form.is_valid():
        return False
    try:
        scored_submit(
            scored=scored,
            actor=request.user,
            scores=form.scores(),
            recommendation=form.cleaned_data["recommendation"],
            notes=form.cleaned_data["notes"],
        )
    except PermissionDenied:
        raise Http404 from None
    except ApplicationError as error:
        form_add_application_error(form, error)
        return False
    messages.success(request, _("Scorecard saved."))
    return True
