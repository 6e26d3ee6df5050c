"""The ministry's report pages (the ``reports`` duty: verifiers, organisers, analysts), their
exports and the supply run. Thin: figures come from the report builders of the registry."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kakehashi.core.decorators import duty_required
from kakehashi.core.errors import ApplicationError
from kakehashi.core.files import private_file_response
from kakehashi.core.forms import row_id
from kakehashi.reports import services
from kakehashi.reports.charts import chart_svg
from kakehashi.reports.forms import EXPORT_FORMATS
from kakehashi.reports.registry import REPORTS
from kakehashi.reports.selectors import (
    report_export_get_for_user,
    report_exports_for_user,
    supply_run_latest,
    supply_run_pending,
)
from kakehashi.reports.tables import Link


def _page(request, slug: str):
    kind = REPORTS[slug]
    form = kind.form(request.GET)
    report = kind.build(form.values(), request.user)
    sections = [
        {
            "section": s,
            "svg": chart_svg(s.chart, s.title, f"chart-{i}")
            if s.chart and s.chart.labels
            else None,
            "rows": [
                {
                    "cells": [c if isinstance(c, Link) else ("—" if c is None else c) for c in row],
                    "flagged": n in s.flagged_rows,
                }
                for n, row in enumerate(s.table.rows)
            ],
        }
        for i, s in enumerate(report.sections)
    ]
    return render(
        request,
        "reports/report.html",
        {
            "report": report,
            "sections": sections,
            "form": form,
            "slug": slug,
            "reports": REPORTS.values(),
            "formats": EXPORT_FORMATS,
            "query": request.GET.urlencode(),
            "run": supply_run_latest(),
            "pending": supply_run_pending(),
            "needs_supply": slug in ("supply", "training", "fairness"),
        },
    )


@duty_required("reports")
def report_supply(request):
    return _page(request, "supply")


@duty_required("reports")
def report_funnel(request):
    return _page(request, "funnel")


@duty_required("reports")
def report_steps(request):
    return _page(request, "steps")


@duty_required("reports")
def report_training(request):
    return _page(request, "training")


@duty_required("reports")
def report_fairness(request):
    return _page(request, "fairness")


@duty_required("reports")
def report_missions(request):
    return _page(request, "missions")


@require_POST
@duty_required("reports")
def report_export(request, slug: str):
    """Queue an export of the page as it is filtered; then show its progress."""
    try:
        export = services.report_export_request(
            report=slug,
            fmt=request.POST.get("format", ""),
            params=request.GET.dict(),
            actor=request.user,
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect(reverse(REPORTS[slug].url_name) if slug in REPORTS else "report_supply")
    return redirect("report_export_status", export_id=export.pk)


@duty_required("reports")
def report_export_status(request, export_id: int):
    """An export's progress (the page polls this while the file is written) and its link."""
    export = report_export_get_for_user(export_id=export_id, user=request.user)
    template = (
        "reports/_export_status.html"
        if request.headers.get("HX-Request")
        else "reports/export.html"
    )
    return render(
        request, template, {"export": export, "exports": report_exports_for_user(user=request.user)}
    )


@duty_required("reports")
def report_export_download(request, export_id: int):
    export = report_export_get_for_user(export_id=export_id, user=request.user)
    if export.status != export.Status.DONE or not export.file:
        messages.error(request, _("This export is not ready."))
        return redirect("report_export_status", export_id=export.pk)
    return private_file_response(export.file.open("rb"), export.file.name.rsplit("/", 1)[-1])


@require_POST
@duty_required("reports")
def report_supply_compute(request):
    services.supply_compute_request(actor=request.user)
    messages.success(request, _("Supply is being computed; the pages show it once it is done."))
    return redirect(
        request.POST.get("next")
        if request.POST.get("next", "").startswith("/ministry/reports/")
        else "report_supply"
    )


@duty_required("reports")
def report_training_cohort(request):
    """A course's cohort as CSV or XLSX (consenting candidates; contacts only for officers
    who handle personal data; never the CNIC)."""
    option_id = row_id(request.GET.get("option", ""))
    try:
        if option_id is None:
            raise ApplicationError(_("Choose a course in the list."))
        content, mime, filename = services.training_cohort_export(
            option_id=option_id, fmt=request.GET.get("format", "csv"), actor=request.user
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("report_training")
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
