"""Each report page in a real Chromium (as kakehashi/core/tests/test_browser.py: skipped
without one unless KAKEHASHI_REQUIRE_BROWSER=1): an analyst signs in, opens it from the
dashboard, sees its charts beside their tables under the site's Content-Security-Policy,
filters it and exports it."""

from __future__ import annotations

import pytest

from kakehashi.core.tests.test_browser import (  # noqa: F401 - fixtures
    _login,
    browser,
    csp_refusals,
    page,
    pytestmark,
)
from kakehashi.matching import store
from kakehashi.portal.demo import DEMO_PASSWORD, demo_seed
from kakehashi.reports.supply import supply_compute

VIEWS = [
    ("Demand and supply", "Qualified for at least one open job"),
    ("Funnel", "From registration"),
    ("Time in government steps", "Median days"),
    ("Training that unlocks hires", "Would qualify"),
    ("Fairness of shortlists", "Eligible pool"),
    ("Mission results", "No-shows"),
]


@pytest.fixture
def demo_world(consent_v1, taxonomy_loaded, hashed_index, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    demo_seed(candidates=120, employers=5, jobs=20, seed=9)
    store.index_rebuild()
    supply_compute()


@pytest.mark.parametrize(("link", "figure"), VIEWS, ids=[v[0] for v in VIEWS])
def test_an_analyst_reads_filters_and_exports_each_report(page, demo_world, link, figure):  # noqa: F811
    _login(page, "analyst@moitt.example", DEMO_PASSWORD)
    page.goto("/ministry/")
    with page.expect_navigation():
        page.click(f"[data-testid=report-links] >> text={link}")
    assert figure in page.inner_text("main")
    # Charts are drawn by the server and shown: nothing is loaded from elsewhere.
    charts = page.locator("svg.chart")
    if link != "Fairness of shortlists":  # its tables are per job; charts only for one job
        assert charts.count() >= 1
        assert charts.first.bounding_box()["width"] > 100
    # Filter: the form submits as GET and the page keeps its title.
    title = page.inner_text("h1")
    with page.expect_navigation():
        page.click("form.report-filters button[type=submit]")
    assert page.inner_text("h1") == title
    # Export as CSV: the task runs (eagerly here) and the page links the file.
    with page.expect_navigation():
        page.click("text=Export CSV")
    page.wait_for_selector("[data-testid=export-status][data-state=done]")
    with page.expect_download() as download:
        page.click("text=Download the file")
    assert download.value.suggested_filename.endswith(".csv")
