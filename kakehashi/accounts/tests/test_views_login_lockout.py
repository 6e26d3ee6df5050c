"""Failed sign-ins (django-axes): a pair of account and address is locked out after
LOGIN_FAILURE_LIMIT wrong passwords for the cool-off, with 429 and Retry-After, and the answer
does not tell whether the account exists."""

import re
from datetime import timedelta

from axes.models import AccessAttempt
from django.urls import reverse

from kakehashi.candidates.services import candidate_register

WRONG = "not-the-password"


def _sign_in(client, email, password, address="203.0.113.7"):
    return client.post(
        reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def _main(response, email: str = "") -> str:
    """The page's main part, without what differs by design (the CSRF token, the typed
    address)."""
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    main = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)
    return main.replace(email, "EMAIL") if email else main


def test_the_right_password_signs_in_and_rotates_the_session(client, ayesha):
    session = client.session  # an anonymous session, as an attacker could plant
    session["probe"] = "x"
    session.save()
    before = session.session_key
    response = _sign_in(client, "ayesha@example.pk", "pw-kakehashi-1")
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    assert client.session.session_key != before  # a fixed session id is no way in
    assert int(client.session["_auth_user_id"]) == ayesha.user.pk


def test_wrong_passwords_lock_the_account_out_from_that_address(client, ayesha, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(4):
        response = _sign_in(client, "ayesha@example.pk", WRONG)
        assert response.status_code == 200
        assert "do not match" in response.content.decode()
    locked = _sign_in(client, "ayesha@example.pk", WRONG)
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 15 * 60
    assert "Too many wrong passwords" in locked.content.decode()
    # Even the right password is refused until the cool-off ends.
    right = _sign_in(client, "ayesha@example.pk", "pw-kakehashi-1")
    assert right.status_code == 429 and "_auth_user_id" not in client.session
    # Another address is not locked out with it (a lockout is per account and address).
    elsewhere = _sign_in(client, "ayesha@example.pk", "pw-kakehashi-1", address="198.51.100.9")
    assert elsewhere.status_code == 302


def test_the_lockout_ends_after_the_cool_off(client, ayesha, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        _sign_in(client, "ayesha@example.pk", WRONG)
    assert _sign_in(client, "ayesha@example.pk", "pw-kakehashi-1").status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    assert _sign_in(client, "ayesha@example.pk", "pw-kakehashi-1").status_code == 302


def test_a_missing_account_is_locked_out_the_same_way(client, ayesha, settings):
    settings.AXES_FAILURE_LIMIT = 3
    answers = {}
    for email in ("ayesha@example.pk", "nobody@example.pk"):
        for _ in range(2):
            first = _sign_in(client, email, WRONG)
        last = _sign_in(client, email, WRONG)
        answers[email] = (first.status_code, _main(first, email), last.status_code, _main(last))
    assert answers["ayesha@example.pk"] == answers["nobody@example.pk"]
    assert answers["nobody@example.pk"][2] == 429


def test_an_unconfirmed_account_is_told_so_only_with_the_right_password(client, db):
    candidate_register(
        email="hina@example.pk", full_name="Hina", password="pw-kakehashi-1", cnic="54400-1234567-2"
    )
    wrong = _sign_in(client, "hina@example.pk", WRONG).content.decode()
    assert "do not match" in wrong and "Confirm your e-mail" not in wrong
    right = _sign_in(client, "hina@example.pk", "pw-kakehashi-1")
    assert 'data-testid="unconfirmed"' in right.content.decode()
    assert "_auth_user_id" not in client.session
