"""A candidate's menu and forms speak plainly: no "E.164", no "API tokens"."""

from django.urls import reverse


def test_a_candidate_reads_plain_labels(client, ayesha):
    client.force_login(ayesha.user)
    profile = client.get(reverse("candidate_profile_edit")).content.decode()
    assert "E.164" not in profile
    assert "Mobile number" in profile and "+92 321 5550147" in profile
    security = client.get(reverse("account_security")).content.decode()
    assert "API token" not in security
    assert "Password and sign-in" in security


def test_a_company_member_still_manages_api_tokens(client, tanaka):
    client.force_login(tanaka)
    security = client.get(reverse("account_security")).content.decode()
    assert "Manage your API tokens" in security
