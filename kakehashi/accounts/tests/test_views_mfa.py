"""Two-step sign-in, through the pages, with real codes: an authenticator app's (RFC 6238,
computed here from the key the setup page shows, as a phone would) and recovery codes."""

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from kakehashi.accounts.models import RecoveryCode
from kakehashi.api.services import api_token_create
from kakehashi.audit.models import AuditEvent

pytestmark = pytest.mark.mfa
PASSWORD = "pw-kakehashi-1"


def totp_now(key_base32: str, *, at: float | None = None) -> str:
    """The six digits an authenticator app shows for this key (SHA-1, 30 s steps)."""
    key = base64.b32decode(
        key_base32.replace(" ", "") + "=" * (-len(key_base32.replace(" ", "")) % 8)
    )
    counter = int((at if at is not None else time.time()) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def _sign_in(client, email):
    response = client.post(reverse("login"), {"username": email, "password": PASSWORD})
    assert response.status_code == 302, "the password step"
    return client.get(response.url)


def _set_up(client) -> tuple[str, list[str]]:
    """Scan (read the key off the setup page), confirm with a code; returns the key and the
    recovery codes shown."""
    page = client.get(reverse("mfa_setup")).content.decode()
    assert "<svg" in page  # the QR code, inline
    key = re.search(r'data-testid="totp-key">([A-Z2-7 ]+)<', page).group(1)
    done = client.post(reverse("mfa_setup"), {"code": totp_now(key)})
    codes = re.findall(r"<li><code>([A-Z0-9-]+)</code></li>", done.content.decode())
    return key, codes


def _next_step(response) -> str:
    """The two-step page a response sends to, or "" when it sends nowhere of the kind."""
    target = response.url.split("?")[0] if response.status_code == 302 else ""
    return target if target in (reverse("mfa_setup"), reverse("mfa_verify")) else ""


def test_an_officer_is_sent_to_set_up_an_authenticator_before_any_page(client, imran):
    landing = _sign_in(client, "imran@moitt.example")
    assert _next_step(landing) == reverse("mfa_setup")
    for path in (reverse("facilitator_dashboard"), reverse("admin:index"), "/candidates/1/"):
        assert _next_step(client.get(path)) == reverse("mfa_setup")
    _key, codes = _set_up(client)
    assert len(codes) == 10
    assert client.get(reverse("facilitator_dashboard")).status_code == 200
    device = TOTPDevice.objects.get(user=imran)
    assert device.confirmed
    assert AuditEvent.objects.filter(action="mfa.enabled", actor=imran).exists()


def test_recovery_codes_are_shown_once_and_stored_only_as_digests(client, imran):
    _sign_in(client, "imran@moitt.example")
    _key, codes = _set_up(client)
    stored = set(RecoveryCode.objects.values_list("digest", flat=True))
    assert len(stored) == 10 and not any(c.replace("-", "") in d for c in codes for d in stored)
    assert (
        'data-testid="recovery-codes"'
        not in client.get(reverse("account_security")).content.decode()
    )


def test_an_enrolled_officer_must_give_a_code_after_the_password(client, imran):
    _sign_in(client, "imran@moitt.example")
    key, _codes = _set_up(client)
    client.post(reverse("logout"))
    landing = _sign_in(client, "imran@moitt.example")
    assert _next_step(landing) == reverse("mfa_verify")
    assert _next_step(client.get(reverse("facilitator_dashboard"))) == reverse("mfa_verify")
    wrong = client.post(
        reverse("mfa_verify"), {"code": "000000" if totp_now(key) != "000000" else "111111"}
    )
    assert "That code is not right" in wrong.content.decode()
    # django-otp then wants 1 s before the next try; the test skips the wait.
    TOTPDevice.objects.filter(user=imran).update(throttling_failure_count=0)
    # The previous step's code (the setup used the current one, which cannot be used twice).
    code = totp_now(key, at=time.time() + 30)
    before = client.session.session_key
    ok = client.post(
        reverse("mfa_verify"), {"code": code, "next": reverse("facilitator_dashboard")}
    )
    assert ok.status_code == 302 and ok.url == reverse("facilitator_dashboard")
    assert client.session.session_key != before  # the key rotates with the second factor
    assert client.get(reverse("facilitator_dashboard")).status_code == 200


def test_a_recovery_code_works_once(client, imran):
    _sign_in(client, "imran@moitt.example")
    _key, codes = _set_up(client)
    for attempt in range(2):
        client.post(reverse("logout"))
        _sign_in(client, "imran@moitt.example")
        TOTPDevice.objects.update(throttling_failure_count=0)
        response = client.post(reverse("mfa_verify"), {"code": codes[0].lower()})
        if attempt == 0:
            assert response.status_code == 302
            assert client.get(reverse("facilitator_dashboard")).status_code == 200
        else:
            assert "That code is not right" in response.content.decode()
    assert RecoveryCode.objects.count() == 9
    assert AuditEvent.objects.filter(action="mfa.recovery_code_used").count() == 1


def test_the_authenticator_cannot_be_replaced_with_the_password_alone(client, imran):
    _sign_in(client, "imran@moitt.example")
    _key, _codes = _set_up(client)
    client.post(reverse("logout"))
    _sign_in(client, "imran@moitt.example")
    assert _next_step(client.get(reverse("mfa_setup"))) == reverse("mfa_verify")
    assert TOTPDevice.objects.filter(user=imran).count() == 1


def test_an_employer_may_turn_it_on_and_then_it_is_required(client, tanaka):
    assert _next_step(_sign_in(client, "tanaka@sakura.example")) == ""  # offered, not forced
    assert "Turn on two-step sign-in" in client.get(reverse("account_security")).content.decode()
    _set_up(client)
    client.post(reverse("logout"))
    assert _next_step(_sign_in(client, "tanaka@sakura.example")) == reverse("mfa_verify")


def test_candidates_are_not_offered_it(client, ayesha):
    _sign_in(client, "ayesha@example.pk")
    assert client.get(reverse("mfa_setup")).status_code == 404
    assert "two-step" not in client.get(reverse("account_security")).content.decode().lower()


def test_the_api_is_unaffected_by_a_pending_second_step(client, imran):
    _row, token = api_token_create(user=imran, name="t")
    _sign_in(client, "imran@moitt.example")
    assert client.get("/api/me", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_enforcement_can_be_turned_off_for_local_development(client, imran, settings):
    settings.MFA_ENFORCED = False
    assert _next_step(_sign_in(client, "imran@moitt.example")) == ""


@pytest.mark.parametrize("junk", ["x", "dashboardx", "'; DROP TABLE", "https://evil.example/"])
def test_a_junk_next_after_the_second_step_lands_on_the_dashboard(client, imran, junk):
    _sign_in(client, "imran@moitt.example")
    _set_up(client)  # verified now: the code page sends them on
    response = client.get(reverse("mfa_verify"), {"next": junk})
    assert response.status_code == 302 and response.url == reverse("dashboard")
