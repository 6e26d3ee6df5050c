"""The pages a person uses, through the test client: forms, errors, what each role sees."""

import re

import pytest
from django.urls import reverse

from kakehashi.accounts.models import User
from kakehashi.audit.models import PersonalDataAccess
from kakehashi.candidates.models import CandidateProfile, ConsentText
from kakehashi.employers.models import Employer

SIGNUP = {
    "full_name": "Hina Baloch",
    "email": "hina@example.pk",
    "cnic": "54400-1234567-2",
    "city": "quetta",
    "language": "ur",
    "password1": "Sakura-2026!x",
    "password2": "Sakura-2026!x",
}


def _link_in(mail) -> str:
    return re.search(r"https?://\S+(/confirm/\S+/)", mail.body).group(1)


def test_candidate_signs_up_confirms_the_email_and_lands_on_dashboard(
    client, db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("candidate_signup"), SIGNUP, follow=True)
    assert response.redirect_chain[-1][0] == reverse("email_confirm_sent")
    profile = CandidateProfile.objects.get(user__email="hina@example.pk")
    assert profile.province == "PK-BA" and profile.user.language == "ur"
    assert "_auth_user_id" not in client.session  # not signed in before the address is proven
    (mail,) = mailoutbox
    assert mail.to == ["hina@example.pk"]
    response = client.post(_link_in(mail), follow=True)
    assert response.redirect_chain[-1][0] == reverse("candidate_dashboard")
    assert 'data-testid="completeness"' in response.content.decode()


def _main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def test_malformed_cnic_shows_a_clear_error_and_keeps_the_typed_values(client, db):
    response = client.post(reverse("candidate_signup"), {**SIGNUP, "cnic": "5440-12345"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "A CNIC has 13 digits" in html
    assert 'value="Hina Baloch"' in html
    assert not User.objects.exists()


def test_duplicate_registration_is_told_to_the_holder_not_the_form(
    client, ayesha, mailoutbox, django_capture_on_commit_callbacks
):
    fresh = client.post(reverse("candidate_signup"), SIGNUP, follow=True).content.decode()
    taken = {**SIGNUP, "email": "someone@example.pk", "cnic": "35202-1234567-2"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("candidate_signup"), taken, follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("email_confirm_sent")
    assert "already registered" not in html
    assert _main(html) == _main(fresh)
    assert not User.objects.filter(email="someone@example.pk").exists()
    (mail,) = mailoutbox
    assert mail.to == ["ayesha@example.pk"] and "CNIC" in mail.subject


def test_employer_signup_with_bad_corporate_number_is_refused(client, db):
    data = {
        "name_en": "Aozora",
        "name_ja": "青空",
        "corporate_number": "1180301018772",
        "prefecture": "JP-13",
        "size": "50-299",
        "category": 4,
        "admin_name": "Aoki",
        "admin_email": "aoki@aozora.example",
        "language": "ja",
        "password1": "Sakura-2026!x",
        "password2": "Sakura-2026!x",
        "accept_terms": "on",
    }
    response = client.post(reverse("employer_signup"), data)
    assert "check digit" in response.content.decode()
    assert not Employer.objects.exists()
    data["corporate_number"] = "1180301018771"
    response = client.post(reverse("employer_signup"), data, follow=True)
    assert 'data-testid="check-email"' in response.content.decode()
    assert Employer.objects.get().verification_status == "pending"


def test_facilitator_verifies_a_company_from_the_queue(client, imran, db):
    pending = Employer.objects.create(
        name_en="Aozora",
        name_ja="青空",
        corporate_number="1180301018771",
        prefecture="JP-13",
        size="50-299",
    )
    client.force_login(imran)
    page = client.get(reverse("facilitator_dashboard")).content.decode()
    assert "1180301018771" in page
    client.post(reverse("employer_verification_decide", args=[pending.pk]), {"decision": "approve"})
    pending.refresh_from_db()
    assert pending.is_verified


@pytest.mark.parametrize("viewer", ["tanaka", "ayesha_user", "yamada"])
def test_non_facilitators_get_404_on_ministry_pages(
    client, request, viewer, tanaka, ayesha, yamada
):
    user = ayesha.user if viewer == "ayesha_user" else request.getfixturevalue(viewer)
    client.force_login(user)
    assert client.get(reverse("facilitator_dashboard")).status_code == 404


def test_employer_sees_blind_profile_without_name_or_cnic(client, ayesha, tanaka):
    client.force_login(ayesha.user)
    client.post(
        reverse("candidate_consent"),
        {"action": "give", "text_id": ConsentText.objects.get(version=1).pk},
    )
    client.force_login(tanaka)
    html = client.get(reverse("candidate_detail", args=[ayesha.pk])).content.decode()
    assert "Blind profile" in html
    assert "Ayesha" not in html and "ayesha@example.pk" not in html and "5672" not in html


def test_employer_gets_404_after_consent_is_withdrawn(client, ayesha, tanaka):
    client.force_login(ayesha.user)
    client.post(
        reverse("candidate_consent"),
        {"action": "give", "text_id": ConsentText.objects.get(version=1).pk},
    )
    client.post(reverse("candidate_consent"), {"action": "withdraw"})
    client.force_login(tanaka)
    assert client.get(reverse("candidate_detail", args=[ayesha.pk])).status_code == 404


def test_facilitator_reveals_cnic_once_and_it_is_recorded(client, ayesha, imran):
    client.force_login(imran)
    page = client.get(reverse("candidate_detail", args=[ayesha.pk])).content.decode()
    assert "35202-1234567-2" not in page
    response = client.post(reverse("candidate_cnic_reveal", args=[ayesha.pk]))
    assert "35202-1234567-2" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    assert PersonalDataAccess.objects.filter(purpose="cnic", actor_id=imran.pk).count() == 1


def test_language_switch_is_kept_on_the_account(client, ayesha):
    client.force_login(ayesha.user)
    client.post(reverse("language_switch"), {"language": "ja", "next": "/candidate/"})
    ayesha.user.refresh_from_db()
    assert ayesha.user.language == "ja"


def test_password_reset_sends_a_link(client, ayesha, mailoutbox):
    client.post(reverse("password_reset"), {"email": "ayesha@example.pk"})
    assert len(mailoutbox) == 1 and "/password-reset/" in mailoutbox[0].body
