from django import forms
from django.utils.translation import gettext_lazy as _

from engine.codes import CodeError, cnic_clean
from engine.cv.credentials import english_test_range
from engine.levels import JLPT_LEVELS
from kakehashi.candidates.models import (
    CandidateProfile,
    CandidateSkill,
    Certification,
    Education,
    Employment,
)
from kakehashi.candidates.services import RowEdit
from kakehashi.core.choices import OTHER_CITY, candidate_city_choices
from kakehashi.core.forms import PasswordPairMixin
from kakehashi.core.validators import single_line
from kakehashi.taxonomy.selectors import skill_get_by_text


class CandidateSignupForm(PasswordPairMixin):
    full_name = forms.CharField(label=_("Full name"), max_length=150, validators=[single_line])
    email = forms.EmailField(label=_("E-mail address"))
    cnic = forms.CharField(
        label=_("CNIC number"),
        max_length=20,
        validators=[single_line],
        help_text=_(
            "As printed on your NADRA card: 12345-1234567-1. Only you and the ministry see it."
        ),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": "12345-1234567-1"}
        ),
    )
    city = forms.ChoiceField(label=_("City"), choices=[("", "—"), *candidate_city_choices()])
    city_other = forms.CharField(
        label=_("Your city, if not in the list"),
        max_length=80,
        required=False,
        validators=[single_line],
        help_text=_("Choose “Other city” above, then write its name here."),
    )
    language = forms.ChoiceField(
        label=_("Language for e-mails"),
        choices=[("en", "English"), ("ur", "اردو"), ("ja", "日本語")],
    )
    field_order = [
        "full_name",
        "email",
        "cnic",
        "city",
        "city_other",
        "language",
        "password1",
        "password2",
    ]

    def clean(self):
        return city_other_check(self, super().clean())

    def clean_cnic(self) -> str:
        try:
            return cnic_clean(self.cleaned_data["cnic"]).formatted
        except CodeError as error:
            raise forms.ValidationError(str(error)) from None


def city_other_check(form: forms.Form, data: dict) -> dict:
    """ "Other city" needs the city's name; a listed city needs none (it is dropped)."""
    if data.get("city") == OTHER_CITY:
        if not (data.get("city_other") or "").strip() and "city_other" not in form.errors:
            form.add_error("city_other", _("Write the name of your city."))
    else:
        data["city_other"] = ""
    return data


class CandidateProfileForm(forms.ModelForm):
    class Meta:
        model = CandidateProfile
        fields = [
            "headline",
            "summary",
            "city",
            "city_other",
            "phone",
            "english_level",
            "english_test",
            "english_test_score",
            "jlpt_level",
            "salary_expectation_jpy",
            "available_from",
            "willing_to_relocate",
        ]
        widgets = {
            # What the person wrote, in their words and language: never for a translator.
            "summary": forms.Textarea(attrs={"rows": 5, "translate": "no"}),
            "available_from": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        data = city_other_check(self, super().clean())
        test, score = data.get("english_test"), data.get("english_test_score")
        if test and score is None and "english_test_score" not in self.errors:
            self.add_error("english_test_score", _("Enter the score of your English test."))
        elif score is not None and not test:
            self.add_error("english_test", _("Choose the English test this score is from."))
        elif test and score is not None:
            top = english_test_range(test)
            if top is not None and score > top:
                self.add_error(
                    "english_test_score",
                    _("The highest %(test)s score is %(top)s.") % {"test": test, "top": f"{top:g}"},
                )
        return data


class CertificationForm(forms.ModelForm):
    evidence = forms.FileField(
        label=_("Certificate (PDF, JPEG or PNG)"),
        required=False,
        help_text=_("A scan or photo of the certificate, for the ministry to verify."),
    )

    class Meta:
        model = Certification
        fields = ["kind", "name", "level", "score", "obtained_on"]
        widgets = {"obtained_on": forms.DateInput(attrs={"type": "date"})}
        help_texts = {"level": _("JLPT: N1–N5; JFT-Basic: A2; ITEE: FE, AP…")}

    def clean(self):
        data = super().clean()
        if data.get("kind") == Certification.Kind.JLPT and data.get("level") not in JLPT_LEVELS:
            self.add_error("level", _("A JLPT level is one of N1, N2, N3, N4, N5."))
        return data


class EducationForm(forms.ModelForm):
    class Meta:
        model = Education
        fields = ["level", "field", "institution", "year", "grade"]


class EmploymentForm(forms.ModelForm):
    class Meta:
        model = Employment
        fields = ["title", "employer_name", "start", "end", "description"]
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}),
            "end": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end is before the start."))
        return data


class SkillForm(forms.ModelForm):
    skill = forms.CharField(
        label=_("Skill"),
        max_length=80,
        validators=[single_line],
        widget=forms.TextInput(attrs={"data-skill-input": "1", "autocomplete": "off"}),
    )

    class Meta:
        model = CandidateSkill
        fields = ["skill", "years"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # What the candidate reads: the name in their language, never the id.
            self.initial["skill"] = str(self.instance.skill)

    def clean_skill(self):
        text = self.cleaned_data["skill"].strip()
        skill = skill_get_by_text(text=text)
        if skill is None:
            raise forms.ValidationError(
                _("“%(skill)s” is not in the skills list.") % {"skill": text}
            )
        return skill


class SkillRowsFormSet(forms.BaseInlineFormSet):
    """The profile's skill rows; a skill listed twice is named with both rows' numbers (as
    the page numbers them), instead of Django's "Please correct the duplicate data"."""

    def validate_unique(self) -> None:
        first_row: dict[str, int] = {}
        messages = []
        for row, form in enumerate(self.forms, start=1):
            data = getattr(form, "cleaned_data", None) or {}
            skill = data.get("skill")
            if skill is None or self._should_delete_form(form):
                continue
            if skill.pk in first_row:
                message = _("Row %(row)s: %(skill)s is already listed (row %(first)s).") % {
                    "row": row,
                    "skill": skill,
                    "first": first_row[skill.pk],
                }
                form.add_error("skill", message)
                messages.append(message)
            else:
                first_row[skill.pk] = row
        if messages:
            raise forms.ValidationError(messages)


def _formset(model, form, extra, formset=forms.BaseInlineFormSet):
    return forms.inlineformset_factory(
        CandidateProfile, model, form=form, formset=formset, extra=extra, can_delete=True
    )


EducationFormSet = _formset(Education, EducationForm, 1)
EmploymentFormSet = _formset(Employment, EmploymentForm, 1)
SkillFormSet = _formset(CandidateSkill, SkillForm, 3, SkillRowsFormSet)


def formset_row_edits(formset) -> list[RowEdit]:
    """The rows a valid formset changed, added or marked for deletion, as plain edits for
    candidates.services (unchanged rows are left out, as Django's formset.save would)."""
    edits = []
    for form in formset.forms:
        row_id = form.instance.pk
        deleted = bool(form.cleaned_data.get("DELETE"))
        if (row_id is None and (deleted or not form.has_changed())) or (
            row_id is not None and not deleted and not form.has_changed()
        ):
            continue
        fields = {name: form.cleaned_data[name] for name in form._meta.fields}
        edits.append(RowEdit(row_id=row_id, fields=fields, delete=deleted))
    return edits
