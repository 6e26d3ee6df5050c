"""What a candidate sees on a 390 px phone and in each language, in a real Chromium: the
profile (education and work tables) and the checklist to Japan fit the screen, and the pages
are drawn in the web fonts the site serves (no tofu on a machine without Japanese or Urdu
fonts, under the Content-Security-Policy).

Skipped where no Chromium is installed (unless KAKEHASHI_REQUIRE_BROWSER is set)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from kakehashi.candidates.models import Employment
from kakehashi.core.tests.test_browser import CHROMIUM, REQUIRED, _login, _world
from kakehashi.pipeline.services import application_advance, application_create

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM) and not REQUIRED, reason="Chromium is not installed"
    ),
]

PHONE = {"width": 390, "height": 844}

# Wider than the window by more than a pixel of rounding: the page scrolls sideways.
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
# What sticks out past the right or left edge, to name it when the test fails.
WIDE = """() => [...document.querySelectorAll('main *')]
  .filter(e => { const r = e.getBoundingClientRect(); return r.right > innerWidth + 1 || r.left < -1; })
  .slice(0, 5).map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.name ? '[' + e.name + ']' : ''))"""


def _hired_world():
    tanaka, ayesha, job = _world()
    Employment.objects.create(
        profile=ayesha,
        employer_name="Arbisoft",
        title="Machine Learning Engineer",
        start=dt.date(2022, 3, 1),
        description="Built NLP features with PyTorch and Hugging Face for clients in Japan.",
    )
    ayesha.phone = "+923215550147"
    ayesha.save(update_fields=["phone"])
    app = application_create(candidate=ayesha, job=job, actor=ayesha.user)
    for stage in ("shortlisted", "invited", "interview_scheduled", "interviewed"):
        application_advance(application=app, stage=stage, actor=tanaka)
    # the offer's own service enters these two (pipeline/offers.py)
    application_advance(application=app, stage="offered", actor=tanaka, entered_by="offer")
    application_advance(application=app, stage="accepted", actor=ayesha.user, entered_by="offer")
    return app


@pytest.mark.parametrize("language", ["en", "ja", "ur"])
def test_the_profile_and_the_checklist_fit_a_390_px_phone(page, live_server, consent_v1, language):
    app = _hired_world()
    page.set_viewport_size(PHONE)
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    _login(page, "ayesha@example.pk")
    for path in ("/candidate/profile/", f"/applications/{app.pk}/hire/"):
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        assert page.evaluate(OVERFLOW) <= 1, (path, page.evaluate(WIDE))
        # Every input of the education and work rows (and the checklist's dates) is on screen.
        for field in page.locator("main input:visible, main select:visible").all():
            box = field.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, path


@pytest.mark.parametrize(
    ("language", "family", "sample"),
    [("ja", "Noto Sans JP", "求人"), ("ur", "Noto Nastaliq Urdu", "ملازمتیں")],
)
def test_japanese_and_urdu_pages_are_drawn_in_the_served_web_fonts(
    page, live_server, consent_v1, language, family, sample
):
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    page.goto("/jobs/")
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate(
        """(family) => [...document.fonts].filter(f => f.family.replace(/"/g, '') === family
              && f.status === 'loaded').length""",
        family,
    )
    assert loaded >= 1, f"no {family} face was downloaded"
    assert page.evaluate(
        '([family, sample]) => document.fonts.check(`16px "${family}"`, sample)',
        [family, sample],
    )
