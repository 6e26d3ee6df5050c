import io

from django.core.files import File

from kakehashi.core.files import private_file_response


def test_it_serves_an_upload_as_a_sandboxed_attachment_never_cached():
    response = private_file_response(File(io.BytesIO(b"<svg onload=alert(1)>")), "scan.svg")
    assert b"".join(response.streaming_content) == b"<svg onload=alert(1)>"
    assert response["Content-Disposition"] == 'attachment; filename="scan.svg"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    assert response["Cache-Control"] == "no-store"


def test_it_keeps_a_name_with_quotes_and_japanese_inside_the_header():
    response = private_file_response(File(io.BytesIO(b"cv")), 'アイシャ "CV".pdf')
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert '"CV"' not in disposition
