"""The interview, message and notification pages: each person's own time zone, the pick
from the e-mail's link, a refused form that keeps what was typed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from kakehashi.pipeline.interviews import interview_propose
from kakehashi.pipeline.messages import message_post
from kakehashi.pipeline.models import InterviewInvite, Message, Notice


def future_tokyo(days: int, hour: int) -> dt.datetime:
    base = timezone.now().astimezone(dt.timezone(dt.timedelta(hours=9))).date()
    day = base + dt.timedelta(days=days)
    return dt.datetime(
        day.year, day.month, day.day, hour, tzinfo=dt.timezone(dt.timedelta(hours=9))
    )


@pytest.fixture
def invite(shortlisted, tokyo_tanaka, kenji):
    return interview_propose(
        application=shortlisted,
        actor=tokyo_tanaka,
        mode="in_person",
        address="Arfa Software Technology Park, Lahore",
        starts=[future_tokyo(5, 14), future_tokyo(6, 15)],
        interviewers=[kenji],
    )


def test_each_side_reads_the_times_in_their_own_zone_with_the_other_beside(
    client, invite, tokyo_tanaka
):
    url = reverse("interview_invite_detail", args=[invite.pk])
    client.force_login(tokyo_tanaka)
    company = client.get(url).content.decode()
    assert "14:00 JST (10:00 PKT, Asia/Karachi)" in company
    client.force_login(invite.application.candidate.user)
    candidate = client.get(url).content.decode()
    assert "10:00 PKT (14:00 JST, Asia/Tokyo)" in candidate


def test_the_link_in_the_email_preselects_its_time_and_the_pick_books_it(client, invite):
    first = invite.slots.first()
    client.force_login(invite.application.candidate.user)
    url = reverse("interview_invite_detail", args=[invite.pk])
    page = client.get(f"{url}?slot={first.pk}").content.decode()
    assert f'value="{first.pk}" checked' in page
    client.post(url, {"action": "pick", "slot": str(first.pk)})
    invite.refresh_from_db()
    assert invite.status == "booked" and invite.booked_slot == first
    ics = client.get(reverse("interview_invite_ics", args=[invite.pk]))
    assert b"TZID=Asia/Karachi" in ics.content


def test_a_junk_slot_id_is_a_message_not_a_500(client, invite):
    client.force_login(invite.application.candidate.user)
    url = reverse("interview_invite_detail", args=[invite.pk])
    response = client.post(url, {"action": "pick", "slot": "²"}, follow=True)
    assert "Choose one of the proposed times." in response.content.decode()
    invite.refresh_from_db()
    assert invite.status == "proposed"


def test_the_propose_form_refuses_a_past_time_and_keeps_the_rest(
    client, shortlisted, tokyo_tanaka, kenji
):
    client.force_login(tokyo_tanaka)
    url = reverse("interview_propose", args=[shortlisted.pk])
    page = client.post(
        url,
        {
            "mode": "online",
            "video_url": "https://meet.example/room-7",
            "minutes": "45",
            "interviewers": [str(kenji.pk)],
            "slot_1": "2020-01-06T10:00",
        },
    ).content.decode()
    assert "is in the past. Propose times from now on." in page
    assert 'value="https://meet.example/room-7"' in page
    assert not InterviewInvite.objects.exists()


def test_the_company_types_times_in_tokyo_time(client, shortlisted, tokyo_tanaka, kenji):
    client.force_login(tokyo_tanaka)
    day = future_tokyo(4, 0).date()
    client.post(
        reverse("interview_propose", args=[shortlisted.pk]),
        {
            "mode": "online",
            "video_url": "https://meet.example/x",
            "minutes": "30",
            "interviewers": [str(kenji.pk)],
            "slot_1": f"{day.isoformat()}T14:00",
        },
    )
    slot = InterviewInvite.objects.get().slots.get()
    assert slot.start.astimezone(dt.UTC).hour == 5  # 14:00 JST is 05:00 UTC


def test_an_interviewer_cannot_open_the_propose_page(client, shortlisted, kenji):
    client.force_login(kenji)
    assert client.get(reverse("interview_propose", args=[shortlisted.pk])).status_code == 404


def test_messages_thread_tells_the_other_side_and_keeps_a_refused_message(
    client, shortlisted, tokyo_tanaka, yamada
):
    user = shortlisted.candidate.user
    url = reverse("application_messages", args=[shortlisted.pk])
    client.force_login(user)
    client.post(url, {"body": "Can the interview be online?\nI am in Lahore."})
    message = Message.objects.get()
    assert message.side == "candidate" and message.body.endswith("I am in Lahore.")
    assert Notice.objects.filter(user=tokyo_tanaka, link=url).exists()
    client.force_login(tokyo_tanaka)
    page = client.get(url).content.decode()
    assert "I am in Lahore." in page and "Ayesha" not in page  # blind before sharing
    too_long = "x" * 4001
    page = client.post(url, {"body": too_long}).content.decode()
    assert too_long in page and Message.objects.count() == 1
    with pytest.raises(PermissionDenied):
        message_post(application=shortlisted, actor=yamada, body="hello")


def test_notifications_page_lists_only_ones_own_and_marks_them_read(
    client, invite, tokyo_tanaka, kenji
):
    user = invite.application.candidate.user
    client.force_login(user)
    page = client.get(reverse("notices")).content.decode()
    assert "pick an interview time" in page
    client.post(reverse("notices"))
    assert not Notice.objects.filter(user=user, read_at=None).exists()
    client.force_login(kenji)
    assert "pick an interview time" not in client.get(reverse("notices")).content.decode()


def test_the_timezone_middleware_applies_the_stored_zone(client, tokyo_tanaka):
    client.force_login(tokyo_tanaka)
    page = client.get(reverse("notices"))
    assert page.status_code == 200
    tokyo_tanaka.time_zone = "Mars/Olympus"  # a bad stored zone falls back, never a 500
    tokyo_tanaka.save(update_fields=["time_zone"])
    assert client.get(reverse("notices")).status_code == 200


def test_the_candidate_withdraws_from_the_dashboard_with_a_reason(client, shortlisted):
    client.force_login(shortlisted.candidate.user)
    page = client.get(reverse("candidate_dashboard")).content.decode()
    assert "Withdraw this application" in page and 'value="other_offer"' in page
    url = reverse("application_action", args=[shortlisted.pk])
    client.post(url, {"action": "withdraw", "reason": ""})
    shortlisted.refresh_from_db()
    assert shortlisted.stage == "shortlisted"  # no reason: refused, nothing changed
    client.post(url, {"action": "withdraw", "reason": "other_offer"})
    shortlisted.refresh_from_db()
    assert shortlisted.stage == "withdrawn"
    page = client.get(reverse("candidate_dashboard")).content.decode()
    assert "Withdraw this application" not in page


def test_the_emails_link_signs_in_then_returns_to_the_chosen_time(client, invite):
    slot = invite.slots.first()
    url = reverse("interview_invite_detail", args=[invite.pk]) + f"?slot={slot.pk}"
    response = client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert f"slot%3D{slot.pk}" in response["Location"]  # the time chosen in the e-mail is kept


def test_stage_moves_reach_the_notifications_page_too(client, shortlisted):
    client.force_login(shortlisted.candidate.user)
    page = client.get(reverse("notices")).content.decode()
    assert "Shortlisted" in page  # the shortlisting e-mail's subject, kept in-app
