"""Both sides of a mission feed the solver: a company joins on request, an interviewer's
hours, a candidate's answer, days and way of attending; the solve runs as a task."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from kakehashi.conftest import make_employer, make_member
from kakehashi.core.errors import ApplicationError
from kakehashi.missions.models import (
    Interview,
    InterviewRequest,
    Mission,
    MissionJoinRequest,
    MissionLeg,
    Panel,
)
from kakehashi.missions.participation import (
    interview_request_answer,
    interviewer_availability_set,
    mission_join_ask,
    mission_join_decide,
)
from kakehashi.missions.services import mission_requests_collect
from kakehashi.missions.tasks import mission_solve_queue
from kakehashi.missions.tests.test_mission_flow import DAY, _plan
from kakehashi.pipeline.interviews import interview_pick, interview_propose, interview_reschedule
from kakehashi.pipeline.services import application_advance, application_create

KARACHI = ZoneInfo("Asia/Karachi")


@pytest.fixture
def mission_two_days(client, nadia, sakura, tanaka, invited):
    mission, _url = _plan(client, nadia, sakura, tanaka)
    leg = mission.legs.get()
    leg.end_date = DAY + dt.timedelta(days=1)
    leg.save(update_fields=["end_date"])
    mission_requests_collect(mission=mission, actor=nadia)
    return mission


def test_a_verified_company_asks_and_the_organiser_lets_it_join(client, nadia, tanaka, yamada):
    mission = Mission.objects.create(name="Karachi mission", organiser=nadia)
    client.force_login(yamada)
    page = client.get(reverse("employer_missions")).content.decode()
    assert "Karachi mission" in page and "Ask to join" in page
    client.post(reverse("employer_missions"), {"mission": mission.pk, "note": "Two interviewers"})
    join = MissionJoinRequest.objects.get()
    assert join.status == "pending" and join.note == "Two interviewers"
    with pytest.raises(ApplicationError, match="already asked"):
        mission_join_ask(mission=mission, actor=yamada)
    with pytest.raises(PermissionDenied):
        mission_join_decide(join=join, actor=tanaka, accept=True)
    mission_join_decide(join=join, actor=nadia, accept=True)
    assert mission.employers.filter(pk=join.employer_id).exists()


def test_an_unverified_company_or_an_interviewer_cannot_ask(nadia, sakura):
    mission = Mission.objects.create(name="M", organiser=nadia)
    pending = make_employer("Kaze", "7010401045660", verified=False)
    for user in (
        make_member(pending, "a@kaze.example", "admin"),
        make_member(sakura, "i@sakura.example", "interviewer"),
    ):
        with pytest.raises(PermissionDenied):
            mission_join_ask(mission=mission, actor=user)


def test_the_solver_keeps_to_the_interviewers_hours(mission_two_days, nadia, tanaka):
    mission = mission_two_days
    with pytest.raises(ApplicationError, match="not a day of this mission"):
        interviewer_availability_set(
            mission=mission,
            actor=tanaka,
            hours={DAY - dt.timedelta(days=9): [(dt.time(9), dt.time(12))]},
        )
    with pytest.raises(ApplicationError, match="not after the start"):
        interviewer_availability_set(
            mission=mission, actor=tanaka, hours={DAY: [(dt.time(11), dt.time(10))]}
        )
    # Tanaka can only do the second day, from 10:00.
    second = DAY + dt.timedelta(days=1)
    interviewer_availability_set(
        mission=mission, actor=tanaka, hours={second: [(dt.time(10), dt.time(12))]}
    )
    mission_solve_queue(mission=mission, actor=nadia)
    starts = [
        i.start.astimezone(KARACHI) for i in Interview.objects.filter(request__mission=mission)
    ]
    assert len(starts) == 2
    assert all(s.date() == second and s.time() >= dt.time(10) for s in starts)


def test_a_candidate_who_declines_is_not_placed_and_days_off_are_kept(
    mission_two_days, nadia, ayesha, bilal
):
    mission = mission_two_days
    ayesha_request = InterviewRequest.objects.get(application__candidate=ayesha)
    bilal_request = InterviewRequest.objects.get(application__candidate=bilal)
    with pytest.raises(ApplicationError, match="Say why"):
        interview_request_answer(request=ayesha_request, actor=ayesha.user, accept=False)
    with pytest.raises(ApplicationError, match="any day"):
        interview_request_answer(
            request=bilal_request,
            actor=bilal.user,
            accept=True,
            unavailable_days=[DAY, DAY + dt.timedelta(days=1)],
        )
    with pytest.raises(PermissionDenied):
        interview_request_answer(request=bilal_request, actor=ayesha.user, accept=True)
    interview_request_answer(
        request=ayesha_request, actor=ayesha.user, accept=False, reason="I took another job"
    )
    interview_request_answer(
        request=bilal_request, actor=bilal.user, accept=True, unavailable_days=[DAY]
    )
    mission_solve_queue(mission=mission, actor=nadia)
    placed = list(Interview.objects.filter(request__mission=mission).select_related("request"))
    assert [i.request_id for i in placed] == [bilal_request.pk]
    assert placed[0].start.astimezone(KARACHI).date() == DAY + dt.timedelta(days=1)


def test_an_online_only_candidate_needs_online_lines(mission_two_days, nadia, ayesha):
    mission = mission_two_days
    request = InterviewRequest.objects.get(application__candidate=ayesha)
    interview_request_answer(request=request, actor=ayesha.user, accept=True, attendance="online")
    mission_solve_queue(mission=mission, actor=nadia)
    assert not Interview.objects.filter(request=request).exists()  # no video lines yet
    Mission.objects.filter(pk=mission.pk).update(online_lines=1)
    mission.refresh_from_db()
    mission_solve_queue(mission=mission, actor=nadia)
    interview = Interview.objects.get(request=request)
    assert interview.online


def test_the_page_shows_the_background_solve_and_refuses_a_second(client, mission_two_days, nadia):
    mission = mission_two_days
    client.force_login(nadia)
    client.post(reverse("mission_detail", args=[mission.pk]), {"action": "solve"})
    mission.refresh_from_db()
    assert mission.solve_state == "done" and "2 of 2 interviews placed" in mission.solve_progress
    status = client.get(reverse("mission_solve_status", args=[mission.pk])).content.decode()
    assert "Solved" in status and "hx-trigger" not in status  # nothing left to poll
    Mission.objects.filter(pk=mission.pk).update(solve_state="running", solve_progress="Solving")
    status = client.get(reverse("mission_solve_status", args=[mission.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in status
    with pytest.raises(ApplicationError, match="already being solved"):
        mission_solve_queue(mission=mission, actor=nadia)


def test_a_solve_that_cannot_start_says_why_on_the_page(nadia):
    mission = Mission.objects.create(name="Empty", organiser=nadia)
    mission_solve_queue(mission=mission, actor=nadia)
    mission.refresh_from_db()
    assert mission.solve_state == "failed" and "Add at least one leg" in mission.solve_progress


def test_interviewers_and_candidates_answer_on_their_pages(
    client, mission_two_days, tanaka, ayesha
):
    mission = mission_two_days
    client.force_login(tanaka)
    url = reverse("mission_availability", args=[mission.pk])
    key = f"{DAY.isoformat()}_1"
    page = client.post(url, {f"{key}_from": "09:00"}).content.decode()
    assert "give both the start and the end" in page
    client.post(url, {f"{key}_from": "09:00", f"{key}_to": "11:00"})
    assert list(mission.availability.values_list("day", "start", "end")) == [
        (DAY, dt.time(9), dt.time(11))
    ]
    request = InterviewRequest.objects.get(application__candidate=ayesha)
    client.force_login(ayesha.user)
    assert (
        "Hiring mission invitations" in client.get(reverse("candidate_dashboard")).content.decode()
    )
    client.post(
        reverse("interview_request_answer", args=[request.pk]),
        {"answer": "accept", "unavailable_days": [DAY.isoformat()], "attendance": "in_person"},
    )
    request.refresh_from_db()
    assert request.answer == "accepted" and request.unavailable_days == [DAY.isoformat()]
    assert request.attendance == "in_person"


def test_an_interview_outside_missions_cannot_clash_with_a_published_mission_interview(
    ayesha, sakura, sakura_job, tanaka
):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    application_advance(application=app, stage="shortlisted", actor=tanaka)
    start = timezone.now() + dt.timedelta(days=3)
    mission = Mission.objects.create(name="Lahore, March", status="published")
    leg = MissionLeg.objects.create(
        mission=mission,
        city="lahore",
        start_date=start.date(),
        end_date=start.date(),
        venue_name="V",
    )
    panel = Panel.objects.create(mission=mission, employer=sakura, name="P")
    request = InterviewRequest.objects.create(mission=mission, application=app)
    Interview.objects.create(
        request=request,
        panel=panel,
        leg=leg,
        start=start,
        end=start + dt.timedelta(minutes=30),
        checkin_code="XYZ789",
    )
    invite = interview_propose(
        application=app,
        actor=tanaka,
        mode="online",
        video_url="https://meet.example/x",
        starts=[start + dt.timedelta(minutes=10)],
        interviewers=[tanaka],
    )
    with pytest.raises(ApplicationError, match="Lahore, March") as refused:
        interview_pick(invite=invite, slot_id=invite.slots.get().pk, actor=ayesha.user)
    assert refused.value.code == "double_booking"
    panel.interviewers.set([tanaka])  # now Tanaka sits on the mission panel too
    with pytest.raises(ApplicationError, match="An interviewer is interviewing"):
        interview_reschedule(
            invite=invite, actor=tanaka, starts=[start + dt.timedelta(minutes=5)], reason="Move"
        )
