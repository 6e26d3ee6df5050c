"""Charts as server-side SVG: no script, no CDN, no style attribute (the page's
Content-Security-Policy refuses them); colours come from classes in site.css, and every chart
names itself for screen readers and sits beside the table of the same numbers."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kakehashi.reports.tables import Chart

WIDTH = 640
ROW = 22
LABEL_W = 190
PAD = 8


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _svg(height: int, title: str, body: list[str], title_id: str) -> SafeString:
    # Safe: every text inside went through escape().
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{title_id}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{title_id}">{escape(title)}</title>{"".join(body)}</svg>'
    )


def _legend(chart: Chart, y: int) -> list[str]:
    out = []
    x = LABEL_W
    for i, (name, _values) in enumerate(chart.series):
        out.append(f'<rect class="s{i}" x="{x}" y="{y}" width="12" height="12"/>')
        out.append(f'<text x="{x + 16}" y="{y + 11}">{escape(name)}</text>')
        x += 24 + 8 * len(name)
    return out


def bar_svg(chart: Chart, title: str, ident: str) -> SafeString:
    n_series = max(1, len(chart.series))
    peak = max([v for _n, vals in chart.series for v in vals] + [1])
    band = ROW * n_series + 6
    height = PAD * 2 + band * len(chart.labels) + (20 if n_series > 1 else 0)
    body = _legend(chart, PAD) if n_series > 1 else []
    top = PAD + (20 if n_series > 1 else 0)
    span = WIDTH - LABEL_W - 70
    for i, label in enumerate(chart.labels):
        y0 = top + i * band
        body.append(
            f'<text class="label" x="{LABEL_W - 6}" y="{y0 + ROW * n_series / 2 + 4:.0f}" '
            f'text-anchor="end">{escape(str(label)[:30])}</text>'
        )
        for s, (_name, values) in enumerate(chart.series):
            value = float(values[i])
            w = max(0.0, span * value / peak)
            y = y0 + s * ROW
            body.append(
                f'<rect class="s{s}" x="{LABEL_W}" y="{y + 3}" width="{w:.1f}" height="{ROW - 6}"/>'
            )
            body.append(
                f'<text x="{LABEL_W + w + 4:.1f}" y="{y + ROW - 7}">{_num(value)}{escape(chart.unit)}</text>'
            )
    return _svg(height, title, body, ident)


def funnel_svg(chart: Chart, title: str, ident: str) -> SafeString:
    values = [float(v) for v in chart.series[0][1]] if chart.series else []
    peak = max([*values, 1])
    height = PAD * 2 + ROW * len(values)
    span = WIDTH - LABEL_W - 80
    body = []
    for i, (label, value) in enumerate(zip(chart.labels, values, strict=True)):
        w = max(1.0, span * value / peak)
        x = LABEL_W + (span - w) / 2
        y = PAD + i * ROW
        body.append(
            f'<text class="label" x="{LABEL_W - 6}" y="{y + ROW - 7}" text-anchor="end">'
            f"{escape(str(label)[:30])}</text>"
        )
        body.append(
            f'<rect class="s0" x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{ROW - 4}"/>'
        )
        body.append(f'<text x="{LABEL_W + span + 6}" y="{y + ROW - 7}">{_num(value)}</text>')
    return _svg(height, title, body, ident)


def line_svg(chart: Chart, title: str, ident: str) -> SafeString:
    height = 240
    left, right, top, bottom = 60, WIDTH - 20, 30, height - 40
    peak = max([v for _n, vals in chart.series for v in vals] + [1])
    n = len(chart.labels)
    step = (right - left) / max(1, n - 1)
    body = _legend(chart, 6)
    body.append(f'<line class="axis" x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}"/>')
    body.append(f'<line class="axis" x1="{left}" y1="{top}" x2="{left}" y2="{bottom}"/>')
    body.append(f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{_num(peak)}</text>')
    body.append(f'<text x="{left - 6}" y="{bottom}" text-anchor="end">0</text>')
    for i, label in enumerate(chart.labels):
        if n <= 12 or i % max(1, n // 12) == 0:
            x = left + i * step
            body.append(
                f'<text class="tick" x="{x:.1f}" y="{bottom + 16}" text-anchor="middle">'
                f"{escape(str(label))}</text>"
            )
    for s, (_name, values) in enumerate(chart.series):
        points = " ".join(
            f"{left + i * step:.1f},{bottom - (bottom - top) * float(v) / peak:.1f}"
            for i, v in enumerate(values)
        )
        body.append(f'<polyline class="line s{s}" points="{points}"/>')
        for i, v in enumerate(values):
            x, y = left + i * step, bottom - (bottom - top) * float(v) / peak
            body.append(f'<circle class="s{s}" cx="{x:.1f}" cy="{y:.1f}" r="3"/>')
    return _svg(height, title, body, ident)


LABELS_MAX = 30  # bars drawn; the table beside the chart lists every row


def chart_svg(chart: Chart, title: str, ident: str = "chart") -> SafeString:
    """The chart as an inline SVG element; ``ident`` is unique on the page (it labels the
    chart for screen readers). Bar and province charts are drawn alike, at most
    ``LABELS_MAX`` bars."""
    if chart.kind != "line" and len(chart.labels) > LABELS_MAX:
        chart = Chart(
            chart.kind,
            chart.labels[:LABELS_MAX],
            [(name, values[:LABELS_MAX]) for name, values in chart.series],
            chart.unit,
        )
    if chart.kind == "funnel":
        return funnel_svg(chart, title, ident)
    if chart.kind == "line":
        return line_svg(chart, title, ident)
    return bar_svg(chart, title, ident)
