from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from engine.skills import JobRequirements, job_requirements_extract
from engine.skills.text import has_japanese
from engine.taxonomy import taxonomy
from kakehashi.core.choices import JLPT_CHOICES, prefecture_choices
from kakehashi.core.forms import QueryForm
from kakehashi.core.validators import single_line
from kakehashi.jobs.models import Job
from kakehashi.jobs.services import JobSkillSpec
from kakehashi.taxonomy.selectors import skill_get_by_text


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
        found = skill_get_by_text(text=text)
        if found is None:
            raise forms.ValidationError(
                _("“%(skill)s” is not in the skills list.") % {"skill": text}
            )
        return found.pk

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


@dataclass(frozen=True)
class JobPrefill:
    """The job form's data after "find skills": what was found, for the employer to confirm."""

    data: dict
    skills_found: int
    fields_filled: list[str]  # labels of the fields the description filled
    mentioned: list[str]  # skills named in the description but not added (their names)
    free_text: list[str]  # requirements with no skill in the list, as written


# Job form fields the description may fill, and how a found value is written into the form.
_PREFILL_FIELDS = (
    "min_experience_years",
    "degree_level",
    "degree_field",
    "jlpt_min",
    "english_level",
    "salary_min_jpy",
    "salary_max_jpy",
    "prefecture",
    "work_style",
)
# Select boxes that always post a value (no blank choice): the description's value wins.
_ALWAYS_POSTED = ("prefecture", "work_style")


def _found_values(req: JobRequirements) -> dict[str, str]:
    values = {
        "min_experience_years": f"{req.min_experience_years:g}" if req.min_experience_years else "",
        "degree_level": req.degree_level or "",
        "degree_field": req.degree_field,
        "jlpt_min": req.jlpt_min or "",
        "english_level": req.english_level or "",
        "salary_min_jpy": str(req.salary_min_jpy or ""),
        "salary_max_jpy": str(req.salary_max_jpy or ""),
        "prefecture": req.prefecture or "",
        "work_style": req.work_style or "",
    }
    return {k: v for k, v in values.items() if v}


def job_form_prefill(*, data: dict) -> JobPrefill:
    """Pre-fill the job form from its description (``engine.skills.job_requirements_extract``).

    The skill boxes get the skills found (required with their minimum years; nice to have),
    after any lines the employer already typed. The other fields are filled only where they
    are empty (or 0), except prefecture and work style, which always post a value: those take the
    description's. JLPT and degree become hard requirements when the description requires
    them. The description's language is set when the employer left it empty. Nothing is
    saved: the employer checks the form, then saves it."""
    req = job_requirements_extract(
        data.get("description", ""), lang=data.get("description_language") or None
    )
    specs = [
        JobSkillSpec(s.skill_id, s.required, Decimal(str(s.min_years or 0))) for s in req.skills
    ]
    boxes = JobForm.skills_as_text(specs)
    for name, found in boxes.items():
        typed = [ln for ln in (data.get(name) or "").splitlines() if ln.strip()]
        have = {ln.replace("：", ":").partition(":")[0].strip().lower() for ln in typed}
        added = [ln for ln in found.splitlines() if ln.partition(":")[0].strip() not in have]
        data[name] = "\n".join(typed + added)
    filled = []
    form_fields = JobForm.base_fields
    description = data.get("description", "")
    if not data.get("description_language") and description.strip():
        # what the description is written in: candidates who do not read Japanese see it
        data["description_language"] = "ja" if has_japanese(description) else "en"
        filled.append(str(form_fields["description_language"].label))
    for name, value in _found_values(req).items():
        posted = (data.get(name) or "").strip()
        fillable = name in _ALWAYS_POSTED or posted in ("", "0", "0.0")
        if fillable and data.get(name) != value:
            data[name] = value
            filled.append(str(form_fields[name].label))
    for flag, hard, field in (
        ("jlpt_is_hard", req.jlpt_is_hard, "jlpt_min"),
        ("degree_is_hard", req.degree_is_hard, "degree_level"),
    ):
        if hard and data.get(field) and not data.get(flag):
            data[flag] = "on"
    ja = (get_language() or "").startswith("ja")
    tax = taxonomy()
    mentioned = [
        (tax.get(sid).name_ja if ja and tax.get(sid).name_ja else tax.get(sid).name_en)
        for sid in req.mentioned
    ]
    return JobPrefill(data, len(specs), filled, mentioned, list(req.free_text))


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
