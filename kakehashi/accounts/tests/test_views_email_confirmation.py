"""E-mail confirmation at sign-up: a new account signs in only through the link it was sent
(signed, expiring, used by a button so that a mail scanner confirms nothing)."""

import re
import time

import pytest
from django.urls import reverse

from kakehashi.accounts.models import User
from kakehashi.accounts.services import email_confirm_token

SIGNUP = {
    "full_name": "Hina Baloch",
    "email": "hina@example.pk",
    "cnic": "54400-1234567-2",
    "city": "quetta",
    "language": "en",
    "password1": "Sakura-2026!x",
    "password2": "Sakura-2026!x",
}
COMPANY = {
    "name_en": "Aozora",
    "name_ja": "青空",
    "corporate_number": "1180301018771",
    "prefecture": "JP-13",
    "size": "50-299",
    "category": 4,
    "admin_name": "Aoki",
    "admin_email": "aoki@aozora.example",
    "language": "en",
    "password1": "Sakura-2026!x",
    "password2": "Sakura-2026!x",
    "accept_terms": "on",
}


@pytest.fixture
def signed_up(client, db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("candidate_signup"), SIGNUP)
    (mail,) = mailoutbox
    return re.search(r"https?://\S+(/confirm/\S+/)", mail.body).group(1)


def _sign_in(client):
    return client.post(
        reverse("login"), {"username": "hina@example.pk", "password": "Sakura-2026!x"}
    )


def test_a_new_account_cannot_sign_in_before_confirming(client, signed_up):
    assert User.objects.get(email="hina@example.pk").email_confirmed_at is None
    response = _sign_in(client)
    assert 'data-testid="unconfirmed"' in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_link_confirms_and_signs_in_once(client, signed_up):
    page = client.get(signed_up)
    assert "Confirm and sign in" in page.content.decode()
    assert User.objects.get(email="hina@example.pk").email_confirmed_at is None  # GET: nothing
    done = client.post(signed_up, follow=True)
    assert done.redirect_chain[-1][0] == reverse("candidate_dashboard")
    assert User.objects.get(email="hina@example.pk").email_confirmed_at is not None
    client.post(reverse("logout"))
    again = client.post(signed_up)
    assert again.url == reverse("login") and "_auth_user_id" not in client.session
    assert _sign_in(client).status_code == 302


def test_an_expired_or_altered_link_is_refused(client, signed_up, monkeypatch, settings):
    assert client.get(signed_up[:-3] + "xx/").status_code == 404
    later = time.time() + settings.EMAIL_CONFIRM_DAYS * 86400 + 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post(signed_up)
    assert response.status_code == 404 and "has expired" in response.content.decode()
    assert User.objects.get(email="hina@example.pk").email_confirmed_at is None


def test_a_link_for_a_changed_address_is_void(client, db):
    user = User.objects.create_user("old@example.pk", "pw", full_name="X", email_confirmed_at=None)
    token = email_confirm_token(user=user)
    User.objects.filter(pk=user.pk).update(email="new@example.pk")
    assert client.post(reverse("email_confirm", args=[token])).status_code == 404


def test_the_link_can_be_sent_again_and_the_page_tells_nobody_anything(
    client, signed_up, ayesha, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    answers = []
    for email in ("hina@example.pk", "ayesha@example.pk", "nobody@example.pk"):
        with django_capture_on_commit_callbacks(execute=True):
            answers.append(client.post(reverse("email_confirm_resend"), {"email": email}).url)
    assert answers == [reverse("email_confirm_sent")] * 3
    assert [m.to for m in mailoutbox] == [["hina@example.pk"]]  # only the unconfirmed account


def test_a_company_admin_confirms_too(client, db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("employer_signup"), COMPANY)
    assert response.url == reverse("email_confirm_sent")
    link = re.search(r"/confirm/\S+/", mailoutbox[0].body).group(0)
    done = client.post(link, follow=True)
    assert done.redirect_chain[-1][0] == reverse("employer_dashboard")
    assert 'data-testid="verification"' in done.content.decode()


def test_accounts_made_by_trusted_paths_are_confirmed(db, tanaka, imran):
    assert tanaka.email_confirmed_at is not None and imran.email_confirmed_at is not None
