"""engine.cv's modules import one another at module level: no import hidden in a function
to dodge a cycle (the shared pieces live in their own modules, e.g. engine.cv.skills)."""

import ast
from pathlib import Path

CV = Path(__file__).resolve().parents[1] / "cv"


def test_no_engine_import_inside_a_function():
    offenders = []
    for path in sorted(CV.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("engine"):
                    offenders.append(f"{path.name}:{node.lineno} {node.module}")
                elif isinstance(node, ast.Import) and any(
                    a.name.startswith("engine") for a in node.names
                ):
                    offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
