from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kakehashi.accounts.limits import rate_limited
from kakehashi.audit.selectors import personal_data_accesses_for_subject
from kakehashi.candidates import cv, documents, privacy, services
from kakehashi.candidates.forms import (
    CandidateProfileForm,
    CandidateSignupForm,
    CertificationForm,
    EducationFormSet,
    EmploymentFormSet,
    SkillFormSet,
    formset_row_edits,
)
from kakehashi.candidates.models import CandidateProfile
from kakehashi.candidates.selectors import (
    SHARE_PURPOSE,
    candidate_profile_get_for_user,
    candidate_profile_read_for_user,
    certification_get_for_user,
    consent_active_record,
    consent_text_current,
    consent_text_get,
    cv_document_get_for_user,
    institutions_as_seen,
    profile_texts_as_seen,
)
from kakehashi.core.choices import ENGLISH_CHOICES
from kakehashi.core.decorators import duty_required, role_required
from kakehashi.core.errors import ApplicationError
from kakehashi.core.files import private_file_response
from kakehashi.core.forms import form_add_application_error


@rate_limited(group="signup", setting="RATE_LIMIT_SIGNUP")
def candidate_signup(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = CandidateSignupForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.candidate_signup(
                email=data["email"],
                full_name=data["full_name"],
                password=data["password1"],
                cnic=data["cnic"],
                city=data["city"],
                city_other=data["city_other"],
                language=data["language"],
            )
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            # The same answer whether the account is new or the address or CNIC was taken.
            return redirect("email_confirm_sent")
    return render(request, "candidates/signup.html", {"form": form})


def _own_profile(request) -> CandidateProfile:
    return candidate_profile_get_for_user(
        profile_id=request.user.candidate_profile.pk, user=request.user
    ).profile


@role_required("candidate")
def candidate_profile_edit(request):
    """Review and correct the profile (pre-filled from the CV); what is saved here is kept."""
    profile = _own_profile(request)
    data = request.POST or None
    form = CandidateProfileForm(data, instance=profile)
    formsets = [
        EducationFormSet(data, instance=profile, prefix="education"),
        EmploymentFormSet(data, instance=profile, prefix="employment"),
        SkillFormSet(
            data,
            instance=profile,
            prefix="skills",
            queryset=profile.skills.select_related("skill").order_by(
                F("years").desc(nulls_last=True), "skill__name_en"
            ),
        ),
    ]
    if request.method == "POST" and form.is_valid() and all(f.is_valid() for f in formsets):
        education, employment, skills = (formset_row_edits(f) for f in formsets)
        services.candidate_profile_review_save(
            profile=profile,
            actor=request.user,
            fields=form.cleaned_data,
            education=education,
            employment=employment,
            skills=skills,
        )
        messages.success(request, _("Your profile is saved."))
        return redirect("candidate_dashboard")
    return render(
        request,
        "candidates/profile_edit.html",
        {"form": form, "profile": profile, "formsets": formsets, "cv": profile.cvs.first()},
    )


@role_required("candidate")
def candidate_consent(request):
    profile = _own_profile(request)
    text = consent_text_current(purpose=SHARE_PURPOSE)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "withdraw":
                services.consent_withdraw(profile=profile, purpose=SHARE_PURPOSE)
                messages.success(
                    request, _("Consent withdrawn. Employers no longer see your profile.")
                )
            else:
                shown = consent_text_get(text_id=request.POST.get("text_id", ""))
                services.consent_give(profile=profile, purpose=SHARE_PURPOSE, text=shown)
                messages.success(
                    request,
                    _(
                        "Thank you. Verified Japanese employers can now see your profile without your personal data."
                    ),
                )
            return redirect("candidate_dashboard")
        except ApplicationError as error:
            messages.error(request, error.message)
    return render(
        request,
        "candidates/consent.html",
        {
            "text": text,
            "body": text.body(get_language()) if text else "",
            "active": consent_active_record(profile=profile, purpose=SHARE_PURPOSE),
            "history": profile.consents.select_related("text"),
        },
    )


def _detail_render(request, access, *, cnic: str | None = None):
    profile = access.profile
    education, employment = list(profile.education.all()), list(profile.employment.all())
    institutions = institutions_as_seen(access=access, education=education)
    return render(
        request,
        "candidates/detail.html",
        {
            "access": access,
            "profile": profile,
            "texts": profile_texts_as_seen(
                access=access, education=education, employment=employment
            ),
            "skills": profile.skills.select_related("skill").order_by(
                F("years").desc(nulls_last=True), "skill__name_en"
            ),
            "education": education,
            "education_rows": [(e, institutions[e.pk]) for e in education],
            "employment": employment,
            "certifications": profile.certifications.all(),
            "english_level": dict(ENGLISH_CHOICES).get(profile.english_level_effective, ""),
            "cnic": cnic,
        },
    )


@login_required
def candidate_detail(request, profile_id: int):
    """A candidate profile as the viewer may see it: blind for employers until shared."""
    return _detail_render(
        request,
        candidate_profile_read_for_user(profile_id=profile_id, user=request.user, channel="page"),
    )


@require_POST
@duty_required("verify")
def candidate_cnic_reveal(request, profile_id: int):
    """Show the full CNIC in this one response (never stored in a session or URL); audited."""
    access = candidate_profile_read_for_user(
        profile_id=profile_id, user=request.user, channel="page"
    )
    cnic = services.cnic_reveal(profile=access.profile, actor=request.user)
    response = _detail_render(request, access, cnic=cnic)
    response["Cache-Control"] = "no-store"
    return response


@role_required("candidate")
def candidate_data(request):
    """Download everything we hold (JSON), or delete the account."""
    profile = _own_profile(request)
    if request.method == "POST" and request.POST.get("action") == "export":
        data = privacy.candidate_data_export(profile=profile, actor=request.user)
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
        response["Content-Disposition"] = 'attachment; filename="kakehashi-my-data.json"'
        return response
    error = None
    if request.method == "POST" and request.POST.get("action") == "delete":
        try:
            privacy.candidate_account_delete(
                profile=profile, actor=request.user, password=request.POST.get("password", "")
            )
        except ApplicationError as exc:
            error = exc.message
        else:
            logout(request)
            messages.success(request, _("Your account and personal data are deleted."))
            return redirect("home")
    return render(request, "candidates/data.html", {"error": error})


@role_required("candidate")
def candidate_data_seen(request):
    """Who has seen my data: every view of the candidate's personal data by a company or a
    ministry officer, with why and whether it went to Japan."""
    profile = _own_profile(request)
    return render(
        request,
        "candidates/data_seen.html",
        {"lines": personal_data_accesses_for_subject(subject_id=profile.pk)},
    )


@role_required("candidate")
def candidate_certifications(request):
    profile = _own_profile(request)
    form = CertificationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            documents.certification_add(
                profile=profile,
                actor=request.user,
                fields={k: v for k, v in form.cleaned_data.items() if k != "evidence"},
                evidence=form.cleaned_data.get("evidence"),
            )
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("Saved. The ministry will verify it."))
            return redirect("candidate_certifications")
    return render(
        request,
        "candidates/certifications.html",
        {
            "form": form,
            "certifications": profile.certifications.all(),
            "education": profile.education.all(),
        },
    )


@login_required
def certification_evidence(request, certification_id: int):
    cert = certification_get_for_user(certification_id=certification_id, user=request.user)
    handle = documents.certification_evidence_open(certification=cert, actor=request.user)
    return private_file_response(handle, Path(cert.evidence.name).name)


class CvUploadForm(forms.Form):
    # Lazy: the label is read in each page's language, not in the one active at import.
    file = forms.FileField(label=gettext_lazy("Your CV (PDF, Word .docx, .txt or JSON Resume)"))


@role_required("candidate")
def candidate_cv(request):
    """Upload a CV; it is read in the background and pre-fills the profile for review."""
    profile = _own_profile(request)
    form = CvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            cv.cv_upload(profile=profile, actor=request.user, upload=form.cleaned_data["file"])
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            return redirect("candidate_cv")
    if request.method == "GET" and request.GET.get("export") == "json-resume":
        response = JsonResponse(
            cv.profile_to_json_resume(profile),
            json_dumps_params={"ensure_ascii": False, "indent": 1},
        )
        response["Content-Disposition"] = 'attachment; filename="resume.json"'
        return response
    documents_ = profile.cvs.all()[:5]
    return render(
        request, "candidates/cv.html", {"form": form, "documents": documents_, "profile": profile}
    )


@role_required("candidate")
def candidate_cv_state(request, document_id: int):
    """The state of one upload, polled by the page (htmx) while it is being read."""
    document = cv_document_get_for_user(document_id=document_id, user=request.user)
    if document.profile_id != _own_profile(request).pk:
        raise Http404
    return render(request, "candidates/_cv_state.html", {"d": document})


@require_POST
@role_required("candidate")
def candidate_cv_delete(request, document_id: int):
    """The candidate removes one of their uploads (a failed one, typically)."""
    document = cv_document_get_for_user(document_id=document_id, user=request.user)
    if document.profile_id != _own_profile(request).pk:
        raise Http404
    try:
        cv.cv_document_delete(document=document, actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The upload is deleted."))
    return redirect("candidate_cv")


@login_required
def cv_download(request, document_id: int):
    document = cv_document_get_for_user(document_id=document_id, user=request.user)
    handle = cv.cv_original_open(document=document, actor=request.user)
    return private_file_response(handle, document.original_name)
