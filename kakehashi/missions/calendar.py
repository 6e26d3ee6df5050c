"""iCalendar (.ics) files for interviews, with their Asia/Karachi times."""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from kakehashi.core.site import site_url
from kakehashi.missions.models import Interview

KARACHI = ZoneInfo("Asia/Karachi")


def interviews_ics(interviews: Iterable[Interview], *, title: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Kakehashi//Hiring missions//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", title)
    for i in interviews:
        application = i.request.application
        event = Event()
        event.add("uid", f"interview-{i.pk}@kakehashi")
        event.add(
            "summary", f"Interview: {application.job.title} ({application.job.employer.name_en})"
        )
        # Written with TZID=Asia/Karachi (and its VTIMEZONE), so every calendar shows PKT.
        event.add("dtstart", i.start.astimezone(KARACHI))
        event.add("dtend", i.end.astimezone(KARACHI))
        place = (
            "Online (video)"
            if i.online
            else f"{i.leg.venue_name}, {i.room.name if i.room else ''}, {i.leg.get_city_display()}"
        )
        event.add("location", place)
        event.add("description", f"Check-in code: {i.checkin_code}\n{site_url()}/dashboard/")
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()
