"""API tokens expire, say so clearly, and do not outlive a password change or reset."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import timezone

from kakehashi.accounts.models import User
from kakehashi.api.models import ApiToken
from kakehashi.api.services import api_token_create
from kakehashi.audit.models import AuditEvent


def _bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_a_token_expires_after_the_configured_lifetime(ayesha, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 30
    row, _plain = api_token_create(user=ayesha.user, name="t")
    assert abs(row.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)


def test_an_expired_token_is_refused_with_a_clear_401(client, ayesha):
    row, token = api_token_create(user=ayesha.user, name="t")
    assert client.get("/api/me", **_bearer(token)).status_code == 200
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get("/api/me", **_bearer(token))
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "token_expired"
    assert "expired on" in error["message"] and "Create a new one" in error["message"]


def test_the_token_page_shows_when_each_token_expires(client, ayesha):
    row, _token = api_token_create(user=ayesha.user, name="sync")
    client.force_login(ayesha.user)
    html = client.get(reverse("api_tokens")).content.decode()
    # The date in the reader's own zone (Asia/Karachi): from 19:00 UTC it is already tomorrow.
    expires = timezone.localtime(row.expires_at, ZoneInfo(ayesha.user.time_zone))
    assert re.search(r'data-testid="token-expires">\s*' + f"{expires:%Y-%m-%d}", html)
    ApiToken.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(days=1))
    assert (
        'data-testid="token-expires">expired' in client.get(reverse("api_tokens")).content.decode()
    )


def test_changing_the_password_revokes_every_token_and_is_audited(client, ayesha):
    _row, token = api_token_create(user=ayesha.user, name="a")
    api_token_create(user=ayesha.user, name="b")
    client.force_login(ayesha.user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "pw-kakehashi-1",
            "new_password1": "Another-2026!pw",
            "new_password2": "Another-2026!pw",
        },
    )
    assert response.status_code == 302
    assert not ApiToken.objects.filter(user=ayesha.user).exists()
    assert client.get("/api/me", **_bearer(token)).status_code == 401
    event = AuditEvent.objects.get(action="password.changed")
    assert event.actor == ayesha.user and event.details == {"api_tokens_revoked": 2}


def test_a_password_reset_revokes_every_token(client, ayesha, mailoutbox):
    _row, token = api_token_create(user=ayesha.user, name="a")
    client.post(reverse("password_reset"), {"email": "ayesha@example.pk"})
    link = re.search(r"/password-reset/[^/\s]+/[^/\s]+/", mailoutbox[0].body).group(0)
    form_url = client.get(link).url  # Django swaps the token for a session-held one
    done = client.post(
        form_url, {"new_password1": "Another-2026!pw", "new_password2": "Another-2026!pw"}
    )
    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    assert client.get("/api/me", **_bearer(token)).status_code == 401
    assert AuditEvent.objects.filter(action="password.reset", actor=ayesha.user).exists()
    signed_in = client.post(
        reverse("login"), {"username": "ayesha@example.pk", "password": "Another-2026!pw"}
    )
    assert signed_in.status_code == 302 and signed_in.url == reverse("dashboard")


def test_a_password_set_in_the_admin_revokes_every_token(client, ayesha, db):
    _row, token = api_token_create(user=ayesha.user, name="a")
    root = User.objects.create_superuser("root@moitt.example", "pw-kakehashi-1", full_name="R")
    client.force_login(root)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[ayesha.user.pk]),
        {"password1": "Another-2026!pw", "password2": "Another-2026!pw", "usable_password": "true"},
    )
    assert response.status_code == 302
    assert client.get("/api/me", **_bearer(token)).status_code == 401
    assert AuditEvent.objects.filter(action="password.set_by_admin").exists()
