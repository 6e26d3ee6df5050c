"""While PostgreSQL restarts, a request fails cleanly: 503 with Retry-After, in the reader's
language, never the 500 page; the next request after it is back is served as usual."""

from __future__ import annotations

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.urls import path
from django.utils import translation
from django.utils.html import escape

from kakehashi import urls as site_urls
from kakehashi.core.views import DATABASE_RETRY_AFTER_S, database_unavailable


def _query_fails(request):
    raise OperationalError("connection to server on socket failed: Connection refused")


def _wrapped(request):
    try:
        raise InterfaceError("connection already closed")
    except InterfaceError as error:
        raise RuntimeError("while reading the profile") from error


def _bug(request):
    raise ValueError("a plain bug")


# This module is also a URLconf (pytest.mark.urls): the site's, plus pages that fail.
urlpatterns = [
    path("db-down/", _query_fails),
    path("db-down-wrapped/", _wrapped),
    path("bug/", _bug),
    path("api/db-down/", _query_fails),
    *site_urls.urlpatterns,
]
handler500 = site_urls.handler500


def _t(language: str, text: str) -> str:
    with translation.override(language):
        return escape(translation.gettext(text))


@pytest.fixture(autouse=True)
def _production_errors(settings, client):
    settings.DEBUG = False
    client.raise_request_exception = False


@pytest.fixture
def database_down(db):
    """Every new query fails as it does while PostgreSQL is restarting (connection refused);
    back before the test database is torn down."""

    def refuse(self):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
        yield


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["ja", "ur"])
def test_a_database_error_is_a_503_in_the_readers_language_with_retry_after(client, language):
    client.cookies["django_language"] = language
    response = client.get("/db-down/")
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == str(DATABASE_RETRY_AFTER_S)
    assert f'<html lang="{language}" dir="{"rtl" if language == "ur" else "ltr"}"' in page
    assert _t(language, "Kakehashi is briefly unavailable") in page
    assert "Connection refused" not in page and "Traceback" not in page


@pytest.mark.urls(__name__)
def test_a_database_error_under_another_is_still_a_503(client):
    assert client.get("/db-down-wrapped/").status_code == 503


@pytest.mark.urls(__name__)
def test_any_other_error_is_still_the_500_page(client):
    response = client.get("/bug/")
    assert response.status_code == 500 and "Retry-After" not in response


@pytest.mark.urls(__name__)
def test_the_api_gets_a_503_in_json(client):
    response = client.get("/api/db-down/", HTTP_ACCEPT_LANGUAGE="ja")
    assert response.status_code == 503 and response["Retry-After"]
    with translation.override("ja"):
        said = translation.gettext(
            "The database is not answering for a moment, most often because it is being "
            "restarted. Send the request again in %(seconds)d seconds; if it was a change, "
            "check first whether it was saved."
        )
    assert said.startswith("データベース")  # translated, not the English text
    assert response.json()["error"].startswith(said[:12])


def test_a_signed_in_page_during_the_outage_is_a_503_then_served_again(client, ayesha, monkeypatch):
    # Signed in before the outage: the session is in the database, read in a middleware.
    client.force_login(ayesha.user)
    client.cookies["django_language"] = "ur"
    connect = BaseDatabaseWrapper.ensure_connection

    def refuse(self):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
    response = client.get("/candidate/")
    assert response.status_code == 503
    assert _t("ur", "Kakehashi is briefly unavailable") in response.content.decode()
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", connect)
    response = client.get("/candidate/")
    assert response.status_code == 200 and "Ayesha" in response.content.decode()


def test_the_real_api_answers_503_while_the_database_is_down(client, database_down):
    response = client.get("/api/jobs", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503
    assert "not answering" in response.json()["error"]


def test_only_connection_errors_count_as_the_database_unavailable():
    assert database_unavailable(OperationalError("the database system is shutting down"))
    assert database_unavailable(InterfaceError("connection already closed"))
    assert not database_unavailable(ValueError("a bug"))
    assert not database_unavailable(None)
