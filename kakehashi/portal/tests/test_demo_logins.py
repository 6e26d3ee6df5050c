"""`make setup` prints the demo sign-ins: with them a person gets past both steps."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from kakehashi.accounts.models import User
from kakehashi.portal.demo import DEMO_PASSWORD, OFFICERS


@pytest.mark.mfa
def test_the_printed_code_signs_a_demo_officer_in(client, db):
    email = OFFICERS[1][0]
    User.objects.create_user(
        email,
        DEMO_PASSWORD,
        full_name="Nadia",
        role="facilitator",
        facilitator_role="mission_organiser",
    )
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    printed = out.getvalue()
    assert DEMO_PASSWORD in printed
    code = re.search(rf"{re.escape(email)}\s+key [A-Z2-7 ]+\s+code now (\d{{6}})", printed).group(1)
    client.post(reverse("login"), {"username": email, "password": DEMO_PASSWORD})
    assert client.get(reverse("dashboard")).url.startswith(reverse("mfa_verify"))
    done = client.post(reverse("mfa_verify"), {"code": code})
    assert done.status_code == 302
    assert client.get(reverse("mission_list")).status_code == 200
