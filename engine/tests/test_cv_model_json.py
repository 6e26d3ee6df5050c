"""ParsedCv to JSON-ready data and back: what the platform stores is the same CV."""

import json

import pytest

from engine.cv import ParsedCv, cv_from_json_resume, cv_parse, cv_to_json_resume
from engine.tests.test_cv_parse_pakistani import CASES, TODAY, _as


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
@pytest.mark.parametrize("case", list(CASES))
def test_from_json_of_to_json_is_the_same_parsed_cv(case, fmt):
    data, filename = _as(fmt, CASES[case][0])
    parsed = cv_parse(data, filename=filename, today=TODAY)
    stored = json.loads(json.dumps(parsed.to_json()))  # what a JSONField gives back
    assert ParsedCv.from_json(stored) == parsed


@pytest.mark.parametrize("case", list(CASES))
def test_a_json_resume_import_round_trips_too(case):
    parsed = cv_parse(CASES[case][0].encode(), filename="cv.txt", today=TODAY)
    imported = cv_from_json_resume(cv_to_json_resume(parsed), today=TODAY)
    assert ParsedCv.from_json(json.loads(json.dumps(imported.to_json()))) == imported


def test_dates_are_iso_strings_and_nested_values_objects():
    parsed = cv_parse(CASES["ai"][0].encode(), filename="cv.txt", today=TODAY)
    data = parsed.to_json()
    job = data["employment"][0]
    assert job["start"] == parsed.employment[0].start.isoformat()
    assert data["name"] == {
        "value": parsed.name.value,
        "evidence": {
            "start": parsed.name.evidence.start,
            "end": parsed.name.evidence.end,
            "line": parsed.name.evidence.line,
        },
    }
    assert isinstance(data["skills"], list) and isinstance(data["warnings"], list)


def test_a_field_with_a_default_may_be_missing_from_older_data():
    parsed = cv_parse(CASES["ai"][0].encode(), filename="cv.txt", today=TODAY)
    data = parsed.to_json()
    del data["warnings"]
    assert ParsedCv.from_json(data).warnings == ()


def test_data_that_is_not_a_parsed_cv_is_refused():
    data = cv_parse(CASES["ai"][0].encode(), filename="cv.txt", today=TODAY).to_json()
    with pytest.raises(ValueError, match="not a ParsedCv"):
        ParsedCv.from_json({"text": "x"})  # required fields missing
    with pytest.raises(ValueError, match="not a ParsedCv"):
        ParsedCv.from_json({**data, "name": 3})
    with pytest.raises(ValueError, match="not a ParsedCv"):
        ParsedCv.from_json({**data, "employment": [{**data["employment"][0], "start": "soon"}]})
