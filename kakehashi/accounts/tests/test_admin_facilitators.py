import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from kakehashi.accounts.models import User
from kakehashi.accounts.services import facilitator_group_join

PEOPLE_LISTS = ("admin:candidates_candidateprofile_changelist", "admin:accounts_user_changelist")


def test_facilitator_in_group_reads_candidates_but_no_cnic_in_admin(client, imran, ayesha):
    facilitator_group_join(imran)
    client.force_login(imran)
    page = client.get(reverse("admin:candidates_candidateprofile_change", args=[ayesha.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "cnic" not in html.lower()
    # The audit trail cannot be edited or deleted, even by an officer.
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403


def test_employer_member_cannot_enter_admin(client, tanaka):
    client.force_login(tanaka)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("page", PEOPLE_LISTS)
def test_a_verifier_reaches_the_people_lists(client, imran, ayesha, page):
    facilitator_group_join(imran)
    client.force_login(imran)
    response = client.get(reverse(page))
    assert response.status_code == 200
    assert ("Ayesha" if "user" in page else f"/{ayesha.pk}/change/") in response.content.decode()


@pytest.mark.parametrize("page", PEOPLE_LISTS)
def test_a_mission_organiser_sees_missions_but_no_people_in_the_admin(client, nadia, ayesha, page):
    facilitator_group_join(nadia)
    nadia.refresh_from_db()
    assert nadia.is_staff and [g.name for g in nadia.groups.all()] == ["Mission organisers"]
    client.force_login(nadia)
    assert client.get(reverse(page)).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert "Missions" in index and "ayesha" not in index.lower() and "Candidate" not in index
    assert client.get(reverse("admin:missions_mission_changelist")).status_code == 200


def test_an_analyst_is_not_staff(client, farhan):
    facilitator_group_join(farhan)
    farhan.refresh_from_db()
    assert not farhan.is_staff and not farhan.groups.exists()
    client.force_login(farhan)
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_user_list_stays_closed_to_a_non_verifier_given_its_permission(client, nadia):
    """Even a group that (wrongly) grants the user model does not open the list of people."""
    nadia.user_permissions.add(*Group.objects.get(name="Ministry verifiers").permissions.all())
    client.force_login(User.objects.get(pk=nadia.pk))
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403


def test_an_admin_creating_an_analyst_gives_no_staff_status(client, db):
    root = User.objects.create_superuser("root@moitt.example", "pw-kakehashi-1", full_name="Root")
    client.force_login(root)
    client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new.analyst@moitt.example",
            "full_name": "New Analyst",
            "role": "facilitator",
            "facilitator_role": "analyst",
            "is_staff": "on",
            "password1": "Sakura-2026!x",
            "password2": "Sakura-2026!x",
            "usable_password": "true",
        },
    )
    analyst = User.objects.get(email="new.analyst@moitt.example")
    assert not analyst.is_staff and analyst.email_confirmed_at is not None


def test_the_admin_sign_in_page_opens_for_anyone(client, db):
    assert client.get(reverse("admin:login")).status_code == 200
