from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from engine.pipeline import pipeline

STAGE_LABELS = {
    "sourced": _("Sourced"),
    "applied": _("Applied"),
    "shortlisted": _("Shortlisted"),
    "profile_shared": _("Profile shared"),
    "invited": _("Invited to interview"),
    "interview_scheduled": _("Interview scheduled"),
    "interviewed": _("Interviewed"),
    "offered": _("Offered"),
    "accepted": _("Offer accepted"),
    "rejected": _("Rejected"),
    "withdrawn": _("Withdrawn"),
    "declined": _("Declined"),
}
STAGE_CHOICES = [(s, STAGE_LABELS[s]) for s in pipeline().stages]

# Fixed, translatable reasons for the terminal moves; the code is stored, the label shown.
REASONS = {
    "rejected": {
        "skills_missing": _("Required skills are missing"),
        "experience_short": _("Not enough experience"),
        "japanese_level": _("Japanese level below the requirement"),
        "salary_mismatch": _("Salary expectations do not match"),
        "position_filled": _("The position has been filled"),
        "other_candidate": _("Another candidate was a closer fit"),
    },
    "withdrawn": {
        "other_offer": _("I accepted another offer"),
        "not_interested": _("I am no longer interested"),
        "personal": _("Personal reasons"),
    },
    "declined": {
        "not_sharing": _("I prefer not to share my full profile"),
        "terms": _("The terms do not suit me"),
        "personal": _("Personal reasons"),
    },
}


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
