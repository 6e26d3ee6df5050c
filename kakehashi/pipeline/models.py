from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engine.pipeline import pipeline
from kakehashi.core.validators import single_line
from kakehashi.pipeline.labels import HIRE_STEP_LABELS, STAGE_LABELS

STAGE_CHOICES = [(s, STAGE_LABELS[s]) for s in pipeline().stages]


class Application(models.Model):
    """A candidate × job pairing and where it stands. Moves go through
    pipeline.services.application_advance, which writes the history and the audit row."""

    candidate = models.ForeignKey(
        "candidates.CandidateProfile", on_delete=models.CASCADE, related_name="applications"
    )
    job = models.ForeignKey("jobs.Job", on_delete=models.CASCADE, related_name="applications")
    stage = models.CharField(_("stage"), max_length=24, choices=STAGE_CHOICES, db_index=True)
    # The company asked to see the full profile; the candidate answers by sharing or declining.
    profile_requested_at = models.DateTimeField(null=True, blank=True)
    # The offer, once made: annual salary (yen, incl. bonus) and start date.
    offer_salary_jpy = models.PositiveIntegerField(
        _("offered annual salary (JPY)"), null=True, blank=True
    )
    offer_start_date = models.DateField(_("offered start date"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["candidate", "job"], name="application_once_per_job")
        ]
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"Application #{self.pk} ({self.stage})"


class StageChange(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="history")
    from_stage = models.CharField(max_length=24, blank=True)
    to_stage = models.CharField(max_length=24)
    reason = models.CharField(max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage or '∅'} → {self.to_stage}"


class HireStep(models.Model):
    """One step on the road from an accepted offer to a settled hire (engine.hiring)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="hire_steps"
    )
    step = models.CharField(max_length=24, choices=list(HIRE_STEP_LABELS.items()))
    position = models.PositiveSmallIntegerField()
    owner = models.CharField(max_length=12)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    evidence = models.FileField(upload_to="hire/%Y/%m/", blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True, validators=[single_line])
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["application", "position"]
        constraints = [
            models.UniqueConstraint(fields=["application", "step"], name="hire_step_once")
        ]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.step}"
