"""The loop from invitation to offer in a real Chromium: the company proposes interview times
in Tokyo time, the candidate picks one in Pakistan time, the interview is held online, two
interviewers fill scorecards, an offer below the HSP floor is refused and a good one sent,
the candidate reads every term and accepts, and the hire checklist opens with the contract.

Skipped where no Chromium is installed (unless KAKEHASHI_REQUIRE_BROWSER is set)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from django.utils import timezone

from kakehashi.conftest import make_member
from kakehashi.core.tests.test_browser import CHROMIUM, REQUIRED, _login, _world
from kakehashi.pipeline.models import InterviewInvite, InterviewSlot
from kakehashi.pipeline.services import application_advance, application_create

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not REQUIRED, reason="Chromium is not installed"
    ),
]


def _sign_out(page):
    with page.expect_navigation():
        page.click("text=Sign out")


def test_invitation_to_offer_in_the_browser(page, consent_v1):
    tanaka, ayesha, job = _world()
    tanaka.time_zone = "Asia/Tokyo"
    tanaka.save(update_fields=["time_zone"])
    kenji = make_member(job.employer, "kenji@sakura.example", "interviewer")
    kenji.full_name = "Kenji Mori"
    kenji.time_zone = "Asia/Tokyo"
    kenji.save(update_fields=["full_name", "time_zone"])
    app = application_create(candidate=ayesha, job=job, actor=ayesha.user)
    application_advance(application=app, stage="shortlisted", actor=tanaka)
    application_advance(application=app, stage="profile_shared", actor=ayesha.user)

    # The company proposes a time, typed in Tokyo time: 14:00 JST the day after tomorrow.
    tokyo_day = (timezone.now() + dt.timedelta(days=2)).astimezone(
        dt.timezone(dt.timedelta(hours=9))
    )
    _login(page, "tanaka@sakura.example")
    page.goto(f"/jobs/{job.pk}/applications/")
    with page.expect_navigation():
        page.click("text=Propose interview times")
    page.check("input[name=mode][value=online]")
    page.fill("#id_video_url", "https://meet.example/sakura-ml")
    page.check(f"input[name=interviewers][value='{kenji.pk}']")
    page.fill("#id_slot_1", f"{tokyo_day:%Y-%m-%d}T14:00")
    with page.expect_navigation():
        page.click("text=Send the times to the candidate")
    assert "14:00 JST (10:00 PKT, Asia/Karachi)" in page.inner_text("main")
    invite = InterviewInvite.objects.get()
    _sign_out(page)

    # The candidate picks it, in her own zone with Tokyo's beside.
    _login(page, "ayesha@example.pk")
    page.goto("/candidate/")
    with page.expect_navigation():
        page.click("[data-testid=interview-invite] a")
    assert "10:00 PKT (14:00 JST, Asia/Tokyo)" in page.inner_text("main")
    page.check("input[name=slot]")
    with page.expect_navigation():
        page.click("text=Book this time")
    assert "Booked" in page.inner_text("[data-testid=invite-status]")
    _sign_out(page)

    # The interview takes place online (its time has come).
    slot = invite.slots.get()
    past = timezone.now() - dt.timedelta(hours=1)
    InterviewSlot.objects.filter(pk=slot.pk).update(start=past, end=past + dt.timedelta(minutes=45))
    for email, score, recommendation in (
        ("kenji@sakura.example", "4", "yes"),
        ("tanaka@sakura.example", "5", "strong_yes"),
    ):
        _login(page, email)
        page.goto(f"/interviews/invites/{invite.pk}/")
        if page.locator("text=The interview took place").count():
            with page.expect_navigation():
                page.click("text=The interview took place")
        with page.expect_navigation():
            page.click("text=My scorecard")
        for select in page.locator("select[name^=score__]").all():
            select.select_option(score)
        page.select_option("#id_recommendation", recommendation)
        with page.expect_navigation():
            page.click("text=Save my scorecard")
        _sign_out(page)

    # The admin reads the panel side by side and makes the offer.
    _login(page, "tanaka@sakura.example")
    page.goto(f"/interviews/invites/{invite.pk}/")
    panel = page.inner_text("[data-testid=panel-scores]")
    assert "Kenji Mori" in panel and "4.5" in panel
    with page.expect_navigation():
        page.click("a.button:text-is('Make an offer')")
    page.fill("#id_salary_jpy", "2800000")
    page.select_option("#id_residence_status", "hsp")
    page.fill("#id_allowances", "Housing ¥30,000 a month")
    page.fill("#id_start_date", (dt.date.today() + dt.timedelta(days=120)).isoformat())
    page.fill("#id_expires_on", (dt.date.today() + dt.timedelta(days=14)).isoformat())
    page.fill("#id_accommodation", "Company flat for six months")
    page.fill("#id_travel", "Flight Lahore–Tokyo paid")
    page.fill("#id_insurance", "Japanese health and pension insurance")
    with page.expect_navigation():
        page.click("text=Send the offer")
    assert "needs an annual salary of at least ¥3,000,000" in page.inner_text("main")
    assert page.input_value("#id_accommodation") == "Company flat for six months"
    page.fill("#id_salary_jpy", "7500000")
    with page.expect_navigation():
        page.click("text=Send the offer")
    _sign_out(page)

    # The candidate reads every term, then accepts; the checklist opens with the contract.
    _login(page, "ayesha@example.pk")
    page.goto("/candidate/")
    with page.expect_navigation():
        page.click("text=Read the offer and answer")
    terms = page.inner_text("[data-testid=offer-terms]")
    for text in ("¥7,500,000", "Housing ¥30,000 a month", "Company flat for six months"):
        assert text in terms
    with page.expect_navigation():
        page.click("text=Accept the offer")
    assert "Tick the box" in page.inner_text("main")  # not without reading
    page.check("input[name=terms_read]")
    with page.expect_navigation():
        page.click("text=Accept the offer")
    page.wait_for_url(f"**/applications/{app.pk}/hire/")
    contract = page.inner_text("[data-testid=contract]")
    assert "Foreign Service Agreement" in contract and "Japanese health and pension" in contract
    app.refresh_from_db()
    assert app.stage == "accepted"
