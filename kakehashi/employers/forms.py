from django import forms
from django.utils.translation import gettext_lazy as _

from engine.codes import CodeError, corporate_number_clean
from kakehashi.core.forms import PasswordPairMixin
from kakehashi.core.validators import single_line
from kakehashi.employers.models import Employer


class EmployerSignupForm(PasswordPairMixin):
    name_en = forms.CharField(
        label=_("Company name (English)"), max_length=200, validators=[single_line]
    )
    name_ja = forms.CharField(
        label=_("Company name (Japanese)"), max_length=200, validators=[single_line]
    )
    corporate_number = forms.CharField(
        label=_("Corporate number (法人番号)"),
        max_length=20,
        validators=[single_line],
        help_text=_("13 digits, from the National Tax Agency's corporate number site."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    prefecture = forms.ChoiceField(
        label=_("Prefecture"),
        # An empty first choice: no company is silently registered in Hokkaido.
        choices=[
            ("", _("Choose the prefecture of the head office")),
            *Employer._meta.get_field("prefecture").choices,
        ],
    )
    size = forms.ChoiceField(label=_("Company size"), choices=Employer.Size.choices)
    is_sme = forms.BooleanField(label=_("Small or medium-sized enterprise"), required=False)
    category = forms.TypedChoiceField(
        label=_("Immigration employer category"),
        choices=Employer.Category.choices,
        coerce=int,
        initial=Employer.Category.OTHER,
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    admin_name = forms.CharField(label=_("Your name"), max_length=150, validators=[single_line])
    admin_email = forms.EmailField(label=_("Your work e-mail address"))
    language = forms.ChoiceField(
        label=_("Language for e-mails"), choices=[("ja", "日本語"), ("en", "English")]
    )
    field_order = [
        "name_en",
        "name_ja",
        "corporate_number",
        "prefecture",
        "size",
        "is_sme",
        "category",
        "website",
        "admin_name",
        "admin_email",
        "language",
        "password1",
        "password2",
        "accept_terms",
    ]
    terms_id = forms.CharField(widget=forms.HiddenInput, required=False)
    accept_terms = forms.BooleanField(
        label=_("I have read the programme's terms above and accept them for my company."),
        error_messages={"required": _("Tick the box to accept the programme's terms.")},
    )

    def __init__(self, *args, terms=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.terms = terms
        if terms is None:  # none published yet: the admin accepts them later
            del self.fields["accept_terms"]
        else:
            self.fields["terms_id"].initial = terms.pk

    def clean_corporate_number(self) -> str:
        try:
            return corporate_number_clean(self.cleaned_data["corporate_number"])
        except CodeError as error:
            raise forms.ValidationError(str(error)) from None


class VerificationDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Verify")), ("reject", _("Reject"))])
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's e-mail address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            ("recruiter", _("Recruiter")),
            ("interviewer", _("Interviewer")),
            ("admin", _("Company admin")),
        ],
    )


class InvitationAcceptForm(PasswordPairMixin):
    full_name = forms.CharField(label=_("Your name"), max_length=150, validators=[single_line])
    language = forms.ChoiceField(label=_("Language"), choices=[("ja", "日本語"), ("en", "English")])
    field_order = ["full_name", "language", "password1", "password2"]
