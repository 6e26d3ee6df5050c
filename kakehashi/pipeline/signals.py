"""What the pipeline asks the apps above it. It imports none of them: an app that knows of
other interviews (missions) registers a receiver in its AppConfig.ready."""

from __future__ import annotations

import datetime as dt

from django.dispatch import Signal

# Sent with ``user_ids`` and ``start``/``end`` (aware) before an interview outside missions
# is proposed or booked; each receiver returns the clashing times it knows of, as a list of
# (start, what) for the message, e.g. (start, "hiring mission “Lahore, March”").
interview_busy_check = Signal()


def interview_busy_elsewhere(
    *, user_ids: list[int], start: dt.datetime, end: dt.datetime
) -> list[tuple[dt.datetime, str]]:
    """Other interviews (a published mission's) that overlap [start, end) for these people."""
    found: list[tuple[dt.datetime, str]] = []
    for _receiver, clashes in interview_busy_check.send(
        sender="pipeline", user_ids=user_ids, start=start, end=end
    ):
        found.extend(clashes or [])
    return sorted(found)
