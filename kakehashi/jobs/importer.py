"""Bulk import of jobs from CSV or XLSX, with a row-by-row report.

Each row is checked by the same form as the job page and saved by the same service; a row
that fails imports nothing and says why, and the good rows are kept. Headers may be written
in English or Japanese (see HEADERS)."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from engine.geo import geo
from kakehashi.core.errors import ApplicationError
from kakehashi.jobs.forms import JobForm
from kakehashi.jobs.services import job_save

MAX_ROWS = 1000
# Column name (lower-cased) → form field. Japanese HR lists use their own headers.
HEADERS = {
    "title": "title",
    "職種": "title",
    "職種名": "title",
    "求人タイトル": "title",
    "description": "description",
    "仕事内容": "description",
    "説明": "description",
    "language": "description_language",
    "言語": "description_language",
    "openings": "openings",
    "募集人数": "openings",
    "status": "status",
    "ステータス": "status",
    "must_skills": "must_skills",
    "必須スキル": "must_skills",
    "nice_skills": "nice_skills",
    "歓迎スキル": "nice_skills",
    "min_experience_years": "min_experience_years",
    "経験年数": "min_experience_years",
    "degree_level": "degree_level",
    "学歴": "degree_level",
    "jlpt_min": "jlpt_min",
    "jlpt": "jlpt_min",
    "日本語能力": "jlpt_min",
    "english_level": "english_level",
    "英語": "english_level",
    "salary_min_jpy": "salary_min_jpy",
    "年収下限": "salary_min_jpy",
    "salary_max_jpy": "salary_max_jpy",
    "年収上限": "salary_max_jpy",
    "prefecture": "prefecture",
    "勤務地": "prefecture",
    "work_style": "work_style",
    "勤務形態": "work_style",
    "visa_route": "visa_route",
    "在留資格": "visa_route",
    "start_date": "start_date",
    "入社日": "start_date",
}
DEFAULTS = {
    "status": "draft",
    "openings": "1",
    "min_experience_years": "0",
    "work_style": "onsite",
    "visa_route": "engineer_specialist",
}


@dataclass
class ImportReport:
    created: list[int] = field(default_factory=list)  # job ids
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)


def _prefecture_code(value: str) -> str:
    value = value.strip()
    for p in geo().prefectures:
        if value in (p.code, p.name_en, p.name_ja, p.name_ja.rstrip("都道府県")):
            return p.code
    return value


def _cell(value) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def _rows_from_file(data: bytes, filename: str) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
        except (zipfile.BadZipFile, KeyError, ValueError, OSError):
            raise ApplicationError(
                _("This XLSX file cannot be opened. Save it again from Excel, or as CSV.")
            ) from None
        return [[_cell(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    if filename.lower().endswith(".csv"):
        for encoding in ("utf-8-sig", "cp932"):  # Excel in Japan saves CSV as Shift_JIS
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise ApplicationError(
                _("This CSV is neither UTF-8 nor Shift_JIS. Save it as UTF-8 CSV.")
            )
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]
    raise ApplicationError(_("Upload a .csv or .xlsx file."))


def jobs_import(*, actor, data: bytes, filename: str) -> ImportReport:
    """Create one job per row; returns what was created and, per failing row, why."""
    rows = [r for r in _rows_from_file(data, filename) if any(r)]
    if not rows:
        raise ApplicationError(_("The file is empty."))
    header = [HEADERS.get(h.strip().lower(), HEADERS.get(h.strip())) for h in rows[0]]
    unknown = [rows[0][i] for i, h in enumerate(header) if h is None and rows[0][i]]
    if "title" not in header:
        raise ApplicationError(
            _("The first row must name the columns; a 'title' (職種) column is required.")
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ApplicationError(_("At most %(n)d jobs per file.") % {"n": MAX_ROWS})
    report = ImportReport()
    if unknown:
        report.errors.append((1, _("Columns ignored: %(cols)s") % {"cols": ", ".join(unknown)}))
    for number, row in enumerate(rows[1:], start=2):
        values = {h: v for h, v in zip(header, row, strict=False) if h}
        values = {**DEFAULTS, **{k: v for k, v in values.items() if v != ""}}
        for key in ("must_skills", "nice_skills"):
            values[key] = "\n".join(
                x.strip() for x in values.get(key, "").replace("；", ";").split(";")
            )
        if "prefecture" in values:
            values["prefecture"] = _prefecture_code(values["prefecture"])
        values.setdefault(
            "description_language",
            "ja" if any(ord(c) > 0x3000 for c in values.get("title", "")) else "en",
        )
        form = JobForm(values)
        if not form.is_valid():
            problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in form.errors.items())
            report.errors.append((number, problems))
            continue
        data_ = dict(form.cleaned_data)
        skills = data_.pop("skills")
        try:
            job = job_save(actor=actor, fields=data_, skills=skills)
        except ApplicationError as error:
            report.errors.append((number, error.message))
        else:
            report.created.append(job.pk)
    return report
