"""Sessions: other sessions end when the password changes (this one stays), and every
session ends SESSION_MAX_HOURS after sign-in or SESSION_IDLE_MINUTES after its last request."""

import time

from django.test import Client
from django.urls import reverse

from kakehashi.accounts.middleware import SESSION_SEEN_KEY, SESSION_STARTED_KEY

NEW_PASSWORD = {
    "old_password": "pw-kakehashi-1",
    "new_password1": "Another-2026!pw",
    "new_password2": "Another-2026!pw",
}


def _signed_in(client) -> bool:
    return client.get(reverse("account_security")).status_code == 200


def test_a_password_change_signs_out_every_other_session(ayesha):
    laptop, phone = Client(), Client()
    for device in (laptop, phone):
        device.post(
            reverse("login"), {"username": "ayesha@example.pk", "password": "pw-kakehashi-1"}
        )
        assert _signed_in(device)
    laptop.post(reverse("password_change"), NEW_PASSWORD)
    assert _signed_in(laptop)
    assert not _signed_in(phone)


def test_a_wrong_current_password_changes_nothing(client, ayesha):
    client.force_login(ayesha.user)
    response = client.post(reverse("password_change"), {**NEW_PASSWORD, "old_password": "nope"})
    assert response.status_code == 200 and "incorrectly" in response.content.decode()
    ayesha.user.refresh_from_db()
    assert ayesha.user.check_password("pw-kakehashi-1")


def _age_session(client, **keys_seconds_ago):
    session = client.session
    now = int(time.time())
    for key, ago in keys_seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_a_session_ends_after_its_maximum_lifetime(client, ayesha, settings):
    settings.SESSION_COOKIE_AGE = 12 * 3600
    client.force_login(ayesha.user)
    _age_session(client, **{SESSION_STARTED_KEY: 12 * 3600 - 60, SESSION_SEEN_KEY: 10})
    assert _signed_in(client)
    _age_session(client, **{SESSION_STARTED_KEY: 12 * 3600 + 60, SESSION_SEEN_KEY: 10})
    assert not _signed_in(client)


def test_a_session_ends_when_idle_and_a_request_keeps_it_alive(client, ayesha, settings):
    settings.SESSION_IDLE_SECONDS = 2 * 3600
    client.force_login(ayesha.user)
    _age_session(client, **{SESSION_STARTED_KEY: 3 * 3600, SESSION_SEEN_KEY: 2 * 3600 - 60})
    assert _signed_in(client)  # not idle long enough yet, and this request counts as seen
    assert time.time() - client.session[SESSION_SEEN_KEY] < 5
    _age_session(client, **{SESSION_SEEN_KEY: 2 * 3600 + 60})
    assert not _signed_in(client)


def test_the_session_lifetime_is_shortened_from_djangos_two_weeks(settings):
    assert settings.SESSION_COOKIE_AGE == 12 * 3600
    assert settings.SESSION_IDLE_SECONDS == 2 * 3600
