from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kakehashi.core.choices import city_choices


class Mission(models.Model):
    """A visit of Japanese employers to Pakistan to interview candidates (planned by the
    ministry). The solver and timetables extend this model later."""

    class Status(models.TextChoices):
        PLANNING = "planning", _("Planning")
        PUBLISHED = "published", _("Timetable published")
        DONE = "done", _("Completed")

    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNING)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    employers = models.ManyToManyField("employers.Employer", blank=True, related_name="missions")
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=30)
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
    venue_name = models.CharField(_("venue"), max_length=200)
    venue_address = models.CharField(_("venue address"), max_length=300, blank=True)

    class Meta:
        ordering = ["start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__lte=F("end_date")), name="mission_leg_dates_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_city_display()} {self.start_date}–{self.end_date}"
