"""The job import against hostile spreadsheets: limits checked before reading, no XML
entities, a task that keeps the report, a web worker that never holds hundreds of MB."""

import time
import tracemalloc
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from engine.tests import hostile_files as hostile
from kakehashi.core.errors import ApplicationError
from kakehashi.jobs.importer import MAX_ROWS, jobs_import
from kakehashi.jobs.models import Job, JobImport

GOOD_ROW = ["Data Engineer", "Pipelines", "python:2", "5000000", "8000000", "Fukuoka"]
HEADER = ["title", "description", "must_skills", "salary_min_jpy", "salary_max_jpy", "prefecture"]


def test_openpyxl_reads_xml_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True


@pytest.mark.parametrize(
    "data", [hostile.xlsx_xxe(), hostile.xlsx_billion_laughs()], ids=["xxe", "billion-laughs"]
)
def test_a_sheet_declaring_entities_is_refused_clearly(sato, taxonomy_loaded, data):
    started = time.perf_counter()
    with pytest.raises(ApplicationError, match="declares XML entities or a DTD"):
        jobs_import(actor=sato, data=data, filename="jobs.xlsx")
    assert (
        time.perf_counter() - started < 5
    )  # generous for a shared CI machine; main took a 500 or far longer
    assert not Job.objects.exists()


def test_the_builder_makes_a_sheet_openpyxl_imports(sato, taxonomy_loaded):
    report = jobs_import(actor=sato, data=hostile.xlsx_rows([HEADER, GOOD_ROW]), filename="j.xlsx")
    assert len(report.created) == 1 and report.errors == []


def test_a_million_row_sheet_is_refused_quickly_without_loading_it(sato, taxonomy_loaded):
    data = hostile.xlsx_million_rows()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(ApplicationError, match="too large to import"):
            jobs_import(actor=sato, data=data, filename="jobs.xlsx")
        elapsed = time.perf_counter() - started
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < 5.0  # main loaded the whole sheet first (~530 MB, tens of seconds)
    assert peak < 20 * 1024 * 1024
    assert not Job.objects.exists()


def test_a_sheet_whose_last_cell_is_at_row_a_million_is_refused_quickly(sato, taxonomy_loaded):
    started = time.perf_counter()
    with pytest.raises(ApplicationError, match="rows beyond row 5000"):
        jobs_import(actor=sato, data=hostile.xlsx_last_row_far_away(), filename="jobs.xlsx")
    assert time.perf_counter() - started < 5.0  # main padded a million rows (43 s here)


def test_rows_past_the_limit_are_counted_as_they_stream(sato, taxonomy_loaded):
    rows = [HEADER] + [GOOD_ROW] * (MAX_ROWS + 1)
    with pytest.raises(ApplicationError, match="At most 1000 jobs per file"):
        jobs_import(actor=sato, data=hostile.xlsx_rows(rows), filename="jobs.xlsx")
    assert not Job.objects.exists()


def test_a_zip_of_thousands_of_parts_is_refused_before_parsing(sato):
    with pytest.raises(ApplicationError, match="5005 parts in the file"):
        jobs_import(actor=sato, data=hostile.xlsx_many_members(), filename="jobs.xlsx")


def test_too_many_columns_and_too_long_cells_are_refused(sato, taxonomy_loaded):
    with pytest.raises(ApplicationError, match="more than 40 columns"):
        jobs_import(actor=sato, data=hostile.xlsx_rows([["title"] * 60]), filename="j.xlsx")
    long_cell = "x" * 20_001
    with pytest.raises(ApplicationError, match="longer than 20000 characters"):
        jobs_import(actor=sato, data=f"title\n{long_cell}\n".encode(), filename="j.csv")
    with pytest.raises(ApplicationError, match="longer than 20000 characters"):
        jobs_import(actor=sato, data=f'title\n"{"y" * 200_000}\n'.encode(), filename="j.csv")


def test_a_million_row_csv_stops_at_the_limit(sato, taxonomy_loaded):
    data = ("title\n" + "Job\n" * 1_000_000).encode()
    started = time.perf_counter()
    with pytest.raises(ApplicationError, match="At most 1000 jobs per file"):
        jobs_import(actor=sato, data=data, filename="jobs.csv")
    assert time.perf_counter() - started < 5
    assert not Job.objects.exists()


def test_the_page_imports_in_a_task_and_keeps_the_report(
    client, sato, settings, taxonomy_loaded, django_capture_on_commit_callbacks
):
    csv = "title,description,must_skills,salary_min_jpy,salary_max_jpy,prefecture\n"
    csv += "Data Engineer,Pipelines,python:2,5000000,8000000,Fukuoka\n"
    csv += "Bad,Range,python:2,9000000,1000000,Fukuoka\n"
    client.force_login(sato)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            reverse("jobs_import"), {"file": SimpleUploadedFile("jobs.csv", csv.encode())}
        )
    page = client.get(started.url)
    job_import = JobImport.objects.get()
    assert job_import.state == "done" and job_import.created_by == sato
    assert len(job_import.created_job_ids) == 1 and job_import.row_errors[0][0] == 3
    assert not job_import.file  # the spreadsheet is not kept once read
    assert list(Path(settings.MEDIA_ROOT).rglob("*.csv")) == []
    text = page.content.decode()
    assert "1 job imported." in text and "minimum salary is above the maximum" in text
    # The report stays: the import page lists it and it opens again later.
    again = client.get(reverse("job_import_detail", args=[job_import.pk])).content.decode()
    assert "minimum salary is above the maximum" in again


def test_a_refused_sheet_is_reported_not_a_server_error(
    client, sato, taxonomy_loaded, django_capture_on_commit_callbacks
):
    client.force_login(sato)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(
            reverse("jobs_import"),
            {"file": SimpleUploadedFile("jobs.xlsx", hostile.xlsx_billion_laughs())},
        )
    page = client.get(started.url)
    assert page.status_code == 200
    assert "declares XML entities" in page.content.decode()
    assert JobImport.objects.get().state == "failed" and not Job.objects.exists()


def test_a_zip_bomb_sheet_is_not_even_stored(client, sato, settings):
    client.force_login(sato)
    page = client.post(
        reverse("jobs_import"),
        {"file": SimpleUploadedFile("jobs.xlsx", hostile.xlsx_many_members())},
        follow=True,
    )
    assert "too large to import" in page.content.decode()
    assert not JobImport.objects.exists()
    assert not any(Path(settings.MEDIA_ROOT).rglob("*.xlsx"))


def test_only_the_companys_editors_read_an_import_report(client, sakura, sato, tanaka, yamada):
    job_import = JobImport.objects.create(
        employer=sakura,
        created_by=sato,
        original_name="jobs.csv",
        state="done",
    )
    url = reverse("job_import_detail", args=[job_import.pk])
    client.force_login(tanaka)
    assert client.get(url).status_code == 200
    client.force_login(yamada)
    assert client.get(url).status_code == 404
