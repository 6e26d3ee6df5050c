import pytest

from engine.geo import geo
from engine.levels import jlpt_meets, jlpt_rank
from engine.taxonomy import taxonomy, taxonomy_from_dict


def test_jlpt_is_compared_as_an_order():
    assert jlpt_rank("N1") > jlpt_rank("N2") > jlpt_rank("N5") > jlpt_rank(None)
    assert jlpt_meets("N2", "N3")
    assert not jlpt_meets("N4", "N3")
    assert jlpt_meets(None, None)
    with pytest.raises(ValueError):
        jlpt_rank("N6")


def test_geo_has_all_47_prefectures_and_pk_provinces():
    g = geo()
    assert len(g.prefectures) == 47
    assert g.prefectures[12].code == "JP-13" and g.prefectures[12].name_ja == "東京都"
    assert {p.code for p in g.provinces} >= {"PK-PB", "PK-SD", "PK-IS", "PK-KP", "PK-BA"}
    assert g.province(g.city("karachi").province).visa_post == "karachi"
    assert g.province(g.city("lahore").province).visa_post == "islamabad"


def test_taxonomy_links_resolve_and_give_ancestors():
    t = taxonomy()
    assert len(t) >= 100
    assert t.ancestors("pytorch")[:2] == ["deep-learning", "machine-learning"]
    assert "3d-animation" in t.ancestors("blender")


def test_taxonomy_rejects_dangling_parent():
    raw = {
        "version": "x",
        "categories": [{"id": "c", "name_en": "C", "name_ja": "C"}],
        "skills": [{"id": "a", "name_en": "A", "category": "c", "parents": ["missing"]}],
    }
    with pytest.raises(ValueError, match="unknown parent"):
        taxonomy_from_dict(raw)
