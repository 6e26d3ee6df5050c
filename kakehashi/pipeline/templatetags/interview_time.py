"""Times shown in the reader's own zone with the other side's beside it:
"Fri 5 Mar 2027, 14:00 JST (10:00 PKT, Asia/Karachi)", in the reader's own date format
(kakehashi/formats)."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import template
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()


def when_text(moment, *, other_zone: str = "") -> str:
    """``moment`` in the active zone, and in ``other_zone`` when that differs."""
    if moment is None:
        return ""
    own = timezone.localtime(moment)
    text = f"{date_format(own, 'DAY_DATETIME_FORMAT')} {own.tzname()}"
    try:
        other_tz = ZoneInfo(other_zone) if other_zone else None
    except (ZoneInfoNotFoundError, ValueError):
        other_tz = None
    if other_tz is None:
        return text
    other = moment.astimezone(other_tz)
    if other.utcoffset() == own.utcoffset():
        return text
    day = "" if other.date() == own.date() else f"{date_format(other, 'DAY_MONTH_FORMAT')} "
    return f"{text} ({day}{other:%H:%M} {other.tzname()}, {other_zone})"


@register.simple_tag(takes_context=True)
def when(context, moment, invite=None, other_zone: str = "") -> str:
    """``{% when slot.start invite %}``: the other zone is the other side's of the interview
    (the candidate's for company staff, the company's for the candidate); or give
    ``other_zone`` (a mission's Asia/Karachi)."""
    if invite is not None and not other_zone:
        user = context.get("user")
        candidate_user = invite.application.candidate.user
        if user is not None and getattr(user, "pk", None) == candidate_user.pk:
            other_zone = invite.created_by.time_zone if invite.created_by else "Asia/Tokyo"
        else:
            other_zone = candidate_user.time_zone
    return when_text(moment, other_zone=other_zone)
