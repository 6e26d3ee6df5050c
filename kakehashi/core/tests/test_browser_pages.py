"""Every page of every role, in English, Japanese and Urdu, at 390 px (a phone) and 1280 px,
in a real Chromium (as test_browser.py: skipped without one unless KAKEHASHI_REQUIRE_BROWSER=1).

On demo-like data (the product's demo generator, plus one candidate's journey to an accepted
offer, an interview, a mission and a report export), each page fails the sweep when

- the document is wider than the window (the reader scrolls sideways),
- a text box or a form field covers another element's text,
- a Japanese or Urdu page shows an English msgid of the catalogue (names and codes aside),
- the server spends more than 2 s of CPU on the document (its Server-Timing header, from
  core.middleware.server_timing_middleware: the thread's CPU time, which a loaded machine
  does not inflate the way it inflates wall-clock time; the wall time is reported beside it),
- or the page refuses the role it belongs to.

Screenshots of each page, language and width go to var/screenshots/ (kept by CI as
artefacts). A finding that belongs to work under way elsewhere is listed, with its reason,
in KNOWN_FAILURES: it is reported without failing, and a listed finding that no longer
occurs fails the sweep, so that the list is emptied as the fixes land."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from engine.demo import DEMO_PERSONAS
from kakehashi.accounts.models import User
from kakehashi.core.tests.conftest import ANALYST, DEMO_PASSWORD, KENJI
from kakehashi.core.tests.page_checks import OVERFLOW_JS, OVERLAP_JS, TEXTS_JS, untranslated
from kakehashi.core.tests.test_browser import (  # noqa: F401 - fixtures
    CHROMIUM,
    browser,
    pytestmark,
)

SCREENSHOTS = Path(__file__).resolve().parents[3] / "var" / "screenshots"
LANGUAGES = ("en", "ja", "ur")
WIDTHS = (1280, 390)
CPU_BUDGET_MS = 2000

# Who signs in for each role (None: nobody), and the pages of that role, by URL name. The
# ids of a page's parameters come from the demo world (demo_site below).
ROLES: dict[str, str | None] = {
    "anonymous": None,
    "candidate": DEMO_PERSONAS.candidate.email,
    "employer_admin": DEMO_PERSONAS.employer.recruiter_email,
    "employer_recruiter": KENJI,
    "employer_unverified": DEMO_PERSONAS.unverified_employer.recruiter_email,
    "verifier": "officer@moitt.example",
    "organiser": "organiser@moitt.example",
    "analyst": ANALYST,
}
# Pages every signed-in person has: swept for the candidate (one role is enough: they do
# not change with the role), the notifications for each side.
ACCOUNT_PAGES = ["notices", "account_security", "password_change", "api_tokens"]
PAGES: dict[str, list[str]] = {
    "anonymous": [
        "home",
        "login",
        "candidate_signup",
        "employer_signup",
        "job_list",
        "job_detail",
        "password_reset",
        "password_reset_done",
        "password_reset_complete",
        "email_confirm_sent",
    ],
    "candidate": [
        "candidate_dashboard",
        "candidate_profile_edit",
        "candidate_consent",
        "candidate_data",
        "candidate_data_seen",
        "candidate_cv",
        "candidate_certifications",
        "candidate_jobs",
        "application_offer",
        "application_hire",
        "application_visa",
        "application_messages",
        "interview_invite_detail",
        "interview_request_answer",
        *ACCOUNT_PAGES,
    ],
    "employer_admin": [
        "employer_dashboard",
        "employer_team",
        "company_terms",
        "job_create",
        "jobs_import",
        "job_import_detail",
        "job_detail",
        "job_edit",
        "job_shortlist",
        "job_applications",
        "candidate_detail",
        "application_offer",
        "application_hire",
        "application_visa",
        "application_messages",
        "interview_propose",
        "interview_invite_detail",
        "employer_missions",
        "notices",
    ],
    "employer_recruiter": [
        "employer_dashboard",
        "job_applications",
        "interview_scorecard",
        "employer_missions",
        "mission_availability",
        "mission_interview_scorecard",
    ],
    "employer_unverified": ["employer_dashboard", "company_terms"],
    "verifier": [
        "facilitator_dashboard",
        "documents_queue",
        "audit_access_records",
        "candidate_detail",
        "application_hire",
        "mfa_setup",
    ],
    "organiser": [
        "facilitator_dashboard",
        "mission_list",
        "mission_detail",
        "mission_checkin",
        "mission_shortlists",
    ],
    "analyst": [
        "facilitator_dashboard",
        "report_supply",
        "report_funnel",
        "report_steps",
        "report_training",
        "report_training_cohort",
        "report_fairness",
        "report_missions",
        "report_export_status",
        "job_shortlist",
    ],
}
# Named routes the sweep does not open, each with its reason.
NOT_PAGES = {
    "dashboard": "redirects to the role's own dashboard, which is swept",
    "language_switch": "POST only: the language menu (test_browser.py)",
    "logout": "POST only",
    "health_live": "a JSON probe for the load balancer, not a page",
    "health_ready": "a JSON probe for the load balancer, not a page",
    "mfa_verify": "needs a second-step device mid-sign-in (accounts/tests, marked mfa)",
    "mfa_recovery_codes_make": "POST only",
    "email_confirm": "needs a one-time token from an e-mail (test_browser.py signs up)",
    "email_confirm_resend": "a form answered by a redirect; its page is email_confirm_sent",
    "password_reset_confirm": "needs a one-time token from an e-mail",
    "invitation_accept": "needs a one-time token from an e-mail (employers/tests)",
    "candidate_cv_state": "an htmx fragment of candidate_cv, swept there",
    "candidate_cv_delete": "POST only",
    "cv_download": "a file download, not a page",
    "certification_evidence": "a file download, not a page",
    "candidate_cnic_reveal": "POST only (audited)",
    "employer_verification_decide": "POST only",
    "job_apply": "POST only",
    "shortlist_add": "POST only",
    "shortlist_bulk": "POST only",
    "application_action": "POST only",
    "application_offer_pdf": "a PDF, not a page",
    "application_resume_pdf": "a PDF, not a page",
    "interview_invite_ics": "a calendar file, not a page",
    "interview_ics": "a calendar file, not a page",
    "skill_search": "an htmx fragment of the job and profile forms, swept there",
    "mission_replan": "POST only",
    "mission_timetable_pdf": "a PDF, not a page",
    "mission_solve_status": "an htmx fragment of mission_detail, swept there",
    "report_supply_compute": "POST only",
    "report_export": "POST only",
    "report_export_download": "a file download, not a page",
}
NOT_SWEPT_NAMESPACES = {
    "admin": "Django's admin, for staff: Django's own templates and translations",
    "api": "the JSON API; its docs page is checked in test_browser.py",
}
# Findings that belong to work under way on another branch, or to translations waiting for
# the catalogue, with the reason: (check, URL name, languages). Remove an entry once its
# fix is merged: the sweep fails on an entry that no longer matches anything.
KNOWN_FAILURES: list[tuple[str, str, tuple[str, ...], str]] = []
# Names the same in every language: the brand, the languages' own names; and the official
# English name the Urdu of a residence status gives beside it (engine/data/visa_messages.json).
NAMES = frozenset({"Kakehashi", "English", "Intra-company Transferee"})
# Text kept in the language it was written in, by selector, with the reason.
AS_WRITTEN = {
    "[data-testid=notice]": "a notification is kept in the language its reader had when told "
    "(pipeline.notices.tell); the demo world told them in English",
}


@dataclass(frozen=True)
class Finding:
    check: str
    role: str
    language: str
    width: int
    page: str
    detail: str

    def __str__(self) -> str:
        return f"{self.check} · {self.page} · {self.role} · {self.language} · {self.width}px: {self.detail}"


def _named_routes():
    """(name, namespace) of every named route of the site."""
    for p in get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            yield None, p.namespace
        elif isinstance(p, URLPattern) and p.name:
            yield p.name, None


def test_every_named_route_is_swept_or_skipped_with_a_reason():
    swept = {name for pages in PAGES.values() for name in pages}
    names = {name for name, _ns in _named_routes() if name}
    namespaces = {ns for name, ns in _named_routes() if ns}
    assert names - swept - set(NOT_PAGES) == set(), "add these pages to the sweep (PAGES)"
    assert swept & set(NOT_PAGES) == set(), "swept and skipped at once"
    assert (swept | set(NOT_PAGES)) - names == set(), "no such route: remove it"
    assert namespaces == set(NOT_SWEPT_NAMESPACES)


def page_url(name: str, ids: dict[str, int]) -> str:
    (pattern,) = [p for p in get_resolver().url_patterns if getattr(p, "name", None) == name]
    return reverse(name, kwargs={k: ids[k] for k in pattern.pattern.converters})


def _server_ms(response) -> tuple[int, int]:
    """(cpu, wall) milliseconds from the document's Server-Timing header."""
    header = response.header_value("server-timing") or ""
    found = dict(re.findall(r"(\w+);dur=(\d+)", header))
    return int(found.get("cpu", -1)), int(found.get("app", -1))


def sign_in(page, email: str) -> None:
    page.goto("/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/login/" not in page.url, f"{email} could not sign in"


def _known(finding: Finding) -> str | None:
    for check, name, languages, reason in KNOWN_FAILURES:
        if check == finding.check and name == finding.page and finding.language in languages:
            return reason
    return None


def _check_page(page, *, role, language, width, name) -> list[Finding]:
    def finding(check, detail):
        return Finding(check, role, language, width, name, detail)

    found = []
    overflow = page.evaluate(OVERFLOW_JS)
    if overflow["excess"] > 1:
        detail = f"{overflow['excess']} px too wide: " + ", ".join(overflow["culprits"])
        found.append(finding("overflow", detail))
    for pair in page.evaluate(OVERLAP_JS):
        found.append(finding("overlap", pair))
    if language != "en" and width == WIDTHS[0]:
        texts = page.evaluate(TEXTS_JS, [language, list(AS_WRITTEN)])
        english = untranslated(texts, language, names=NAMES)
        if english:
            found.append(finding("english", " | ".join(english)))
    return found


def test_every_page_of_every_role_in_every_language_and_width(browser, live_server, demo_site):  # noqa: F811
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    findings: list[Finding] = []
    timings: list[tuple[int, int, str]] = []
    started = time.perf_counter()
    spent = {"load": 0.0, "checks": 0.0, "screenshots": 0.0}
    for role, email in ROLES.items():
        for language in LANGUAGES:
            if email:
                User.objects.filter(email=email).update(language=language)
            context = browser.new_context(
                base_url=live_server.url, viewport={"width": WIDTHS[0], "height": 900}
            )
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            page = context.new_page()
            page.set_default_timeout(20000)
            if email:
                sign_in(page, email)
            for name in PAGES[role]:
                page.set_viewport_size({"width": WIDTHS[0], "height": 900})
                t0 = time.perf_counter()
                response = page.goto(page_url(name, demo_site))
                spent["load"] += time.perf_counter() - t0
                if response.status >= 400:
                    findings.append(
                        Finding("refused", role, language, 0, name, f"HTTP {response.status}")
                    )
                    continue
                cpu, wall = _server_ms(response)
                timings.append((cpu, wall, f"{name} ({role}, {language})"))
                if cpu > CPU_BUDGET_MS:
                    findings.append(
                        Finding("slow", role, language, 0, name, f"{cpu} ms CPU, {wall} ms wall")
                    )
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 900})
                    t0 = time.perf_counter()
                    findings += _check_page(
                        page, role=role, language=language, width=width, name=name
                    )
                    t1 = time.perf_counter()
                    page.screenshot(
                        path=SCREENSHOTS / f"{role}-{name}-{language}-{width}.jpeg",
                        full_page=True,
                        type="jpeg",
                        quality=70,
                    )
                    spent["checks"] += t1 - t0
                    spent["screenshots"] += time.perf_counter() - t1
            context.close()
    elapsed = time.perf_counter() - started
    timings.sort(reverse=True)
    print(
        f"\nswept {len(timings)} pages in {elapsed:.0f} s", {k: round(v) for k, v in spent.items()}
    )
    print("slowest (server CPU ms, server wall ms):")
    for cpu, wall, what in timings[:5]:
        print(f"  {cpu:5d} {wall:5d}  {what}")

    known = [f for f in findings if _known(f)]
    new = [f for f in findings if not _known(f)]
    for f in known:
        print(f"known: {f} — {_known(f)}")
    matched = {(f.check, f.page) for f in known}
    stale = [(c, n, r) for c, n, _langs, r in KNOWN_FAILURES if (c, n) not in matched]
    assert new == [], "\n" + "\n".join(map(str, new))
    assert stale == [], f"fixed now: remove from KNOWN_FAILURES: {stale}"
