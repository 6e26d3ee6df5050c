"""The mission timetable as a printable PDF (A4), one table per leg and day, Pakistan time.

Japanese job titles use the Heisei Kaku Gothic CID font that PDF readers provide, so no font
file ships with the product."""

from __future__ import annotations

import io
from itertools import groupby
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kakehashi.missions.models import Interview, Mission

KARACHI = ZoneInfo("Asia/Karachi")
FONT = "HeiseiKakuGo-W5"


def mission_timetable_pdf(mission: Mission) -> bytes:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    title = ParagraphStyle("t", fontName=FONT, fontSize=14, leading=18)
    cell = ParagraphStyle("c", fontName=FONT, fontSize=8, leading=10)
    interviews = (
        Interview.objects.filter(request__mission=mission)
        .select_related(
            "leg", "room", "panel__employer", "interpreter", "request__application__job"
        )
        .order_by("leg__start_date", "start", "room__name")
    )
    story = [
        Paragraph(f"{mission.name} — interview timetable (Pakistan time)", title),
        Spacer(1, 4 * mm),
    ]

    def day_key(i: Interview):
        return (i.leg_id, i.start.astimezone(KARACHI).date())

    first = True
    for (_leg_id, day), group in groupby(interviews, key=day_key):
        group = list(group)
        if not first:
            story.append(PageBreak())
        first = False
        leg = group[0].leg
        story.append(Paragraph(f"{leg} · {leg.venue_name} · {day:%A %d %B %Y}", title))
        rows = [
            ["Time", "Room", "Company / panel", "Job", "Candidate", "Interpreter", "Code", "Status"]
        ]
        for i in group:
            start = i.start.astimezone(KARACHI)
            end = i.end.astimezone(KARACHI)
            rows.append(
                [
                    f"{start:%H:%M}–{end:%H:%M}",
                    "Online" if i.online else i.room.name,
                    Paragraph(str(i.panel), cell),
                    Paragraph(i.request.application.job.title, cell),
                    f"#{i.request.application.candidate_id}",
                    i.interpreter.name if i.interpreter else "",
                    i.checkin_code,
                    i.get_status_display(),
                ]
            )
        table = Table(
            rows,
            repeatRows=1,
            colWidths=[24 * mm, 22 * mm, 60 * mm, 70 * mm, 22 * mm, 30 * mm, 18 * mm, 22 * mm],
        )
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("FONTSIZE", (0, 0), (-1, -1), 8),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5f5ee")),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
    if first:
        story.append(Paragraph("Not solved yet.", cell))
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer, pagesize=landscape(A4), title=mission.name, leftMargin=10 * mm, rightMargin=10 * mm
    ).build(story)
    return buffer.getvalue()
