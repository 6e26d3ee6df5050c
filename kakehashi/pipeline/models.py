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
    "departed": _("Departed for Japan"),
    "arrived": _("Arrived in Japan"),
    "rejected": _("Rejected"),
    "withdrawn": _("Withdrawn"),
    "declined": _("Declined"),
    "offer_withdrawn": _("Offer withdrawn by the company"),
    "visa_refused": _("Visa refused"),
    "coe_expired": _("Certificate of Eligibility expired"),
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
    "offer_withdrawn": {
        "position_cancelled": _("The position was cancelled"),
        "visa_route_closed": _("No residence status is open for this hire"),
        "documents": _("Required documents were not provided"),
    },
    "visa_refused": {
        "embassy_refusal": _("The embassy refused the visa"),
        "documents": _("Required documents were not provided"),
    },
    "coe_expired": {
        "not_used_in_time": _("The candidate could not travel within three months"),
        "visa_delay": _("The visa came too late"),
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


HIRE_STEP_LABELS = {
    "hec_attestation": _("Degree attested by HEC"),
    "mofa_attestation": _("Degree attested by MOFA"),
    "passport": _("Passport valid for the stay"),
    "coe": _("Certificate of Eligibility issued"),
    "visa": _("Visa issued by the Embassy or Consulate-General of Japan"),
    "protector_clearance": _("Emigration clearance (Protector of Emigrants, BE&OE)"),
    "insurance": _("State Life insurance for emigrants"),
    "departure": _("Departure"),
    "arrival": _("Arrival in Japan"),
    "checkin_3m": _("Check-in after 3 months"),
    "checkin_6m": _("Check-in after 6 months"),
    "checkin_9m": _("Check-in after 9 months"),
    "checkin_12m": _("Check-in after 12 months"),
}


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
    note = models.CharField(_("note"), max_length=300, blank=True)
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
