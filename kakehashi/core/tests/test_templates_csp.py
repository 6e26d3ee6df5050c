"""The templates hold nothing the Content-Security-Policy would block: no inline script, no
on…= handler, no javascript: link, no style attribute or <style> element. Behaviour goes in
kakehashi/static/kakehashi/site.js, looks in site.css."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TEMPLATES = sorted(set((ROOT / "kakehashi").glob("**/templates/**/*.html")))
DATA_TYPES = {"application/json", "application/ld+json"}

TAG = re.compile(r"<([a-zA-Z][\w-]*)((?:[^>{]|\{[^}]*\})*)>")
SCRIPT_TYPE = re.compile(r"""\stype\s*=\s*["']([^"']+)["']""")


def _blocked(source: str) -> list[str]:
    """What in one template's markup the policy would refuse, as the offending tags."""
    found = []
    for match in TAG.finditer(source):
        name, attrs = match.group(1).lower(), match.group(2)
        script_type = SCRIPT_TYPE.search(attrs)
        is_data = bool(script_type) and script_type.group(1) in DATA_TYPES
        if name == "script" and not re.search(r"\ssrc\s*=", attrs) and not is_data:
            found.append(match.group(0))
        if name == "style" or re.search(r"\s(on[a-z]+|style)\s*=", attrs, re.I):
            found.append(match.group(0))
        if re.search(r"""=\s*["']?\s*javascript:""", attrs, re.I):
            found.append(match.group(0))
    return found


def test_templates_are_found():
    assert len(TEMPLATES) > 20


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_template_has_nothing_the_policy_blocks(path):
    assert _blocked(path.read_text()) == []


@pytest.mark.parametrize(
    "markup",
    [
        "<script>alert(1)</script>",
        '<button onclick="go()">',
        '<select id="x" onchange="this.form.submit()">',
        '<p style="color: red">',
        "<style>p {}</style>",
        '<a href="javascript:go()">',
    ],
)
def test_the_check_catches_what_the_policy_blocks(markup):
    assert _blocked(markup)


@pytest.mark.parametrize(
    "markup",
    [
        "<script src=\"{% static 'kakehashi/site.js' %}\" defer></script>",
        '<script type="application/json" id="settings">{}</script>',
        '<button type="button" data-print class="secondary button">',
        '<input name="q" hx-trigger="input changed delay:200ms">',
    ],
)
def test_the_check_lets_the_allowed_markup_through(markup):
    assert _blocked(markup) == []
