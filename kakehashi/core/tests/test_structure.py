"""The shape of the code, checked: apps import one way in the order docs/architecture.md
draws, no import hides inside a function to dodge a cycle, and views reach protected rows only
through their doors."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps

ROOT = Path(__file__).resolve().parents[3]
KAKEHASHI = ROOT / "kakehashi"
# Models whose rows a view may reach only through a *_get_for_user door (or a selector).
PROTECTED = {
    "CandidateProfile",
    "CandidateIdentity",
    "CandidateSkill",
    "Certification",
    "ConsentRecord",
    "CvDocument",
    "Education",
    "Employment",
    "Employer",
    "EmployerMember",
    "Invitation",
    "Job",
    "JobImport",
    "JobSkill",
    "Application",
    "StageChange",
    "HireStep",
    "InterviewInvite",
    "InterviewSlot",
    "Scorecard",
    "ScorecardScore",
    "Offer",
    "Message",
    "Notice",
    "Mission",
    "MissionLeg",
    "Panel",
    "Interpreter",
    "Interview",
    "InterviewRequest",
    "ApiToken",
    "AuditEvent",
    "User",
}


def _floors() -> list[str]:
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    match = re.search(r"^\s*floors: (.+)$", text, re.MULTILINE)
    assert match, "docs/architecture.md must list the floors in a line 'floors: a b c'"
    return match.group(1).split()


def _source_files(folder: Path):
    for path in sorted(folder.glob("**/*.py")):
        rel = path.relative_to(ROOT)
        if "migrations" in rel.parts or "tests" in rel.parts or path.name == "conftest.py":
            continue
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node, node.module
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node, alias.name


def test_the_floors_name_every_app_of_the_project():
    ours = {c.label for c in apps.get_app_configs() if c.name.startswith("kakehashi.")}
    assert sorted(_floors()) == sorted(ours)


def test_apps_import_only_the_floors_below_them():
    rank = {app: i for i, app in enumerate(_floors())}
    upward = []
    for path, tree in _source_files(KAKEHASHI):
        parts = path.relative_to(KAKEHASHI).parts
        if len(parts) < 2 or parts[0] not in rank:
            continue  # the project's own modules (settings, urls) sit above every app
        src = parts[0]
        for node, module in _imports(tree):
            if module.startswith("kakehashi."):
                dst = module.split(".")[1]
                if dst in rank and rank[dst] > rank[src]:
                    upward.append(f"{path.relative_to(ROOT)}:{node.lineno} {src} -> {dst}")
    assert upward == []


def _inner_imports(tree: ast.AST):
    for func in ast.walk(tree):
        if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(func):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    yield func, node


def test_no_import_of_our_own_code_hides_inside_a_function():
    """Imports inside functions are kept for AppConfig.ready and for heavy third-party
    libraries loaded lazily by the engine; never to dodge a cycle of our own modules."""
    hidden = []
    for folder in (KAKEHASHI, ROOT / "engine"):
        for path, tree in _source_files(folder):
            for func, node in _inner_imports(tree):
                modules = [m for n, m in _imports(node) if n is node]
                if func.name == "ready" and path.name == "apps.py":
                    continue
                if any(m.startswith(("kakehashi", "engine")) for m in modules):
                    hidden.append(f"{path.relative_to(ROOT)}:{node.lineno} {modules}")
    assert hidden == []


def _view_modules():
    # views.py and the split-out page modules (pipeline/views_interviews.py, …)
    yield from sorted(KAKEHASHI.glob("*/views*.py"))
    yield KAKEHASHI / "api" / "api.py"


@pytest.mark.parametrize("path", list(_view_modules()), ids=lambda p: str(p.relative_to(ROOT)))
def test_views_reach_protected_rows_only_through_their_doors(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    direct = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            name = node.value.id if isinstance(node.value, ast.Name) else ""
            if name in PROTECTED:
                direct.append(f"line {node.lineno}: {name}.objects")
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "get_object_or_404":
            direct.append(f"line {node.lineno}: get_object_or_404")
    assert direct == [], "use the object's *_get_for_user door (docs/architecture.md)"


def test_the_door_check_catches_a_direct_fetch(tmp_path):
    """The check above can fail: a view that fetches a profile by id is caught."""
    bad = tmp_path / "views.py"
    bad.write_text(
        "def v(request, pk):\n    return CandidateProfile.objects.get(pk=pk)\n", encoding="utf-8"
    )
    with pytest.raises(AssertionError):
        test_views_reach_protected_rows_only_through_their_doors(bad)
