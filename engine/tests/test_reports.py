"""The ministry's engine figures: qualification and training against a one-by-one reference
(``score_one``, the other implementation of the same hard filters), tracks, statistics."""

from __future__ import annotations

import dataclasses
import math
import random

import numpy as np
import pytest

from engine.demo import demo_candidates, demo_employers, demo_jobs
from engine.levels import JLPT_LEVELS, jlpt_rank
from engine.matching.demo import candidate_features_from_demo, job_requirements_from_demo
from engine.matching.features import CandidateFeatures, SkillHeld, SkillRequirement
from engine.matching.index import CandidateIndex
from engine.matching.learn import score_one
from engine.reports import (
    SupplyJob,
    index_tracks,
    percentile,
    skew_at_k,
    supply_qualify,
    tracks,
    training_unlocks,
)
from engine.tests.test_matching import RandomEmbedder, unit_rows


def _world(n: int = 400, n_jobs: int = 30):
    rng = random.Random(5)
    feats = []
    for c in demo_candidates(n, seed=3):
        f = candidate_features_from_demo(c)
        feats.append(dataclasses.replace(f, consent=rng.random() < 0.8))
    employers = demo_employers(10, seed=3)
    reqs = []
    for j in demo_jobs(employers, n_jobs, seed=3):
        r = job_requirements_from_demo(j)
        # Hard filters as the product's demo sets them: the first must-have skill, and the
        # JLPT minimum of Japanese postings.
        must = tuple(dataclasses.replace(m, is_hard=i == 0) for i, m in enumerate(r.must_skills))
        reqs.append(dataclasses.replace(r, must_skills=must, jlpt_is_hard=bool(r.jlpt_min)))
    index = CandidateIndex(embedder=RandomEmbedder()).fit(feats, unit_rows(len(feats), 2))
    jobs = [SupplyJob(index.plan(r), openings=1 + r.job_id % 3) for r in reqs]
    return index, feats, jobs


def test_qualified_is_exactly_the_hard_filters_of_score_one():
    index, feats, jobs = _world()
    q = supply_qualify(index, jobs)
    for row, f in enumerate(feats):
        passing = [j for j in jobs if score_one(index, f, j.plan).eligible]
        assert q.qualified_jobs[row] == len(passing), f.candidate_id
        assert q.qualified_openings[row] == sum(j.openings for j in passing)
    for j in jobs:
        assert q.job_pool[j.plan.job_id] == sum(score_one(index, f, j.plan).eligible for f in feats)
    assert 0 < q.qualified.sum() < sum(f.consent for f in feats)  # a real gap to report


def test_pool_counts_per_group_add_up_to_the_pool():
    index, feats, jobs = _world()
    codes = np.array([f.candidate_id % 3 for f in feats])
    q = supply_qualify(index, jobs, groups={"g": codes})
    for j in jobs:
        counts = q.job_pool_groups[j.plan.job_id]["g"]
        assert counts.sum() == q.job_pool[j.plan.job_id]
        expected = [
            sum(score_one(index, f, j.plan).eligible for f in feats if f.candidate_id % 3 == g)
            for g in range(3)
        ]
        assert [int(counts[g]) if g < len(counts) else 0 for g in range(3)] == expected


def _taught(f: CandidateFeatures, kind: str, value: str) -> CandidateFeatures:
    assert kind == "jlpt"
    return dataclasses.replace(f, jlpt=value)


def test_each_training_option_qualifies_exactly_whom_it_says():
    index, feats, jobs = _world()
    groups = np.array([f.candidate_id % 4 for f in feats])
    options = training_unlocks(index, jobs, groupings={"g": groups}, limit=200)
    assert options, "the demo world has gaps a course would close"
    qualified_now = supply_qualify(index, jobs).qualified
    by_id = {f.candidate_id: (row, f) for row, f in enumerate(feats)}
    for o in options[:12]:
        members = [
            (row, f)
            for row, f in enumerate(feats)
            if groups[row] == o.group and f.consent and not qualified_now[row]
        ]
        if o.kind == "jlpt":
            # One step: the course is for people one level below the level taught.
            members = [
                (r, f) for r, f in members if jlpt_rank(f.jlpt) == JLPT_LEVELS.index(o.value)
            ]
        expected = set()
        for _row, f in members:
            if o.kind == "skill":
                # The course gives the skill at the years each job asks: check job by job.
                for j in jobs:
                    need = [m.min_years for m in j.plan.must if m.skill_id == o.value]
                    if not need:
                        continue
                    g = dataclasses.replace(
                        f,
                        skills=(
                            *(s for s in f.skills if s.skill_id != o.value),
                            SkillHeld(o.value, max(need[0], 0.0)),
                        ),
                    )
                    if score_one(index, g, j.plan).eligible:
                        expected.add(f.candidate_id)
                        break
            elif any(score_one(index, _taught(f, "jlpt", o.value), j.plan).eligible for j in jobs):
                expected.add(f.candidate_id)
        assert set(o.candidate_ids) == expected, (o.kind, o.value, o.group)
        assert o.qualified == len(expected)
        assert all(by_id[c][1].consent for c in o.candidate_ids)
    firsts = [o.qualified for o in options]
    assert firsts == sorted(firsts, reverse=True)  # best first


def test_tracks_cover_known_categories_and_the_index_agrees_with_of_skills():
    t = tracks()
    assert "ai_data" in t.ids and "cloud_devops" in t.ids
    assert t.of_skills([("python", 3), ("pytorch", 4), ("tensorflow", 2)]) == "ai_data"
    assert t.of_skills([]) == ""
    index, feats, _jobs = _world(120, 5)
    codes = index_tracks(index)
    for row, f in enumerate(feats):
        name = t.of_skills([(s.skill_id, s.years) for s in f.skills])
        assert (t.ids[codes[row]] if codes[row] >= 0 else "") == name


def test_index_tracks_follow_updates_in_the_delta():
    index = CandidateIndex(embedder=RandomEmbedder()).fit(
        [CandidateFeatures(1, skills=(SkillHeld("python", 5),))], unit_rows(1, 3)
    )
    assert tracks().ids[index_tracks(index)[0]] == "programming"
    index.update(CandidateFeatures(1, skills=(SkillHeld("blender", 5),)), unit_rows(1, 4)[0])
    assert tracks().ids[index_tracks(index)[0]] == "animation_3d"


def test_percentile_is_numpys_linear_percentile():
    rng = random.Random(1)
    values = [rng.randint(0, 90) for _ in range(101)]
    for q in (0, 10, 50, 90, 100):
        assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError):
        percentile([1], 101)


def test_skew_at_k_is_the_log_ratio_of_shares():
    skew = skew_at_k({"PK-PB": 8, "PK-SD": 2}, {"PK-PB": 50, "PK-SD": 40, "PK-KP": 10})
    assert skew["PK-PB"] == pytest.approx(math.log(0.8 / 0.5))
    assert skew["PK-SD"] == pytest.approx(math.log(0.2 / 0.4))
    assert skew["PK-KP"] == -math.inf
    assert skew_at_k({}, {"a": 3}) == {}


def test_hard_skill_masks_and_skill_parts_agree():
    index, _feats, jobs = _world(200, 10)
    for j in jobs:
        _req, _nice, hard_ok = index.skill_parts(j.plan)
        masks = index.hard_skill_masks(j.plan)
        combined = np.ones(index.n_, bool)
        for m in masks:
            combined &= m
        assert (combined == hard_ok).all()
    assert SkillRequirement  # the inputs' type is the matching engine's
