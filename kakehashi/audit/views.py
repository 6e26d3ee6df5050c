import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from kakehashi.audit.forms import AccessFilterForm
from kakehashi.audit.labels import FIELD_LABELS, PURPOSE_LABELS, viewer_label
from kakehashi.audit.selectors import access_line, personal_data_accesses_filtered
from kakehashi.audit.services import audit_record
from kakehashi.core.decorators import duty_required

PAGE_ROWS = 200
EXPORT_ROWS = 100_000


def _export_rows(records):
    yield [
        _("Time"),
        _("Viewer"),
        _("Viewer's e-mail"),
        _("Candidate no."),
        _("What they did"),
        _("What they saw"),
        _("Channel"),
        _("Sent to Japan"),
    ]
    zone = timezone.get_current_timezone()
    for r in records.iterator(chunk_size=2000):
        yield [
            r.at.astimezone(zone).isoformat(timespec="seconds"),
            viewer_label(r.actor_kind, r.employer_name),
            r.actor_label,
            r.subject_id,
            str(PURPOSE_LABELS.get(r.purpose, r.purpose)),
            ", ".join(str(FIELD_LABELS.get(f, f)) for f in r.fields),
            r.get_channel_display(),
            _("Yes") if r.cross_border else _("No"),
        ]


class _Echo:
    def write(self, value):
        return value


@duty_required("verify")
def access_records(request):
    """The ministry's audit viewer: who saw which candidate's personal data, when, why and
    whether it went to Japan; filters, and the same rows as CSV or XLSX."""
    form = AccessFilterForm(request.GET)
    filters = form.values()
    export = filters.pop("format")
    records = personal_data_accesses_filtered(**filters)
    if export:
        audit_record(
            actor=request.user,
            action="audit.access_records_exported",
            obj=request.user,
            details={"format": export, "filters": request.GET.urlencode()[:500]},
        )
        rows = _export_rows(records[:EXPORT_ROWS])
        name = f"kakehashi-access-records-{timezone.localdate():%Y%m%d}"
        if export == "csv":
            writer = csv.writer(_Echo())
            response = StreamingHttpResponse(
                (writer.writerow(row) for row in rows), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
            return response
        from openpyxl import Workbook  # heavy; only for an XLSX export

        book = Workbook(write_only=True)
        sheet = book.create_sheet(_("Access records"))
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    shown = list(records[:PAGE_ROWS])
    return render(
        request,
        "audit/access_records.html",
        {
            "form": form,
            "count": records.count(),
            "rows": [(r, access_line(r)) for r in shown],
            "limit": PAGE_ROWS,
            "query": request.GET.urlencode(),
        },
    )
