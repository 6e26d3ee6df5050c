from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SupplyRun(models.Model):
    """One pass of the engine over the whole candidate index against every open job
    (reports.supply.supply_compute): who is qualified, each job's eligible pool, and the
    training that would qualify the most. Pages read the latest finished run."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    status = models.CharField(max_length=8, choices=Status.choices, default=Status.RUNNING)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(default=0)
    candidates = models.PositiveIntegerField(default=0)
    jobs = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"Supply run #{self.pk} ({self.status})"


class CandidateSupply(models.Model):
    """An indexed candidate as one run saw them: consenting or not, their track and years of
    experience, and how many open jobs (and openings) the hard filters let them in for."""

    run = models.ForeignKey(SupplyRun, on_delete=models.CASCADE, related_name="candidates_seen")
    profile = models.ForeignKey(
        "candidates.CandidateProfile", on_delete=models.CASCADE, related_name="supply_seen"
    )
    consenting = models.BooleanField(default=False)
    # 100% on the candidate's completeness meter (reports.pipeline_reports.profile_complete_q)
    profile_complete = models.BooleanField(default=False)
    track = models.CharField(max_length=20, blank=True)
    experience_years = models.FloatField(default=0)
    qualified_jobs = models.PositiveIntegerField(default=0)
    qualified_openings = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "profile"], name="candidate_supply_once")
        ]
        indexes = [models.Index(fields=["run", "qualified_jobs"], name="supply_run_qualified")]

    def __str__(self) -> str:
        return f"{self.profile_id} in run {self.run_id}"


class SupplyCell(models.Model):
    """Consenting candidates of one run counted by one dimension (province, city, gender,
    jlpt, years, track, skill, family), per track and province so that the page's filters
    sum cells instead of counting 200,000 rows: pre-aggregated by the supply task."""

    run = models.ForeignKey(SupplyRun, on_delete=models.CASCADE, related_name="cells")
    dimension = models.CharField(max_length=12)
    value = models.CharField(max_length=80, blank=True)
    track = models.CharField(max_length=20, blank=True)
    province = models.CharField(max_length=5, blank=True)
    consenting = models.PositiveIntegerField()
    qualified = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["run", "dimension"], name="supply_cell_dimension")]

    def __str__(self) -> str:
        return f"{self.dimension}={self.value} in run {self.run_id}"


class JobSupply(models.Model):
    """An open job as one run saw it: its track and its eligible pool, with the pool's head
    count by province and by gender (for the fairness audit)."""

    run = models.ForeignKey(SupplyRun, on_delete=models.CASCADE, related_name="jobs_seen")
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="+")
    track = models.CharField(max_length=20, blank=True)
    pool = models.PositiveIntegerField(default=0)
    # {"province": {"PK-PB": 120, ...}, "gender": {"F": 40, "M": 80}}
    pool_groups = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "job"], name="job_supply_once")]

    def __str__(self) -> str:
        return f"job {self.job_id} in run {self.run_id}"


class TrainingOption(models.Model):
    """One course for one group, ranked within its grouping: how many consenting candidates
    it would qualify for open jobs (engine.reports.training_unlocks)."""

    class Kind(models.TextChoices):
        SKILL = "skill", _("Skill")
        JLPT = "jlpt", _("JLPT step")

    class Grouping(models.TextChoices):
        CITY_TRACK = "city_track", _("City and track")
        CITY = "city", _("City")
        TRACK = "track", _("Track")

    run = models.ForeignKey(SupplyRun, on_delete=models.CASCADE, related_name="training")
    grouping = models.CharField(max_length=12, choices=Grouping.choices)
    rank = models.PositiveIntegerField()
    city = models.CharField(max_length=20, blank=True)
    track = models.CharField(max_length=20, blank=True)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    value = models.CharField(max_length=80)  # skill id, or the JLPT level taught
    cohort = models.PositiveIntegerField()
    qualified = models.PositiveIntegerField()
    jobs = models.PositiveIntegerField()
    openings = models.PositiveIntegerField()
    candidate_ids = models.JSONField(default=list)

    class Meta:
        ordering = ["grouping", "rank"]

    def __str__(self) -> str:
        return f"{self.kind}:{self.value} for {self.city or '*'}/{self.track or '*'}"


class ReportExport(models.Model):
    """A report written to a file by a Celery task (reports.tasks.report_export_task), with
    its progress; the monthly programme report has no requester and is for every analyst."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being written")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"
        PDF = "pdf", "PDF"

    report = models.CharField(max_length=24)
    format = models.CharField(max_length=4, choices=Format.choices)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    file = models.FileField(upload_to="reports/%Y/%m/", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.report}.{self.format} ({self.status})"
