"""The profile's skill picker in a real Chromium: a candidate finds skills by vendor name and
in Japanese, each click fills an empty row or adds one, and the saved rows are the skills
clicked. Skipped where no Chromium is installed (unless KAKEHASHI_REQUIRE_BROWSER is set)."""

from __future__ import annotations

import os

import pytest

from kakehashi.candidates.models import CandidateSkill
from kakehashi.core.tests.test_browser import CHROMIUM, REQUIRED, _login, _world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not REQUIRED, reason="Chromium is not installed"
    ),
]


def _pick(page, term, name):
    page.fill("#skill-q", term)
    page.locator(f"#skill-results [data-name='{name}']").first.click()


def test_the_picker_fills_empty_rows_then_adds_rows(page, consent_v1):
    _tanaka, ayesha, _job = _world()  # Ayesha lists Python already; three empty rows follow
    _login(page, "ayesha@example.pk")
    page.goto("/candidate/profile/")
    _pick(page, "Amazon EKS", "Kubernetes")
    _pick(page, "機械学習", "Machine learning")
    _pick(page, "docker", "Docker")
    _pick(page, "github act", "GitHub Actions")  # the fourth: a new row
    rows = page.locator("#skills-rows tbody tr")
    assert rows.count() == 5
    assert rows.nth(4).locator("th").inner_text() == "5"
    assert page.input_value("#id_skills-1-skill") == "Kubernetes"
    assert page.input_value("#id_skills-4-skill") == "GitHub Actions"
    page.fill("#id_skills-4-years", "2")
    with page.expect_navigation():
        page.click("text=Save my profile")
    assert "Your profile is saved." in page.inner_text("main")
    saved = dict(CandidateSkill.objects.filter(profile=ayesha).values_list("skill_id", "years"))
    assert set(saved) == {"python", "kubernetes", "machine-learning", "docker", "github-actions"}
    assert saved["github-actions"] == 2
