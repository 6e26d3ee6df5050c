"""Row ids posted by buttons and hidden fields: a value that only looks like digits ("²",
Arabic-Indic digits) or is too long for a row id is refused like any other bad id, never a
server error."""

import pytest
from django.urls import reverse

from kakehashi.missions.models import Mission

NOT_IDS = ["²", "١٢", "9" * 30, "9" * 5000]


@pytest.fixture
def mission(nadia):
    return Mission.objects.create(name="Tokyo IT mission", organiser=nadia)


@pytest.mark.parametrize("value", NOT_IDS)
def test_a_bad_row_id_in_a_post_is_never_a_server_error(
    client, value, ayesha, imran, nadia, mission
):
    client.force_login(ayesha.user)
    assert client.post(reverse("api_tokens"), {"revoke": value}).status_code == 302
    assert client.post(reverse("candidate_consent"), {"text_id": value}).status_code in (200, 302)

    client.force_login(imran)
    queue = reverse("documents_queue")
    for field in ("certification", "education"):
        assert client.post(queue, {field: value, "decision": "approve"}).status_code in (302, 404)

    client.force_login(nadia)
    detail = reverse("mission_detail", args=[mission.pk])
    assert client.post(detail, {"action": "employer", "employer": value}).status_code == 404
    checkin = reverse("mission_checkin", args=[mission.pk])
    assert client.post(checkin, {"no_show": value}).status_code == 404


@pytest.mark.parametrize("seats", ["²", "9" * 30, "9" * 5000])
def test_a_room_with_a_bad_seat_count_is_refused_with_the_rule(client, seats, nadia, mission):
    client.force_login(nadia)
    detail = reverse("mission_detail", args=[mission.pk])
    page = client.post(
        detail,
        {
            "action": "leg",
            "leg-city": "lahore",
            "leg-start_date": "2027-03-10",
            "leg-end_date": "2027-03-10",
            "leg-venue_name": "Arfa Software Technology Park",
            "leg-opens": "09:00",
            "leg-closes": "12:00",
            "leg-rooms": f"Hall 1:{seats}",
        },
    )
    assert page.status_code == 200 and "Write each room as Name:seats" in page.content.decode()
