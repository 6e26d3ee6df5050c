import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
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
    if database_unavailable(sys.exc_info()[1]):
        return database_unavailable_response(request)
    # No context processors and no database: the page must render when those are what failed.
    page = loader.get_template("errors/500.html").render(
        {"LANGUAGE_CODE": get_language() or settings.LANGUAGE_CODE, "RTL": get_language_bidi()}
    )
    return HttpResponseServerError(page)


# --- Faults: the database unavailable (docs/operations.md, "Faults") ---
# Django turns an exception raised anywhere in a request (a view, a middleware, a template) into
# handler500, called while that exception is being handled: server_error looks at it.

# Seconds a client is asked to wait (Retry-After) while the database is unreachable: about a
# restart of PostgreSQL.
DATABASE_RETRY_AFTER_S = 30


def database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error`` (or an exception it was raised from) says the database cannot be
    reached or its connection broke: a refused or lost connection, a server shutting down.
    Such a request fails through no fault of its own and can be sent again."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, OperationalError | InterfaceError):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def database_unavailable_response(request) -> HttpResponse:
    """503 with Retry-After, in the reader's language, rendered without the database: the
    API gets JSON, a page the 503 page. The language comes from the request (cookie or
    browser), since an account's own setting is in the database."""
    language = getattr(request, "LANGUAGE_CODE", "") or translation.get_language_from_request(
        request
    )
    with translation.override(language):
        if request.path.startswith("/api/"):
            message = translation.gettext(
                "The database is not answering for a moment, most often because it is being "
                "restarted. Send the request again in %(seconds)d seconds; if it was a change, "
                "check first whether it was saved."
            ) % {"seconds": DATABASE_RETRY_AFTER_S}
            response: HttpResponse = JsonResponse({"error": message}, status=503)
        else:
            page = loader.get_template("errors/503.html").render(
                {
                    "LANGUAGE_CODE": language,
                    "RTL": translation.get_language_bidi(),
                    "retry_after": DATABASE_RETRY_AFTER_S,
                }
            )
            response = HttpResponse(page, status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_S)
    response["Cache-Control"] = "no-store"
    return response
