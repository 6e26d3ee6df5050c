"""33 Japanese job postings written by the team: the skills a Japanese recruiter expects."""

import json
from pathlib import Path

import pytest

from engine.skills import job_title_normalise, skills_extract

POSTINGS = json.loads(
    (Path(__file__).parent / "data" / "ja_postings.json").read_text(encoding="utf-8")
)["postings"]


def test_there_are_at_least_30_postings():
    assert len(POSTINGS) >= 30


@pytest.mark.parametrize("posting", POSTINGS, ids=[p["id"] for p in POSTINGS])
def test_expected_skills_are_found_with_their_strength(posting):
    res = skills_extract(posting["text"])
    strengths = {}
    for m in res.mentions:
        strengths.setdefault(m.skill_id, set()).add(m.strength)
    found = set(res.skill_ids())
    assert set(posting["expected_skills"]) <= found, set(posting["expected_skills"]) - found
    for sid in posting["must"]:
        assert "must" in strengths[sid], sid
    for sid in posting["preferred"]:
        assert "preferred" in strengths[sid], sid
    for sid in posting["absent"]:
        assert sid not in found, sid
    for m in res.mentions:
        assert posting["text"][m.start : m.end] == m.surface


@pytest.mark.parametrize("posting", POSTINGS, ids=[p["id"] for p in POSTINGS])
def test_posting_titles_normalise_to_the_expected_occupation(posting):
    occ = job_title_normalise(posting["title"])
    assert occ is not None and occ.onet_code == posting["onet_code"]


def test_found_skills_are_mostly_expected_ones():
    expected = found = extra = 0
    for p in POSTINGS:
        ids = set(skills_extract(p["text"]).skill_ids())
        expected += len(p["expected_skills"])
        found += len(ids & set(p["expected_skills"]))
        extra += len(ids - set(p["expected_skills"]))
    assert found == expected
    assert extra / (found + extra) < 0.15  # few skills a recruiter would not list
