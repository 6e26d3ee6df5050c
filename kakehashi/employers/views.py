from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kakehashi.accounts.limits import rate_limited
from kakehashi.core.decorators import duty_required, role_required
from kakehashi.core.errors import ApplicationError
from kakehashi.core.forms import form_add_application_error
from kakehashi.employers import services
from kakehashi.employers.forms import (
    EmployerSignupForm,
    InvitationAcceptForm,
    InvitationForm,
    VerificationDecisionForm,
)
from kakehashi.employers.invitations import invitation_accept, invitation_get, invitation_send
from kakehashi.employers.models import EmployerMember
from kakehashi.employers.selectors import (
    company_terms_current,
    company_terms_get,
    employer_for_member,
    employer_get_for_user,
)


@rate_limited(group="signup", setting="RATE_LIMIT_SIGNUP")
def employer_signup(request):
    if request.user.is_authenticated:
        return redirect("dashboard")
    initial = {"language": "ja" if get_language() == "ja" else "en"}
    terms = company_terms_current()
    form = EmployerSignupForm(request.POST or None, initial=initial, terms=terms)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.employer_signup(
                terms=(company_terms_get(terms_id=data["terms_id"]) or terms) if terms else None,
                name_en=data["name_en"],
                name_ja=data["name_ja"],
                corporate_number=data["corporate_number"],
                prefecture=data["prefecture"],
                size=data["size"],
                is_sme=data["is_sme"],
                category=data["category"],
                website=data["website"],
                admin_email=data["admin_email"],
                admin_name=data["admin_name"],
                admin_password=data["password1"],
                language=data["language"],
            )
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            # The same answer whether the account is new or the address was taken.
            return redirect("email_confirm_sent")
    return render(
        request,
        "employers/signup.html",
        {"form": form, "terms": terms},
    )


@require_POST
@duty_required("verify")
def employer_verification_decide(request, employer_id: int):
    employer = employer_get_for_user(employer_id=employer_id, user=request.user)
    form = VerificationDecisionForm(request.POST)
    if form.is_valid():
        try:
            services.employer_verify(
                employer=employer,
                actor=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                note=form.cleaned_data["note"],
            )
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(company)s: decision recorded.") % {"company": employer})
    return redirect("facilitator_dashboard")


@role_required("employer")
def employer_team(request):
    employer = employer_for_member(request.user)
    is_admin = request.user.employer_membership.role == EmployerMember.Role.ADMIN
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and is_admin and form.is_valid():
        try:
            invitation_send(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            messages.success(request, _("The invitation is on its way."))
            return redirect("employer_team")
    return render(
        request,
        "employers/team.html",
        {
            "employer": employer,
            "members": employer.members.select_related("user").order_by("role"),
            "invitations": employer.invitations.filter(accepted_at__isnull=True),
            "form": form if is_admin else None,
        },
    )


@role_required("employer")
def company_terms(request):
    """The programme's terms: read them, and (a company admin) accept them for the company.
    No candidate is shown to the company before."""
    employer = employer_for_member(request.user)
    if employer is None:
        raise Http404
    terms = company_terms_current()
    is_admin = request.user.employer_membership.role == EmployerMember.Role.ADMIN
    if request.method == "POST" and terms is not None:
        shown = company_terms_get(terms_id=request.POST.get("terms_id", ""))
        try:
            services.company_terms_accept(
                employer=employer, terms=shown or terms, actor=request.user
            )
        except PermissionDenied:
            messages.error(request, _("Only a company admin can accept the terms for the company."))
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _(
                    "Thank you. Your company accepted the terms: your team can now see the candidates' blind profiles and shortlists."
                ),
            )
            return redirect("employer_dashboard")
        return redirect("company_terms")
    acceptance = (
        employer.terms_acceptances.filter(terms=terms).select_related("accepted_by").first()
        if terms is not None
        else None
    )
    return render(
        request,
        "employers/terms.html",
        {"employer": employer, "terms": terms, "acceptance": acceptance, "is_admin": is_admin},
    )


def invitation_accept_view(request, token: str):
    try:
        invitation = invitation_get(token)
    except ApplicationError as error:
        return render(request, "employers/invitation.html", {"error": error.message}, status=404)
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                token=token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                language=form.cleaned_data["language"],
            )
        except ApplicationError as error:
            form_add_application_error(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("employer_dashboard")
    return render(request, "employers/invitation.html", {"form": form, "invitation": invitation})
