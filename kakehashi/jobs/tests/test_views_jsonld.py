import json
import re

from django.urls import reverse


def test_public_job_page_carries_jobposting_jsonld(client, sakura_job):
    sakura_job.description = "【必須】Python 3年以上 </script><b>x</b>"
    sakura_job.save()
    html = client.get(reverse("job_detail", args=[sakura_job.pk])).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "JobPosting" and data["title"] == "機械学習エンジニア"
    assert data["baseSalary"]["value"]["minValue"] == 5_000_000
    assert data["baseSalary"]["currency"] == "JPY"
    assert data["jobLocation"]["address"]["addressRegion"] == "Tokyo"
    assert "</script><b>" not in match.group(1)  # the description cannot break out


def test_draft_job_has_no_jsonld(client, sakura_job, tanaka):
    sakura_job.status = "draft"
    sakura_job.save()
    client.force_login(tanaka)
    html = client.get(reverse("job_detail", args=[sakura_job.pk])).content.decode()
    assert "application/ld+json" not in html


def test_candidate_applies_from_the_job_page(client, ayesha, sakura_job):
    client.force_login(ayesha.user)
    page = client.get(reverse("job_detail", args=[sakura_job.pk])).content.decode()
    assert "Apply for this job" in page
    page = client.post(reverse("job_apply", args=[sakura_job.pk]), follow=True).content.decode()
    assert "You applied. Stage: Applied." in page
    assert sakura_job.applications.get().candidate == ayesha


def test_job_board_filters_by_skill_place_and_japanese_level(client, sakura_job):
    assert (
        "機械学習エンジニア"
        in client.get(reverse("job_list"), {"skill": "Python"}).content.decode()
    )
    assert (
        "機械学習エンジニア"
        not in client.get(reverse("job_list"), {"skill": "Blender"}).content.decode()
    )
    assert (
        "機械学習エンジニア"
        not in client.get(reverse("job_list"), {"prefecture": "JP-27"}).content.decode()
    )
    # The job asks for N3: a candidate with N4 does not see it, one with N2 does.
    assert (
        "機械学習エンジニア" not in client.get(reverse("job_list"), {"jlpt": "N4"}).content.decode()
    )
    assert "機械学習エンジニア" in client.get(reverse("job_list"), {"jlpt": "N2"}).content.decode()
