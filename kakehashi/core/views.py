from django.conf import settings
from django.http import HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_POST

from kakehashi.core.errors import Refused


@require_POST
def language_switch(request):
    """Switch the interface language; a signed-in person keeps it on their account too."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    nxt = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
        nxt = "/"
    if request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    response = HttpResponseRedirect(nxt)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=365 * 24 * 3600, samesite="Lax"
    )
    return response


# The error pages (settings.DEBUG false; urls.handler400/403/404/500): in the reader's language,
# saying what to do. Django's own say "Not Found" in English, and its debug 404 lists every URL.


@requires_csrf_token
def page_not_found(request, exception):
    return render(request, "errors/404.html", status=404)


@requires_csrf_token
def permission_denied(request, exception):
    refusal = exception if isinstance(exception, Refused) else None
    return render(request, "errors/403.html", {"refusal": refusal}, status=403)


def csrf_failure(request, reason: str = ""):
    """settings.CSRF_FAILURE_VIEW: a form sent without its security token, most often one left
    open until the session ended."""
    refusal = Refused(
        _("This form was sent without its security token, so nothing was saved."),
        next_step=_(
            "This happens when a page stays open for a long time or you signed in or out in "
            "another tab. Go back, reload the page and send the form again."
        ),
    )
    return render(request, "errors/403.html", {"refusal": refusal}, status=403)


@requires_csrf_token
def bad_request(request, exception):
    return render(request, "errors/400.html", status=400)


@requires_csrf_token
def server_error(request):
    # No context processors and no database: the page must render when those are what failed.
    page = loader.get_template("errors/500.html").render(
        {"LANGUAGE_CODE": get_language() or settings.LANGUAGE_CODE, "RTL": get_language_bidi()}
    )
    return HttpResponseServerError(page)
