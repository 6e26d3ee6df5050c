"""One-line texts (names, titles, headlines) refuse line breaks and control characters, in
every form and on the models, so none reaches an e-mail subject, a CSV row or a page."""

import importlib
import io
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from openpyxl import Workbook

import kakehashi
from kakehashi.api.models import ApiToken
from kakehashi.candidates.models import Certification
from kakehashi.core.validators import single_line
from kakehashi.jobs.forms import JobForm
from kakehashi.jobs.importer import jobs_import
from kakehashi.jobs.models import Job

REFUSED = ["R&D\rCloud", "R&D\nCloud", "R&D\r\nCloud", "a\tb", "a\x00b", "a\u2028b", "a\x85b"]
ALLOWED = ["R&D <Cloud>", "機械学習エンジニア", "ڈیٹا\u200cسائنس", "👩\u200d💻 Engineer"]
MESSAGE = "Write this on one line"

# CharFields written by code, never typed in a text input (codes, digests, snippets). E-mail
# and URL fields are checked by their own validators.
MACHINE_WRITTEN = {
    "accounts.User.password",
    "accounts.User.time_zone",
    "accounts.RecoveryCode.digest",
    "accounts.RecoveryCodeDevice.name",
    "api.ApiToken.prefix",
    "api.ApiToken.key_hash",
    "audit.AuditEvent.action",
    "audit.AuditEvent.object_type",
    "audit.AuditEvent.object_id",
    "audit.AuditEvent.actor_label",
    "audit.PersonalDataAccess.actor_label",
    "audit.PersonalDataAccess.actor_kind",
    "audit.PersonalDataAccess.employer_name",
    "audit.PersonalDataAccess.purpose",
    "core.EmailSent.key",
    "reports.SupplyRun.error",
    "reports.SupplyCell.dimension",
    "reports.SupplyCell.value",
    "reports.SupplyCell.track",
    "reports.SupplyCell.province",
    "reports.CandidateSupply.track",
    "reports.JobSupply.track",
    "reports.TrainingOption.city",
    "reports.TrainingOption.track",
    "reports.TrainingOption.value",
    "reports.ReportExport.report",
    "reports.ReportExport.error",
    "candidates.CandidateIdentity.cnic_digest",
    "candidates.CandidateIdentity.cnic_last4",
    "candidates.CandidateSkill.evidence",
    "candidates.ConsentRecord.recipient_country",
    "candidates.ConsentText.recipient_country",
    "candidates.CvDocument.original_name",
    "candidates.CvDocument.sha256",
    "candidates.CvDocument.error_code",
    "employers.Employer.corporate_number",
    "employers.Invitation.token_hash",
    "jobs.JobImport.original_name",
    "missions.Interview.checkin_code",
    "missions.InterviewRequest.unscheduled_reason",
    "missions.Mission.solve_progress",
    "pipeline.StageChange.from_stage",
    "pipeline.StageChange.to_stage",
    "pipeline.StageChange.reason",
    "pipeline.HireStep.owner",
    "pipeline.InterviewInvite.changed_by_side",
    "pipeline.ScorecardScore.criterion",
    "pipeline.Offer.answer_reason",
    "pipeline.Message.side",
    "pipeline.Notice.text",
    "pipeline.Notice.link",
    # written by the reports' tasks from codes and engine results, never typed
    "taxonomy.SkillCategory.id",
    "taxonomy.Skill.id",
    "taxonomy.Skill.esco_uri",
    "taxonomy.Skill.taxonomy_version",
    "taxonomy.TaxonomyRelease.taxonomy_version",
    "taxonomy.TaxonomyRelease.version",
}


@pytest.mark.parametrize("value", REFUSED)
def test_line_breaks_and_control_characters_are_refused(value):
    with pytest.raises(ValidationError, match=MESSAGE):
        single_line(value)


@pytest.mark.parametrize("value", ALLOWED)
def test_urdu_japanese_and_emoji_joiners_are_allowed(value):
    single_line(value)


def _our_models():
    return [m for m in apps.get_models() if m.__module__.startswith("kakehashi.")]


def test_every_typed_one_line_model_field_refuses_line_breaks():
    missing = []
    for model in _our_models():
        for field in model._meta.get_fields():
            if (
                not isinstance(field, models.CharField)
                or isinstance(field, models.EmailField | models.URLField)
                or field.choices
            ):
                continue
            name = f"{model._meta.app_label}.{model.__name__}.{field.name}"
            if name not in MACHINE_WRITTEN and single_line not in field.validators:
                missing.append(name)
    assert not missing, f"add validators=[single_line] (or list as machine-written): {missing}"


def _our_forms() -> list[type[forms.BaseForm]]:
    for info in pkgutil.walk_packages(kakehashi.__path__, "kakehashi."):
        if ".tests" not in info.name and ".migrations" not in info.name:
            importlib.import_module(info.name)
    found, todo = [], [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("kakehashi."):
            found.append(cls)
    return found


def _refuses(form_class, name: str, field: forms.Field, value: str) -> bool:
    try:
        field.clean(value)
    except ValidationError:
        return True
    model = getattr(getattr(form_class, "_meta", None), "model", None)
    if model is None:
        return False
    try:
        model._meta.get_field(name).run_validators(value)
    except ValidationError:
        return True
    return False


def test_every_text_input_of_every_form_refuses_line_breaks():
    checked, accepting = 0, []
    for form_class in _our_forms():
        for name, field in form_class.base_fields.items():
            if not isinstance(field, forms.CharField) or not isinstance(
                field.widget, forms.TextInput
            ):
                continue
            checked += 1
            if not _refuses(form_class, name, field, "R&D\rCloud"):
                accepting.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert checked > 20
    assert not accepting, f"these text inputs accept a line break: {accepting}"


def test_a_job_title_with_a_carriage_return_is_refused_with_a_clear_message(
    client, tanaka, taxonomy_loaded
):
    client.force_login(tanaka)
    page = client.post(
        reverse("job_create"),
        {
            "title": "R&D\rCloud",
            "description": "Build things",
            "description_language": "en",
            "status": "draft",
            "openings": 1,
            "min_experience_years": 0,
            "salary_min_jpy": 5_000_000,
            "salary_max_jpy": 6_000_000,
            "prefecture": "JP-13",
            "work_style": "onsite",
            "visa_route": "engineer_specialist",
        },
    ).content.decode()
    assert MESSAGE in page
    assert not Job.objects.exists()


def test_the_job_form_refuses_a_bare_carriage_return_inside_the_title(taxonomy_loaded):
    form = JobForm({"title": "R&D\rCloud"})
    assert not form.is_valid()
    assert MESSAGE in " ".join(form.errors["title"])


def test_the_spreadsheet_import_refuses_a_title_with_a_line_break(sato, taxonomy_loaded):
    csv = (
        "title,description,salary_min_jpy,salary_max_jpy,prefecture\n"
        '"R&D\rCloud",Build APIs,5000000,6000000,Tokyo\n'
        "Cloud Engineer,AWS operations,5000000,7000000,Tokyo\n"
    )
    report = jobs_import(actor=sato, data=csv.encode(), filename="jobs.csv")
    assert len(report.created) == 1
    assert [row for row, _msg in report.errors] == [2]
    assert MESSAGE in report.errors[0][1]

    book = Workbook()
    book.active.append(["title", "salary_min_jpy", "salary_max_jpy", "prefecture"])
    book.active.append(["Data\nEngineer", 5000000, 8000000, "Fukuoka"])  # Alt+Enter in Excel
    buffer = io.BytesIO()
    book.save(buffer)
    report = jobs_import(actor=sato, data=buffer.getvalue(), filename="jobs.xlsx")
    assert report.created == [] and MESSAGE in report.errors[0][1]


def test_an_api_token_name_with_a_line_break_is_refused(client, ayesha):
    client.force_login(ayesha.user)
    page = client.post(reverse("api_tokens"), {"name": "sync\r\nbot"}).content.decode()
    assert MESSAGE in page and not ApiToken.objects.exists()


def test_a_certificate_note_with_a_line_break_is_refused(client, imran, ayesha):
    cert = Certification.objects.create(profile=ayesha, kind="jlpt", name="JLPT", level="N3")
    client.force_login(imran)
    page = client.post(
        reverse("documents_queue"),
        {"certification": cert.pk, "decision": "reject", "note": "blurry\rscan"},
        follow=True,
    ).content.decode()
    assert MESSAGE in page
    cert.refresh_from_db()
    assert cert.verification == Certification.Verification.UNVERIFIED
