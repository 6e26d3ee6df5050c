"""The site's own address for links that leave the page (e-mails, calendar files, exports).

SITE_URL when it is set; otherwise the address the current request came to (so a site run
on another host or port links to itself); outside any request (a nightly task), the first
of ALLOWED_HOSTS in production, or http://127.0.0.1:PORT in development."""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.core.exceptions import DisallowedHost

_REQUEST_ORIGIN: ContextVar[str] = ContextVar("kakehashi_request_origin", default="")


def site_url() -> str:
    """The site's origin, without a trailing slash ("https://kakehashi.moitt.gov.pk")."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    origin = _REQUEST_ORIGIN.get()
    if origin:
        return origin
    hosts = [h for h in settings.ALLOWED_HOSTS if h and "*" not in h and not h.startswith(".")]
    if settings.PRODUCTION and hosts:
        return f"https://{hosts[0]}"
    return f"http://127.0.0.1:{settings.PORT}"


def site_origin_middleware(get_response):
    """Remember the origin of the request being served, for site_url()."""

    def middleware(request):
        try:
            origin = f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:
            origin = ""
        token = _REQUEST_ORIGIN.set(origin)
        try:
            return get_response(request)
        finally:
            _REQUEST_ORIGIN.reset(token)

    return middleware
