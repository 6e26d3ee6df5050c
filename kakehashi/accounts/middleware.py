from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.utils import timezone, translation


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
