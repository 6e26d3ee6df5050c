"""Both sides of a mission in a real Chromium: a verified company asks to join, the organiser
accepts and sets up its panel, the interviewer gives hours for one day, the candidate answers
that she cannot come on the other, and the timetable is solved as a background task whose
state the page shows."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest

from kakehashi.accounts.models import User
from kakehashi.core.tests.test_browser import CHROMIUM, REQUIRED, _login, _world
from kakehashi.missions.models import Interview, Mission, MissionLeg, Room
from kakehashi.pipeline.services import application_advance, application_create

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not REQUIRED, reason="Chromium is not installed"
    ),
]
FIRST = dt.date(2027, 3, 10)
SECOND = FIRST + dt.timedelta(days=1)


def _sign_out(page):
    with page.expect_navigation():
        page.click("text=Sign out")


def test_a_mission_planned_with_both_sides_and_solved_in_the_background(page, consent_v1):
    tanaka, ayesha, job = _world()
    app = application_create(candidate=ayesha, job=job, actor=ayesha.user)
    application_advance(application=app, stage="shortlisted", actor=tanaka)
    application_advance(application=app, stage="invited", actor=tanaka)
    nadia = User.objects.create_user(
        "organiser@moitt.example",
        "pw-kakehashi-1",
        full_name="Nadia",
        role="facilitator",
        facilitator_role="mission_organiser",
    )
    mission = Mission.objects.create(name="Lahore IT mission", organiser=nadia)
    leg = MissionLeg.objects.create(
        mission=mission,
        city="lahore",
        start_date=FIRST,
        end_date=SECOND,
        venue_name="Arfa Software Technology Park",
    )
    Room.objects.create(leg=leg, name="Hall 1", seats=4)

    _login(page, "tanaka@sakura.example")
    page.goto("/employer/missions/")
    with page.expect_navigation():
        page.click("[data-testid=open-mission] button:has-text('Ask to join')")
    assert "Waiting for the ministry" in page.inner_text("[data-testid=open-mission]")
    _sign_out(page)

    _login(page, "organiser@moitt.example")
    page.goto(f"/ministry/missions/{mission.pk}/")
    with page.expect_navigation():
        page.click("[data-testid=join-request] button[value=join_accept]")
    page.click("text=Add a panel")
    page.select_option("#id_panel-employer", label="Sakura Co., Ltd.")
    page.fill("#id_panel-name", "Panel A")
    page.check("input[name=panel-interviewers]")
    page.check("input[name=panel-legs]")
    with page.expect_navigation():
        page.click("form:has(input[value=panel]) button[type=submit]")
    with page.expect_navigation():
        page.click("button[value=collect]")
    _sign_out(page)

    _login(page, "tanaka@sakura.example")  # Tanaka sits on the panel: only the second day
    page.goto(f"/missions/{mission.pk}/availability/")
    page.fill(f"#id_{SECOND.isoformat()}_1_from", "13:00")
    page.fill(f"#id_{SECOND.isoformat()}_1_to", "16:00")
    with page.expect_navigation():
        page.click("text=Save my hours")
    assert "Saved: 1 time windows." in page.inner_text("main")
    _sign_out(page)

    _login(page, "ayesha@example.pk")
    page.goto("/candidate/")
    with page.expect_navigation():
        page.click("[data-testid=mission-invitation] a")
    page.check(f"input[name=unavailable_days][value='{FIRST.isoformat()}']")
    page.select_option("#id_attendance", "in_person")
    with page.expect_navigation():
        page.click("button[value=accept]")
    _sign_out(page)

    _login(page, "organiser@moitt.example")
    page.goto(f"/ministry/missions/{mission.pk}/")
    assert "Will come" in page.inner_text("[data-testid=request-row]")
    with page.expect_navigation():
        page.click("button[value=solve]")
    status = page.inner_text("[data-testid=solve-status]")
    assert "Solved" in status and "1 of 1 interviews placed" in status
    start = Interview.objects.get().start.astimezone(ZoneInfo("Asia/Karachi"))
    assert start.date() == SECOND and dt.time(13) <= start.time() < dt.time(16)
