import io

import pytest
from PIL import Image

from engine.scans import SCAN_MAX_PAGES, ScanError, scan_clean
from engine.tests import hostile_files as hostile


def test_a_pdf_comes_back_as_a_new_pdf_of_its_rendered_pages():
    clean = scan_clean(hostile.pdf_with_javascript(), extension=".PDF")
    assert clean.extension == ".pdf" and clean.pages == 1
    assert clean.data.startswith(b"%PDF-") and b"/JavaScript" not in clean.data


def test_too_many_pages_are_refused():
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>"
    count = SCAN_MAX_PAGES + 1
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(count))
    data = hostile.pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        ]
        + [page] * count
    )
    with pytest.raises(ScanError) as refused:
        scan_clean(data, extension=".pdf")
    assert refused.value.code == "too_many_pages"


def test_a_png_keeps_its_pixels_and_loses_its_text_chunks():
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    buffer = io.BytesIO()
    Image.new("RGBA", (5, 3), (10, 20, 30, 255)).save(buffer, "PNG", pnginfo=info)
    clean = scan_clean(buffer.getvalue(), extension=".png")
    image = Image.open(io.BytesIO(clean.data))
    assert image.size == (5, 3) and image.getpixel((0, 0)) == (10, 20, 30, 255)
    assert b"script" not in clean.data


def test_an_unknown_kind_is_refused():
    with pytest.raises(ScanError) as refused:
        scan_clean(b"GIF89a", extension=".gif")
    assert refused.value.code == "unsupported_type"
