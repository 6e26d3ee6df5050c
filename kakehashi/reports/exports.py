"""A report written as CSV, XLSX (openpyxl) or PDF (reportlab, with its charts drawn), the
same sections and numbers as the page."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable

from kakehashi.reports.tables import Cell, Chart, Link, Report

FONT = "HeiseiKakuGo-W5"  # Japanese and Latin, from the PDF reader: no font file ships
SERIES_COLOURS = (
    colors.HexColor("#1f5f8b"),
    colors.HexColor("#e07b39"),
    colors.HexColor("#5a9e4b"),
)
Progress = Callable[[int], None]


def _plain(value: Cell) -> Cell:
    if isinstance(value, Link):
        return value.text
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return "—" if math.isnan(value) else ("-∞" if value < 0 else "∞")
    return value


def _heading(report: Report) -> list[str]:
    return [
        _("Ministry of IT & Telecom — Kakehashi"),
        report.title,
        report.period,
        _("Produced %(when)s") % {"when": timezone.localtime().strftime("%Y-%m-%d %H:%M")},
    ]


def report_csv(report: Report, progress: Progress | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in _heading(report):
        writer.writerow([line])
    for i, section in enumerate(report.sections):
        writer.writerow([])
        writer.writerow([section.title])
        writer.writerow(section.table.columns)
        writer.writerows([[_plain(c) for c in row] for row in section.table.rows])
        if progress:
            progress(round(100 * (i + 1) / len(report.sections)))
    # A byte-order mark, so that spreadsheet programs read the file as UTF-8 (Urdu, Japanese).
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def report_xlsx(report: Report, progress: Progress | None = None) -> bytes:
    book = Workbook()
    cover = book.active
    cover.title = _("Report")[:31]
    for line in _heading(report):
        cover.append([line])
    cover["A1"].font = Font(bold=True)
    used = {cover.title}
    for i, section in enumerate(report.sections):
        name = "".join(c for c in section.title if c not in "[]:*?/\\")[:28] or f"S{i + 1}"
        while name in used:
            name = f"{name[:25]} {i + 1}"
        used.add(name)
        sheet = book.create_sheet(name)
        sheet.append([section.title])
        sheet["A1"].font = Font(bold=True)
        sheet.append(list(section.table.columns))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in section.table.rows:
            sheet.append([_plain(c) for c in row])
        if progress:
            progress(round(100 * (i + 1) / len(report.sections)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


CHART_LABELS_MAX = 20  # the table beside the chart carries every row


def _drawing(chart: Chart, width: float) -> Drawing:
    """The chart drawn with reportlab's shapes: the same kinds as the page's SVG (at most
    ``CHART_LABELS_MAX`` bars: a long list is read from the table)."""
    if chart.kind != "line" and len(chart.labels) > CHART_LABELS_MAX:
        chart = Chart(
            chart.kind,
            chart.labels[:CHART_LABELS_MAX],
            [(name, values[:CHART_LABELS_MAX]) for name, values in chart.series],
            chart.unit,
        )
    label_w, row = 150.0, 14.0
    if chart.kind == "line":
        height, left, bottom, top = 170.0, 40.0, 24.0, 150.0
        d = Drawing(width, height)
        peak = max([v for _n, vals in chart.series for v in vals] + [1])
        n = len(chart.labels)
        step = (width - left - 10) / max(1, n - 1)
        d.add(Line(left, bottom, width - 10, bottom))
        d.add(Line(left, bottom, left, top))
        d.add(
            String(left - 4, top - 4, f"{peak:,.0f}", fontName=FONT, fontSize=6, textAnchor="end")
        )
        for i, label in enumerate(chart.labels):
            if n <= 12 or i % max(1, n // 12) == 0:
                d.add(
                    String(
                        left + i * step,
                        bottom - 10,
                        str(label),
                        fontName=FONT,
                        fontSize=6,
                        textAnchor="middle",
                    )
                )
        for s, (name, values) in enumerate(chart.series):
            colour = SERIES_COLOURS[s % len(SERIES_COLOURS)]
            points: list[float] = []
            for i, v in enumerate(values):
                points += [left + i * step, bottom + (top - bottom) * float(v) / peak]
            if len(points) >= 4:
                d.add(PolyLine(points, strokeColor=colour, strokeWidth=1.2))
            for i in range(0, len(points), 2):
                d.add(Circle(points[i], points[i + 1], 1.6, fillColor=colour, strokeColor=colour))
            d.add(
                String(left + 70 * s, height - 8, name, fontName=FONT, fontSize=7, fillColor=colour)
            )
        return d
    n_series = 1 if chart.kind == "funnel" else max(1, len(chart.series))
    row = 12.0 if n_series == 1 else 8.0  # a chart stays within half a page
    band = row * n_series + 3
    height = band * len(chart.labels) + 14
    d = Drawing(width, height)
    peak = max([v for _n, vals in chart.series for v in vals] + [1])
    span = width - label_w - 40
    for i, label in enumerate(chart.labels):
        y0 = height - 14 - (i + 1) * band
        d.add(
            String(
                label_w - 4,
                y0 + band / 2 - 2,
                str(label)[:32],
                fontName=FONT,
                fontSize=6.5,
                textAnchor="end",
            )
        )
        for s, (_name, values) in enumerate(chart.series[:n_series]):
            v = float(values[i])
            w = max(0.5, span * v / peak)
            x = label_w + ((span - w) / 2 if chart.kind == "funnel" else 0)
            y = y0 + (n_series - 1 - s) * row
            colour = SERIES_COLOURS[s % len(SERIES_COLOURS)]
            d.add(Rect(x, y + 1, w, row - 2, fillColor=colour, strokeColor=None))
            d.add(
                String(
                    label_w + span + 4 if chart.kind == "funnel" else x + w + 3,
                    y + 4,
                    f"{v:,.0f}",
                    fontName=FONT,
                    fontSize=6,
                )
            )
    if n_series > 1:
        for s, (name, _values) in enumerate(chart.series):
            colour = SERIES_COLOURS[s % len(SERIES_COLOURS)]
            d.add(Rect(label_w + 110 * s, height - 10, 6, 6, fillColor=colour, strokeColor=None))
            d.add(String(label_w + 110 * s + 9, height - 9, name, fontName=FONT, fontSize=7))
    return d


def report_pdf(report: Report, progress: Progress | None = None) -> bytes:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    header = ParagraphStyle("h", fontName=FONT, fontSize=9, leading=12, textColor=colors.grey)
    title = ParagraphStyle("t", fontName=FONT, fontSize=15, leading=19)
    h2 = ParagraphStyle("h2", fontName=FONT, fontSize=11, leading=14, spaceBefore=6)
    cell = ParagraphStyle("c", fontName=FONT, fontSize=7, leading=9)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=report.title,
        author=_("Ministry of IT & Telecom"),
    )
    lines = _heading(report)
    story: list = [
        Paragraph(lines[0], header),
        Paragraph(lines[1], title),
        Paragraph(f"{lines[2]} · {lines[3]}", header),
        Spacer(1, 4 * mm),
    ]
    story += [Paragraph(note, cell) for note in report.notes]
    for i, section in enumerate(report.sections):
        block: list = [Paragraph(section.title, h2)]
        if section.note:
            block.append(Paragraph(section.note, cell))
        if section.chart is not None and section.chart.labels:
            block.append(_drawing(section.chart, doc.width - 14))
        story.append(KeepTogether(block))
        rows = [[Paragraph(str(c), cell) for c in section.table.columns]]
        rows += [
            [Paragraph("" if c is None else str(_plain(c)), cell) for c in r]
            for r in section.table.rows
        ]
        table = PdfTable(rows, repeatRows=1)
        style = [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef3")),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
        style += [
            ("BACKGROUND", (0, r + 1), (-1, r + 1), colors.HexColor("#fde2e1"))
            for r in section.flagged_rows
        ]
        table.setStyle(TableStyle(style))
        story += [table, Spacer(1, 3 * mm)]
        if progress:
            progress(round(100 * (i + 1) / len(report.sections)))
    doc.build(story)
    return out.getvalue()


WRITERS: dict[str, tuple[Callable[..., bytes], str]] = {
    "csv": (report_csv, "text/csv; charset=utf-8"),
    "xlsx": (report_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": (report_pdf, "application/pdf"),
}
