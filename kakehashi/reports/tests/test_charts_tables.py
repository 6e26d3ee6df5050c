"""Charts are SVG the page's policy accepts, and say only what their data says."""

import pytest

from engine.reports import tracks
from kakehashi.reports.charts import chart_svg
from kakehashi.reports.exports import report_csv
from kakehashi.reports.labels import TRACK_LABELS
from kakehashi.reports.tables import Chart, Link, Report, Section, Table


@pytest.mark.parametrize("kind", ["bar", "funnel", "line", "province"])
def test_a_chart_escapes_its_labels_and_uses_no_style_attribute(kind):
    chart = Chart(kind, ["<script>alert(1)</script>", "R&D"], [("A & B", [3, 1]), ("C", [2, 0])])
    svg = str(chart_svg(chart, 'Title "x"', "c1"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "R&amp;D" in svg
    assert "style=" not in svg
    assert svg.startswith('<svg class="chart"') and 'aria-labelledby="c1"' in svg


def test_bars_are_as_long_as_their_values():
    svg = str(chart_svg(Chart("bar", ["a", "b"], [("n", [10, 5])]), "t", "c"))
    widths = [float(part.split('"')[0]) for part in svg.split('width="')[2:]]
    assert widths[0] == pytest.approx(2 * widths[1])


def test_a_series_must_have_a_value_per_label():
    with pytest.raises(ValueError):
        Chart("bar", ["a", "b"], [("n", [1])])
    with pytest.raises(ValueError):
        Chart("pie", ["a"], [("n", [1])])


def test_every_track_of_the_data_file_has_a_label():
    assert set(TRACK_LABELS) == set(tracks().ids)


def test_csv_writes_every_section_and_link_text(db):
    report = Report(
        "x",
        "Title",
        "All dates",
        [Section("One", Table(["a", "b"], [[1, Link("list", "/x")], [float("nan"), None]]))],
    )
    text = report_csv(report).decode("utf-8-sig")
    assert "One" in text and "list" in text and "—" in text and "/x" not in text
