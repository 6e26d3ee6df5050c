"""Response headers that Django does not set itself (permissions, server timing), and the
request-size limit."""

from __future__ import annotations

import time

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from kakehashi.core.views import page_not_found

# Browser features the site never uses, denied to it and to anything it might embed, so
# that injected markup cannot ask for them either.
DENIED_FEATURES = (
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)


def permissions_policy_middleware(get_response):
    """Send the Permissions-Policy header on every response that has none."""

    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    return middleware


# Room for the other fields of a form that carries the largest upload (multipart headers,
# CSRF token, certificate details); Django caps those fields at DATA_UPLOAD_MAX_MEMORY_SIZE.
FORM_ALLOWANCE_BYTES = 256 * 1024


def upload_size_limit_middleware(get_response):
    """Refuse a request whose declared body is larger than any upload we accept
    (settings.UPLOAD_MAX_BYTES and the form around it), before a byte of it is read: a 50 MB "CV" is never
    spooled to disk or parsed. Nothing is changed by the refused request, so nothing saved
    is lost; the page (or the API's JSON) says what the limit is."""

    def middleware(request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > settings.UPLOAD_MAX_BYTES + FORM_ALLOWANCE_BYTES:
            return upload_too_large_response(request, declared=declared)
        return get_response(request)

    return middleware


def upload_too_large_response(request, *, declared: int) -> HttpResponse:
    message = _(
        "This file is %(size)s; the largest file we accept is %(limit)s. Nothing was saved: "
        "go back and choose a smaller file (a PDF without embedded pictures is usually small)."
    ) % {"size": filesizeformat(declared), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"error": message}, status=413)
    else:
        response = render(
            request,
            "upload_too_large.html",
            {"message": message, "back": request.path},
            status=413,
        )
    # The body is left unread; the server in front closes or drains the connection (WSGI
    # forbids the application to set Connection itself).
    return response


class NotFoundPageMiddleware:
    """A page that a view refuses with a 404 (a row the reader may not see, or none) gets the
    site's own 404 page even with DEBUG on, as under `make run`: Django's debug 404 lists every
    URL, in English, to whoever asked. An address that matches no URL still gets the debug page
    in development, where it helps."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None


def server_timing_middleware(get_response):
    """Say in a Server-Timing header how long the server took over each response: ``app``,
    the wall-clock milliseconds, and ``cpu``, the milliseconds of CPU this request's thread
    used. The browser's developer tools show both; the page sweep
    (core/tests/test_browser_pages.py) holds pages to a budget on ``cpu``, which a loaded
    machine does not inflate the way it inflates wall-clock time."""

    def middleware(request):
        wall, cpu = time.perf_counter(), time.thread_time()
        response = get_response(request)
        app_ms = (time.perf_counter() - wall) * 1000
        cpu_ms = (time.thread_time() - cpu) * 1000
        response.headers.setdefault("Server-Timing", f"app;dur={app_ms:.0f}, cpu;dur={cpu_ms:.0f}")
        return response

    return middleware
