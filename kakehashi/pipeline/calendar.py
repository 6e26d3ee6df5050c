"""iCalendar (.ics) files for interviews a company holds outside missions, in the reader's
own time zone (each calendar converts; the TZID says where the time was given)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.urls import reverse
from icalendar import Calendar, Event

from kakehashi.core.site import site_url
from kakehashi.pipeline.models import InterviewInvite


def interview_invite_ics(invite: InterviewInvite, *, zone: ZoneInfo) -> bytes:
    """The booked interview of ``invite`` as one VEVENT with times in ``zone``; a cancelled
    invite gives a CANCELLED event with the same UID, so calendars remove it."""
    slot = invite.booked_slot
    if slot is None:
        raise ValueError("only a booked interview has a calendar entry")
    job = invite.application.job
    cal = Calendar()
    cal.add("prodid", "-//Kakehashi//Interviews//EN")
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if invite.status == InterviewInvite.Status.CANCELLED else "PUBLISH")
    event = Event()
    event.add("uid", f"interview-invite-{invite.pk}@kakehashi")
    event.add("sequence", int(invite.updated_at.timestamp()) if invite.updated_at else 0)
    event.add("summary", f"Interview: {job.title} ({job.employer.name_en})")
    event.add("dtstart", slot.start.astimezone(zone))
    event.add("dtend", slot.end.astimezone(zone))
    event.add("location", invite.video_url if invite.online else invite.address)
    page = site_url() + reverse("interview_invite_detail", args=[invite.pk])
    event.add("description", f"{invite.video_url or invite.address}\n{page}")
    if invite.online:
        event.add("url", invite.video_url)
    if invite.status == InterviewInvite.Status.CANCELLED:
        event.add("status", "CANCELLED")
    cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
