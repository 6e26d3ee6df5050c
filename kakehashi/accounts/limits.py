"""Rate limits on the doors a script would hammer: sign-up, password reset, the API.

Counted per client address (or per API token) in the cache, which is Redis in production so
that every gunicorn process counts together (django-ratelimit's fixed windows). Over the
limit, a page answers 429 with ``Retry-After`` (the seconds left in the window). Failed
sign-ins are counted by django-axes instead (settings ``AXES_*``), per account and address.
"""

from __future__ import annotations

import ipaddress
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage


def _address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address: REMOTE_ADDR, or, behind ``TRUSTED_PROXY_COUNT`` proxies, the
    address the outermost trusted proxy saw (counted from the right of X-Forwarded-For, so a
    client cannot choose it by sending the header itself). None when there is none (a request
    made in code); django-axes stores it as such."""
    remote = _address(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies == 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len([a for a in forwarded if a.strip()]) < proxies:
        return remote
    return _address(forwarded[-proxies]) or remote


def client_ip(request: HttpRequest) -> str:
    """client_address as a key for the limits ("unknown" when there is none)."""
    return client_address(request) or "unknown"


def login_username(request: HttpRequest, credentials: dict | None) -> str:
    """The account a sign-in attempt names, as django-axes counts it: the typed e-mail
    address, trimmed and lower-cased like the stored ones."""
    if credentials and credentials.get("username"):
        return str(credentials["username"]).strip().lower()
    return str(request.POST.get("username", "")).strip().lower()


def _ip_key(_group: str, request: HttpRequest) -> str:
    return client_ip(request)


def limit_wait_seconds(
    request: HttpRequest, *, group: str, rate: str, key: str | None = None, count: bool = True
) -> int | None:
    """Count one more request of ``group`` for ``key`` (default: the client's address; with
    ``count=False`` only look). Returns None while under ``rate`` ("10/h"), else the seconds
    until the window ends."""
    usage = get_usage(
        request,
        group=group,
        key=(lambda _g, _r: key) if key is not None else _ip_key,
        rate=rate,
        increment=count,
    )
    if usage is None:
        return None
    over = usage["should_limit"] if count else usage["count"] >= usage["limit"] > 0
    if not over:
        return None
    return max(1, int(usage["time_left"]))


def too_many_requests(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    """The 429 page: what happened and when to try again."""
    response = render(
        request,
        "accounts/too_many_requests.html",
        {"minutes": max(1, (retry_after + 59) // 60)},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def rate_limited(*, group: str, setting: str):
    """Limit a view's POSTs per client address to the rate named by ``setting``."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST":
                wait = limit_wait_seconds(request, group=group, rate=getattr(settings, setting))
                if wait is not None:
                    return too_many_requests(request, retry_after=wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
