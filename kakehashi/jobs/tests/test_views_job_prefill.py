"""The job form's "find skills": a Japanese description fills the job's fields (issue 12)."""

from django.urls import reverse

from kakehashi.jobs.models import Job

DESCRIPTION = """【業務内容】
金融機関向けクラウド基盤の基本設計から運用まで。Kafka、Elasticsearchも使います。
【必須スキル】
・AWSの実務経験3年以上
・Terraformの実務経験2年以上
・日本語能力試験N2以上
【歓迎スキル】
・Kubernetesの運用経験
・英語：ビジネスレベル
【学歴】大卒以上（情報系）
【勤務地】大阪府大阪市北区（一部リモート可）
【給与】年収600万円〜800万円"""

FORM = {
    "title": "クラウドエンジニア",
    "description": DESCRIPTION,
    "description_language": "ja",
    "status": "draft",
    "openings": 1,
    "min_experience_years": "0",
    "salary_min_jpy": "",
    "salary_max_jpy": "",
    "prefecture": "JP-01",  # the select's first choice, posted untouched
    "work_style": "onsite",
    "visa_route": "engineer_specialist",
    "find_skills": "1",
}


def test_find_skills_fills_skills_languages_salary_place_and_work_style(
    client, sato, taxonomy_loaded
):
    client.force_login(sato)
    response = client.post(reverse("job_create"), FORM)
    data = response.context["form"].data
    assert data["must_skills"].splitlines() == ["aws: 3", "terraform: 2"]
    assert data["nice_skills"].splitlines() == ["kubernetes"]
    assert (data["jlpt_min"], data["jlpt_is_hard"]) == ("N2", "on")
    assert data["english_level"] == "business"
    assert (data["degree_level"], data["degree_field"]) == ("bachelor", "Computer Science")
    assert (data["salary_min_jpy"], data["salary_max_jpy"]) == ("6000000", "8000000")
    assert (data["prefecture"], data["work_style"]) == ("JP-27", "hybrid")
    page = response.content.decode()
    assert "3 skills found in the description" in page
    assert "Also filled from the description" in page
    assert "Kafka" in page  # named, not added: the employer sees it and may add it
    assert not Job.objects.exists()  # nothing saved until the employer confirms


def test_languages_never_land_among_the_skills(client, sato, taxonomy_loaded):
    client.force_login(sato)
    response = client.post(reverse("job_create"), FORM)
    data = response.context["form"].data
    boxes = data["must_skills"] + data["nice_skills"]
    for not_a_skill in ("japanese", "jlpt", "english", "cloud-computing", "system-design"):
        assert not_a_skill not in boxes


def test_what_the_employer_typed_is_kept(client, sato, taxonomy_loaded):
    client.force_login(sato)
    typed = {
        **FORM,
        "must_skills": "Python: 4",
        "salary_min_jpy": "7000000",
        "salary_max_jpy": "9000000",
        "jlpt_min": "N3",
    }
    data = client.post(reverse("job_create"), typed).context["form"].data
    assert data["must_skills"].splitlines() == ["Python: 4", "aws: 3", "terraform: 2"]
    assert (data["salary_min_jpy"], data["salary_max_jpy"], data["jlpt_min"]) == (
        "7000000",
        "9000000",
        "N3",
    )


def test_the_prefilled_form_saves_as_the_employer_confirmed_it(client, sato, taxonomy_loaded):
    client.force_login(sato)
    data = dict(client.post(reverse("job_create"), FORM).context["form"].data.items())
    data.pop("find_skills")
    response = client.post(reverse("job_create"), data, follow=True)
    job = Job.objects.get()
    assert (job.jlpt_min, job.jlpt_is_hard, job.english_level) == ("N2", True, "business")
    assert (job.salary_min_jpy, job.salary_max_jpy, job.prefecture) == (
        6_000_000,
        8_000_000,
        "JP-27",
    )
    assert {(s.skill_id, s.required, s.min_years) for s in job.skills.all()} == {
        ("aws", True, 3),
        ("terraform", True, 2),
        ("kubernetes", False, 0),
    }
    assert "The job is saved." in response.content.decode()


def test_total_experience_fills_the_minimum_experience(client, sato, taxonomy_loaded):
    client.force_login(sato)
    form = {**FORM, "description": "【必須】\n・エンジニアとしての実務経験5年以上\n・Python"}
    data = client.post(reverse("job_create"), form).context["form"].data
    assert data["min_experience_years"] == "5"
    assert data["must_skills"] == "python"


def test_an_english_requirement_with_no_skill_entry_is_shown_as_written(
    client, sato, taxonomy_loaded
):
    client.force_login(sato)
    form = {
        **FORM,
        "description_language": "en",
        "description": "Requirements:\n- 3+ years of Python\n"
        "- Experience managing stakeholders in a fast-paced environment",
    }
    response = client.post(reverse("job_create"), form)
    assert response.context["form"].data["must_skills"] == "python: 3"
    assert "but not in the skills list: " in response.content.decode()
    assert "stakeholders" in response.content.decode()


def test_find_skills_sets_the_description_language_when_it_was_left_empty(
    client, sato, taxonomy_loaded
):
    client.force_login(sato)
    response = client.post(reverse("job_create"), {**FORM, "description_language": ""})
    assert response.context["form"].data["description_language"] == "ja"
    english = {**FORM, "description_language": "", "description": "Requirements: Python 3+ years"}
    response = client.post(reverse("job_create"), english)
    assert response.context["form"].data["description_language"] == "en"
