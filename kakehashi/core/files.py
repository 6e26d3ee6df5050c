"""Uploaded files served back to the people allowed to read them."""

from __future__ import annotations

from django.core.files import File
from django.http import FileResponse

# An uploaded file is the uploader's content, not ours: if a browser rendered it on the site's
# origin (an HTML or SVG "certificate"), its scripts would run as the signed-in reader.
PRIVATE_FILE_POLICY = "sandbox; default-src 'none'"


def private_file_response(handle: File, filename: str) -> FileResponse:
    """A download of an uploaded file that no browser renders as a page of the site:
    an attachment, its type never sniffed, sandboxed with nothing to load if it is shown
    anyway, and never kept in a cache. The response closes the handle."""
    response = FileResponse(handle, filename=filename, as_attachment=True)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = PRIVATE_FILE_POLICY
    response["Cache-Control"] = "no-store"
    return response
