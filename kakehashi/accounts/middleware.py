from django.conf import settings
from django.utils import translation


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
