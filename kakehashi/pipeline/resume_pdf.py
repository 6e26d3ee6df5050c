"""A shared profile in the forms Japanese HR reads: the 履歴書 (rirekisho, JIS-style
personal history) and the 職務経歴書 (shokumu keirekisho, work-history sheet), in Japanese
with dates in 年月, or in English. Built from what the candidate confirmed on their profile.
Gender and date of birth never leave for an employer (docs/architecture.md, personal data),
so the sheets omit them. Every download is audited like any view of personal data."""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from engine.geo import geo
from kakehashi.audit.services import personal_data_seen
from kakehashi.candidates.models import CandidateProfile
from kakehashi.candidates.selectors import candidate_profile_get_for_user
from kakehashi.employers.selectors import employer_for_member
from kakehashi.pipeline.models import Application
from kakehashi.pipeline.offer_letter import GOTHIC, MINCHO, cjk_fonts_register

KINDS = ("rirekisho", "shokumu")
LANGUAGES = ("ja", "en")
DEGREE_JA = {
    "doctorate": "博士",
    "mba_mot": "専門職学位 (MBA/MOT)",
    "master": "修士",
    "bachelor": "学士",
    "associate": "準学士",
    "diploma": "ディプロマ",
    "intermediate": "高等学校 (HSSC)",
    "matric": "中等教育 (SSC)",
}


def _ym(day: dt.date | None, language: str) -> str:
    if day is None:
        return "現在" if language == "ja" else "present"
    return f"{day.year}年{day.month}月" if language == "ja" else f"{day:%b %Y}"


def _city(code: str) -> str:
    try:
        return geo().city(code).name_en if code else ""
    except KeyError:
        return code


def profile_resume_pdf(*, profile: CandidateProfile, kind: str, language: str) -> bytes:
    """The rirekisho or shokumu sheet of ``profile`` in ``language`` ("ja" or "en")."""
    if kind not in KINDS or language not in LANGUAGES:
        raise ValueError(f"kind one of {KINDS}, language one of {LANGUAGES}")
    cjk_fonts_register()
    ja = language == "ja"
    title = ParagraphStyle("t", fontName=GOTHIC, fontSize=16, leading=22)
    head = ParagraphStyle("h", fontName=GOTHIC, fontSize=9, leading=13)
    cell = ParagraphStyle("c", fontName=MINCHO, fontSize=9, leading=13)

    def p(text: str, style=cell) -> Paragraph:
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)

    def table(rows, widths) -> Table:
        t = Table(
            [[p(c, head if i == 0 else cell) for c in row] for i, row in enumerate(rows)],
            colWidths=widths,
        )
        t.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return t

    user = profile.user
    today = timezone.localdate()
    education = list(profile.education.order_by("year"))
    employment = list(profile.employment.order_by("start"))
    skills = list(
        profile.skills.select_related("skill").order_by(F("years").desc(nulls_last=True))[:20]
    )
    certificates = list(
        profile.certifications.exclude(verification="rejected").order_by("obtained_on")
    )
    story: list = []
    if kind == "rirekisho":
        story.append(p("履歴書" if ja else "Curriculum vitae (rirekisho)", title))
        story.append(p(f"{_ym(today, language)}{'現在' if ja else ''}", cell))
        story.append(Spacer(1, 3 * mm))
        story.append(
            table(
                [
                    ["氏名 / Name" if ja else "Name", "連絡先 / Contact" if ja else "Contact"],
                    [
                        f"{user.full_name}\n({'ふりがな: 本人記入' if ja else 'reading as written by the candidate'})",
                        f"{user.email}\n{profile.phone}\n{profile.get_city_display() if profile.city == 'other' else _city(profile.city)}, Pakistan",
                    ],
                ],
                [85 * mm, 85 * mm],
            )
        )
        story.append(
            p(
                "写真・生年月日・性別は記載していません（Kakehashiは雇用主に提供しません）。"
                if ja
                else "No photo, date of birth or gender: Kakehashi does not give them to employers.",
                cell,
            )
        )
        story.append(Spacer(1, 3 * mm))
        rows = [["年月" if ja else "Date", "学歴・職歴" if ja else "Education and employment"]]
        rows.append(["", "学歴" if ja else "Education"])
        for e in education:
            degree = DEGREE_JA.get(e.level, e.get_level_display()) if ja else e.get_level_display()
            rows.append(
                [
                    f"{e.year}年" if ja and e.year else str(e.year or ""),
                    f"{e.institution} {e.field} {degree} {'卒業' if ja else 'graduated'}",
                ]
            )
        rows.append(["", "職歴" if ja else "Employment"])
        for job in employment:
            rows.append(
                [
                    _ym(job.start, language),
                    f"{job.employer_name} {'入社' if ja else 'joined'} ({job.title})",
                ]
            )
            if job.end:
                rows.append(
                    [_ym(job.end, language), f"{job.employer_name} {'退社' if ja else 'left'}"]
                )
        rows.append(["", "以上" if ja else "—"])
        story.append(table(rows, [35 * mm, 135 * mm]))
        story.append(Spacer(1, 3 * mm))
        licence_rows = [
            ["年月" if ja else "Date", "免許・資格" if ja else "Licences and certificates"]
        ]
        for c in certificates:
            label = f"{c.name} {c.level}".strip() + (f" ({c.score})" if c.score else "")
            licence_rows.append([_ym(c.obtained_on, language) if c.obtained_on else "", label])
        if profile.jlpt_level and not any(c.kind == "jlpt" for c in certificates):
            licence_rows.append(
                ["", f"日本語能力試験 {profile.jlpt_level}" if ja else f"JLPT {profile.jlpt_level}"]
            )
        story.append(table(licence_rows, [35 * mm, 135 * mm]))
    else:
        story.append(p("職務経歴書" if ja else "Work history (shokumu keirekisho)", title))
        story.append(p(f"{_ym(today, language)}{'現在' if ja else ''} · {user.full_name}", cell))
        story.append(Spacer(1, 3 * mm))
        if profile.summary:
            story.append(p("職務要約" if ja else "Summary", head))
            story.append(p(profile.summary, cell))
            story.append(Spacer(1, 3 * mm))
        rows = [
            ["期間" if ja else "Period", "会社・職種・業務内容" if ja else "Company, role, work"]
        ]
        for job in reversed(employment):
            rows.append(
                [
                    f"{_ym(job.start, language)} – {_ym(job.end, language)}",
                    f"{job.employer_name}\n{job.title}\n{job.description}".strip(),
                ]
            )
        story.append(table(rows, [40 * mm, 130 * mm]))
        story.append(Spacer(1, 3 * mm))
        skill_rows = [["スキル" if ja else "Skill", "経験年数" if ja else "Years"]]
        skill_rows += [
            # unknown years (None) print as a dash, never "0年"
            [str(s.skill), "—" if not s.years else f"{s.years}年" if ja else f"{s.years}"]
            for s in skills
        ]
        story.append(table(skill_rows, [120 * mm, 50 * mm]))
    buffer = io.BytesIO()
    SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"{kind} {profile.pk}",
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
    ).build(story)
    return buffer.getvalue()


def profile_resume_download(*, application: Application, actor, kind: str, language: str) -> bytes:
    """The sheet for someone who may see the full profile (the candidate, an officer who
    handles personal data, or the company once the candidate shared); audited like any
    view of personal data. PermissionDenied for a blind reader."""
    access = candidate_profile_get_for_user(profile_id=application.candidate_id, user=actor)
    if access.level == "blind":
        raise PermissionDenied
    pdf = profile_resume_pdf(profile=access.profile, kind=kind, language=language)
    personal_data_seen(
        actor=actor,
        subject_ids=[access.profile.pk],
        fields=("name", "email", "phone", "education", "employment", "certificates"),
        purpose="profile",
        channel="pdf",
        employer=employer_for_member(actor) if access.level == "full" else None,
    )
    return pdf
