"""Error pages (DEBUG off, as in production): in the reader's language, saying what to do,
never Django's debug page; refusals explained at the address that was asked for."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import path
from django.utils import translation
from django.utils.html import escape

from kakehashi import urls as site_urls
from kakehashi.conftest import make_employer, make_member
from kakehashi.core import views as core
from kakehashi.jobs.models import Job
from kakehashi.pipeline.labels import STAGE_LABELS
from kakehashi.pipeline.services import application_advance, application_create


def _boom(request):
    raise RuntimeError("the database went away")


# This module is also a URLconf (pytest.mark.urls below): the site's, plus a page that fails.
urlpatterns = [path("boom/", _boom), *site_urls.urlpatterns]
handler404 = site_urls.handler404
handler500 = site_urls.handler500


def _t(language: str, text: str) -> str:
    """``text`` as the page shows it in ``language`` (escaped)."""
    with translation.override(language):
        return escape(translation.gettext(text))


def _unverified_job() -> tuple[Job, object]:
    aozora = make_employer("Aozora", "2120001077465", verified=False)
    kenta = make_member(aozora, "kenta@aozora.example", "admin")
    job = Job.objects.create(
        employer=aozora,
        title="QA Engineer",
        description="Test automation.",
        description_language="en",
        status="open",
        salary_min_jpy=4_000_000,
        salary_max_jpy=6_000_000,
        prefecture="JP-27",
    )
    return job, kenta


@pytest.fixture(autouse=True)
def _production_errors(settings):
    settings.DEBUG = False


@pytest.mark.parametrize("language", ["ja", "ur"])
def test_a_missing_page_is_in_the_readers_language_and_offers_a_way_on(client, language):
    client.cookies["django_language"] = language
    response = client.get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}"' in page
    assert _t(language, "We cannot find this page") in page
    # What to do: sign in (and come back here), or go to the jobs and the home page.
    assert f"{_t(language, 'Sign in')}</a>" in page
    assert 'href="/login/?next=/no-such-page/"' in page and 'href="/jobs/"' in page
    assert "URLconf" not in page and "urlpatterns" not in page


def test_a_signed_in_reader_is_told_which_account_they_are_using(client, ayesha):
    client.force_login(ayesha.user)
    page = client.get("/no-such-page/").content.decode()
    assert 'href="/dashboard/"' in page
    assert '<bdi dir="ltr">ayesha@example.pk</bdi>' in page


@pytest.mark.parametrize("language", ["ja", "ur"])
def test_an_unverified_company_is_told_why_its_shortlist_is_closed(
    client, language, taxonomy_loaded
):
    job, kenta = _unverified_job()
    client.force_login(kenta)
    client.cookies["django_language"] = language
    response = client.get(f"/jobs/{job.pk}/shortlist/")
    page = response.content.decode()
    assert response.status_code == 403
    assert f'<html lang="{language}"' in page
    assert (
        _t(
            language,
            "Your company is awaiting verification by Pakistan's Ministry of IT & Telecom. Ranked candidates open once it is verified.",
        )
    ) in page
    assert 'href="/employer/"' in page


def test_an_unverified_company_adding_to_its_shortlist_is_told_why(client, taxonomy_loaded, ayesha):
    job, kenta = _unverified_job()
    client.force_login(kenta)
    response = client.post(f"/jobs/{job.pk}/shortlist/{ayesha.pk}/add/")
    assert response.status_code == 403
    assert "Ranked candidates open once it is verified." in response.content.decode()
    assert not job.applications.exists()


def test_another_company_still_learns_nothing_about_the_job(client, taxonomy_loaded, tanaka):
    job, _kenta = _unverified_job()
    client.force_login(tanaka)
    assert client.get(f"/jobs/{job.pk}/shortlist/").status_code == 404


def test_a_refusal_under_make_run_is_the_sites_page_not_djangos_debug_page(
    client, settings, taxonomy_loaded, tanaka
):
    # `make run` serves with DEBUG on: a view's 404 still gets the page a user can read.
    settings.DEBUG = True
    job, _kenta = _unverified_job()
    client.force_login(tanaka)
    client.cookies["django_language"] = "ja"
    response = client.get(f"/jobs/{job.pk}/shortlist/")
    page = response.content.decode()
    assert response.status_code == 404
    assert _t("ja", "We cannot find this page") in page
    assert "URLconf" not in page and "urlpatterns" not in page


def test_a_candidate_opening_the_checklist_before_an_offer_is_told_when_it_starts(
    client, ayesha, tanaka, sakura_job
):
    app = application_create(candidate=ayesha, job=sakura_job, actor=ayesha.user)
    application_advance(application=app, stage="shortlisted", actor=tanaka)
    client.force_login(ayesha.user)
    client.cookies["django_language"] = "ja"
    response = client.get(f"/applications/{app.pk}/hire/")
    page = response.content.decode()
    assert response.status_code == 403
    with translation.override("ja"):
        stage = str(STAGE_LABELS["shortlisted"])
    assert stage in page  # where the application is now
    assert 'href="/candidate/"' in page  # and where to follow it


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ["ja", "ur"])
def test_a_server_error_page_is_in_the_readers_language_without_details(client, language):
    client.raise_request_exception = False
    client.cookies["django_language"] = language
    response = client.get("/boom/")
    page = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{language}" dir="{"rtl" if language == "ur" else "ltr"}"' in page
    assert _t(language, "Something went wrong on our side") in page
    assert "database went away" not in page and "Traceback" not in page


def test_a_form_sent_without_its_token_says_to_reload_and_send_again(client):
    strict = Client(enforce_csrf_checks=True)
    strict.cookies["django_language"] = "ur"
    response = strict.post("/language/", {"language": "ja"})
    page = response.content.decode()
    assert response.status_code == 403 and '<html lang="ur"' in page
    assert (
        _t("ur", "This form was sent without its security token, so nothing was saved.")
    ) in page


def test_the_error_views_are_the_sites():
    assert site_urls.handler404 is core.page_not_found and site_urls.handler500 is core.server_error
