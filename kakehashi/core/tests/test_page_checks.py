"""The page sweep's measures (page_checks.py) on small pages of their own, in Chromium: each
finds what it is for, and nothing on a page without it."""

from __future__ import annotations

import pytest

from kakehashi.core.tests.page_checks import (
    OVERFLOW_JS,
    OVERLAP_JS,
    TEXTS_JS,
    english_fragments,
    untranslated,
)
from kakehashi.core.tests.test_browser import browser, pytestmark  # noqa: F401 - fixtures


@pytest.fixture(scope="module")
def blank(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 800})
    yield context.new_page()
    context.close()


def test_overflow_names_the_element_wider_than_a_phone(blank):
    blank.set_content(
        "<p>fits</p><table id=wide><tr><td><div style='width:900px'>x</div></td></table>"
    )
    overflow = blank.evaluate(OVERFLOW_JS)
    assert overflow["excess"] > 400
    assert overflow["culprits"][0].startswith("table#wide")


def test_overflow_ignores_what_scrolls_inside_its_own_box(blank):
    blank.set_content(
        "<div style='overflow-x:auto'><table><tr><td><div style='width:900px'>x</div></td></table></div>"
    )
    assert blank.evaluate(OVERFLOW_JS)["excess"] <= 1


def test_overlap_finds_a_badge_over_the_text_beside_it(blank):
    blank.set_content(
        "<ul><li style='position:relative'>Bullet text that is long enough"
        "<span style='position:absolute;left:10px;top:0;background:#fff'>possible</span></li></ul>"
    )
    (pair,) = blank.evaluate(OVERLAP_JS)
    assert "Bullet text" in pair and "possible" in pair


def test_overlap_finds_lines_of_tall_text_running_into_each_other(blank):
    blank.set_content(
        "<div style='font-size:30px;line-height:10px'><p style='margin:0'>first line</p>"
        "<p style='margin:0'>second line</p></div>"
    )
    assert blank.evaluate(OVERLAP_JS) != []


def test_overlap_ignores_text_side_by_side_hidden_or_folded(blank):
    blank.set_content(
        "<p>One <a href=#>two</a> three</p><label>Name <input name=n></label>"
        "<details><summary>More</summary><p style='margin-top:-20px'>hidden detail</p></details>"
        "<span style='position:absolute;width:1px;height:1px;overflow:hidden;top:8px'>"
        "screen reader text</span>"
    )
    assert blank.evaluate(OVERLAP_JS) == []


def test_untranslated_finds_catalogue_english_but_not_names():
    words, phrases = english_fragments("ja")
    assert "Dashboard" in words and phrases.search("Sign out")
    texts = ["ダッシュボード", "Sign out", "Ayesha Khan", "Kakehashi", "Python 3年", "JLPT N3"]
    assert untranslated(texts, "ja", names=frozenset({"Kakehashi"})) == ["Sign out"]


def test_texts_leave_out_what_is_marked_as_another_language(blank):
    blank.set_content(
        "<html lang=ja><title>題名</title><body><p>本文 Sign out</p>"
        "<p lang=en>Sign out</p><p translate=no>Dashboard</p><input placeholder='Search'>"
        "<ul><li class=as-written>Offer accepted</li></ul>"
    )
    texts = blank.evaluate(TEXTS_JS, ["ja", [".as-written"]])
    assert "本文 Sign out" in texts and "Search" in texts
    assert "Dashboard" not in texts and "Offer accepted" not in texts
    assert texts.count("Sign out") == 0
