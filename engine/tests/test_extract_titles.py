"""Job-title normalisation, English and Japanese."""

import pytest

from engine.skills import job_title_normalise


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Senior Python Developer", "15-1252.00"),
        ("Software Engineer II", "15-1252.00"),
        ("Machine Learning Engineer", "15-2051.00"),
        ("Data Scientist", "15-2051.00"),
        ("DevOps Engineer", "15-1299.08"),
        ("Frontend Developer", "15-1254.00"),
        ("React Developer", "15-1252.00"),
        ("3D Animator", "27-1014.00"),
        ("Database Administrator", "15-1242.00"),
        ("シニア機械学習エンジニア", "15-2051.00"),
        ("インフラエンジニア（AWS）", "15-1244.00"),
        ("【急募】Javaエンジニア", "15-1252.00"),
        ("3DCGデザイナー", "27-1014.00"),
        ("社内SE（情報システム）", "15-1244.00"),
        ("プロジェクトマネージャー", "15-1299.09"),
    ],
)
def test_titles_map_to_occupations(title, code):
    occ = job_title_normalise(title)
    assert occ is not None and occ.onet_code == code


def test_esco_counterpart_is_given():
    occ = job_title_normalise("Software Developer")
    assert occ.esco_label == "software developer"
    assert occ.esco_uri.startswith("http://data.europa.eu/esco/occupation/")


@pytest.mark.parametrize("title", ["Truck driver", "Nurse", "Sales Manager", ""])
def test_non_it_titles_give_none(title):
    assert job_title_normalise(title) is None
