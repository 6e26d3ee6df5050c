from django.urls import reverse

from kakehashi.accounts.services import facilitator_group_join


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
