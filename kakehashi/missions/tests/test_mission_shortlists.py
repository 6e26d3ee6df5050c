"""An organiser balances the shortlists of a mission's companies and proposes them."""

import pytest
from django.urls import reverse

from kakehashi.audit.models import AuditEvent
from kakehashi.core.errors import ApplicationError
from kakehashi.employers.models import Employer
from kakehashi.matching.tests.balance_market import python_market
from kakehashi.missions.models import Mission
from kakehashi.missions.services import mission_shortlists_balance
from kakehashi.pipeline.models import Application


@pytest.fixture
def mission(ayesha, bilal, sakura, sakura_job, nadia, taxonomy_loaded):
    jobs, *people = python_market(ayesha=ayesha, bilal=bilal, sakura=sakura, sakura_job=sakura_job)
    mission = Mission.objects.create(name="Lahore IT mission, March 2027", organiser=nadia)
    mission.employers.set(Employer.objects.all())
    return mission, jobs, people


def test_the_preview_compares_with_each_jobs_own_top_k_and_proposes_on_post(client, mission, nadia):
    mission, jobs, (ayesha, bilal, chen) = mission
    client.force_login(nadia)
    url = reverse("mission_shortlists", args=[mission.pk])
    page = client.get(url, {"places_per_job": 1, "shortlists_per_candidate": 1})
    html = page.content.decode()
    assert page.status_code == 200
    figures = html[html.index('data-testid="balance-figures"') :]
    # Own top 1 everywhere: 3 places, 1 candidate; kept: 1 place, 2 jobs with nobody; balanced: 3.
    rows = figures.split("<tr>")[2:5]
    assert "<td>3</td><td>0</td><td>0</td><td>1</td>" in rows[0]
    assert "<td>1</td><td>2</td><td>2</td><td>1</td>" in rows[1]
    assert "<td>3</td><td>0</td><td>0</td><td>3</td>" in rows[2]
    for person in (ayesha, bilal, chen):
        assert f"Candidate #{person.pk} (" in html
    assert not Application.objects.exists()  # a preview writes nothing

    response = client.post(
        url, {"method": "stable", "places_per_job": 1, "shortlists_per_candidate": 1}
    )
    assert response.status_code == 302
    sourced = Application.objects.filter(stage="sourced")
    assert sorted(sourced.values_list("candidate_id", flat=True)) == sorted(
        [ayesha.pk, bilal.pk, chen.pk]
    )
    assert sorted(sourced.values_list("job_id", flat=True)) == sorted(j.pk for j in jobs)
    event = AuditEvent.objects.get(action="mission.shortlists_balanced")
    assert (event.actor, event.object_id) == (nadia, str(mission.pk))
    assert event.details["opened"] == 3
    assert (event.details["jobs_empty"], event.details["jobs_empty_independent"]) == (0, 2)
    assert event.details["blocking_pairs"] == 0
    followed = client.get(response["Location"])
    assert "3 candidates proposed to 3 jobs" in followed.content.decode()


def test_bad_numbers_are_refused_with_a_message_and_nothing_is_proposed(client, mission, nadia):
    mission, *_ = mission
    client.force_login(nadia)
    url = reverse("mission_shortlists", args=[mission.pk])
    page = client.post(
        url, {"method": "optimal", "places_per_job": 0, "shortlists_per_candidate": 5}
    )
    assert page.status_code == 200
    assert "greater than or equal to 1" in page.content.decode()
    assert not Application.objects.exists()
    assert not AuditEvent.objects.filter(action="mission.shortlists_balanced").exists()
    # In the preview a bad value falls back to the default (k = 10) instead of failing.
    assert client.get(url, {"places_per_job": "lots"}).status_code == 200
    first = client.get(url).content.decode()
    assert 'name="places_per_job" value="10"' in first
    assert 'name="shortlists_per_candidate" value="5"' in first


def test_only_organisers_reach_the_page_or_the_service(client, mission, farhan, tanaka):
    mission, *_ = mission
    url = reverse("mission_shortlists", args=[mission.pk])
    for outsider in (farhan, tanaka):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"places_per_job": 1}).status_code == 404
    assert not Application.objects.exists()


def test_a_mission_without_open_jobs_says_what_to_do(nadia, db):
    empty = Mission.objects.create(name="Karachi mission", organiser=nadia)
    with pytest.raises(ApplicationError, match="Add companies with open jobs"):
        mission_shortlists_balance(
            mission=empty,
            actor=nadia,
            method="optimal",
            places_per_job=10,
            shortlists_per_candidate=5,
        )
