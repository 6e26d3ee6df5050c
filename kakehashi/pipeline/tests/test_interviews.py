"""Interviews the company holds itself: propose, pick, decline, reschedule, cancel, hold,
remind; each refusal says what is wrong and saves nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from icalendar import Calendar

from kakehashi.audit.models import AuditEvent
from kakehashi.conftest import make_employer, make_member
from kakehashi.core.errors import ApplicationError
from kakehashi.jobs.models import Job
from kakehashi.pipeline.interviews import (
    interview_cancel,
    interview_decline,
    interview_held,
    interview_other_times_ask,
    interview_pick,
    interview_propose,
    interview_reminders_send,
    interview_reschedule,
)
from kakehashi.pipeline.models import InterviewInvite, Notice
from kakehashi.pipeline.services import application_advance, application_create
from kakehashi.pipeline.tests.conftest import NOW, at_tokyo


def propose(app, actor, interviewers, starts=None, **kwargs):
    with timezone.override("Asia/Tokyo"):
        return interview_propose(
            application=app,
            actor=actor,
            mode=kwargs.pop("mode", "online"),
            video_url=kwargs.pop("video_url", "https://meet.example/sakura-ml"),
            starts=starts or [at_tokyo(3, 14), at_tokyo(4, 10)],
            interviewers=interviewers,
            now=NOW,
            **kwargs,
        )


def test_proposed_times_reach_the_candidate_in_her_zone_with_tokyo_beside(
    shortlisted, tokyo_tanaka, kenji, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite = propose(shortlisted, tokyo_tanaka, [kenji])
    shortlisted.refresh_from_db()
    assert shortlisted.stage == "invited"
    assert invite.status == "proposed" and invite.slots.count() == 2
    [mail] = [m for m in mailoutbox if m.to == ["ayesha@example.pk"]]
    # 14:00 in Tokyo is 10:00 in Karachi: her time first, the company's beside it.
    assert "10:00 PKT (14:00 JST, Asia/Tokyo)" in mail.body
    assert f"/interviews/invites/{invite.pk}/?slot=" in mail.body
    notices = Notice.objects.filter(user=shortlisted.candidate.user)
    assert notices.filter(text__contains="pick an interview time").count() == 1
    assert not notices.filter(text__contains="Invited to interview").exists()  # one notice, not two
    assert AuditEvent.objects.filter(action="interview.proposed").count() == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"starts": [at_tokyo(1, 9)]}, "is in the past"),  # 09:00 Tokyo < 12:00 "now"
        ({"starts": [at_tokyo(3, 14), at_tokyo(3, 14, 30)]}, "overlap"),
        ({"video_url": ""}, "video-call link"),
        ({"mode": "in_person", "address": " "}, "address"),
        ({"minutes": 5}, "between 15 and 240 minutes"),
    ],
)
def test_a_bad_proposal_says_why_and_saves_nothing(
    shortlisted, tokyo_tanaka, kenji, kwargs, message
):
    with pytest.raises(ApplicationError, match=message):
        propose(shortlisted, tokyo_tanaka, [kenji], **kwargs)
    shortlisted.refresh_from_db()
    assert shortlisted.stage == "shortlisted"
    assert not InterviewInvite.objects.exists()


def test_an_interviewer_of_another_company_is_refused(shortlisted, tokyo_tanaka, yamada):
    with pytest.raises(ApplicationError, match="not a member of this company"):
        propose(shortlisted, tokyo_tanaka, [yamada])


def test_only_recruiters_and_admins_propose(shortlisted, kenji):
    with pytest.raises(PermissionDenied):
        propose(shortlisted, kenji, [kenji])


def test_an_interviewer_already_booked_then_is_refused(
    shortlisted, tokyo_tanaka, kenji, bilal, sakura_job
):
    other = application_create(candidate=bilal, job=sakura_job, actor=bilal.user)
    application_advance(application=other, stage="shortlisted", actor=tokyo_tanaka)
    first = propose(other, tokyo_tanaka, [kenji], starts=[at_tokyo(3, 14)])
    interview_pick(invite=first, slot_id=first.slots.get().pk, actor=bilal.user, now=NOW)
    with pytest.raises(ApplicationError, match="kenji already has an interview"):
        propose(shortlisted, tokyo_tanaka, [kenji], starts=[at_tokyo(3, 14, 30)])


def test_the_candidate_books_a_time_and_both_sides_get_the_ics_in_their_zone(
    shortlisted, tokyo_tanaka, kenji, mailoutbox, django_capture_on_commit_callbacks
):
    invite = propose(shortlisted, tokyo_tanaka, [kenji])
    slot = invite.slots.first()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        interview_pick(invite=invite, slot_id=slot.pk, actor=shortlisted.candidate.user, now=NOW)
    invite.refresh_from_db()
    shortlisted.refresh_from_db()
    assert invite.status == "booked" and invite.booked_slot == slot
    assert shortlisted.stage == "interview_scheduled"
    by_to = {m.to[0]: m for m in mailoutbox}
    assert {"ayesha@example.pk", "kenji@sakura.example", "tanaka@sakura.example"} <= set(by_to)
    for email, zone in (
        ("ayesha@example.pk", "Asia/Karachi"),
        ("kenji@sakura.example", "Asia/Tokyo"),
    ):
        name, text, mime = by_to[email].attachments[0]
        assert name == "kakehashi-interview.ics"
        event = Calendar.from_ical(text).walk("VEVENT")[0]
        assert mime == "text/calendar"
        assert str(event["dtstart"].dt.tzinfo) == zone
        assert event["dtstart"].dt == slot.start
    assert "14:00 JST (10:00 PKT, Asia/Karachi)" in by_to["kenji@sakura.example"].body


def test_a_time_that_has_passed_cannot_be_booked(shortlisted, tokyo_tanaka, kenji):
    invite = propose(shortlisted, tokyo_tanaka, [kenji])
    slot = invite.slots.first()
    with pytest.raises(ApplicationError, match="has passed"):
        interview_pick(
            invite=invite,
            slot_id=slot.pk,
            actor=shortlisted.candidate.user,
            now=slot.start + dt.timedelta(minutes=1),
        )
    invite.refresh_from_db()
    assert invite.status == "proposed" and invite.booked_slot is None


def test_the_candidate_cannot_double_book_herself(
    shortlisted, tokyo_tanaka, kenji, ayesha, taxonomy_loaded
):
    fuji = make_employer("Fuji", "5010001008846")
    fuji_admin = make_member(fuji, "mori@fuji.example", "admin")
    job = Job.objects.create(
        employer=fuji,
        title="Cloud engineer",
        description="AWS",
        description_language="en",
        status=Job.Status.OPEN,
        salary_min_jpy=5_000_000,
        salary_max_jpy=7_000_000,
        prefecture="JP-27",
    )
    other = application_create(candidate=ayesha, job=job, actor=ayesha.user)
    application_advance(application=other, stage="shortlisted", actor=fuji_admin)
    fuji_invite = propose(other, fuji_admin, [fuji_admin], starts=[at_tokyo(3, 14, 15)])
    interview_pick(
        invite=fuji_invite, slot_id=fuji_invite.slots.get().pk, actor=ayesha.user, now=NOW
    )
    invite = propose(shortlisted, tokyo_tanaka, [kenji], starts=[at_tokyo(3, 14)])
    with pytest.raises(ApplicationError, match="You already have an interview") as refused:
        interview_pick(invite=invite, slot_id=invite.slots.get().pk, actor=ayesha.user, now=NOW)
    assert refused.value.code == "double_booking"
    invite.refresh_from_db()
    assert invite.status == "proposed"


def test_a_second_pick_after_booking_is_refused(shortlisted, tokyo_tanaka, kenji):
    invite = propose(shortlisted, tokyo_tanaka, [kenji])
    first, second = invite.slots.all()
    user = shortlisted.candidate.user
    interview_pick(invite=invite, slot_id=first.pk, actor=user, now=NOW)
    with pytest.raises(ApplicationError, match="not waiting for a time"):
        interview_pick(invite=invite, slot_id=second.pk, actor=user, now=NOW)
    invite.refresh_from_db()
    assert invite.booked_slot == first


def test_only_the_candidate_picks(shortlisted, tokyo_tanaka, kenji):
    invite = propose(shortlisted, tokyo_tanaka, [kenji])
    with pytest.raises(PermissionDenied):
        interview_pick(invite=invite, slot_id=invite.slots.first().pk, actor=tokyo_tanaka, now=NOW)


def test_asking_for_other_times_frees_the_booking_and_tells_the_company(
    shortlisted, tokyo_tanaka, kenji
):
    invite = propose(shortlisted, tokyo_tanaka, [kenji])
    user = shortlisted.candidate.user
    interview_pick(invite=invite, slot_id=invite.slots.first().pk, actor=user, now=NOW)
    with pytest.raises(ApplicationError, match="Say why"):
        interview_other_times_ask(invite=invite, actor=user, reason="  ")
    interview_other_times_ask(invite=invite, actor=user, reason="Exams until 10 December")
    invite.refresh_from_db()
    assert invite.status == "declined" and invite.booked_slot is None
    assert Notice.objects.filter(user=tokyo_tanaka, text__contains="other interview times").exists()


def test_declining_the_interview_needs_a_listed_reason(shortlisted, tokyo_tanaka, kenji):
    invite = propose(shortlisted, tokyo_tanaka, [kenji])
    user = shortlisted.candidate.user
    with pytest.raises(ApplicationError):
        interview_decline(invite=invite, actor=user, reason="whatever")
    invite.refresh_from_db()
    assert invite.status == "proposed"
    interview_decline(invite=invite, actor=user, reason="personal")
    invite.refresh_from_db()
    shortlisted.refresh_from_db()
    assert invite.status == "cancelled" and shortlisted.stage == "declined"


def test_the_company_reschedules_with_new_times_and_a_reason(shortlisted, tokyo_tanaka, kenji):
    invite = propose(shortlisted, tokyo_tanaka, [kenji])
    interview_pick(
        invite=invite, slot_id=invite.slots.first().pk, actor=shortlisted.candidate.user, now=NOW
    )
    with pytest.raises(PermissionDenied):
        interview_reschedule(
            invite=invite, actor=kenji, starts=[at_tokyo(8, 10)], reason="Clash", now=NOW
        )
    with pytest.raises(ApplicationError, match="in the past"):
        interview_reschedule(
            invite=invite, actor=tokyo_tanaka, starts=[at_tokyo(1, 8)], reason="Clash", now=NOW
        )
    invite.refresh_from_db()
    assert invite.status == "booked"  # the refused change left the booking alone
    interview_reschedule(
        invite=invite, actor=tokyo_tanaka, starts=[at_tokyo(8, 10)], reason="Clash", now=NOW
    )
    invite.refresh_from_db()
    assert invite.status == "proposed" and invite.booked_slot is None
    assert [s.start for s in invite.slots.all()] == [at_tokyo(8, 10)]
    assert invite.reason == "Clash"


def test_either_side_cancels_and_the_other_is_told(
    shortlisted, tokyo_tanaka, kenji, mailoutbox, django_capture_on_commit_callbacks
):
    invite = propose(shortlisted, tokyo_tanaka, [kenji])
    user = shortlisted.candidate.user
    interview_pick(invite=invite, slot_id=invite.slots.first().pk, actor=user, now=NOW)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        interview_cancel(invite=invite, actor=user, reason="I fell ill")
    assert {m.to[0] for m in mailoutbox} >= {"tanaka@sakura.example", "kenji@sakura.example"}
    assert "ayesha@example.pk" not in {m.to[0] for m in mailoutbox}
    cancel_ics = Calendar.from_ical(mailoutbox[0].attachments[0][1])
    assert cancel_ics["method"] == "CANCEL"
    with pytest.raises(ApplicationError, match="already closed"):
        interview_cancel(invite=invite, actor=tokyo_tanaka, reason="again")


def test_held_only_once_it_has_begun_and_an_interviewer_may_record_it(
    shortlisted, tokyo_tanaka, kenji
):
    invite = propose(shortlisted, tokyo_tanaka, [kenji])
    slot = invite.slots.first()
    interview_pick(invite=invite, slot_id=slot.pk, actor=shortlisted.candidate.user, now=NOW)
    with pytest.raises(ApplicationError, match="after it has begun"):
        interview_held(invite=invite, actor=kenji, now=NOW)
    interview_held(invite=invite, actor=kenji, now=slot.start + dt.timedelta(minutes=50))
    shortlisted.refresh_from_db()
    assert shortlisted.stage == "interviewed"


def test_reminders_go_once_the_day_before(
    shortlisted, tokyo_tanaka, kenji, mailoutbox, django_capture_on_commit_callbacks
):
    invite = propose(shortlisted, tokyo_tanaka, [kenji])
    slot = invite.slots.first()
    interview_pick(invite=invite, slot_id=slot.pk, actor=shortlisted.candidate.user, now=NOW)
    assert interview_reminders_send(now=slot.start - dt.timedelta(hours=30)) == 0
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert interview_reminders_send(now=slot.start - dt.timedelta(hours=20)) == 1
    assert interview_reminders_send(now=slot.start - dt.timedelta(hours=19)) == 0
    assert {m.to[0] for m in mailoutbox} >= {"ayesha@example.pk", "kenji@sakura.example"}
    assert all("interview tomorrow" in m.subject for m in mailoutbox)
