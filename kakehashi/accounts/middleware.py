from __future__ import annotations

import time
from urllib.parse import urlencode
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation

from kakehashi.accounts.mfa import mfa_enrolled, mfa_required


class UserLanguageMiddleware:
    """A signed-in person sees the site in the language saved on their account, unless they
    chose another one with the switcher (kept in the language cookie). Runs after
    LocaleMiddleware and AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


# Session keys written at sign-in (session_started, connected to user_logged_in).
SESSION_STARTED_KEY = "kk_started"
SESSION_SEEN_KEY = "kk_seen"
MFA_REQUIRED_SESSION_KEY = "kk_mfa_required"
# How stale the last-seen time may get before it is rewritten (a session write): idle expiry
# is this coarse, and most requests write nothing.
_SEEN_GRANULARITY_SECONDS = 300


def session_started(sender, request, user, **kwargs) -> None:
    """At every sign-in (Django has just rotated the session key): when it started, and whether
    this person must give a second factor (decided once, so no request pays a query for it)."""
    now = int(time.time())
    request.session[SESSION_STARTED_KEY] = now
    request.session[SESSION_SEEN_KEY] = now
    request.session[MFA_REQUIRED_SESSION_KEY] = mfa_required(user)


def session_lifetime_middleware(get_response):
    """End a session SESSION_COOKIE_AGE after sign-in or SESSION_IDLE_SECONDS after its last
    request, whichever comes first; a session without a start time predates these rules and
    ends too."""

    def middleware(request):
        if request.user.is_authenticated:
            now = int(time.time())
            started = request.session.get(SESSION_STARTED_KEY)
            seen = request.session.get(SESSION_SEEN_KEY, started)
            if (
                started is None
                or now - started > settings.SESSION_COOKIE_AGE
                or now - seen > settings.SESSION_IDLE_SECONDS
            ):
                logout(request)
            elif now - seen > _SEEN_GRANULARITY_SECONDS:
                request.session[SESSION_SEEN_KEY] = now
        return get_response(request)

    return middleware


# Pages a signed-in person may open before giving the second factor.
_BEFORE_SECOND_FACTOR = frozenset({"logout", "mfa_setup", "mfa_verify", "language_switch"})


class MfaRequiredMiddleware:
    """After the password, an officer without an authenticator is sent to set one up, and
    anyone with one must enter a code before any other page (accounts.mfa has the policy).
    The API is left alone: it authenticates by token, never by this session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not (settings.MFA_ENFORCED and user.is_authenticated) or user.is_verified():
            return None
        if not (user.is_facilitator or request.session.get(MFA_REQUIRED_SESSION_KEY)):
            return None
        match = request.resolver_match
        if match is None or match.url_name in _BEFORE_SECOND_FACTOR or "api" in match.namespaces:
            return None
        step = "mfa_verify" if mfa_enrolled(user) else "mfa_setup"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


class UserTimezoneMiddleware:
    """Times are shown in the signed-in person's own zone (``User.time_zone``: Asia/Tokyo
    for a company's staff, Asia/Karachi for candidates and officers), and times they type are
    read in it. A zone the database does not know falls back to the site's. Runs after
    AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        zone = user_zone(user) if user.is_authenticated else None
        if zone is not None:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


def user_zone(user) -> ZoneInfo | None:
    """The person's time zone, or None when the stored name is not a zone."""
    try:
        return ZoneInfo(user.time_zone)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return None
