"""Sign-up tells nobody who has an account: a taken e-mail address or CNIC gets the same
answer as a new account ("check your e-mail"), and the account's holder is e-mailed instead.
Duplicates are still refused (no second account)."""

import re

from django.urls import reverse

from kakehashi.accounts.models import User
from kakehashi.employers.models import Employer

from .test_views_email_confirmation import COMPANY, SIGNUP


def _answer(response) -> str:
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)


def test_a_taken_email_gets_the_new_account_answer_and_the_holder_an_email(
    client, ayesha, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        fresh = client.post(reverse("candidate_signup"), SIGNUP, follow=True)
        taken = client.post(
            reverse("candidate_signup"),
            {**SIGNUP, "email": "Ayesha@example.pk", "cnic": "61101-1111111-1"},
            follow=True,
        )
    assert taken.redirect_chain == fresh.redirect_chain
    assert _answer(taken) == _answer(fresh)
    assert "already" not in _answer(taken)
    assert User.objects.filter(email="ayesha@example.pk").count() == 1
    to_holder = [m for m in mailoutbox if m.to == ["ayesha@example.pk"]]
    assert len(to_holder) == 1 and "already have an account" in to_holder[0].subject
    assert "/password-reset/" in to_holder[0].body


def test_a_taken_cnic_tells_its_holder_not_the_form(
    client, ayesha, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(
            reverse("candidate_signup"),
            {**SIGNUP, "email": "impostor@example.pk", "cnic": "3520212345672"},
        )
    assert taken.url == reverse("email_confirm_sent")
    assert not User.objects.filter(email="impostor@example.pk").exists()
    assert [m.to for m in mailoutbox] == [["ayesha@example.pk"]]
    assert "help desk" in mailoutbox[0].body


def test_a_taken_company_admin_email_is_answered_the_same_way(
    client, tanaka, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post(
            reverse("employer_signup"),
            {
                **COMPANY,
                "corporate_number": "5010001008846",
                "admin_email": "tanaka@sakura.example",
            },
        )
    assert taken.url == reverse("email_confirm_sent")
    assert not Employer.objects.filter(corporate_number="5010001008846").exists()
    assert [m.to for m in mailoutbox] == [["tanaka@sakura.example"]]


def test_a_malformed_cnic_is_still_explained_at_the_form(client, db):
    response = client.post(reverse("candidate_signup"), {**SIGNUP, "cnic": "5440-12"})
    assert response.status_code == 200 and "A CNIC has 13 digits" in response.content.decode()
