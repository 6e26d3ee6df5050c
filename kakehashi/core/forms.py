from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from kakehashi.core.errors import ApplicationError


def form_add_application_error(form: forms.Form, error: ApplicationError) -> None:
    """Show a service's refusal on the form field it concerns (or at the top of the form)."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


ROW_ID_MAX_DIGITS = 18  # a 64-bit row id


def row_id(text: str) -> int | None:
    """The row id a button or a hidden field posted, or None when ``text`` is not one.
    str.isdigit() alone passes "²", which int() refuses, and ids too long for the database."""
    text = str(text)
    return int(text) if text.isdecimal() and len(text) <= ROW_ID_MAX_DIGITS else None


class QueryForm(forms.Form):
    """A page's query parameters (its GET filters). A bad value is dropped, and its error
    stays on the form for the page to show: it never reaches a selector, so it is never a
    server error. Every field is optional."""

    def values(self) -> dict:
        """Each field's cleaned value; the field's empty value where it is missing or bad."""
        self.is_valid()
        return {
            name: self.cleaned_data[name] if name in self.cleaned_data else field.to_python(None)
            for name, field in self.fields.items()
        }


class PasswordPairMixin(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters; not only digits; not a common password."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                password_validation.validate_password(p1)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
