from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kakehashi.core.choices import DEGREE_CHOICES, ENGLISH_CHOICES, JLPT_CHOICES, prefecture_choices
from kakehashi.core.validators import single_line


class Job(models.Model):
    """A requisition: what a Japanese employer asks for (DESIGN.md §2 step 1)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        PAUSED = "paused", _("Paused")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")

    class WorkStyle(models.TextChoices):
        ONSITE = "onsite", _("On-site")
        HYBRID = "hybrid", _("Hybrid")
        REMOTE = "remote", _("Remote")

    class VisaRoute(models.TextChoices):
        ENGINEER = "engineer_specialist", _("Engineer / Specialist in Humanities / Intl. Services")
        HSP = "hsp", _("Highly Skilled Professional (i)(b)")
        SSW = "ssw", _("Specified Skilled Worker (i)")
        ICT = "ict", _("Intra-company Transferee")

    class Language(models.TextChoices):
        EN = "en", "English"
        JA = "ja", "日本語"

    employer = models.ForeignKey(
        "employers.Employer", on_delete=models.CASCADE, related_name="jobs"
    )
    title = models.CharField(_("job title"), max_length=200, validators=[single_line])
    description = models.TextField(_("description"))
    description_language = models.CharField(
        _("language of the description"), max_length=2, choices=Language.choices
    )
    openings = models.PositiveSmallIntegerField(
        _("openings"), default=1, validators=[MinValueValidator(1)]
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    min_experience_years = models.DecimalField(
        _("minimum total experience (years)"), max_digits=4, decimal_places=1, default=0
    )
    degree_level = models.CharField(
        _("minimum degree"), max_length=16, choices=DEGREE_CHOICES, blank=True
    )
    degree_field = models.CharField(
        _("degree field"), max_length=120, blank=True, validators=[single_line]
    )
    degree_is_hard = models.BooleanField(_("degree is a hard requirement"), default=False)
    jlpt_min = models.CharField(
        _("minimum JLPT level"), max_length=2, choices=JLPT_CHOICES, blank=True
    )
    jlpt_is_hard = models.BooleanField(_("JLPT level is a hard requirement"), default=False)
    english_level = models.CharField(
        _("English level"), max_length=16, choices=ENGLISH_CHOICES, blank=True
    )
    salary_min_jpy = models.PositiveIntegerField(_("minimum annual salary (JPY)"))
    salary_max_jpy = models.PositiveIntegerField(_("maximum annual salary (JPY)"))
    prefecture = models.CharField(_("work location"), max_length=5, choices=prefecture_choices())
    work_style = models.CharField(
        _("work style"), max_length=8, choices=WorkStyle.choices, default=WorkStyle.ONSITE
    )
    visa_route = models.CharField(
        _("intended residence status"),
        max_length=24,
        choices=VisaRoute.choices,
        default=VisaRoute.ENGINEER,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("job")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min_jpy__lte=F("salary_max_jpy")),
                name="job_salary_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title


class JobSkill(models.Model):
    """A skill a job asks for: must-have (with minimum years) or nice-to-have."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("taxonomy.Skill", on_delete=models.PROTECT, related_name="+")
    required = models.BooleanField(_("must have"), default=True)
    is_hard = models.BooleanField(_("hard requirement (filters out)"), default=False)
    min_years = models.DecimalField(_("minimum years"), max_digits=4, decimal_places=1, default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "skill"], name="job_skill_once")]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.skill_id}"


class JobImport(models.Model):
    """One spreadsheet of jobs being imported (jobs.importer). The file waits in private
    storage only until the task has read it; the row-by-row report is kept."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be read")
        RUNNING = "running", _("Being read")
        DONE = "done", _("Done")
        FAILED = "failed", _("Could not be read")

    employer = models.ForeignKey(
        "employers.Employer", on_delete=models.CASCADE, related_name="job_imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    original_name = models.CharField(max_length=255)
    file = models.FileField(upload_to="imports/%Y/%m/", blank=True)
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    error_message = models.TextField(blank=True)
    created_job_ids = models.JSONField(default=list, blank=True)
    # [[row number, why it was not imported], ...]
    row_errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("job import")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.state})"
