"""End to end in a real Chromium (Debian's /usr/bin/chromium, driven by Playwright):
a candidate registers and consents, a company registers, the ministry verifies it.

Skipped where no Chromium is installed, unless KAKEHASHI_REQUIRE_BROWSER is set (CI sets it,
so in CI a missing browser fails the run instead of hiding the test)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil

import pytest
from django.core import mail

from kakehashi.accounts.models import User
from kakehashi.accounts.tests.test_views_mfa import totp_now
from kakehashi.employers.models import Employer

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = os.environ.get("KAKEHASHI_REQUIRE_BROWSER") == "1"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not REQUIRED, reason="Chromium is not installed"
    ),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the test
    # itself stay synchronous and sequential.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def csp_refusals():
    """What the browser refused under the Content-Security-Policy, as its console said it."""
    return []


@pytest.fixture
def page(browser, live_server, csp_refusals):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            csp_refusals.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.set_default_timeout(15000)
    yield page
    context.close()
    # Every journey below runs under the site's policy: nothing on its pages may be blocked.
    assert csp_refusals == []


def _login(page, email, password="pw-kakehashi-1"):
    page.goto("/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    # Wait for the sign-in to finish: "/login/" itself would match any URL pattern.
    with page.expect_navigation():
        page.click("main button[type=submit]")


def _confirm_from_email(page, email):
    """Open the confirmation link e-mailed to ``email`` and press its button."""
    (message,) = [m for m in mail.outbox if m.to == [email]]
    page.goto(re.search(r"/confirm/\S+/", message.body).group(0))
    with page.expect_navigation():
        page.click("main button[type=submit]")


@pytest.mark.mfa
def test_an_officer_sets_up_two_step_sign_in_from_the_inline_qr_page(page, consent_v1):
    User.objects.create_user(
        "nadia@moitt.example",
        "pw-kakehashi-1",
        full_name="Nadia",
        role=User.Role.FACILITATOR,
        facilitator_role=User.FacilitatorRole.MISSION_ORGANISER,
    )
    _login(page, "nadia@moitt.example")
    page.wait_for_url("**/account/two-step/setup/**")
    assert page.locator("[data-testid=totp-qr] svg").is_visible()
    page.fill("#id_code", totp_now(page.inner_text("[data-testid=totp-key]")))
    with page.expect_navigation():
        page.click("main form:not([action]) button[type=submit]")
    assert len(page.locator("[data-testid=recovery-codes] li").all()) == 10
    page.goto("/ministry/missions/")
    assert page.url.endswith("/ministry/missions/")


def test_the_browser_enforces_the_policy_on_an_injected_inline_script(
    page, csp_refusals, consent_v1
):
    page.goto("/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.head.appendChild(script);
        }"""
    )
    assert page.evaluate("window.injected") is None
    assert any("inline script" in text for text in csp_refusals)
    csp_refusals.clear()  # refused as it should be


def test_the_language_menu_switches_the_page_without_inline_script(page, consent_v1):
    page.goto("/jobs/")
    with page.expect_navigation():
        page.select_option("#lang-select", "ja")
    assert page.get_attribute("html", "lang") == "ja"
    assert page.url.endswith("/jobs/")


def test_the_api_docs_render_every_operation_from_our_own_host_alone(page, consent_v1, live_server):
    """Offline or behind a government firewall the docs must still work: every request the
    page makes stays on our host (anything else is aborted and counted)."""
    from urllib.parse import urlsplit

    from kakehashi.api.api import api

    own_host = urlsplit(live_server.url).netloc
    blocked, served = [], []

    def route(r):
        if urlsplit(r.request.url).netloc == own_host:
            served.append(r.request.url)
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto("/api/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Kakehashi" in page.inner_text(".swagger-ui .info .title")
    schema = api.get_openapi_schema()
    operations = {
        (method.upper(), path)
        for path, item in schema["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    }
    page.wait_for_selector(".opblock")
    shown = {
        (
            block.query_selector(".opblock-summary-method").inner_text().strip(),
            block.query_selector(".opblock-summary-path").get_attribute("data-path"),
        )
        for block in page.query_selector_all(".opblock")
    }
    assert len(operations) >= 5 and shown == operations
    assert blocked == []
    assert any("/static/ninja/swagger-ui-bundle" in url for url in served)


def test_candidate_registers_fixes_a_bad_cnic_and_consents(page, consent_v1):
    page.goto("/signup/candidate/")
    page.fill("#id_full_name", "Hina Baloch")
    page.fill("#id_email", "hina@example.pk")
    page.fill("#id_cnic", "5440-123")
    page.select_option("#id_city", "quetta")
    page.fill("#id_password1", "Sakura-2026!x")
    page.fill("#id_password2", "Sakura-2026!x")
    page.click("button[type=submit]")
    assert "A CNIC has 13 digits" in page.inner_text(".field.invalid")
    assert page.input_value("#id_full_name") == "Hina Baloch"  # nothing typed is lost

    page.fill("#id_cnic", "54400-1234567-2")
    page.fill("#id_password1", "Sakura-2026!x")
    page.fill("#id_password2", "Sakura-2026!x")
    page.click("button[type=submit]")
    page.wait_for_url("**/confirm/sent/")
    _confirm_from_email(page, "hina@example.pk")
    page.wait_for_url("**/candidate/")
    assert page.inner_text("[data-testid=completeness]").endswith("%")

    page.click("text=Review consent")
    page.click("text=I agree")
    page.wait_for_url("**/candidate/")
    assert "You agreed on" in page.content()
    assert User.objects.get(email="hina@example.pk").candidate_profile.consents.count() == 1


def test_company_registers_and_ministry_verifies_it(page, consent_v1):
    User.objects.create_user(
        "officer@moitt.example",
        "Sakura-2026!x",
        full_name="Imran",
        role=User.Role.FACILITATOR,
        facilitator_role=User.FacilitatorRole.VERIFIER,
    )
    page.goto("/signup/employer/")
    page.fill("#id_name_en", "Aozora Systems Co., Ltd.")
    page.fill("#id_name_ja", "株式会社青空システムズ")
    page.fill("#id_corporate_number", "1180301018771")
    page.select_option("#id_prefecture", "JP-27")
    page.fill("#id_admin_name", "青木 花子")
    page.fill("#id_admin_email", "aoki@aozora.example")
    page.fill("#id_password1", "Sakura-2026!x")
    page.fill("#id_password2", "Sakura-2026!x")
    if page.locator("#id_accept_terms").count():  # terms published (a flush may remove them)
        page.check("#id_accept_terms")
    page.click("button[type=submit]")
    page.wait_for_url("**/confirm/sent/")
    _confirm_from_email(page, "aoki@aozora.example")
    page.wait_for_url("**/employer/")
    assert "verifying your company" in page.inner_text("[data-testid=verification]")

    page.click("text=Sign out")
    _login(page, "officer@moitt.example", "Sakura-2026!x")
    page.wait_for_url("**/ministry/")
    row = page.locator("tr", has_text="1180301018771")
    row.locator("button[value=approve]").click()
    page.wait_for_url("**/ministry/")
    assert "No company is waiting" in page.content()
    assert Employer.objects.get(corporate_number="1180301018771").is_verified


def test_recruiter_posts_a_job_with_the_skill_picker(page, consent_v1):
    from django.core.management import call_command

    from kakehashi.conftest import make_employer, make_member
    from kakehashi.jobs.models import Job

    call_command("taxonomy_load", verbosity=0)
    make_member(make_employer("Sakura", "1180301018771"), "sato@sakura.example")
    _login(page, "sato@sakura.example")
    page.goto("/jobs/new/")
    page.fill("#id_title", "機械学習エンジニア")
    page.fill("#id_description", "【必須】Python実務経験3年以上\n【歓迎】Kubernetes")
    page.select_option("#id_description_language", "ja")
    page.fill("#id_salary_min_jpy", "6000000")
    page.fill("#id_salary_max_jpy", "9000000")
    page.select_option("#id_prefecture", "JP-13")
    page.click("text=Find skills in the description")
    assert page.input_value("#id_must_skills") == "python: 3"
    page.fill("#skill-q", "ディープ")  # htmx asks the server as the recruiter types
    page.click("[data-skill=deep-learning]")
    assert page.input_value("#id_must_skills").endswith("deep-learning: 1")
    page.select_option("#id_status", "open")
    page.click("button:has-text('Save')")
    page.wait_for_url("**/jobs/*/")
    job = Job.objects.get()
    assert {s.skill_id for s in job.skills.filter(required=True)} == {"python", "deep-learning"}
    assert [s.skill_id for s in job.skills.filter(required=False)] == ["kubernetes"]


@pytest.mark.parametrize("kind", ["pdf", "docx", "txt"])
def test_candidate_uploads_a_cv_and_reviews_the_profile(page, consent_v1, kind, tmp_path):
    from django.core.management import call_command

    from engine.tests.test_cv_files import docx_bytes, pdf_bytes
    from kakehashi.candidates.services import candidate_register
    from kakehashi.candidates.tests.test_cv_upload import CV

    call_command("taxonomy_load", verbosity=0)
    candidate_register(
        email="ayesha@example.pk",
        email_confirmed=True,
        full_name="Ayesha Khan",
        password="pw-kakehashi-1",
        cnic="35202-1234567-2",
        city="karachi",
    )
    content = {"pdf": pdf_bytes, "docx": docx_bytes, "txt": lambda t: t.encode()}[kind](CV)
    path = tmp_path / f"ayesha.{kind}"
    path.write_bytes(content)
    _login(page, "ayesha@example.pk")
    page.goto("/candidate/cv/")
    page.set_input_files("#id_file", str(path))
    page.click("text=Upload and read")
    page.wait_for_selector("[data-testid=cv-state][data-state=parsed]")
    page.click("text=Check your profile")
    assert page.input_value("#id_phone") == "+923001234567"
    assert page.input_value("#id_city") == "lahore"  # the CV says Lahore
    rows = page.locator("table.formset input[value*='Arbisoft']")
    assert rows.count() == 1
    page.click("text=Save my profile")
    page.wait_for_url("**/candidate/")


def _world():
    from django.core.management import call_command

    from kakehashi.candidates.models import CandidateSkill, Education
    from kakehashi.candidates.services import candidate_register, consent_give
    from kakehashi.conftest import make_employer, make_member
    from kakehashi.jobs.models import Job, JobSkill

    call_command("taxonomy_load", verbosity=0)
    sakura = make_employer("Sakura", "1180301018771")
    tanaka = make_member(sakura, "tanaka@sakura.example", "admin")
    job = Job.objects.create(
        employer=sakura,
        title="機械学習エンジニア",
        description="【必須】Python 3年以上",
        description_language="ja",
        status="open",
        salary_min_jpy=6_000_000,
        salary_max_jpy=9_000_000,
        prefecture="JP-13",
    )
    JobSkill.objects.create(job=job, skill_id="python", required=True, min_years=3)
    ayesha = candidate_register(
        email="ayesha@example.pk",
        email_confirmed=True,
        full_name="Ayesha Khan",
        password="pw-kakehashi-1",
        cnic="35202-1234567-2",
        city="lahore",
    )
    CandidateSkill.objects.create(profile=ayesha, skill_id="python", years=4)
    Education.objects.create(
        profile=ayesha,
        level="bachelor",
        field="Computer Science",
        institution="FAST-NUCES",
        year=2020,
    )
    consent_give(profile=ayesha, purpose="share_jp_employers")
    return tanaka, ayesha, job


def test_employer_shortlists_from_the_ranked_list_and_candidate_applies(page, consent_v1):
    from kakehashi.matching.store import index_rebuild

    _tanaka, ayesha, job = _world()
    index_rebuild()
    _login(page, "tanaka@sakura.example")
    page.goto(f"/jobs/{job.pk}/shortlist/")
    card = page.locator("[data-testid=ranked]").first
    assert f"Candidate #{ayesha.pk}" in card.inner_text() and "Ayesha" not in page.content()
    with page.expect_navigation():
        card.locator("button:has-text('Add to shortlist')").click()
    assert job.applications.get().stage == "shortlisted"

    page.click("text=Sign out")
    _login(page, "ayesha@example.pk")
    page.goto("/candidate/jobs/")
    assert "機械学習エンジニア" in page.inner_text("[data-testid=recommended]")


def test_offer_accepted_in_the_browser_opens_the_checklist(page, consent_v1):
    from kakehashi.pipeline.services import application_advance, application_create

    tanaka, ayesha, job = _world()
    app = application_create(candidate=ayesha, job=job, actor=ayesha.user)
    for stage in ("shortlisted", "invited", "interview_scheduled", "interviewed"):
        application_advance(application=app, stage=stage, actor=tanaka)
    _login(page, "tanaka@sakura.example")
    page.goto(f"/jobs/{job.pk}/applications/")
    with page.expect_navigation():
        page.click("text=Make an offer")
    page.fill("#id_salary_jpy", "7000000")
    page.fill("#id_start_date", "2027-04-01")
    page.fill("#id_expires_on", (dt.date.today() + dt.timedelta(days=14)).isoformat())
    page.fill("#id_accommodation", "Company flat")
    page.fill("#id_travel", "Flight paid")
    page.fill("#id_insurance", "Health insurance")
    with page.expect_navigation():
        page.click("text=Send the offer")
    page.click("text=Sign out")
    _login(page, "ayesha@example.pk")
    page.goto("/candidate/")
    with page.expect_navigation():
        page.click("text=Read the offer and answer")
    page.check("input[name=terms_read]")
    with page.expect_navigation():
        page.click("text=Accept the offer")
    page.wait_for_url(f"**/applications/{app.pk}/hire/")  # the checklist opens at once
    assert "Certificate of Eligibility" in page.content()
    row = page.locator("tr", has_text="Degree attested by HEC")
    row.locator("input[type=date]").fill("2026-11-20")
    row.locator("button:has-text('Save')").click()
    page.wait_for_selector("text=Saved.")
    assert app.hire_steps.get(step="hec_attestation").done_on.isoformat() == "2026-11-20"
    page.click("text=Residence status")
    assert page.locator("[data-testid=route-open]").count() >= 1


def test_candidate_finds_a_job_on_the_board_and_applies(page, consent_v1):
    _tanaka, _ayesha, job = _world()
    _login(page, "ayesha@example.pk")
    page.goto("/jobs/?skill=Python")
    page.click(f"a[href='/jobs/{job.pk}/']")
    with page.expect_navigation():
        page.click("text=Apply for this job")
    assert "You applied" in page.content()
    assert job.applications.get().stage == "applied"


def test_facilitator_plans_solves_and_publishes_a_mission(page, consent_v1):
    from kakehashi.accounts.models import User
    from kakehashi.missions.models import Interview
    from kakehashi.pipeline.services import application_advance, application_create

    tanaka, ayesha, job = _world()
    app = application_create(candidate=ayesha, job=job, actor=ayesha.user)
    application_advance(application=app, stage="shortlisted", actor=tanaka)
    application_advance(application=app, stage="invited", actor=tanaka)
    User.objects.create_user(
        "organiser@moitt.example",
        "pw-kakehashi-1",
        full_name="Nadia",
        role="facilitator",
        facilitator_role="mission_organiser",
    )
    _login(page, "organiser@moitt.example")
    page.goto("/ministry/missions/")
    page.fill("#id_name", "Japan IT mission, March 2027")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    page.click("text=Add a leg")
    page.select_option("#id_leg-city", "lahore")
    page.fill("#id_leg-start_date", "2027-03-10")
    page.fill("#id_leg-end_date", "2027-03-10")
    page.fill("#id_leg-venue_name", "Arfa Software Technology Park")
    with page.expect_navigation():
        page.click("form:has(input[value=leg]) button[type=submit]")
    with page.expect_navigation():
        page.click("text=Add company")
    page.click("text=Add a panel")
    page.select_option("#id_panel-employer", label="Sakura Co., Ltd.")
    page.fill("#id_panel-name", "Panel A")
    page.check("input[name=panel-interviewers]")
    page.check("input[name=panel-legs]")
    with page.expect_navigation():
        page.click("form:has(input[value=panel]) button[type=submit]")
    for action in ("collect", "solve", "publish"):
        with page.expect_navigation():
            page.click(f"button[value={action}]")
    assert "1 of 1 interviews placed" in page.inner_text("[data-testid=figures]")
    page.evaluate("() => { window.print = () => { window.printed = true; }; }")
    page.click("text=Print this page")
    assert page.evaluate("window.printed") is True
    interview = Interview.objects.get()
    assert interview.request.application.candidate == ayesha
    app.refresh_from_db()
    assert app.stage == "interview_scheduled"
    page.click("text=Sign out")
    _login(page, "ayesha@example.pk")
    page.goto("/candidate/")
    assert interview.checkin_code in page.inner_text("[data-testid=interview]")


def test_the_admin_site_works_under_the_policy(page, consent_v1):
    User.objects.create_superuser("root@moitt.example", "pw-kakehashi-1", full_name="Root")
    page.goto("/admin/login/")
    page.fill("#id_username", "root@moitt.example")
    page.fill("#id_password", "pw-kakehashi-1")
    with page.expect_navigation():
        page.click("input[type=submit]")
    page.goto("/admin/accounts/user/")
    page.check("#action-toggle")  # the admin's own script selects every row
    assert page.is_checked("input[name=_selected_action]")
    page.goto("/admin/accounts/user/add/")
    assert page.is_visible("#id_password1")
