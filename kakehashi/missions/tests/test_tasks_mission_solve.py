"""The timetable is built by a background task (eager in tests): its progress is on the
mission page while it runs, the published timetable is replaced only when it finishes, and
a re-plan from the check-in desk runs the same way and leaves untouched interviews alone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from engine.scheduling import solve as engine_solve
from kakehashi.missions import services
from kakehashi.missions.models import Interview, Mission
from kakehashi.missions.tasks import mission_solve_queue
from kakehashi.missions.tests.test_participation import mission_two_days  # noqa: F401 - fixture


def _timetable(mission):
    return sorted(
        Interview.objects.filter(request__mission=mission).values_list(
            "request_id", "panel_id", "room_id", "start"
        )
    )


def test_the_old_timetable_stands_while_a_solve_runs_and_after_it_fails(
    monkeypatch,
    mission_two_days,  # noqa: F811 - the fixture imported above
    nadia,
):
    mission = mission_two_days
    mission_solve_queue(mission=mission, actor=nadia)
    published = _timetable(mission)
    assert len(published) == 2
    seen = {}

    def solver_that_breaks(problem, **kw):
        # The task reports the first plan, then the solver stops with an error.
        engine_solve.interview_timetable_solve(problem, **kw)
        row = Mission.objects.get(pk=mission.pk)
        seen.update(state=row.solve_state, progress=row.solve_progress, rows=_timetable(mission))
        raise RuntimeError("solver crashed")

    monkeypatch.setattr(services, "interview_timetable_solve", solver_that_breaks)
    with pytest.raises(RuntimeError):
        mission_solve_queue(mission=mission, actor=nadia)
    assert seen["state"] == "running" and "First plan: 2 interviews placed" in seen["progress"]
    assert seen["rows"] == published
    mission.refresh_from_db()
    assert (
        mission.solve_state == "failed" and "previous timetable is kept" in mission.solve_progress
    )
    assert _timetable(mission) == published


def test_a_replan_from_the_desk_runs_in_the_background_and_moves_nothing_else(
    client,
    mission_two_days,  # noqa: F811 - the fixture imported above
    nadia,
):
    mission = mission_two_days
    client.force_login(nadia)
    client.post(reverse("mission_detail", args=[mission.pk]), {"action": "solve"})
    first, second = Interview.objects.filter(request__mission=mission).order_by("start")
    kept = (second.pk, second.panel_id, second.room_id, second.start, second.checkin_code)
    checkin = reverse("mission_checkin", args=[mission.pk])
    client.post(checkin, {"no_show": first.pk})
    page = client.post(reverse("mission_replan", args=[mission.pk]), follow=True)
    html = page.content.decode()
    assert 'data-testid="solve-status"' in html
    assert "Re-planned: 1 interviews kept, 0 moved." in html
    second.refresh_from_db()
    assert (second.pk, second.panel_id, second.room_id, second.start, second.checkin_code) == kept
    mission.refresh_from_db()
    assert mission.solve_figures["replan"] and mission.solve_figures["moved"] == 0
