"""62 Japanese job postings written by the team, with the team's own labels: the skills a
Japanese recruiter expects (ja-01..ja-33), and for all of them the requirements an employer
would confirm on the job form (required skills with years, nice to have, JLPT minimum,
English level; from ja-34 on also salary, prefecture and work style)."""

import json
from pathlib import Path

import pytest

from engine.skills import job_title_normalise, skills_extract
from engine.skills.requirements import job_requirements_extract

POSTINGS = json.loads(
    (Path(__file__).parent / "data" / "ja_postings.json").read_text(encoding="utf-8")
)["postings"]


SKILL_LABELLED = [p for p in POSTINGS if "expected_skills" in p]
TITLED = [p for p in POSTINGS if "onet_code" in p]
LANGUAGE_IDS = {"japanese", "business-japanese", "jlpt", "jft-basic", "english", "ielts", "toeic"}


def test_there_are_at_least_60_postings_all_with_requirement_labels():
    assert len(POSTINGS) >= 60
    assert all("requirements" in p for p in POSTINGS)


@pytest.mark.parametrize("posting", SKILL_LABELLED, ids=[p["id"] for p in SKILL_LABELLED])
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


@pytest.mark.parametrize("posting", TITLED, ids=[p["id"] for p in TITLED])
def test_posting_titles_normalise_to_the_expected_occupation(posting):
    occ = job_title_normalise(posting["title"])
    assert occ is not None and occ.onet_code == posting["onet_code"]


def test_found_skills_are_mostly_expected_ones():
    expected = found = extra = 0
    for p in SKILL_LABELLED:
        ids = set(skills_extract(p["text"]).skill_ids())
        expected += len(p["expected_skills"])
        found += len(ids & set(p["expected_skills"]))
        extra += len(ids - set(p["expected_skills"]))
    assert found == expected
    assert extra / (found + extra) < 0.15  # few skills a recruiter would not list


@pytest.mark.parametrize("posting", POSTINGS, ids=[p["id"] for p in POSTINGS])
def test_languages_and_job_fields_match_the_labels(posting):
    gold = posting["requirements"]
    req = job_requirements_extract(posting["text"])
    assert req.jlpt_min == gold["jlpt_min"]
    assert req.english_level == gold["english_level"]
    if "salary_jpy" in gold:
        got = [req.salary_min_jpy, req.salary_max_jpy] if req.salary_min_jpy else None
        assert got == gold["salary_jpy"]
        assert req.prefecture == gold["prefecture"]
        assert req.work_style == gold["work_style"]
    if "degree_level" in gold:
        assert req.degree_level == gold["degree_level"]
    assert not LANGUAGE_IDS & {s.skill_id for s in req.skills}
    assert len(req.required_skills()) <= 10


def test_required_skills_and_their_years_mostly_agree_with_the_labels():
    pred, gold, pred_years, gold_years = set(), set(), set(), set()
    for p in POSTINGS:
        req = job_requirements_extract(p["text"])
        labels = p["requirements"]["required"]
        pred |= {(p["id"], s.skill_id) for s in req.required_skills()}
        gold |= {(p["id"], sid) for sid in labels}
        pred_years |= {
            (p["id"], s.skill_id, s.min_years) for s in req.required_skills() if s.min_years
        }
        gold_years |= {(p["id"], sid, float(y)) for sid, y in labels.items() if y}
    assert len(pred & gold) / len(pred) >= 0.85  # precision
    assert len(pred & gold) / len(gold) >= 0.90  # recall
    assert len(pred_years & gold_years) / len(gold_years) >= 0.85
