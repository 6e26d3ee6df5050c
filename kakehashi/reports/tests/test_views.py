"""The report pages as officers use them: who may open them, what they show, how many
queries they take as the data grows, their exports, the training cohort and the monthly
report."""

from __future__ import annotations

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from kakehashi.accounts.models import User
from kakehashi.audit.models import AuditEvent
from kakehashi.candidates.models import CandidateProfile
from kakehashi.employers.models import EmployerMember
from kakehashi.reports.exports_run import report_monthly_send
from kakehashi.reports.models import JobSupply, ReportExport, TrainingOption
from kakehashi.reports.selectors import supply_run_latest
from kakehashi.reports.supply import supply_compute
from kakehashi.reports.tests.test_selectors_figures import _mission_with_interviews, _more_hires

PAGES = [
    "report_supply",
    "report_funnel",
    "report_steps",
    "report_training",
    "report_fairness",
    "report_missions",
]


def test_officers_of_every_sub_role_read_the_reports_and_no_one_else(
    client, world, analyst, verifier, organiser
):
    candidate = CandidateProfile.objects.first().user
    employer = EmployerMember.objects.first().user
    for name in PAGES:
        url = reverse(name)
        for officer in (analyst, verifier, organiser):
            client.force_login(officer)
            assert client.get(url).status_code == 200, (name, officer)
        for outsider in (candidate, employer):
            client.force_login(outsider)
            assert client.get(url).status_code == 404, (name, outsider)
        client.logout()
        assert "/login/" in client.get(url)["Location"]


def test_the_supply_page_shows_its_figures_beside_a_chart(client, world, analyst):
    client.force_login(analyst)
    html = client.get(reverse("report_supply")).content.decode()
    assert html.count('<svg class="chart"') >= 8  # a chart for each breakdown
    assert 'role="img"' in html and "<title" in html  # charts name themselves
    assert "Qualified for at least one open job" in html
    assert "PK-PB" in html  # provinces by their ISO 3166-2:PK code
    assert "style=" not in html.split("<main", 1)[1]  # the CSP refuses style attributes


def test_filters_are_validated_and_a_bad_value_is_said(client, world, analyst):
    client.force_login(analyst)
    response = client.get(reverse("report_funnel"), {"date_from": "2026-13-40", "by": "city"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html and "From" in html
    assert "By city" in html  # the good parameter still applies
    backwards = client.get(
        reverse("report_funnel"), {"date_from": "2026-06-01", "date_to": "2026-01-01"}
    )
    assert "The end of the period comes before its start." in backwards.content.decode()


@pytest.mark.parametrize("name", PAGES)
def test_a_page_takes_as_many_queries_with_more_data(
    client, world, analyst, name, django_assert_max_num_queries, django_assert_num_queries
):
    _more_hires(10)
    _mission_with_interviews(4)
    client.force_login(analyst)
    url = reverse(name)
    params = {"by": "employer"} if name == "report_funnel" else {}
    with django_assert_max_num_queries(30) as first:
        assert client.get(url, params).status_code == 200
    # Grow: more hires, another mission, a newer supply run over more candidates.
    _more_hires(25)
    _mission_with_interviews(8)
    supply_compute()
    with django_assert_num_queries(len(first), info=f"{url} with more rows"):
        assert client.get(url, params).status_code == 200


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_each_page_exports_in_each_format(
    client, world, analyst, fmt, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    for name in PAGES:
        slug = name.removeprefix("report_")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("report_export", args=[slug]) + "?by=city", {"format": fmt}
            )
        export = ReportExport.objects.latest("pk")
        assert response["Location"] == reverse("report_export_status", args=[export.pk])
        assert export.status == "done" and export.progress == 100, export.error
        download = client.get(reverse("report_export_download", args=[export.pk]))
        body = b"".join(download.streaming_content)
        assert download["Content-Disposition"].startswith("attachment")
        if fmt == "csv":
            rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
            assert rows[0] == ["Ministry of IT & Telecom — Kakehashi"]
        elif fmt == "xlsx":
            book = load_workbook(io.BytesIO(body))
            assert len(book.sheetnames) >= 2
        else:
            assert body.startswith(b"%PDF")
    supply_csv = ReportExport.objects.filter(report="supply", format="csv").first()
    if supply_csv:
        text = supply_csv.file.open("rb").read().decode("utf-8-sig")
        assert "Qualified for at least one open job" in text


def test_an_export_is_only_for_the_officer_who_asked(
    client, world, analyst, verifier, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("report_export", args=["steps"]), {"format": "csv"})
    export = ReportExport.objects.latest("pk")
    client.force_login(verifier)
    assert client.get(reverse("report_export_download", args=[export.pk])).status_code == 404
    assert client.get(reverse("report_export_status", args=[export.pk])).status_code == 404
    client.force_login(analyst)
    assert client.get(reverse("report_export_status", args=[export.pk])).status_code == 200
    bad = client.post(reverse("report_export", args=["steps"]), {"format": "docx"})
    assert bad.status_code == 302 and ReportExport.objects.latest("pk") == export


def test_a_cohort_lists_consenting_people_only_and_names_them_only_for_personal_data(
    client, world, analyst, verifier
):
    option = TrainingOption.objects.filter(grouping="city").order_by("rank").first()
    assert option is not None and option.qualified > 0
    withdrawn = CandidateProfile.objects.get(pk=option.candidate_ids[0])
    withdrawn.consents.update(withdrawn_at="2026-11-30T00:00:00Z")
    url = reverse("report_training_cohort") + f"?option={option.pk}&format=csv"

    client.force_login(analyst)
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode("utf-8-sig"))))
    header = next(r for r in rows if r and r[0] == "Candidate")
    listed = [r for r in rows[rows.index(header) + 1 :] if r]
    assert header == ["Candidate", "City", "JLPT", "Skills on the profile"]  # no names
    assert len(listed) == len(option.candidate_ids) - 1
    assert f"#{withdrawn.pk}" not in {r[0] for r in listed}

    client.force_login(verifier)
    text = client.get(url).content.decode("utf-8-sig")
    assert "E-mail" in text and "@" in text
    assert "CNIC" not in text
    assert AuditEvent.objects.filter(action="reports.cohort_exported", actor=verifier).exists()


def test_the_monthly_report_is_a_pdf_e_mailed_to_every_analyst(
    client, world, analyst, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        export = report_monthly_send()
    assert export.status == "done" and export.file.open("rb").read(4) == b"%PDF"
    analysts = User.objects.filter(facilitator_role="analyst", is_active=True)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in analysts)
    link = reverse("report_export_download", args=[export.pk])
    assert link in mail.outbox[0].body
    client.force_login(analyst)
    assert client.get(link).status_code == 200


def test_computing_supply_from_the_page_makes_a_new_run(
    client, world, analyst, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    before = world.pk
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("report_supply_compute"), {"next": "/ministry/reports/training/"}
        )
    assert response["Location"] == "/ministry/reports/training/"
    assert supply_run_latest().pk > before


def test_the_dashboard_links_every_report(client, world, analyst):
    client.force_login(analyst)
    html = client.get(reverse("facilitator_dashboard")).content.decode()
    for name in PAGES:
        assert f'href="{reverse(name)}"' in html


def test_the_fairness_page_reads_the_top_k_of_one_job(client, world, analyst):
    job = JobSupply.objects.filter(run=world).order_by("-pool").first().job
    client.force_login(analyst)
    html = client.get(reverse("report_fairness"), {"job": job.pk}).content.decode()
    assert "Top 50 of the engine&#x27;s ranking" in html or "Top 50 of the engine's ranking" in html
    assert "Skew@k" in html
    missing = client.get(reverse("report_fairness"), {"job": 10**9}).content.decode()
    assert "There is no job with this number." in missing
