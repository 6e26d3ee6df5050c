"""Hostile uploads, built in code (no binary fixtures): the tests and bench/security.py replay
them. Each builder returns the bytes a tester would upload."""

from __future__ import annotations

import io
import json
import zipfile


def pdf_from_objects(objects: list[bytes], *, root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF file with ``objects`` (bodies of objects 1..n) and a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, root, trailer_extra, xref)
    )
    return out.getvalue()


_PAGE_TEXT = b"BT /F1 24 Tf 72 720 Td (JLPT N2 certificate) Tj ET"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_certificate() -> bytes:
    """A plain one-page PDF with a line of text: what an honest scan upload looks like."""
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(_PAGE_TEXT) + _PAGE_TEXT + b"\nendstream",
            _FONT,
        ]
    )


def pdf_with_javascript() -> bytes:
    """A PDF that runs JavaScript when opened (OpenAction and a document-level script) and
    carries an embedded executable."""
    payload = b"MZ\x90\x00 pretend executable"
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R "
            b"/Names << /JavaScript << /Names [(boot) 6 0 R] >> "
            b"/EmbeddedFiles << /Names [(run.exe) 7 0 R] >> >> >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> /AA << /O 6 0 R >> >>",
            b"<< /Length %d >>\nstream\n" % len(_PAGE_TEXT) + _PAGE_TEXT + b"\nendstream",
            _FONT,
            b"<< /Type /Action /S /JavaScript /JS (app.alert('owned');) >>",
            b"<< /Type /Filespec /F (run.exe) /EF << /F 8 0 R >> >>",
            b"<< /Type /EmbeddedFile /Length %d >>\nstream\n" % len(payload)
            + payload
            + b"\nendstream",
        ]
    )


def pdf_encrypted(*, user_password: str = "secret") -> bytes:
    """A PDF protected by a password (reportlab's standard encryption)."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(
        buffer,
        encrypt=pdfencrypt.StandardEncryption(
            user_password, ownerPassword="owner-" + user_password
        ),
    )
    page.drawString(72, 720, "JLPT N2 certificate")
    page.save()
    return buffer.getvalue()


def pdf_html_polyglot() -> bytes:
    """An HTML page whose first bytes are ``%PDF``: a browser sniffing it runs the script."""
    return b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"


def pdf_corrupt() -> bytes:
    """A real PDF cut off after its first 60 bytes."""
    return pdf_certificate()[:60]


def exe_renamed() -> bytes:
    """The first bytes of a Windows executable, to be uploaded as .pdf / .docx / .txt."""
    return (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"PE\x00\x00"
    )


def _docx(document_xml: bytes, *, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        zf.writestr("word/document.xml", document_xml)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buffer.getvalue()


def docx_zip_bomb(*, unpacked_mb: int = 200) -> bytes:
    """A DOCX whose one extra member unpacks to ``unpacked_mb`` MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<w:document/>")
        with zf.open("word/media/bomb.bin", "w") as member:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(chunk)
    return buffer.getvalue()


def docx_xxe() -> bytes:
    """A DOCX whose document pulls /etc/passwd in through an external entity."""
    body = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    return _docx(body)


def json_nested(*, depth: int = 100_000) -> bytes:
    """A .json "resume" nested ``depth`` arrays deep."""
    return b'{"basics": ' + b"[" * depth + b"]" * depth + b"}"


def json_resume_small() -> bytes:
    return json.dumps({"basics": {"name": "Test Person", "label": "Engineer"}}).encode()


# --- spreadsheets -------------------------------------------------------------------------

_CT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Jobs" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def xlsx_from_sheet_xml(sheet_xml_parts, *, extra: dict[str, str] | None = None) -> bytes:
    """An XLSX file whose one worksheet is the concatenation of ``sheet_xml_parts`` (bytes,
    streamed into the zip so a million rows need not sit in memory at once)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w") as member:
            for part in sheet_xml_parts:
                member.write(part)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _column(index: int) -> str:
    """Spreadsheet column letters of 0-based ``index``: A … Z, AA, AB …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _inline_row(number: int, values: list[str]) -> bytes:
    cells = "".join(
        f'<c r="{_column(i)}{number}" t="inlineStr"><is><t>{v}</t></is></c>'
        for i, v in enumerate(values)
    )
    return f'<row r="{number}">{cells}</row>'.encode()


def xlsx_rows(rows: list[list[str]], *, doctype: str = "") -> bytes:
    """A small XLSX of inline-string rows; ``doctype`` goes before the root (entities)."""
    head = f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<worksheet {_SHEET_NS}><sheetData>'
    parts = [head.encode()]
    parts += [_inline_row(n, row) for n, row in enumerate(rows, start=1)]
    parts.append(b"</sheetData></worksheet>")
    return xlsx_from_sheet_xml(parts)


def xlsx_xxe() -> bytes:
    """A sheet whose title cell is an external entity (the server's /etc/passwd)."""
    return xlsx_rows(
        [["title", "description"], ["&xxe;", "x"]],
        doctype='<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    )


def xlsx_billion_laughs() -> bytes:
    """The classic entity expansion: ten levels of ten, a billion "lol"s from 1 KB."""
    entities = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    return xlsx_rows(
        [["title", "description"], ["&lol9;", "x"]],
        doctype=f"<!DOCTYPE worksheet [{entities}]>",
    )


def xlsx_million_rows(*, rows: int = 1_000_000) -> bytes:
    """A sheet of ``rows`` one-cell rows under a title header (a few MB zipped)."""

    def parts():
        yield f'<?xml version="1.0" encoding="UTF-8"?><worksheet {_SHEET_NS}><sheetData>'.encode()
        yield _inline_row(1, ["title"])
        batch = []
        for n in range(2, rows + 2):
            batch.append(
                b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>j</t></is></c></row>' % (n, n)
            )
            if len(batch) == 10_000:
                yield b"".join(batch)
                batch = []
        yield b"".join(batch)
        yield b"</sheetData></worksheet>"

    return xlsx_from_sheet_xml(parts())


def xlsx_many_members(*, members: int = 5000) -> bytes:
    """A valid sheet padded with thousands of empty zip members."""
    return xlsx_from_sheet_xml(
        [
            f'<?xml version="1.0"?><worksheet {_SHEET_NS}><sheetData>'.encode(),
            _inline_row(1, ["title"]),
            b"</sheetData></worksheet>",
        ],
        extra={f"xl/padding/{i}.xml": "" for i in range(members)},
    )


def big_file(*, megabytes: int = 50) -> bytes:
    return b"%PDF-1.4\n" + b"0" * (megabytes * 1024 * 1024)


def xlsx_last_row_far_away() -> bytes:
    """A header, then one cell at the sheet's last row (1,048,576), under a dimension that
    claims every column: a reader padding rows and columns builds 17 billion cells."""
    return xlsx_from_sheet_xml(
        [
            f'<?xml version="1.0"?><worksheet {_SHEET_NS}><dimension ref="A1:XFD1048576"/>'
            "<sheetData>".encode(),
            _inline_row(1, ["title"]),
            _inline_row(1_048_576, ["x"]),
            b"</sheetData></worksheet>",
        ]
    )
