from django import forms
from django.utils.translation import gettext_lazy as _

from engine.codes import CodeError, cnic_clean
from kakehashi.candidates.models import CandidateProfile
from kakehashi.core.choices import city_choices
from kakehashi.core.forms import PasswordPairMixin


class CandidateSignupForm(PasswordPairMixin):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    cnic = forms.CharField(
        label=_("CNIC number"),
        max_length=20,
        help_text=_(
            "As printed on your NADRA card: 12345-1234567-1. Only you and the ministry see it."
        ),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": "12345-1234567-1"}
        ),
    )
    city = forms.ChoiceField(label=_("City"), choices=[("", "—"), *city_choices()])
    language = forms.ChoiceField(
        label=_("Language for e-mails"),
        choices=[("en", "English"), ("ur", "اردو"), ("ja", "日本語")],
    )
    field_order = ["full_name", "email", "cnic", "city", "language", "password1", "password2"]

    def clean_cnic(self) -> str:
        try:
            return cnic_clean(self.cleaned_data["cnic"]).formatted
        except CodeError as error:
            raise forms.ValidationError(str(error)) from None


class CandidateProfileForm(forms.ModelForm):
    class Meta:
        model = CandidateProfile
        fields = [
            "headline",
            "summary",
            "city",
            "phone",
            "english_level",
            "jlpt_level",
            "salary_expectation_jpy",
            "available_from",
            "willing_to_relocate",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "available_from": forms.DateInput(attrs={"type": "date"}),
        }
