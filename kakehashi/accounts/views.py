"""Sign-in, password, e-mail confirmation and two-step sign-in pages."""

from __future__ import annotations

from axes.helpers import get_cool_off
from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from kakehashi.accounts import mfa
from kakehashi.accounts.forms import EmailForm, MfaCodeForm, SignInForm
from kakehashi.accounts.limits import rate_limited
from kakehashi.accounts.middleware import MFA_REQUIRED_SESSION_KEY
from kakehashi.accounts.models import RecoveryCodeDevice
from kakehashi.accounts.services import (
    email_confirm,
    email_confirm_user,
    email_confirmation_resend,
    user_password_set,
)


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = SignInForm


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes' answer once an account+address pair has failed too often: 429 with
    Retry-After, the same whether or not the account exists."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 3600
    response = render(
        request,
        "accounts/locked_out.html",
        {"minutes": max(1, seconds // 60)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user_password_set(
            user=request.user, password=form.cleaned_data["new_password1"], reason="changed"
        )
        # This session stays signed in; every other one ends.
        update_session_auth_hash(request, request.user)
        messages.success(
            request,
            _(
                "Your password is changed. Your other sessions are signed out and your API "
                "tokens are revoked."
            ),
        )
        return redirect("account_security")
    return render(request, "accounts/password_change.html", {"form": form})


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's reset page, saving the new password through user_password_set (API tokens
    revoked, audited) and lifting a sign-in lockout of the account."""

    template_name = "accounts/password_reset_confirm.html"

    def form_valid(self, form):
        user_password_set(
            user=form.user, password=form.cleaned_data["new_password1"], reason="reset"
        )
        axes_reset(username=form.user.email)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())


def email_confirm_sent(request):
    """What every sign-up answers, whether or not the address or CNIC had an account."""
    return render(request, "accounts/email_confirm_sent.html")


def email_confirm_view(request, token: str):
    """The link from the confirmation e-mail: a button (so that a mail scanner opening the
    link confirms nothing), which confirms the address and signs the person in."""
    user = email_confirm_user(token=token)
    if user is None:
        return render(request, "accounts/email_confirm.html", {"invalid": True}, status=404)
    if request.method == "POST":
        if email_confirm(user=user):
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Your e-mail address is confirmed. Welcome to Kakehashi."))
            return redirect("dashboard")
        messages.info(request, _("Your e-mail address was already confirmed. Please sign in."))
        return redirect("login")
    return render(
        request, "accounts/email_confirm.html", {"confirmed": user.email_confirmed_at is not None}
    )


@rate_limited(group="email_confirm_resend", setting="RATE_LIMIT_EMAIL_CONFIRM_RESEND")
def email_confirm_resend(request):
    form = EmailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email_confirmation_resend(email=form.cleaned_data["email"])
        return redirect("email_confirm_sent")
    return render(request, "accounts/email_confirm_resend.html", {"form": form})


@login_required
def account_security(request):
    user = request.user
    return render(
        request,
        "accounts/security.html",
        {
            "mfa_offered": mfa.mfa_offered(user),
            "mfa_enrolled": mfa.mfa_enrolled(user),
            "mfa_required": user.is_facilitator,
            "recovery_codes_left": mfa.recovery_codes_left(user=user),
        },
    )


def _next_url(request, default: str = "dashboard") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    # Only a path on this site: a bare word would be read by redirect() as a URL name.
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _codes_page(request, codes: list[str]):
    response = render(request, "accounts/recovery_codes.html", {"codes": codes})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def mfa_setup(request):
    """Set up an authenticator app: scan the QR code (or type the key), confirm with a code;
    the recovery codes are then shown once."""
    user = request.user
    if not mfa.mfa_offered(user):
        raise Http404
    if mfa.mfa_enrolled(user) and not user.is_verified():
        # Replacing the authenticator needs the current one (or a recovery code) first.
        return redirect(f"{reverse('mfa_verify')}?next={reverse('mfa_setup')}")
    device = mfa.totp_device_pending(user=user)
    form = MfaCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.totp_device_confirm(device=device, code=form.cleaned_data["code"])
        if codes is not None:
            request.session.cycle_key()
            otp_login(request, device)
            request.session[MFA_REQUIRED_SESSION_KEY] = True
            messages.success(request, _("Two-step sign-in is on."))
            return _codes_page(request, codes)
        form.add_error(
            "code",
            _("That code is not right. Codes change every 30 seconds: type the one shown now."),
        )
    response = render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr_svg": mfa.totp_qr_svg(device),
            "key": mfa.totp_key_base32(device),
            "required": user.is_facilitator,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def mfa_verify(request):
    """The second step of signing in: a code from the authenticator app or a recovery code."""
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    form = MfaCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = mfa.mfa_code_check(user=user, code=form.cleaned_data["code"])
        if device is not None:
            request.session.cycle_key()
            otp_login(request, device)
            if isinstance(device, RecoveryCodeDevice):
                messages.warning(
                    request,
                    _(
                        "You signed in with a recovery code; %(left)d are left. Make new ones "
                        "under Security if you are running out."
                    )
                    % {"left": mfa.recovery_codes_left(user=user)},
                )
            return redirect(_next_url(request))
        form.add_error(
            "code",
            _(
                "That code is not right. Type the six digits shown now, or one of your "
                "recovery codes. After several wrong codes, wait a few seconds between tries."
            ),
        )
    return render(
        request, "accounts/mfa_verify.html", {"form": form, "next": _next_url(request, "")}
    )


@require_POST
@login_required
def mfa_recovery_codes_make(request):
    """New recovery codes (the old ones stop working), shown once."""
    if not mfa.mfa_enrolled(request.user):
        raise Http404
    return _codes_page(request, mfa.recovery_codes_make(user=request.user))
