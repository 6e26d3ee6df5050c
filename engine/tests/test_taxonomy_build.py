"""The shipped taxonomy: size, Japanese coverage, links and the seed ids' meaning."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from engine.taxonomy import taxonomy

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "data" / "taxonomy"


def _demand_order(s):
    return (not s.hot, not s.in_demand, -s.demand, s.id)


def test_taxonomy_has_at_least_1500_skills_and_japanese_names_for_the_600_most_in_demand():
    t = taxonomy()
    assert len(t) >= 1500
    top = sorted(t, key=_demand_order)[:600]
    assert all(s.name_ja for s in top), [s.id for s in top if not s.name_ja]
    assert sum(1 for s in t if s.name_ja) >= 600


def test_every_programme_field_is_covered_in_depth():
    t = taxonomy()
    by_cat = {}
    for s in t:
        by_cat.setdefault(s.category, []).append(s)
    assert len(by_cat["ai_data"]) >= 100
    assert len(by_cat["programming_languages"]) + len(by_cat["frameworks"]) >= 200
    assert len(by_cat["animation_3d"]) >= 60
    assert len(by_cat["cloud_devops"]) >= 100


def test_partial_credit_chains():
    t = taxonomy()
    assert t.ancestors("pytorch")[:2] == ["deep-learning", "machine-learning"]
    assert {"3d-animation", "3d-modelling"} <= set(t.ancestors("blender"))
    assert "cloud-computing" in t.ancestors("ec2")
    assert "aws" in t.ancestors("sagemaker")


def test_concepts_have_natural_japanese_names_and_aliases():
    t = taxonomy()
    assert t.get("machine-learning").name_ja == "機械学習"
    assert "ディープラーニング" in t.get("deep-learning").names
    assert "深層学習" in t.get("deep-learning").names
    assert "3DCG" in t.get("3d-modelling").aliases
    assert t.get("requirements-definition").name_ja == "要件定義"
    assert "k8s" in t.get("kubernetes").aliases
    assert "C♯" in t.get("csharp").aliases


def test_seed_ids_keep_their_meaning():
    t = taxonomy()
    expected = {
        "python": "Python",
        "machine-learning": "Machine learning",
        "blender": "Blender",
        "aws": "Amazon Web Services",
        "kubernetes": "Kubernetes",
        "go": "Go",
        "r": "R",
        "c": "C",
        "cpp": "C++",
        "csharp": "C#",
        "dotnet": ".NET",
        "nodejs": "Node.js",
        "itee": "ITEE / IPA IT exam",
    }
    for sid, name in expected.items():
        assert t.get(sid).name_en == name


def test_cross_references_to_onet_and_esco():
    t = taxonomy()
    assert t.get("python").esco_uri.startswith("http://data.europa.eu/esco/skill/")
    assert "43232405" in t.get("python").onet_codes
    assert t.get("python").hot and t.get("python").demand > 50
    assert sum(1 for s in t if s.esco_uri) >= 500
    assert sum(1 for s in t if s.onet_codes) >= 1000


def test_ordinary_words_are_marked_ambiguous_but_product_names_are_not():
    t = taxonomy()
    for sid, name in [("go", "Go"), ("swift", "Swift"), ("r", "R"), ("c", "C"), ("excel", "Excel")]:
        assert name in t.get(sid).ambiguous, sid
    assert not t.get("kubernetes").ambiguous
    assert not t.get("python").ambiguous


def test_attribution_and_version_are_kept():
    t = taxonomy()
    assert any("O*NET 29.2" in a and "CC BY 4.0" in a for a in t.attribution)
    assert any("ESCO" in a and "European Commission" in a for a in t.attribution)
    assert t.version


def test_ids_fit_the_database_column():
    assert max(len(s.id) for s in taxonomy()) <= 80


@pytest.mark.skipif(not (SHARED / "onet").is_dir(), reason="shared taxonomy sources absent")
def test_builder_is_deterministic_and_matches_the_committed_file(tmp_path):
    out = tmp_path / "skills.json"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_taxonomy.py"), "--out", str(out)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    committed = (ROOT / "engine" / "data" / "skills.json").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == committed
    assert json.loads(committed)["skills"]
