from django import forms
from django.contrib.auth.forms import AdminPasswordChangeForm, AuthenticationForm, UsernameField
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kakehashi.accounts.services import user_password_set
from kakehashi.core.validators import single_line


class SignInForm(AuthenticationForm):
    """Django's sign-in form (it passes the request to authenticate, so django-axes counts
    failures), refusing an account whose e-mail address is not confirmed yet. That is said
    only to someone who typed the right password."""

    username = UsernameField(
        widget=forms.TextInput(attrs={"autofocus": True}), validators=[single_line]
    )
    unconfirmed = False

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        if user.email_confirmed_at is None:
            self.unconfirmed = True
            raise ValidationError(
                _("Confirm your e-mail address first: open the link we sent you."),
                code="unconfirmed",
            )


class MfaCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        validators=[single_line],
        help_text=_("The six digits your authenticator app shows now, or a recovery code."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


class EmailForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))


class AdminPasswordSetForm(AdminPasswordChangeForm):
    """The admin's "change password" page, saving through user_password_set like the
    person's own pages: every API token revoked, every other session ended, audited."""

    def set_password_and_save(self, user, commit=True, **kwargs):
        usable = self.cleaned_data["set_usable_password"]
        user_password_set(
            user=user,
            password=self.cleaned_data["password1"] if usable else None,
            reason="set_by_admin",
        )
        return user
