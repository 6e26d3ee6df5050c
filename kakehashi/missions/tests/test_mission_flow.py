import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kakehashi.audit.models import PersonalDataAccess
from kakehashi.core.errors import ApplicationError
from kakehashi.core.tasks import email_send
from kakehashi.missions.models import Interview, Mission, Panel
from kakehashi.missions.services import interview_checkin

DAY = dt.date(2027, 3, 10)


def _plan(client, nadia, sakura, tanaka):
    client.force_login(nadia)
    client.post(
        reverse("mission_list"),
        {
            "name": "Tokyo IT mission, March 2027",
            "slot_minutes": 30,
            "online_lines": 0,
            "candidate_gap_minutes": 15,
        },
    )
    mission = Mission.objects.get()
    url = reverse("mission_detail", args=[mission.pk])
    client.post(
        url,
        {
            "action": "leg",
            "leg-city": "lahore",
            "leg-start_date": DAY,
            "leg-end_date": DAY,
            "leg-venue_name": "Arfa Software Technology Park",
            "leg-opens": "09:00",
            "leg-closes": "12:00",
            "leg-rooms": "Hall 1:4",
        },
    )
    client.post(url, {"action": "employer", "employer": sakura.pk})
    leg = mission.legs.get()
    client.post(
        url,
        {
            "action": "panel",
            "panel-employer": sakura.pk,
            "panel-name": "Panel A",
            "panel-interviewers": [tanaka.pk],
            "panel-legs": [leg.pk],
        },
    )
    return mission, url


def test_facilitator_plans_solves_and_publishes_a_mission(
    client, nadia, sakura, tanaka, invited, mailoutbox, django_capture_on_commit_callbacks
):
    mission, url = _plan(client, nadia, sakura, tanaka)
    assert Panel.objects.get().interviewers.get() == tanaka
    client.post(url, {"action": "collect"})
    assert mission.requests.count() == 2
    client.post(url, {"action": "solve"})
    interviews = list(Interview.objects.order_by("start"))
    assert len(interviews) == 2
    karachi_times = [
        i.start.astimezone(dt.timezone(dt.timedelta(hours=5))).time() for i in interviews
    ]
    assert (
        karachi_times[0] >= dt.time(9, 0) and interviews[0].end <= interviews[1].start
    )  # one panel, no overlap
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "publish"})
    assert all(
        a.stage == "interview_scheduled"
        for a in [type(invited[0]).objects.get(pk=x.pk) for x in invited]
    )
    candidate_mail = next(m for m in mailoutbox if m.to == ["ayesha@example.pk"] and m.attachments)
    ics = Calendar.from_ical(candidate_mail.attachments[0][1])
    event = next(iter(ics.walk("VEVENT")))
    assert event.decoded("dtstart").utcoffset() == dt.timedelta(hours=5)  # Asia/Karachi
    assert "Arfa Software Technology Park" in str(event["location"])
    tanaka_mail = next(m for m in mailoutbox if m.to == ["tanaka@sakura.example"] and m.attachments)
    assert len(list(Calendar.from_ical(tanaka_mail.attachments[0][1]).walk("VEVENT"))) == 2
    client.force_login(tanaka)  # the interviewer sees the panel's interviews on the dashboard
    dashboard = client.get(reverse("employer_dashboard")).content.decode()
    assert dashboard.count('data-testid="interview"') == 2


def test_the_timetable_e_mail_is_plain_text_sent_by_the_task(
    client,
    nadia,
    sakura,
    tanaka,
    invited,
    sakura_job,
    monkeypatch,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    sakura_job.title = "R&D <Cloud>"
    sakura_job.save(update_fields=["title"])
    tasks_run = []
    run = email_send.run
    monkeypatch.setattr(email_send, "run", lambda **kw: tasks_run.append(kw) or run(**kw))
    _mission, url = _plan(client, nadia, sakura, tanaka)
    client.post(url, {"action": "collect"})
    client.post(url, {"action": "solve"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "publish"})
    mail = next(m for m in mailoutbox if m.to == ["ayesha@example.pk"] and m.attachments)
    assert "R&D <Cloud>" in mail.body and "&amp;" not in mail.body
    assert "Tokyo IT mission, March 2027" in mail.subject
    assert {tuple(kw["to"]) for kw in tasks_run if kw.get("attachments")} == {
        ("ayesha@example.pk",),
        ("bilal@example.pk",),
        ("tanaka@sakura.example",),
    }


def test_no_show_frees_the_slot_and_replan_keeps_the_others(client, nadia, sakura, tanaka, invited):
    mission, url = _plan(client, nadia, sakura, tanaka)
    client.post(url, {"action": "collect"})
    client.post(url, {"action": "solve"})
    first, second = Interview.objects.order_by("start")
    kept = (second.pk, second.start, second.checkin_code)
    checkin = reverse("mission_checkin", args=[mission.pk])
    client.post(checkin, {"no_show": first.pk})
    client.post(reverse("mission_replan", args=[mission.pk]))
    second.refresh_from_db()
    assert (second.pk, second.start, second.checkin_code) == kept
    first.refresh_from_db()
    assert first.status == "no_show"
    # The day of the interview: the desk opens a few hours before the slot.
    Interview.objects.filter(pk=second.pk).update(
        start=timezone.now() + dt.timedelta(minutes=30),
        end=timezone.now() + dt.timedelta(minutes=60),
    )
    client.post(checkin, {"code": second.checkin_code.lower()})
    second.refresh_from_db()
    assert second.status == "checked_in"


def test_only_facilitators_plan_missions(client, tanaka, ayesha):
    for user in (tanaka, ayesha.user):
        client.force_login(user)
        assert client.get(reverse("mission_list")).status_code == 404


def test_candidate_sees_the_published_interview_with_its_qr_code(
    client, nadia, sakura, tanaka, invited, ayesha
):
    _mission, url = _plan(client, nadia, sakura, tanaka)
    client.post(url, {"action": "collect"})
    client.post(url, {"action": "solve"})
    client.post(url, {"action": "publish"})
    client.force_login(ayesha.user)
    html = client.get(reverse("candidate_dashboard")).content.decode()
    interview = Interview.objects.get(request__application__candidate=ayesha)
    assert 'data-testid="interview"' in html and interview.checkin_code in html and "<svg" in html
    assert client.get(reverse("interview_ics", args=[interview.pk])).status_code == 200
    client.force_login(nadia)
    client.logout()
    client.force_login(invited[1].candidate.user)
    assert client.get(reverse("interview_ics", args=[interview.pk])).status_code == 404


def test_timetable_pdf_lists_the_interviews(client, nadia, sakura, tanaka, invited):
    import io

    import pypdfium2 as pdfium

    mission, url = _plan(client, nadia, sakura, tanaka)
    client.post(url, {"action": "collect"})
    client.post(url, {"action": "solve"})
    response = client.get(reverse("mission_timetable_pdf", args=[mission.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdfium.PdfDocument(io.BytesIO(response.content))[0].get_textpage().get_text_range()
    assert "Arfa Software Technology Park" in text
    for interview in Interview.objects.all():
        assert interview.checkin_code in text
    # The names in the timetable are personal data seen by the organiser: recorded.
    seen = PersonalDataAccess.objects.filter(purpose="mission", channel="pdf", actor_id=nadia.pk)
    assert {r.subject_id for r in seen} == {
        i.request.application.candidate_id for i in Interview.objects.all()
    }


def _desk(client, nadia, sakura, tanaka):
    mission, url = _plan(client, nadia, sakura, tanaka)
    client.post(url, {"action": "collect"})
    client.post(url, {"action": "solve"})
    return mission, reverse("mission_checkin", args=[mission.pk])


def test_the_desk_refuses_a_check_in_80_days_early_naming_the_slot_in_pakistan_time(
    client, nadia, sakura, tanaka, invited
):
    _mission, checkin = _desk(client, nadia, sakura, tanaka)
    interview = Interview.objects.order_by("start").first()
    assert interview.start.astimezone(dt.UTC).hour == 4  # 09:00 in Lahore
    page = client.post(checkin, {"code": interview.checkin_code}, follow=True).content.decode()
    interview.refresh_from_db()
    assert interview.status == "scheduled"
    assert "Too early" in page and "at 09:00 (Pakistan time)" in page


def test_the_desk_welcomes_in_pakistan_time_not_utc(client, nadia, sakura, tanaka, invited):
    _mission, checkin = _desk(client, nadia, sakura, tanaka)
    interview = Interview.objects.order_by("start").first()
    start = (timezone.now() + dt.timedelta(minutes=30)).replace(second=0, microsecond=0)
    Interview.objects.filter(pk=interview.pk).update(
        start=start, end=start + dt.timedelta(minutes=30)
    )
    page = client.post(checkin, {"code": interview.checkin_code}, follow=True).content.decode()
    local = start.astimezone(ZoneInfo("Asia/Karachi")).strftime("%H:%M")
    utc = start.astimezone(dt.UTC).strftime("%H:%M")
    assert f"checked in for {local} (Pakistan time)" in page
    assert f"checked in for {utc}" not in page


def test_the_desk_refuses_after_the_slot_and_twice(client, nadia, sakura, tanaka, invited):
    mission, _checkin = _desk(client, nadia, sakura, tanaka)
    interview = Interview.objects.order_by("start").first()
    code = interview.checkin_code
    with pytest.raises(ApplicationError, match="Too late"):
        interview_checkin(
            mission=mission, code=code, actor=nadia, now=interview.end + dt.timedelta(minutes=1)
        )
    interview_checkin(mission=mission, code=code, actor=nadia, now=interview.start)
    with pytest.raises(ApplicationError, match="already marked"):
        interview_checkin(mission=mission, code=code, actor=nadia, now=interview.start)


def test_the_desk_finds_a_candidate_by_name_or_cnic_last_digits(
    client, nadia, sakura, tanaka, invited
):
    _mission, checkin = _desk(client, nadia, sakura, tanaka)

    def found(query: str) -> str:
        return client.get(checkin, {"q": query}).content.decode()

    assert found("").count('data-testid="desk-row"') == 2
    by_name = found("ayesha")
    assert by_name.count('data-testid="desk-row"') == 1 and "Ayesha Khan" in by_name
    desk = PersonalDataAccess.objects.filter(purpose="mission", channel="page", actor_id=nadia.pk)
    assert desk.exists()  # the names on the desk are recorded as seen
    # Ayesha's CNIC 35202-1234567-2 ends in 5672; Bilal's ends in 3211.
    by_digits = found("5672")
    assert by_digits.count('data-testid="desk-row"') == 1 and "Ayesha Khan" in by_digits
    assert found("0000").count('data-testid="desk-row"') == 0
    assert found("x" * 500).count("These filters were ignored") == 1
