"""Writing exports to files (run by the Celery task) and the monthly programme report."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from kakehashi.audit.services import audit_record
from kakehashi.core.notify import notify
from kakehashi.core.site import site_url
from kakehashi.reports.exports import WRITERS
from kakehashi.reports.models import ReportExport
from kakehashi.reports.registry import report_build


def report_export_run(*, export_id: int) -> ReportExport:
    """Build the export's report and write its file, updating ``progress`` (percent) as the
    sections are written; a failure is recorded on the row, readable on the page."""
    export = ReportExport.objects.select_related("requested_by").get(pk=export_id)
    ReportExport.objects.filter(pk=export_id).update(status=ReportExport.Status.RUNNING, progress=5)
    user = export.requested_by
    language = getattr(user, "language", None) or settings.LANGUAGE_CODE
    try:
        with translation.override(language):
            report = report_build(slug=export.report, params=export.params, user=user)
            ReportExport.objects.filter(pk=export_id).update(progress=40)
            write, _mime = WRITERS[export.format]

            def progress(percent: int) -> None:
                ReportExport.objects.filter(pk=export_id).update(progress=40 + percent * 55 // 100)

            content = write(report, progress)
    except Exception as error:  # shown to the officer; the task's log has the traceback
        ReportExport.objects.filter(pk=export_id).update(
            status=ReportExport.Status.FAILED, error=str(error)[:300], finished_at=timezone.now()
        )
        raise
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    export.file.save(
        f"kakehashi-{export.report}-{stamp}.{export.format}", ContentFile(content), save=False
    )
    export.status = ReportExport.Status.DONE
    export.progress = 100
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "progress", "finished_at"])
    return export


def report_monthly_send(*, today: date | None = None) -> ReportExport:
    """Last month's programme report as a PDF, stored as an export for every officer, and
    e-mailed as a link to each active analyst."""
    today = today or timezone.localdate()
    month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    with transaction.atomic():
        export = ReportExport.objects.create(
            report="monthly", format="pdf", params={"month": month.isoformat()}
        )
        audit_record(
            actor=None,
            action="reports.monthly_produced",
            obj=export,
            details={"month": month.isoformat()},
        )
    export = report_export_run(export_id=export.pk)
    User = get_user_model()
    analysts = User.objects.filter(
        is_active=True, role=User.Role.FACILITATOR, facilitator_role=User.FacilitatorRole.ANALYST
    )
    notify(
        users=analysts,
        template="reports_monthly",
        context={
            "month": month,
            "link": site_url() + reverse("report_export_download", args=[export.pk]),
        },
    )
    return export
