import re

from django.urls import reverse

from kakehashi.employers.models import EmployerMember


def test_admin_invites_a_recruiter_who_joins_by_the_link(
    client, tanaka, sakura, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(tanaka)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("employer_team"), {"email": "Kato@Sakura.example", "role": "interviewer"}
        )
    link = re.search(r"/invitations/[\w-]+/", mailoutbox[0].body).group(0)
    client.logout()
    page = client.get(link).content.decode()
    assert "kato@sakura.example" in page
    client.post(
        link,
        {
            "full_name": "加藤 翔",
            "language": "ja",
            "password1": "Sakura-2026!x",
            "password2": "Sakura-2026!x",
        },
    )
    member = EmployerMember.objects.get(user__email="kato@sakura.example")
    assert member.employer == sakura and member.role == "interviewer"
    assert client.get(link).status_code == 404  # used once


def test_only_admins_invite(client, sato):
    client.force_login(sato)
    page = client.get(reverse("employer_team")).content.decode()
    assert "Invite a colleague" not in page
    client.post(reverse("employer_team"), {"email": "x@sakura.example", "role": "admin"})
    assert not EmployerMember.objects.filter(user__email="x@sakura.example").exists()


def test_an_unknown_link_is_explained(client, db):
    response = client.get("/invitations/not-a-token/")
    assert response.status_code == 404
    assert "not valid or was already used" in response.content.decode()
