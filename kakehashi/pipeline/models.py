from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from engine.pipeline import pipeline
from kakehashi.core.choices import prefecture_choices
from kakehashi.core.validators import single_line
from kakehashi.jobs.models import Job
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


class InterviewInvite(models.Model):
    """An interview the company holds itself, outside any ministry mission: it proposes
    slots, the candidate picks one (or declines), either side may reschedule or cancel, and
    the panel scores it. Services in pipeline/interviews.py make every change."""

    class Mode(models.TextChoices):
        ONLINE = "online", _("Online (video call)")
        IN_PERSON = "in_person", _("In person")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Waiting for the candidate to pick a time")
        BOOKED = "booked", _("Booked")
        DECLINED = "declined", _("The candidate asked for other times")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interview_invites"
    )
    mode = models.CharField(_("how"), max_length=10, choices=Mode.choices)
    video_url = models.URLField(_("video-call link"), max_length=500, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True, validators=[single_line])
    minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=45)
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="interview_invites_to_score"
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PROPOSED, db_index=True
    )
    booked_slot = models.ForeignKey(
        "InterviewSlot", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The last decline, reschedule or cancellation: what was said and by which side.
    reason = models.CharField(_("reason"), max_length=300, blank=True, validators=[single_line])
    changed_by_side = models.CharField(max_length=12, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Interview invite #{self.pk} ({self.status})"

    @property
    def online(self) -> bool:
        return self.mode == self.Mode.ONLINE


class InterviewSlot(models.Model):
    """One time the company offers for an interview (aware datetimes, stored in UTC)."""

    invite = models.ForeignKey(InterviewInvite, on_delete=models.CASCADE, related_name="slots")
    start = models.DateTimeField()
    end = models.DateTimeField()

    class Meta:
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="interview_slot_ordered")
        ]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M}Z"


class Scorecard(models.Model):
    """One interviewer's marks for one interview: a 1–5 score with a note per criterion (the
    job's required skills, Japanese, English, communication, culture fit) and a
    recommendation. Interviewers score; only recruiters and admins decide. A card belongs to
    exactly one interview: one the company holds itself (``invite``) or one of a ministry
    mission's timetable (``mission_interview``, named by string: missions sits above)."""

    class Recommendation(models.TextChoices):
        STRONG_YES = "strong_yes", _("Strong yes: make an offer")
        YES = "yes", _("Yes")
        NO = "no", _("No")
        STRONG_NO = "strong_no", _("Strong no")

    invite = models.ForeignKey(
        InterviewInvite, null=True, blank=True, on_delete=models.CASCADE, related_name="scorecards"
    )
    mission_interview = models.ForeignKey(
        "missions.Interview",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="scorecards",
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scorecards"
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=12, choices=Recommendation.choices
    )
    notes = models.TextField(_("overall notes"), blank=True, max_length=4000)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["invite", "interviewer"], name="scorecard_once"),
            models.UniqueConstraint(
                fields=["mission_interview", "interviewer"], name="mission_scorecard_once"
            ),
            models.CheckConstraint(
                condition=Q(invite__isnull=False, mission_interview__isnull=True)
                | Q(invite__isnull=True, mission_interview__isnull=False),
                name="scorecard_one_interview",
            ),
        ]

    def __str__(self) -> str:
        where = (
            f"invite {self.invite_id}" if self.invite_id else f"mission {self.mission_interview_id}"
        )
        return f"Scorecard {where}:{self.interviewer_id}"


class ScorecardScore(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    criterion = models.CharField(max_length=80)  # "skill:python", "japanese", "culture_fit"…
    score = models.PositiveSmallIntegerField()
    note = models.CharField(max_length=300, blank=True, validators=[single_line])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="score_once"),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="score_one_to_five"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class Offer(models.Model):
    """The company's offer with every term the candidate reads before accepting, and that
    the Protector of Emigrants reads in the employment contract (Foreign Service Agreement)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the candidate")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="offer")
    salary_jpy = models.PositiveIntegerField(_("annual salary (JPY, bonus included)"))
    allowances = models.CharField(
        _("allowances"), max_length=300, blank=True, validators=[single_line]
    )
    working_hours = models.CharField(_("working hours"), max_length=200, validators=[single_line])
    start_date = models.DateField(_("start date"))
    contract_months = models.PositiveSmallIntegerField(_("contract length (months)"))
    residence_status = models.CharField(
        _("residence status applied for"), max_length=24, choices=Job.VisaRoute.choices
    )
    prefecture = models.CharField(_("work location"), max_length=5, choices=prefecture_choices())
    accommodation = models.CharField(_("accommodation"), max_length=300, validators=[single_line])
    travel = models.CharField(_("travel to Japan"), max_length=300, validators=[single_line])
    insurance = models.CharField(_("insurance"), max_length=300, validators=[single_line])
    expires_on = models.DateField(_("answer by"))
    decision_note = models.CharField(
        _("why this offer"), max_length=300, blank=True, validators=[single_line]
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    answer_reason = models.CharField(max_length=40, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Offer for application #{self.application_id} ({self.status})"


class Message(models.Model):
    """One message in an application's thread, between the company, the candidate and the
    ministry. The other sides are told by e-mail and in their notifications."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    side = models.CharField(max_length=12)  # candidate | employer | facilitator
    body = models.TextField(_("message"), max_length=4000)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "id"]

    def __str__(self) -> str:
        return f"Message #{self.pk} on application #{self.application_id}"


class Notice(models.Model):
    """An in-app notification: what happened, and where to look."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    text = models.CharField(max_length=300)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text
