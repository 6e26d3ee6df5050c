"""Dates and amounts in each language's own format (kakehashi/formats, core's locale_format)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

from kakehashi.candidates.models import Employment

MOMENT = dt.datetime(2026, 2, 12, 17, 42, tzinfo=dt.UTC)


def _render(text: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load locale_format %}" + text).render(Context(context))


def test_a_japanese_month_reads_year_first():
    with translation.override("ja"):
        assert date_format(dt.date(2022, 3, 1), "YEAR_MONTH_FORMAT") == "2022年3月"
        assert date_format(MOMENT, "DAY_DATETIME_FORMAT") == "2026年2月12日(木) 17:42"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "12 Feb 2026, 17:42"), ("ur", "12 فروری 2026، 17:42"), ("ja", "2026/02/12 17:42")],
)
def test_short_dates_cannot_be_read_as_another_day(language, expected):
    # Django's English default gave "02/12/2026 5:42 p.m.": 2 December to a Pakistani reader.
    with translation.override(language):
        assert date_format(MOMENT, "SHORT_DATETIME_FORMAT") == expected


@pytest.mark.parametrize("language", ["en", "ja", "ur"])
def test_every_site_format_is_defined_in_every_language(language):
    from kakehashi.formats import SITE_FORMATS

    with translation.override(language):
        for name in SITE_FORMATS:
            # An undefined name would be printed as a format string ("DAY…" → "Thu…").
            assert "FORMAT" not in date_format(MOMENT, name)


@pytest.mark.parametrize("language", ["en", "ja", "ur"])
def test_yen_keeps_its_separators_and_reads_left_to_right(language):
    html = _render(
        "{{ s|yen }} {{ low|yen_range:high }}", language, s=6500000, low=4_000_000, high=6_000_000
    )
    assert html == (
        '<bdi dir="ltr" class="num">¥6,500,000</bdi> '
        '<bdi dir="ltr" class="num">¥4,000,000–¥6,000,000</bdi>'
    )


def test_humanize_groups_thousands_in_urdu_too():
    # Django ships no Urdu formats: without kakehashi/formats/ur this printed "6500000".
    assert _render("{% load humanize %}{{ s|intcomma }}", "ur", s=6500000) == "6,500,000"


def test_an_urdu_city_name_inside_latin_text_is_marked_for_its_font_and_direction():
    html = _render("{{ c|urdu_marked }}", "ja", c="Lahore / لاہور <b>")
    assert html == 'Lahore / <bdi lang="ur">لاہور</bdi> &lt;b&gt;'


def test_a_phone_number_is_isolated_left_to_right():
    assert _render("{{ p|ltr }}", "ur", p="+923215550147") == '<bdi dir="ltr">+923215550147</bdi>'


def test_a_candidates_work_history_shows_japanese_months(client, ayesha):
    Employment.objects.create(
        profile=ayesha, employer_name="Arbisoft", title="ML Engineer", start=dt.date(2022, 3, 1)
    )
    client.force_login(ayesha.user)
    client.cookies["django_language"] = "ja"
    page = client.get(f"/candidates/{ayesha.pk}/").content.decode()
    assert "2022年3月" in page and "3月 2022" not in page


def test_numbers_inside_an_urdu_sentence_read_left_to_right():
    html = _render("{{ t|ltr_runs }}", "ur", t="مثال: 12345-1234567-1 یا ali@example.pk 'N3'")
    assert html == (
        'مثال: <bdi dir="ltr" class="num">12345-1234567-1</bdi> یا '
        '<bdi dir="ltr">ali@example.pk</bdi>'
        " &#x27;N3&#x27;"
    )
    assert _render("{{ t|ltr_runs }}", "ja", t="12345-1234567-1") == "12345-1234567-1"


def test_numbers_in_an_error_lists_markup_are_left_alone():
    from django.forms.utils import ErrorList

    html = _render("{{ t|ltr_runs }}", "ur", t=ErrorList(["کم از کم 8 حروف"]))
    assert html == (
        '<ul class="errorlist"><li>کم از کم <bdi dir="ltr" class="num">8</bdi> حروف</li></ul>'
    )
