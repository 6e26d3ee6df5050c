"""Links in e-mails point to the site's real address: SITE_URL, else the address the request
came to, else (a task outside any request) http://127.0.0.1:PORT; never a fixed port 8000."""

import re

from django.urls import reverse

from kakehashi.core.site import site_url

SIGNUP = {
    "full_name": "Hina Baloch",
    "email": "hina@example.pk",
    "cnic": "54400-1234567-2",
    "city": "quetta",
    "language": "en",
    "password1": "Sakura-2026!x",
    "password2": "Sakura-2026!x",
}


def _signup_link(client, mailoutbox, django_capture_on_commit_callbacks, **extra):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("candidate_signup"), SIGNUP, **extra)
    (mail,) = mailoutbox
    return re.search(r"https?://\S+/confirm/", mail.body).group(0)


def test_without_site_url_the_link_uses_the_requests_host_and_port(
    client, db, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = ""
    settings.ALLOWED_HOSTS = ["kakehashi.example"]
    link = _signup_link(
        client, mailoutbox, django_capture_on_commit_callbacks, HTTP_HOST="kakehashi.example:8443"
    )
    assert link == "http://kakehashi.example:8443/confirm/"


def test_site_url_wins_when_set(
    client, db, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://kakehashi.moitt.example/"
    link = _signup_link(client, mailoutbox, django_capture_on_commit_callbacks)
    assert link == "https://kakehashi.moitt.example/confirm/"


def test_outside_a_request_the_port_or_the_production_host_is_used(settings):
    settings.SITE_URL = ""
    settings.PORT = 8123
    settings.PRODUCTION = False
    assert site_url() == "http://127.0.0.1:8123"
    settings.PRODUCTION = True
    settings.ALLOWED_HOSTS = [".moitt.example", "kakehashi.moitt.example"]
    assert site_url() == "https://kakehashi.moitt.example"
