from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from kakehashi.core.choices import JLPT_CHOICES, prefecture_choices
from kakehashi.core.forms import QueryForm
from kakehashi.core.validators import single_line
from kakehashi.jobs.models import Job
from kakehashi.jobs.services import JobSkillSpec
from kakehashi.taxonomy.models import Skill


class JobForm(forms.ModelForm):
    must_skills = forms.CharField(
        label=_("Required skills"),
        required=False,
        help_text=_(
            "One per line, with minimum years after a colon, e.g. “python: 3”. Use the skill ids or names from the list."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    nice_skills = forms.CharField(
        label=_("Nice-to-have skills"),
        required=False,
        help_text=_("One per line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Job
        fields = [
            "title",
            "description",
            "description_language",
            "status",
            "openings",
            "min_experience_years",
            "degree_level",
            "degree_field",
            "degree_is_hard",
            "jlpt_min",
            "jlpt_is_hard",
            "english_level",
            "salary_min_jpy",
            "salary_max_jpy",
            "prefecture",
            "work_style",
            "visa_route",
            "start_date",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10}),
            "start_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        job = self.instance
        if job.pk and not self.is_bound:
            self.initial.update(
                self.skills_as_text(
                    [JobSkillSpec(r.skill_id, r.required, r.min_years) for r in job.skills.all()]
                )
            )

    @staticmethod
    def skills_as_text(skills: list[JobSkillSpec]) -> dict[str, str]:
        """The two skill boxes' text for these skills (what clean() reads back)."""
        return {
            "must_skills": "\n".join(
                f"{s.skill_id}: {s.min_years.normalize():f}" if s.min_years else s.skill_id
                for s in skills
                if s.required
            ),
            "nice_skills": "\n".join(s.skill_id for s in skills if not s.required),
        }

    @staticmethod
    def _skill_id(text: str) -> str:
        text = text.strip()
        found = (
            Skill.objects.filter(pk=text.lower()).values_list("pk", flat=True).first()
            or Skill.objects.filter(name_en__iexact=text).values_list("pk", flat=True).first()
            or Skill.objects.filter(name_ja=text).values_list("pk", flat=True).first()
        )
        if not found:
            raise forms.ValidationError(
                _("“%(skill)s” is not in the skills list.") % {"skill": text}
            )
        return found

    def clean_must_skills(self) -> list[tuple[str, Decimal]]:
        result = []
        for line in self.cleaned_data["must_skills"].splitlines():
            if not line.strip():
                continue
            name, _sep, years = line.replace("：", ":").partition(":")
            try:
                min_years = Decimal(years.strip() or "0")
            except InvalidOperation:
                raise forms.ValidationError(
                    _("“%(line)s”: years must be a number, e.g. “python: 3”.")
                    % {"line": line.strip()}
                ) from None
            result.append((self._skill_id(name), min_years))
        return result

    def clean(self):
        data = super().clean()
        if "must_skills" in data and "nice_skills" in data:
            data["skills"] = [
                JobSkillSpec(skill_id, True, years) for skill_id, years in data.pop("must_skills")
            ] + [JobSkillSpec(skill_id, False) for skill_id in data.pop("nice_skills")]
        low, high = data.get("salary_min_jpy"), data.get("salary_max_jpy")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max_jpy", _("The minimum salary is above the maximum."))
        return data

    def clean_nice_skills(self) -> list[str]:
        return [
            self._skill_id(x) for x in self.cleaned_data["nice_skills"].splitlines() if x.strip()
        ]


class JobSearchForm(QueryForm):
    """The job board's filters."""

    q = forms.CharField(label=_("Search"), max_length=200, required=False, validators=[single_line])
    skill = forms.CharField(
        label=_("Skill"), max_length=100, required=False, validators=[single_line]
    )
    prefecture = forms.ChoiceField(
        label=_("Prefecture"), choices=prefecture_choices, required=False
    )
    work_style = forms.ChoiceField(
        label=_("Work style"), choices=Job.WorkStyle.choices, required=False
    )
    jlpt = forms.ChoiceField(label=_("My JLPT level"), choices=JLPT_CHOICES, required=False)
