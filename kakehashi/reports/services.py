"""Writes of the reports app: asking for an export, asking for a supply run, exporting a
training cohort, each with its audit row."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from kakehashi.audit.services import audit_record
from kakehashi.core.errors import ApplicationError
from kakehashi.reports.exports import WRITERS
from kakehashi.reports.models import ReportExport, TrainingOption
from kakehashi.reports.registry import REPORTS
from kakehashi.reports.tasks import report_export_task, reports_supply_task
from kakehashi.reports.training import training_cohort

PARAMS_MAX = 20


def report_export_request(*, report: str, fmt: str, params: dict[str, str], actor) -> ReportExport:
    """Queue the export of ``report`` (a slug of reports.registry.REPORTS) with the page's raw
    query ``params`` in ``fmt`` (csv, xlsx, pdf); the file is written by a Celery task (at
    once when Celery is eager). Only the report form's own parameters are kept."""
    if report not in REPORTS:
        raise ApplicationError(_("Unknown report."))
    if fmt not in WRITERS:
        raise ApplicationError(_("Choose CSV, XLSX or PDF."), field="format")
    fields = REPORTS[report].form.base_fields
    kept = {k: str(v)[:200] for k, v in params.items() if k in fields}
    with transaction.atomic():
        export = ReportExport.objects.create(
            report=report, format=fmt, params=kept, requested_by=actor
        )
        audit_record(
            actor=actor,
            action="reports.export_requested",
            obj=export,
            details={"report": report, "format": fmt},
        )
        transaction.on_commit(lambda: report_export_task.delay(export_id=export.pk))
    return export


def supply_compute_request(*, actor) -> None:
    """Queue a supply run (the engine over the whole index) for ``actor``."""
    transaction.on_commit(lambda: reports_supply_task.delay(actor_id=actor.pk))


def training_cohort_export(*, option_id: int, fmt: str, actor) -> tuple[bytes, str, str]:
    """A course's cohort as a file: (content, MIME type, file name). Officers who handle
    personal data get names and contacts (an audited export of personal data); others the
    candidates' numbers only. Never the CNIC."""
    if fmt not in ("csv", "xlsx"):
        raise ApplicationError(_("Choose CSV or XLSX."), field="format")
    with_contacts = actor.has_duty("personal_data")
    report = training_cohort(option_id=option_id, with_contacts=with_contacts)
    write, mime = WRITERS[fmt]
    content = write(report)
    if with_contacts:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action="reports.cohort_exported",
                obj=TrainingOption.objects.get(pk=option_id),
                details={"option": option_id, "candidates": len(report.sections[0].table.rows)},
            )
    return content, mime, f"kakehashi-cohort-{option_id}.{fmt}"
