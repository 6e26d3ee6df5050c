import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from kakehashi.core.errors import ApplicationError
from kakehashi.jobs.importer import jobs_import
from kakehashi.jobs.models import Job

CSV = (
    "職種,仕事内容,募集人数,必須スキル,歓迎スキル,日本語能力,年収下限,年収上限,勤務地,status\n"
    "AIエンジニア,機械学習モデルの開発,2,python:3; machine-learning:2,pytorch,N3,6000000,9000000,東京都,open\n"
    "Backend Engineer,Build APIs,1,java:3,,,5000000,4000000,Osaka,open\n"
    "3DCGアニメーター,アニメ制作,1,blender:2; cobol-ish:1,,N4,4000000,6000000,大阪,draft\n"
    "Cloud Engineer,AWS operations,1,aws:2,terraform,,5000000,7000000,JP-14,open\n"
)


def test_good_rows_are_kept_and_bad_rows_explained(sato, taxonomy_loaded):
    report = jobs_import(actor=sato, data=CSV.encode("cp932"), filename="求人.csv")
    assert len(report.created) == 2
    assert [row for row, _msg in report.errors] == [3, 4]
    assert "minimum salary is above the maximum" in report.errors[0][1]
    assert "cobol-ish" in report.errors[1][1]
    ai = Job.objects.get(title="AIエンジニア")
    assert (ai.prefecture, ai.jlpt_min, ai.description_language, ai.status) == (
        "JP-13",
        "N3",
        "ja",
        "open",
    )
    assert {s.skill_id: float(s.min_years) for s in ai.skills.filter(required=True)} == {
        "python": 3.0,
        "machine-learning": 2.0,
    }
    assert Job.objects.get(title="Cloud Engineer").prefecture == "JP-14"


def test_xlsx_import_through_the_page(
    client, sato, taxonomy_loaded, django_capture_on_commit_callbacks
):
    book = Workbook()
    sheet = book.active
    sheet.append(
        ["title", "description", "must_skills", "salary_min_jpy", "salary_max_jpy", "prefecture"]
    )
    sheet.append(["Data Engineer", "Pipelines", "python:2", 5000000, 8000000, "Fukuoka"])
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(sato)
    upload = SimpleUploadedFile("jobs.xlsx", buffer.getvalue())
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse("jobs_import"), {"file": upload})
    assert "1 job imported." in client.get(started.url).content.decode()
    job = Job.objects.get(title="Data Engineer")
    assert job.status == "draft" and job.prefecture == "JP-40"


def test_a_corrupt_xlsx_gets_a_clear_message(sato, taxonomy_loaded):
    with pytest.raises(ApplicationError, match="cannot be opened"):
        jobs_import(actor=sato, data=b"PK\x03\x04 broken", filename="jobs.xlsx")
    assert not Job.objects.exists()
