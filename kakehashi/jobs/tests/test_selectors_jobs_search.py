"""The job board finds jobs across languages: taxonomy names and aliases, and the embedder."""

from django.urls import reverse

from kakehashi.jobs.models import Job
from kakehashi.jobs.selectors import jobs_search


def _job(employer, title: str, description: str, language: str = "ja") -> Job:
    return Job.objects.create(
        employer=employer,
        title=title,
        description=description,
        description_language=language,
        status=Job.Status.OPEN,
        salary_min_jpy=4_000_000,
        salary_max_jpy=6_000_000,
        prefecture="JP-13",
    )


def test_cloud_finds_a_just_posted_japanese_cloud_job_and_aws_jobs(sakura, sakura_job):
    posted = _job(sakura, "クラウドエンジニア", "社内システムの運用をお任せします。")
    art = _job(sakura, "3Dアニメーター", "キャラクターのアニメーション制作", "ja")
    found = set(jobs_search(q="cloud"))
    assert posted in found  # its title holds クラウド, an alias of Cloud computing
    assert sakura_job in found  # it asks AWS, a skill beneath Cloud computing
    assert art not in found
    assert set(jobs_search(q="クラウド")) >= {posted, sakura_job}


def test_machine_learning_in_either_language_finds_the_ml_job(sakura_job, sakura):
    java = _job(sakura, "Java Developer", "Spring Boot services for a bank", "en")
    for q in ("machine learning", "機械学習", "Machine Learning"):
        found = set(jobs_search(q=q))
        assert sakura_job in found, q
        assert java not in found, q


def test_the_board_and_the_api_search_across_languages(client, sakura_job):
    page = client.get(reverse("job_list"), {"q": "cloud"}).content.decode()
    assert "機械学習エンジニア" in page
    api = client.get("/api/jobs", {"q": "machine learning"}).json()
    items = api["items"] if isinstance(api, dict) else api
    assert [j["title"] for j in items] == ["機械学習エンジニア"]
    assert (
        "機械学習エンジニア"
        not in client.get(reverse("job_list"), {"q": "Blender"}).content.decode()
    )
