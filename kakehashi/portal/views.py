"""Pages that gather from many apps: the home page, each side's dashboard, and the
ministry's rooms (programme overview, documents to verify)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kakehashi.audit.selectors import audit_events_recent
from kakehashi.audit.services import personal_data_seen
from kakehashi.candidates import documents
from kakehashi.candidates.selectors import (
    SHARE_PURPOSE,
    candidate_profile_completeness,
    candidate_profile_get_for_user,
    certification_get_for_user,
    consent_active_record,
    documents_awaiting_verification,
    education_get_for_user,
)
from kakehashi.core.decorators import duty_required, role_required
from kakehashi.core.errors import ApplicationError
from kakehashi.core.forms import row_id
from kakehashi.core.validators import single_line
from kakehashi.employers.forms import VerificationDecisionForm
from kakehashi.employers.selectors import (
    employer_for_member,
    employer_terms_accepted,
    employers_awaiting_verification,
)
from kakehashi.jobs.selectors import jobs_for_employer, jobs_public
from kakehashi.missions.selectors import interview_requests_for_candidate, interviews_for_user
from kakehashi.pipeline.hiring import hires_needing_attention
from kakehashi.pipeline.labels import reason_choices
from kakehashi.pipeline.selectors import (
    application_moves,
    applications_for_user,
    interview_invites_for_user,
)
from kakehashi.reports.selectors import programme_overview


def home(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    return render(request, "portal/home.html", {"jobs": jobs_public()[:6]})


@login_required
def dashboard(request):
    user = request.user
    if user.is_candidate:
        return redirect("candidate_dashboard")
    if user.is_employer_member:
        return redirect("employer_dashboard")
    return redirect("facilitator_dashboard")


@role_required("candidate")
def candidate_dashboard(request):
    profile = candidate_profile_get_for_user(
        profile_id=request.user.candidate_profile.pk, user=request.user
    ).profile
    applications = applications_for_user(user=request.user).order_by("-updated_at")
    return render(
        request,
        "portal/candidate_dashboard.html",
        {
            "profile": profile,
            "completeness": candidate_profile_completeness(profile=profile),
            "consent": consent_active_record(profile=profile, purpose=SHARE_PURPOSE),
            "applications": applications,
            "withdrawable": {
                a.pk
                for a in applications
                if "withdrawn" in application_moves(application=a, user=request.user)
            },
            "withdraw_reasons": reason_choices("withdrawn"),
            "attention": hires_needing_attention(applications=applications),
            "interviews": interviews_for_user(user=request.user),
            "invites": interview_invites_for_user(user=request.user),
            "mission_invitations": interview_requests_for_candidate(user=request.user),
            "jobs": jobs_public().order_by("-created_at")[:5],
        },
    )


@role_required("employer")
def employer_dashboard(request):
    employer = employer_for_member(request.user)
    jobs = jobs_for_employer(employer=employer).annotate(n_applications=Count("applications"))
    attention = hires_needing_attention(applications=applications_for_user(user=request.user))
    return render(
        request,
        "portal/employer_dashboard.html",
        {
            "employer": employer,
            "terms_accepted": employer_terms_accepted(employer=employer),
            "jobs": jobs,
            "attention": attention,
            "interviews": interviews_for_user(user=request.user),
            "invites": interview_invites_for_user(user=request.user),
        },
    )


@duty_required("reports")
def facilitator_dashboard(request):
    """The ministry's overview; each officer sees the queues of their own sub-role."""
    user = request.user
    verifier = user.has_duty("verify")
    return render(
        request,
        "portal/facilitator_dashboard.html",
        {
            "overview": programme_overview(),
            "may_verify": verifier,
            "may_run_missions": user.has_duty("missions"),
            "queue": employers_awaiting_verification()[:50] if verifier else None,
            "events": audit_events_recent(limit=15) if verifier else None,
            "attention": hires_needing_attention(applications=applications_for_user(user=user)),
            "form": VerificationDecisionForm(),
        },
    )


class CertificationNoteForm(forms.Form):
    """The verifier's note on a certificate (the candidate reads it)."""

    note = forms.CharField(required=False, max_length=300, validators=[single_line])


@duty_required("verify")
def documents_queue(request):
    """The ministry's queue: certificates waiting for verification, and degrees to attest."""
    if request.method == "POST":
        try:
            certification_id = row_id(request.POST.get("certification", ""))
            education_id = row_id(request.POST.get("education", ""))
            if certification_id is not None:
                cert = certification_get_for_user(
                    certification_id=certification_id, user=request.user
                )
                note = CertificationNoteForm(request.POST)
                if not note.is_valid():
                    raise ApplicationError(" ".join(note.errors["note"]))
                documents.certification_decide(
                    certification=cert,
                    actor=request.user,
                    approve=request.POST.get("decision") == "approve",
                    note=note.cleaned_data["note"],
                )
            elif education_id is not None:
                education = education_get_for_user(education_id=education_id, user=request.user)
                documents.education_attestation_set(
                    education=education,
                    actor=request.user,
                    status=request.POST.get("attestation", ""),
                )
            else:
                raise ApplicationError(_("Choose a certificate or a degree."))
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Decision recorded."))
        return redirect("documents_queue")
    pending, degrees = documents_awaiting_verification()
    personal_data_seen(
        actor=request.user,
        subject_ids=[row.profile_id for row in [*pending, *degrees]],
        fields=("name", "certificates", "education"),
        purpose="verification",
        channel="page",
    )
    return render(
        request,
        "portal/documents_queue.html",
        {"pending": pending, "degrees": degrees, "attestations": documents.ATTESTATION_CHOICES},
    )
