"""Bulk import of jobs from CSV or XLSX, with a row-by-row report.

An employer uploads a spreadsheet; it is checked against the limits below before a byte of it
is parsed (file size, zip members and their unpacked sizes), kept in private storage only
until a Celery task (in-process when Celery is eager) has read it, and read as a stream:
rows, columns and cell lengths are counted as they come, so a million-row sheet is refused
after its first 1,001 rows without being loaded. XML is read by openpyxl through defusedxml
(requirements.txt): a sheet declaring entities (XXE, billion laughs) is refused.

Each row is checked by the same form as the job page and saved by the same service; a row
that fails imports nothing and says why, and the good rows are kept. Headers may be written
in English or Japanese (see HEADERS)."""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from xml.etree.ElementTree import ParseError

from celery import shared_task
from defusedxml import DefusedXmlException
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from engine.geo import geo
from kakehashi.audit.services import audit_record
from kakehashi.core.errors import ApplicationError
from kakehashi.employers.selectors import employer_for_member
from kakehashi.jobs.forms import JobForm
from kakehashi.jobs.models import JobImport
from kakehashi.jobs.services import job_can_edit, job_save

logger = logging.getLogger(__name__)

MAX_ROWS = 1000  # jobs per file
MAX_COLUMNS = 40  # HEADERS names 17 fields
MAX_CELL_CHARS = 20_000  # a long job description fits
# An XLSX is a zip of XML parts: how many, and how large each may unpack. Worksheets are
# streamed; shared strings are held as a list; every other part is parsed whole.
XLSX_MAX_MEMBERS = 200
XLSX_MAX_SHEET_BYTES = 40 * 1024 * 1024
XLSX_MAX_SHARED_STRINGS_BYTES = 10 * 1024 * 1024
XLSX_MAX_OTHER_PART_BYTES = 2 * 1024 * 1024
XLSX_MAX_UNPACKED_BYTES = 60 * 1024 * 1024
# Rows counted as the sheet streams, blank ones included (a job list has a few).
XLSX_MAX_SHEET_ROWS = 5 * MAX_ROWS
IMPORT_EXTENSIONS = (".csv", ".xlsx")
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


def _too_big(what: str) -> ApplicationError:
    return ApplicationError(
        _(
            "This spreadsheet is too large to import (%(what)s). Import at most %(rows)d jobs "
            "per file, without pictures or extra sheets; save it again as CSV if in doubt."
        )
        % {"what": what, "rows": MAX_ROWS}
    )


def xlsx_check_zip(data: bytes) -> None:
    """Refuse an XLSX whose zip directory promises more than a job list needs: read from the
    central directory, before any part is unpacked (``zipfile`` never reads past a member's
    declared size)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ApplicationError(
            _("This XLSX file cannot be opened. Save it again from Excel, or as CSV.")
        ) from None
    if len(members) > XLSX_MAX_MEMBERS:
        raise _too_big(_("%(n)d parts in the file") % {"n": len(members)})
    total = 0
    for member in members:
        total += member.file_size
        if member.filename.startswith("xl/worksheets/"):
            limit = XLSX_MAX_SHEET_BYTES
        elif member.filename == "xl/sharedStrings.xml":
            limit = XLSX_MAX_SHARED_STRINGS_BYTES
        else:
            limit = XLSX_MAX_OTHER_PART_BYTES
        if member.file_size > limit:
            raise _too_big(
                _("one part unpacks to more than %(size)s") % {"size": filesizeformat(limit)}
            )
        if total > XLSX_MAX_UNPACKED_BYTES:
            raise _too_big(
                _("it unpacks to more than %(size)s")
                % {"size": filesizeformat(XLSX_MAX_UNPACKED_BYTES)}
            )


def _xml_refused() -> ApplicationError:
    return ApplicationError(
        _(
            "This XLSX file declares XML entities or a DTD, which Excel never writes, so it was "
            "not read. Save it again from Excel, or as CSV."
        )
    )


def _caused_by_defusedxml(exc: BaseException | None) -> bool:
    """Whether defusedxml refused the XML behind ``exc`` (openpyxl re-raises what it meets
    while loading as a ValueError ``from`` the original)."""
    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    xlsx_check_zip(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, ParseError, TypeError) as exc:
        if _caused_by_defusedxml(exc):
            raise _xml_refused() from None
        raise ApplicationError(
            _("This XLSX file cannot be opened. Save it again from Excel, or as CSV.")
        ) from None
    try:
        sheet = book.active
        if sheet is None:
            raise ApplicationError(_("The file is empty."))
        # One column past the limit, to tell a too-wide sheet from a full one; never padded
        # to whatever width the sheet's declared dimension claims.
        rows = sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
        for number, row in enumerate(rows, start=1):
            # Blank rows cost nothing to store but each is yielded (a lone cell at row
            # 1,048,576 would be a million of them): the sheet may only be so tall.
            if number > XLSX_MAX_SHEET_ROWS:
                raise _too_big(_("rows beyond row %(n)d") % {"n": XLSX_MAX_SHEET_ROWS})
            yield [_cell(c) for c in row]
    except DefusedXmlException:
        raise _xml_refused() from None
    except (ParseError, ValueError, KeyError, TypeError):
        raise ApplicationError(
            _("Part of this XLSX file is damaged. Save it again from Excel, or as CSV.")
        ) from None
    finally:
        book.close()


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    for encoding in ("utf-8-sig", "cp932"):  # Excel in Japan saves CSV as Shift_JIS
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ApplicationError(_("This CSV is neither UTF-8 nor Shift_JIS. Save it as UTF-8 CSV."))
    try:
        for row in csv.reader(io.StringIO(text)):
            yield [c.strip() for c in row]
    except csv.Error as error:
        if "field limit" in str(error):  # longer than the csv module's own cap (131,072)
            raise _too_big(
                _("a cell longer than %(n)d characters") % {"n": MAX_CELL_CHARS}
            ) from None
        raise ApplicationError(
            _("This CSV cannot be read (%(problem)s). Save it again as UTF-8 CSV.")
            % {"problem": str(error)[:80]}
        ) from None


def _rows_from_file(data: bytes, filename: str) -> Iterator[list[str]]:
    """The non-empty rows of the file, as text cells, checked against MAX_ROWS (+ the
    header), MAX_COLUMNS and MAX_CELL_CHARS as they are read."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    elif name.endswith(".csv"):
        rows = _csv_rows(data)
    else:
        raise ApplicationError(_("Upload a .csv or .xlsx file."))
    count = 0
    for row in rows:
        while row and row[-1] == "":
            row.pop()
        if not row:
            continue
        count += 1
        if count > MAX_ROWS + 1:
            raise ApplicationError(_("At most %(n)d jobs per file.") % {"n": MAX_ROWS})
        if len(row) > MAX_COLUMNS:
            raise _too_big(
                _("row %(row)d has more than %(n)d columns") % {"row": count, "n": MAX_COLUMNS}
            )
        if any(len(cell) > MAX_CELL_CHARS for cell in row):
            raise _too_big(_("a cell longer than %(n)d characters") % {"n": MAX_CELL_CHARS})
        yield row


def jobs_import(*, actor, data: bytes, filename: str) -> ImportReport:
    """Create one job per row; returns what was created and, per failing row, why. Every
    limit is checked before a job is saved: a file refused as a whole saves nothing."""
    rows = list(_rows_from_file(data, filename))  # at most MAX_ROWS + 1 short rows
    if not rows:
        raise ApplicationError(_("The file is empty."))
    header = [HEADERS.get(h.strip().lower(), HEADERS.get(h.strip())) for h in rows[0]]
    unknown = [rows[0][i] for i, h in enumerate(header) if h is None and rows[0][i]]
    if "title" not in header:
        raise ApplicationError(
            _("The first row must name the columns; a 'title' (職種) column is required.")
        )
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


def job_import_start(*, actor, upload: UploadedFile) -> JobImport:
    """Keep an uploaded job list for the import task, after the checks that need no parsing
    (size, kind, the XLSX zip directory); a refused file is not stored."""
    if not job_can_edit(user=actor, job=None):
        raise PermissionDenied
    employer = employer_for_member(actor)
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ApplicationError(
            _("This file is %(size)s; the largest job list we accept is %(limit)s.")
            % {"size": filesizeformat(upload.size or 0), "limit": filesizeformat(limit)},
            field="file",
        )
    extension = Path(upload.name or "").suffix.lower()
    if extension not in IMPORT_EXTENSIONS:
        raise ApplicationError(_("Upload a .csv or .xlsx file."), field="file")
    if extension == ".xlsx":
        xlsx_check_zip(upload.read())
        upload.seek(0)
    with transaction.atomic():
        job_import = JobImport(
            employer=employer, created_by=actor, original_name=Path(upload.name).name[:255]
        )
        job_import.file.save(f"{employer.pk}{extension}", upload, save=False)
        job_import.save()
        audit_record(
            actor=actor, action="jobs.import_started", obj=job_import, details={"size": upload.size}
        )
        transaction.on_commit(lambda: jobs_import_task.delay(import_id=job_import.pk))
    return job_import


@shared_task
def jobs_import_task(*, import_id: int) -> str:
    """Read one uploaded job list (on a worker, or in-process when Celery is eager); named
    in jobs/tasks.py for Celery's discovery."""
    return job_import_run(import_id=import_id).state


def job_import_run(*, import_id: int) -> JobImport:
    """The import task's body: read the file, create the jobs, keep the report, delete the
    file. The report is written in the importer's language."""
    job_import = JobImport.objects.select_related("created_by").get(pk=import_id)
    if job_import.state != JobImport.State.PENDING:
        return job_import  # a retried task never imports twice
    JobImport.objects.filter(pk=import_id).update(state=JobImport.State.RUNNING)
    actor = job_import.created_by
    with translation.override(getattr(actor, "language", None) or settings.LANGUAGE_CODE):
        try:
            if actor is None or not job_can_edit(user=actor, job=None):
                raise ApplicationError(
                    _("The person who started this import can no longer add jobs.")
                )
            with job_import.file.open("rb") as handle:
                data = handle.read()
            report = jobs_import(actor=actor, data=data, filename=job_import.original_name)
        except ApplicationError as error:
            job_import.state = JobImport.State.FAILED
            job_import.error_message = error.message
        except Exception:
            # A file we did not foresee must not leave the import "being read" for ever.
            logger.exception("job import %s failed", import_id)
            job_import.state = JobImport.State.FAILED
            job_import.error_message = _(
                "This file could not be read. Save it again from Excel, or as UTF-8 CSV."
            )
        else:
            job_import.state = JobImport.State.DONE
            job_import.created_job_ids = report.created
            job_import.row_errors = [[row, message] for row, message in report.errors]
    job_import.finished_at = timezone.now()
    job_import.file.delete(save=False)  # read once; the jobs and the report are what stay
    job_import.save(
        update_fields=[
            "state",
            "error_message",
            "created_job_ids",
            "row_errors",
            "finished_at",
            "file",
        ]
    )
    return job_import
