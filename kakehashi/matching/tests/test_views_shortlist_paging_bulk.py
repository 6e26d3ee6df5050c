"""The ranked list an employer works through: ten candidates a page, sorted by score,
experience or JLPT, compare and bulk actions above the list, and the applications list with
each candidate's score."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from kakehashi.candidates import services as candidate_services
from kakehashi.candidates.models import CandidateSkill, Employment
from kakehashi.conftest import consenting, make_member
from kakehashi.matching.store import index_rebuild
from kakehashi.pipeline.models import Application


@pytest.fixture
def twelve(db, sakura_job):
    """Twelve consenting Python engineers, with 1..12 years of Python; JLPT N1 only for the
    one with the fewest years, and the most experienced one with a long work history."""
    profiles = []
    for i in range(1, 13):
        p = consenting(
            candidate_services.candidate_register(
                email=f"eng{i}@example.pk",
                email_confirmed=True,
                full_name=f"Engineer {i}",
                password="pw-kakehashi-1",
                cnic=f"35202-{1000000 + i:07d}-{i % 10}",
                city="lahore",
            )
        )
        p.jlpt_level = "N1" if i == 1 else "N3"
        p.save(update_fields=["jlpt_level"])
        CandidateSkill.objects.create(profile=p, skill_id="python", years=i)
        profiles.append(p)
    Employment.objects.create(
        profile=profiles[4],
        employer_name="Systems Ltd",
        title="Engineer",
        start=dt.date(2005, 1, 1),
    )
    index_rebuild()
    return profiles


def _ranked_ids(html):
    return [int(n) for n in re.findall(r'name="compare" value="(\d+)"', html)]


def test_ten_a_page_with_compare_and_bulk_actions_above_the_list(
    client, tanaka, sakura_job, twelve
):
    client.force_login(tanaka)
    url = reverse("job_shortlist", args=[sakura_job.pk])
    first = client.get(url).content.decode()
    assert len(_ranked_ids(first)) == 10
    assert "Candidates 1–10 of 12." in first
    top = first.index('data-testid="bulk-actions"')
    assert top < first.index('data-testid="ranked"')
    assert top < first.index("Compare the ticked candidates") < first.index('data-testid="ranked"')
    second = client.get(url, {"page": 2}).content.decode()
    assert len(_ranked_ids(second)) == 2 and "Candidates 11–12 of 12." in second
    assert set(_ranked_ids(first)).isdisjoint(_ranked_ids(second))
    assert 'rel="prev"' in second


def test_sorting_by_experience_and_by_jlpt(client, tanaka, sakura_job, twelve):
    client.force_login(tanaka)
    url = reverse("job_shortlist", args=[sakura_job.pk])
    by_experience = _ranked_ids(client.get(url, {"sort": "experience"}).content.decode())
    assert by_experience[0] == twelve[4].pk  # twenty years of work beat twelve years of Python
    by_jlpt = _ranked_ids(client.get(url, {"sort": "jlpt"}).content.decode())
    assert by_jlpt[0] == twelve[0].pk  # the only N1
    page_two = client.get(url, {"sort": "jlpt", "page": 2}).content.decode()
    assert "sort=jlpt" in page_two  # the pager keeps the order


def test_reject_the_ticked_with_a_reason(client, tanaka, sakura_job, twelve):
    client.force_login(tanaka)
    ticked = [twelve[0].pk, twelve[1].pk]
    bulk = reverse("shortlist_bulk", args=[sakura_job.pk, "reject"])
    page = client.post(bulk, {"compare": ticked}, follow=True).content.decode()
    assert "Choose a reason for rejecting the ticked candidates." in page
    assert not Application.objects.exists()

    page = client.post(
        bulk, {"compare": ticked, "reason": "japanese_level"}, follow=True
    ).content.decode()
    assert "2 candidates rejected for this job, with the reason you chose." in page
    rejected = Application.objects.filter(job=sakura_job, stage="rejected")
    assert set(rejected.values_list("candidate_id", flat=True)) == set(ticked)
    assert {m.reason for a in rejected for m in a.history.filter(to_stage="rejected")} == {
        "japanese_level"
    }
    again = client.post(bulk, {"compare": ticked[:1], "reason": "japanese_level"}, follow=True)
    assert f"Candidate #{ticked[0]}:" in again.content.decode()  # refused, and said why


def test_ask_the_ticked_for_their_full_profile(client, tanaka, sakura_job, twelve):
    client.force_login(tanaka)
    ticked = [p.pk for p in twelve[5:8]]
    bulk = reverse("shortlist_bulk", args=[sakura_job.pk, "request_profile"])
    page = client.post(bulk, {"compare": ticked}, follow=True).content.decode()
    assert "Full profiles requested from 3 candidates." in page
    assert "appears in Applications once the candidate agrees" in page
    apps = Application.objects.filter(job=sakura_job, candidate_id__in=ticked)
    assert {(a.stage, a.profile_requested_at is not None) for a in apps} == {("shortlisted", True)}


def test_an_interviewer_cannot_ask_for_profiles_and_is_told(client, sakura, sakura_job, twelve):
    client.force_login(make_member(sakura, "kenji@sakura.example", "interviewer"))
    bulk = reverse("shortlist_bulk", args=[sakura_job.pk, "request_profile"])
    page = client.post(bulk, {"compare": [twelve[0].pk]}, follow=True).content.decode()
    assert f"Candidate #{twelve[0].pk}: " in page
    assert not Application.objects.exists()  # nothing half-done


def test_the_applications_list_shows_each_score(client, tanaka, sakura_job, twelve):
    client.force_login(tanaka)
    client.post(
        reverse("shortlist_bulk", args=[sakura_job.pk, "shortlist"]), {"compare": [twelve[11].pk]}
    )
    html = client.get(reverse("job_applications", args=[sakura_job.pk])).content.decode()
    (cell,) = re.findall(r'data-testid="application-score">([^<]*)<', html)
    assert re.fullmatch(r"\d{1,3}%", cell) and cell != "0%"
