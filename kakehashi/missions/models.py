import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from engine.geo import geo
from kakehashi.core.choices import city_choices
from kakehashi.core.validators import single_line


class Mission(models.Model):
    """A visit of Japanese employers to Pakistan to interview candidates, planned by the
    ministry: legs (city, days, venue, rooms), panels, interpreters, invited candidates, and
    the timetable the solver (engine.scheduling) builds."""

    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        PUBLISHED = "published", _("Timetable published")
        DONE = "done", _("Completed")

    name = models.CharField(_("name"), max_length=200, validators=[single_line])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNING)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    employers = models.ManyToManyField("employers.Employer", blank=True, related_name="missions")
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=30)
    online_lines = models.PositiveSmallIntegerField(
        _("online interviews at once"),
        default=0,
        help_text=_("For candidates far from every leg: video lines during the mission's hours."),
    )
    candidate_gap_minutes = models.PositiveSmallIntegerField(
        _("minimum gap between a candidate's interviews (minutes)"), default=15
    )
    solved_at = models.DateTimeField(null=True, blank=True)
    solve_figures = models.JSONField(default=dict, blank=True)

    class SolveState(models.TextChoices):
        IDLE = "idle", _("Not solved yet")
        QUEUED = "queued", _("Waiting for a worker")
        RUNNING = "running", _("Solving")
        DONE = "done", _("Solved")
        FAILED = "failed", _("Could not solve")

    # The background solve (missions.tasks.mission_solve_task): where it stands, in words.
    solve_state = models.CharField(
        max_length=8, choices=SolveState.choices, default=SolveState.IDLE
    )
    solve_progress = models.CharField(max_length=300, blank=True)
    solve_started_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class MissionLeg(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="legs")
    city = models.CharField(_("city"), max_length=20, choices=city_choices())
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    venue_name = models.CharField(_("venue"), max_length=200, validators=[single_line])
    venue_address = models.CharField(
        _("venue address"), max_length=300, blank=True, validators=[single_line]
    )
    opens = models.TimeField(_("opens"), default=dt.time(9, 0))
    closes = models.TimeField(_("closes"), default=dt.time(17, 0))
    break_start = models.TimeField(_("break from"), null=True, blank=True, default=dt.time(13, 0))
    break_end = models.TimeField(_("break until"), null=True, blank=True, default=dt.time(14, 0))

    class Meta:
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__lte=F("end_date")), name="mission_leg_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(opens__lt=F("closes")), name="mission_leg_hours_ordered"
            ),
        ]

    def __str__(self) -> str:
        # The English city name only: mixing the Urdu name into a line of dates scrambles them.
        return f"{geo().city(self.city).name_en} {self.start_date}–{self.end_date}"

    @property
    def days(self) -> list[dt.date]:
        n = (self.end_date - self.start_date).days + 1
        return [self.start_date + dt.timedelta(days=i) for i in range(n)]


class Room(models.Model):
    leg = models.ForeignKey(MissionLeg, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("room"), max_length=100, validators=[single_line])
    seats = models.PositiveSmallIntegerField(_("seats"), default=4)

    def __str__(self) -> str:
        return self.name


class Panel(models.Model):
    """Interviewers of one company who interview together, at the legs they attend."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="panels")
    employer = models.ForeignKey("employers.Employer", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("panel"), max_length=100, validators=[single_line])
    interviewers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="panels")
    legs = models.ManyToManyField(MissionLeg, related_name="panels")
    needs_interpreter = models.BooleanField(_("needs a JA↔EN interpreter"), default=False)

    def __str__(self) -> str:
        return f"{self.employer} — {self.name}"


class Interpreter(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="interpreters")
    name = models.CharField(_("name"), max_length=150, validators=[single_line])
    email = models.EmailField(_("e-mail"), blank=True)
    legs = models.ManyToManyField(MissionLeg, related_name="interpreters")

    def __str__(self) -> str:
        return self.name


class InterviewRequest(models.Model):
    """An invited application to be interviewed during the mission."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="requests")
    application = models.ForeignKey(
        "pipeline.Application", on_delete=models.CASCADE, related_name="+"
    )
    priority = models.FloatField(_("priority (match score)"), default=0.5)
    online_allowed = models.BooleanField(_("online allowed"), default=True)
    preferred_city = models.CharField(
        _("preferred city"), max_length=20, choices=city_choices(), blank=True
    )
    unavailable_days = models.JSONField(
        default=list, blank=True
    )  # ISO dates the candidate cannot come

    class Answer(models.TextChoices):
        PENDING = "pending", _("Not answered yet")
        ACCEPTED = "accepted", _("Will come")
        DECLINED = "declined", _("Declined")

    class Attendance(models.TextChoices):
        EITHER = "either", _("In person or online")
        ONLINE = "online", _("Online only")
        IN_PERSON = "in_person", _("In person only")

    answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.PENDING)
    attendance = models.CharField(
        _("how I can attend"), max_length=10, choices=Attendance.choices, default=Attendance.EITHER
    )
    decline_reason = models.CharField(
        _("reason"), max_length=300, blank=True, validators=[single_line]
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    cancelled = models.BooleanField(default=False)
    unscheduled_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "application"], name="interview_request_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.mission_id}:{self.application_id}"


class Interview(models.Model):
    """A placed interview of the timetable."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CHECKED_IN = "checked_in", _("Arrived")
        NO_SHOW = "no_show", _("Did not come")

    request = models.OneToOneField(
        InterviewRequest, on_delete=models.CASCADE, related_name="interview"
    )
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="interviews")
    leg = models.ForeignKey(MissionLeg, on_delete=models.CASCADE, related_name="interviews")
    room = models.ForeignKey(
        Room, null=True, blank=True, on_delete=models.SET_NULL, related_name="interviews"
    )
    interpreter = models.ForeignKey(
        Interpreter, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    checkin_code = models.CharField(max_length=8, unique=True)

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.start:%Y-%m-%d %H:%M} {self.panel}"

    @property
    def online(self) -> bool:
        return self.room_id is None


class MissionJoinRequest(models.Model):
    """A verified company asks to join a mission; an organiser accepts or refuses it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the ministry")
        ACCEPTED = "accepted", _("Accepted")
        REFUSED = "refused", _("Refused")

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="join_requests")
    employer = models.ForeignKey("employers.Employer", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("note"), max_length=300, blank=True, validators=[single_line])
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "employer"], name="mission_join_once")
        ]

    def __str__(self) -> str:
        return f"{self.employer} → {self.mission} ({self.status})"


class InterviewerAvailability(models.Model):
    """When one interviewer can interview on one day of a mission (Pakistan time). An
    interviewer with no rows is taken as free whenever their panel's legs are open."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="availability")
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    start = models.TimeField()
    end = models.TimeField()

    class Meta:
        ordering = ["day", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="interviewer_availability_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.interviewer_id} {self.day} {self.start}–{self.end}"
