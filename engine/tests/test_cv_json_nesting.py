import pytest

from engine.cv import CvInvalidJsonResume, cv_parse
from engine.cv.json_resume import JSON_MAX_DEPTH, json_resume_load


@pytest.mark.parametrize("depth", [JSON_MAX_DEPTH + 1, 5_000, 200_000])
def test_json_nested_too_deep_is_a_clear_error_not_a_recursion_error(depth):
    data = b'{"basics": ' + b"[" * depth + b"]" * depth + b"}"
    with pytest.raises(CvInvalidJsonResume, match="nested more than 32 levels"):
        cv_parse(data, filename="resume.json")


def test_a_resume_of_ordinary_depth_loads():
    assert json_resume_load(b'{"work": [{"highlights": ["a", ["b"]]}]}')["work"][0]
