"""One candidate against all jobs at once (engine.matching.jobset) gives score_one's numbers."""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from functools import cache

from engine.demo import demo_candidates, demo_employers, demo_jobs
from engine.matching.advice import learn_next_options
from engine.matching.demo import candidate_features_from_demo, job_requirements_from_demo
from engine.matching.features import CandidateFeatures, JobRequirements, SkillHeld
from engine.matching.index import CandidateIndex
from engine.matching.jobset import CandidateOnJobs, JobColumns
from engine.matching.learn import job_thresholds, score_one
from engine.matching.score import JobPlan

from .test_matching import DIM, RandomEmbedder


def varied(req: JobRequirements, rng: random.Random) -> JobRequirements:
    """The demo job with the levels, salary, dates and work styles varied, so that every
    component and every hard filter is exercised somewhere."""
    return dataclasses.replace(
        req,
        jlpt_min=rng.choice([None, "N5", "N3", "N2", "N1"]),
        jlpt_is_hard=rng.random() < 0.3,
        english_level=rng.choice([None, "basic", "business", "fluent"]),
        degree_level=rng.choice([None, "bachelor", "master"]),
        degree_is_hard=rng.random() < 0.3,
        salary_max_jpy=rng.choice([None, 4_000_000, 6_000_000]),
        work_style=rng.choice(["onsite", "hybrid", "remote"]),
        start_date=rng.choice([None, date(2027, 4, 1)]),
        min_experience_years=rng.choice([0.0, 2.0, 5.0]),
    )


def person(f: CandidateFeatures, rng: random.Random) -> CandidateFeatures:
    return dataclasses.replace(
        f,
        english=rng.choice([None, "basic", "business", "fluent"]),
        degree_level=rng.choice([None, "bachelor", "master", "doctorate"]),
        salary_expectation_jpy=rng.choice([None, 3_000_000, 5_000_000, 9_000_000]),
        available_from=rng.choice([None, date(2027, 1, 1), date(2027, 5, 20), date(2028, 1, 1)]),
        willing_to_relocate=rng.random() < 0.5,
        jlpt_verified=rng.random() < 0.5,
        consent=rng.random() < 0.9,
    )


@cache
def world() -> tuple[CandidateIndex, list[JobPlan], list[CandidateFeatures]]:
    rng = random.Random(5)
    feats = [person(candidate_features_from_demo(c), rng) for c in demo_candidates(300, seed=8)]
    emb = RandomEmbedder()
    idx = CandidateIndex(embedder=emb).fit(feats, emb.encode([f.text for f in feats]))
    jobs = list(demo_jobs(demo_employers(20), 90, seed=4))
    reqs = [varied(job_requirements_from_demo(j), rng) for j in jobs]
    vectors = emb.encode([r.text for r in reqs])
    plans = [
        idx.plan(r, v if i % 7 else None)
        for i, (r, v) in enumerate(zip(reqs, vectors, strict=True))
    ]
    return idx, plans, feats


def test_every_job_gets_the_score_and_the_eligibility_of_score_one() -> None:
    idx, plans, feats = world()
    columns = JobColumns.build(plans, idx.params_)
    outsider = dataclasses.replace(feats[3], candidate_id=10**9)  # not indexed: embedded now
    assert idx.dim_ == DIM
    for f in [*feats[:40], outsider]:
        scores, eligible = CandidateOnJobs(idx, f, columns).scores()
        for j, plan in enumerate(plans):
            one = score_one(idx, f, plan)
            assert float(scores[j]) == one.score, (f.candidate_id, plan.job_id)
            assert bool(eligible[j]) == one.eligible, (f.candidate_id, plan.job_id)
    assert 0 < sum(bool(e) for e in eligible) < len(plans)  # the filters did something


def test_one_more_skill_scores_as_score_one_with_that_skill_held() -> None:
    idx, plans, feats = world()
    columns = JobColumns.build(plans, idx.params_)
    rng = random.Random(9)
    asked = sorted(
        {m.skill_id for p in plans for m in p.must} | {q.skill_id for p in plans for q in p.nice}
    )
    changed = 0
    for f in feats[40:70]:
        on_jobs = CandidateOnJobs(idx, f, columns)
        base, _ = on_jobs.scores()
        sid, years = rng.choice(asked), rng.choice([0.5, 1.0, 3.0, 6.0])
        col = idx.relations_.col_[sid]
        held = {**on_jobs.held, col: years}
        scores, eligible = on_jobs.scores(held)
        skills = (
            *(s for s in f.skills if s.skill_id != sid),
            dataclasses.replace(f.skills[0], skill_id=sid, years=years),
        )
        with_it = dataclasses.replace(f, skills=skills)
        for j, plan in enumerate(plans):
            one = score_one(idx, with_it, plan)
            assert (float(scores[j]), bool(eligible[j])) == (one.score, one.eligible)
        changed += int((scores != base).sum())
        asking = columns.asking(col)
        assert not (scores != base)[~asking].any()  # jobs that do not count it are untouched
    assert changed > 0


def test_what_to_learn_next_unlocks_exactly_the_jobs_score_one_says() -> None:
    idx, plans, feats = world()
    limits = job_thresholds(idx, plans, 10)
    columns = JobColumns.build(plans, idx.params_)
    seen = 0
    for f in feats[70:100]:
        f = dataclasses.replace(f, consent=True)
        for o in learn_next_options(
            idx, f, plans, k=10, thresholds=limits, limit=5, columns=columns
        ):
            if o.kind == "jlpt":
                after = dataclasses.replace(f, jlpt=o.value)
            else:
                years = max(
                    [1.0] + [m.min_years for p in plans for m in p.must if m.skill_id == o.value]
                )
                kept = tuple(s for s in f.skills if s.skill_id != o.value)
                after = dataclasses.replace(f, skills=(*kept, SkillHeld(o.value, years)))
            for p in plans:
                before, now = score_one(idx, f, p), score_one(idx, after, p)
                was = before.eligible and before.score >= limits[p.job_id]
                gets = now.eligible and now.score >= limits[p.job_id]
                if p.job_id in o.job_ids:
                    assert gets and not was, (o, p.job_id)
            seen += 1
    assert seen
