"""Bad uploads are refused with a specific, readable error; good files of each kind are read.

Also the builders other CV tests use: a handwritten PDF writer (text, scanned-looking,
encrypted with the standard RC4 handler) and a python-docx DOCX builder.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest

from engine.cv import (
    ERROR_CODES,
    CvCorrupt,
    CvEmptyFile,
    CvEncrypted,
    CvError,
    CvInvalidJsonResume,
    CvNothingFound,
    CvScanned,
    CvTooLarge,
    CvTypeMismatch,
    CvUnsupportedType,
    CvZipBomb,
    cv_parse,
)

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
_ID = b"0123456789abcdef"


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _pdf_escape(line: str) -> bytes:
    raw = line.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def pdf_bytes(
    text: str,
    *,
    lines_per_page: int = 60,
    user_password: str | None = None,
    image_only: bool = False,
) -> bytes:
    """A PDF whose pages show ``text`` in Helvetica (one PDF line per text line).

    ``image_only`` draws a grey picture and no text (what a scan looks like to a parser);
    ``user_password`` encrypts it (standard security handler, revision 2, 40-bit RC4).
    """
    lines = text.split("\n")
    pages = [lines[i : i + lines_per_page] for i in range(0, max(1, len(lines)), lines_per_page)]
    objects: list[bytes] = []  # object n is objects[n - 1]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(b"")  # pages, filled below
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    page_ids = []
    key = None
    o_entry = u_entry = b""
    if user_password is not None:
        owner = _rc4(hashlib.md5(_PAD).digest()[:5], (user_password.encode() + _PAD)[:32])
        o_entry = owner
        perms = (-4).to_bytes(4, "little", signed=True)
        key = hashlib.md5((user_password.encode() + _PAD)[:32] + o_entry + perms + _ID).digest()[:5]
        u_entry = _rc4(key, _PAD)
    for page_lines in pages:
        if image_only:
            stream = (
                b"q 500 0 0 700 50 70 cm BI /W 4 /H 4 /CS /G /BPC 8 ID "
                + bytes(range(100, 116))
                + b" EI Q"
            )
        else:
            body = b"".join(b"(" + _pdf_escape(ln) + b") Tj T* " for ln in page_lines)
            stream = b"BT /F1 10 Tf 12 TL 50 800 Td " + body + b"ET"
        content_id = len(objects) + 1
        if key is not None:
            obj_key = hashlib.md5(key + content_id.to_bytes(3, "little") + b"\x00\x00").digest()[
                :10
            ]
            stream = _rc4(obj_key, stream)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
            % content_id
        )
        page_ids.append(len(objects))
    kids = b" ".join(b"%d 0 R" % i for i in page_ids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    encrypt_ref = b""
    if key is not None:
        objects.append(
            b"<< /Filter /Standard /V 1 /R 2 /O <"
            + o_entry.hex().encode()
            + b"> /U <"
            + u_entry.hex().encode()
            + b"> /P -4 >>"
        )
        encrypt_ref = b" /Encrypt %d 0 R" % len(objects)
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>]%s >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, _ID.hex().encode(), _ID.hex().encode(), encrypt_ref, xref,
    )  # fmt: skip
    return bytes(out)


def docx_bytes(text: str, *, table_rows: list[list[str]] | None = None) -> bytes:
    """A DOCX with one paragraph per line of ``text`` (lines in CAPITALS become headings)."""
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        if line.isupper() and len(line) < 40:
            document.add_heading(line, level=2)
        else:
            document.add_paragraph(line)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


SHORT_CV = """Bilal Ahmed
Software Engineer
Lahore, Pakistan | 0321-4567890 | bilal.ahmed@example.com

EXPERIENCE
Software Engineer, Systems Limited
Mar 2021 – Present
Built REST APIs in Python and Django.

EDUCATION
BSCS, FAST-NUCES Lahore, 2020
"""


def _code(exc: pytest.ExceptionInfo[CvError]) -> str:
    return exc.value.code


def test_every_error_has_a_distinct_code_and_a_message():
    assert len(set(ERROR_CODES)) == len(ERROR_CODES)
    assert all(CvError.__subclasses__())
    for cls in CvError.__subclasses__():
        assert cls().message and cls.code in ERROR_CODES


def test_it_reads_a_pdf_with_a_text_layer():
    parsed = cv_parse(pdf_bytes(SHORT_CV), filename="Bilal CV.PDF")
    assert parsed.source_format == "pdf" and parsed.pages == 1
    assert parsed.name and parsed.name.value == "Bilal Ahmed"
    assert parsed.phones[0].e164 == "+923214567890"


def test_it_reads_a_pdf_over_two_pages():
    parsed = cv_parse(pdf_bytes(SHORT_CV, lines_per_page=8), filename="cv.pdf")
    assert parsed.pages == 2
    assert parsed.education[0].institution_id == "fast-lahore"


def test_it_refuses_an_encrypted_pdf_and_says_to_remove_the_password():
    with pytest.raises(CvEncrypted) as exc:
        cv_parse(pdf_bytes(SHORT_CV, user_password="secret"), filename="cv.pdf")
    assert _code(exc) == "encrypted_pdf" and "password" in exc.value.message


def test_it_says_a_scanned_pdf_has_no_text_layer_when_ocr_is_not_installed(monkeypatch):
    monkeypatch.setattr("engine.cv.ocr.tesseract_available", lambda: False)
    with pytest.raises(CvScanned) as exc:
        cv_parse(pdf_bytes("", image_only=True), filename="scan.pdf")
    assert exc.value.message == (
        "This PDF has no text layer — it looks scanned. Upload the original document or a DOCX."
    )


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", b"%PDF-1.7\n" + bytes(range(256)) * 4],
    ids=["truncated", "garbage"],
)
def test_it_refuses_a_corrupt_pdf(data):
    with pytest.raises(CvCorrupt) as exc:
        cv_parse(data, filename="cv.pdf")
    assert _code(exc) == "corrupt_file" and "PDF is damaged" in exc.value.message


def test_it_refuses_a_corrupt_docx():
    good = docx_bytes(SHORT_CV)
    with pytest.raises(CvCorrupt, match="DOCX is damaged"):
        cv_parse(good[: len(good) // 2], filename="cv.docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document><unclosed")
    with pytest.raises(CvCorrupt):
        cv_parse(buf.getvalue(), filename="cv.docx")


def test_it_refuses_a_docx_zip_bomb_before_unpacking_it():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<w:document>" + b" " * (8 * 1024 * 1024))
    data = buf.getvalue()
    assert len(data) < 100_000
    with pytest.raises(CvZipBomb) as exc:
        cv_parse(data, filename="cv.docx")
    assert _code(exc) == "zip_bomb"


def test_it_refuses_a_file_over_the_size_limit():
    with pytest.raises(CvTooLarge) as exc:
        cv_parse(pdf_bytes(SHORT_CV), filename="cv.pdf", max_bytes=500)
    assert "limit" in exc.value.message
    with pytest.raises(CvTooLarge):
        cv_parse(b"x" * (10 * 1024 * 1024 + 1), filename="cv.txt")


@pytest.mark.parametrize(
    ("data", "filename", "says"),
    [
        (lambda: docx_bytes(SHORT_CV), "cv.pdf", "Word (DOCX)"),
        (lambda: pdf_bytes(SHORT_CV), "cv.docx", "a PDF"),
        (lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "cv.pdf", "an image"),
        (lambda: pdf_bytes(SHORT_CV), "cv.txt", "a PDF"),
        (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "cv.docx", "legacy Word"),
        (lambda: SHORT_CV.encode(), "cv.docx", "plain text"),
    ],
    ids=["docx-as-pdf", "pdf-as-docx", "png-as-pdf", "pdf-as-txt", "doc-as-docx", "txt-as-docx"],
)
def test_it_refuses_content_that_does_not_match_the_extension(data, filename, says):
    with pytest.raises(CvTypeMismatch) as exc:
        cv_parse(data(), filename=filename)
    assert _code(exc) == "type_mismatch" and says in exc.value.message


def test_it_refuses_unsupported_extensions_and_empty_files():
    with pytest.raises(CvUnsupportedType, match=r"\.doc\b"):
        cv_parse(b"anything", filename="cv.doc")
    with pytest.raises(CvUnsupportedType):
        cv_parse(b"anything", filename="cv.exe")
    with pytest.raises(CvEmptyFile):
        cv_parse(b"  \n ", filename="cv.txt")


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"Lorem ipsum dolor sit amet, consectetur adipiscing elit.\nSed do eiusmod.", "cv.txt"),
        (lambda: docx_bytes("Shopping list\neggs, milk, bread"), "cv.docx"),
        (lambda: pdf_bytes("Meeting notes: discuss the budget on Monday."), "cv.pdf"),
    ],
    ids=["txt", "docx", "pdf"],
)
def test_it_says_when_it_finds_nothing_and_invents_no_name(data, filename):
    payload = data() if callable(data) else data
    with pytest.raises(CvNothingFound) as exc:
        cv_parse(payload, filename=filename)
    assert _code(exc) == "nothing_found"


def test_it_refuses_json_that_is_not_a_json_resume():
    with pytest.raises(CvCorrupt, match="not valid JSON"):
        cv_parse(b'{"basics": ', filename="cv.json")
    with pytest.raises(CvInvalidJsonResume):
        cv_parse(json.dumps({"hello": "world"}).encode(), filename="cv.json")
    with pytest.raises(CvInvalidJsonResume, match=r"basics\.name"):
        cv_parse(json.dumps({"basics": {"name": {"first": "A"}}}).encode(), filename="cv.json")


def test_a_docx_table_and_page_header_are_read():
    data = docx_bytes(
        "EXPERIENCE\nDeveloper, Arbisoft\n2019-21",
        table_rows=[["Name", "Sana Javed"], ["Email", "sana@example.pk"]],
    )
    parsed = cv_parse(data, filename="cv.docx")
    assert parsed.email and parsed.email.value == "sana@example.pk"
    assert parsed.employment[0].months == 24
