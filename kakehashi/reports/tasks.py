from celery import shared_task
from django.contrib.auth import get_user_model

from kakehashi.reports.exports_run import report_export_run, report_monthly_send
from kakehashi.reports.supply import supply_compute


@shared_task
def reports_supply_task(*, actor_id: int | None = None) -> int:
    """The engine over every candidate and open job (nightly by Celery beat, or when an
    officer asks); returns the new run's id."""
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    return supply_compute(actor=actor).pk


@shared_task
def report_export_task(*, export_id: int) -> None:
    """Write one requested export to a file, updating its progress as it goes."""
    report_export_run(export_id=export_id)


@shared_task
def reports_monthly_task() -> int:
    """On the first of each month (Celery beat): last month's programme report as a PDF,
    e-mailed (as a link) to every analyst. Returns the export's id."""
    return report_monthly_send().pk
