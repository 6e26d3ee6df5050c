"""The offer letter as a PDF (A4), in Japanese and English on the same page: 内定通知書 /
Letter of offer. Japanese text uses reportlab's built-in CID fonts (HeiseiMin-W3 for the
body, HeiseiKakuGo-W5 for headings) that PDF readers provide, so no font file ships."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from engine.geo import geo
from kakehashi.jobs.models import Job
from kakehashi.pipeline.models import Offer

GOTHIC = "HeiseiKakuGo-W5"
MINCHO = "HeiseiMin-W3"
# The residence statuses' official Japanese names (在留資格), beside the English.
RESIDENCE_JA = {
    Job.VisaRoute.ENGINEER: "技術・人文知識・国際業務",
    Job.VisaRoute.HSP: "高度専門職1号ロ",
    Job.VisaRoute.SSW: "特定技能1号",
    Job.VisaRoute.ICT: "企業内転勤",
}


def cjk_fonts_register() -> None:
    for name in (GOTHIC, MINCHO):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(name))


def _prefecture(code: str) -> tuple[str, str]:
    for p in geo().prefectures:
        if p.code == code:
            return p.name_ja, p.name_en
    return code, code


def offer_letter_pdf(offer: Offer) -> bytes:
    """Every term of ``offer`` with its Japanese and English label, the answer-by date and
    the company's name in both scripts. Returns the PDF's bytes."""
    cjk_fonts_register()
    application = offer.application
    job = application.job
    employer = job.employer
    candidate = application.candidate.user
    title = ParagraphStyle("title", fontName=GOTHIC, fontSize=16, leading=22)
    body = ParagraphStyle("body", fontName=MINCHO, fontSize=10, leading=15)
    cell = ParagraphStyle("cell", fontName=MINCHO, fontSize=9, leading=13)
    head = ParagraphStyle("head", fontName=GOTHIC, fontSize=9, leading=13)
    pref_ja, pref_en = _prefecture(offer.prefecture)
    route = Job.VisaRoute(offer.residence_status)

    def p(text: str, style=cell) -> Paragraph:
        return Paragraph(escape(text).replace("\n", "<br/>"), style)

    terms = [
        ("会社 / Employer", f"{employer.name_ja}\n{employer.name_en}"),
        ("職種 / Job title", job.title),
        (
            "年収 / Annual salary",
            f"{offer.salary_jpy:,}円 (賞与込み) / ¥{offer.salary_jpy:,} a year, bonus included",
        ),
        ("手当 / Allowances", offer.allowances or "なし / None"),
        ("勤務時間 / Working hours", offer.working_hours),
        ("入社日 / Start date", f"{offer.start_date:%Y年%-m月%-d日} / {offer.start_date:%d %B %Y}"),
        (
            "契約期間 / Contract length",
            f"{offer.contract_months}か月 / {offer.contract_months} months",
        ),
        ("在留資格 / Residence status", f"{RESIDENCE_JA[route]} / {route.label}"),
        ("勤務地 / Place of work", f"{pref_ja} / {pref_en}"),
        ("住居 / Accommodation", offer.accommodation),
        ("渡航 / Travel to Japan", offer.travel),
        ("保険 / Insurance", offer.insurance),
        (
            "回答期限 / Answer by",
            f"{offer.expires_on:%Y年%-m月%-d日} / {offer.expires_on:%d %B %Y}",
        ),
    ]
    table = Table(
        [[p(label, head), p(value)] for label, value in terms],
        colWidths=[48 * mm, 122 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (0, -1), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story = [
        Paragraph("内定通知書 / Letter of offer", title),
        Spacer(1, 4 * mm),
        p(f"{candidate.full_name} 様 / Dear {candidate.full_name},", body),
        Spacer(1, 2 * mm),
        p(
            f"{employer.name_ja}は、貴殿を下記の条件で採用することを内定いたしました。"
            f"回答期限までにKakehashiでご回答ください。",
            body,
        ),
        p(
            f"{employer.name_en} is pleased to offer you employment on the terms below. "
            "Please answer on Kakehashi by the answer-by date.",
            body,
        ),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 4 * mm),
        p(
            "本書の条件は雇用契約書（海外雇用契約 / Foreign Service Agreement）に記載され、"
            "パキスタン移民保護官（Protector of Emigrants）の審査を受けます。",
            body,
        ),
        p(
            "These terms go into the employment contract (the Foreign Service Agreement) that "
            "the Protector of Emigrants checks before emigration clearance.",
            body,
        ),
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"Offer {application.pk}",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    )
    doc.build(story)
    return buffer.getvalue()
