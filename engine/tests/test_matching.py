"""Matching engine: components, hard filters, protected attributes, index changes, exactness."""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from functools import cache

import numpy as np
import pytest

from engine.demo import demo_candidates, demo_employers, demo_jobs
from engine.matching.advice import learn_next
from engine.matching.demo import candidate_features_from_demo, job_requirements_from_demo
from engine.matching.embed import HashedNgramEmbedder, embedder_get
from engine.matching.features import CandidateFeatures, JobRequirements, SkillHeld, SkillRequirement
from engine.matching.index import CandidateIndex
from engine.matching.learn import top_jobs
from engine.matching.params import COMPONENTS, matching_params
from engine.matching.reference import rank_reference

DIM = 32


class RandomEmbedder:
    """Deterministic unit vectors from the text's characters: fast and offline."""

    name = "test-random"
    dim = DIM

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), np.float32)
        for i, t in enumerate(texts):
            rng = np.random.default_rng(sum(map(ord, t)) % 2**32)
            out[i] = rng.standard_normal(DIM)
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def unit_rows(n: int, seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@cache
def population(n: int) -> tuple[list[CandidateFeatures], np.ndarray]:
    feats = [candidate_features_from_demo(c) for c in demo_candidates(n, seed=11)]
    return feats, unit_rows(n, 1)


def alice(**changes: object) -> CandidateFeatures:
    base = CandidateFeatures(
        candidate_id=1,
        skills=(
            SkillHeld("python", 4, "Employment 1: built Django APIs"),
            SkillHeld("django", 3),
            SkillHeld("docker", 1),
        ),
        experience_years=5,
        jlpt="N3",
        jlpt_verified=True,
        english="business",
        degree_level="bachelor",
        salary_expectation_jpy=5_000_000,
        available_from=date(2027, 1, 1),
        willing_to_relocate=True,
        consent=True,
        text="Python developer",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def job(**changes: object) -> JobRequirements:
    base = JobRequirements(
        job_id=9,
        must_skills=(SkillRequirement("python", 3), SkillRequirement("django", 2)),
        nice_skills=("docker",),
        min_experience_years=3,
        jlpt_min="N3",
        english_level="business",
        degree_level="bachelor",
        salary_max_jpy=6_000_000,
        start_date=date(2027, 2, 1),
        text="Pythonエンジニア",
        language="ja",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def small_index(*people: CandidateFeatures) -> CandidateIndex:
    return CandidateIndex(embedder=RandomEmbedder()).fit(list(people))


def test_weights_file_names_every_component_once() -> None:
    params = matching_params()
    assert set(params.weights) == set(COMPONENTS)
    assert all(w >= 0 for w in params.weights.values())


def test_features_have_no_protected_attributes() -> None:
    protected = {"name", "full_name", "gender", "religion", "age", "date_of_birth", "photo", "cnic"}
    fields = {f.name for f in dataclasses.fields(CandidateFeatures)}
    assert not fields & protected


def test_protected_attributes_cannot_change_a_score() -> None:
    # The same demo person with another name, gender, birth date and CNIC scores the same.
    c = next(demo_candidates(1, seed=5))
    twin = dataclasses.replace(
        c,
        full_name="Someone Else",
        gender="F" if c.gender == "M" else "M",
        date_of_birth=date(1970, 1, 1),
        cnic="35202-1234567-2",
    )
    a, b = candidate_features_from_demo(c), candidate_features_from_demo(twin)
    assert a == b


def test_a_full_fit_scores_one_and_explains_itself() -> None:
    idx = small_index(alice())
    [m] = idx.top_candidates(job(text=""), 5, features={1: alice()})
    assert m.score == pytest.approx(1.0, abs=1e-6)
    ex = m.explanation
    assert ex is not None and not ex.missing
    assert {s.skill_id for s in ex.matched} == {"python", "django"}
    assert ex.matched[0].evidence == "Employment 1: built Django APIs"
    assert ex.weights["semantic"] == 0  # no job text: the component does not apply
    assert sum(ex.weights.values()) == pytest.approx(1.0)
    assert set(ex.sentences) == {"ja", "en", "ur"} and "100%" in ex.sentences["en"]


def test_parent_and_sibling_skills_earn_partial_credit() -> None:
    exact = alice(candidate_id=1)
    parent_only = alice(candidate_id=2, skills=(SkillHeld("python", 4),))
    idx = small_index(exact, parent_only)
    req = job(must_skills=(SkillRequirement("django", 0),), nice_skills=(), text="")
    ms = {m.candidate_id: m for m in idx.top_candidates(req, 5)}
    assert ms[1].explanation.components["skills_required"] == 1.0  # type: ignore[union-attr]
    assert ms[2].explanation.components["skills_required"] == pytest.approx(0.5)  # type: ignore[union-attr]
    assert ms[2].explanation.matched[0].kind == "parent"  # type: ignore[union-attr]


def test_fewer_years_than_required_lower_the_credit() -> None:
    idx = small_index(alice(skills=(SkillHeld("python", 1),)))
    [m] = idx.top_candidates(job(must_skills=(SkillRequirement("python", 4),), text=""), 1)
    assert m.explanation.components["skills_required"] == pytest.approx(0.25 + 0.75 / 4)  # type: ignore[union-attr]


def test_hard_requirements_filter_and_soft_ones_score() -> None:
    n4 = alice(candidate_id=2, jlpt="N4")
    no_consent = alice(candidate_id=3, consent=False)
    no_django = alice(candidate_id=4, skills=(SkillHeld("python", 4),))
    idx = small_index(alice(), n4, no_consent, no_django)
    soft = [m.candidate_id for m in idx.top_candidates(job(text=""), 10)]
    assert soft[0] == 1 and sorted(soft) == [1, 2, 4]  # consent is always hard
    hard = job(
        text="",
        jlpt_is_hard=True,
        must_skills=(SkillRequirement("python", 3), SkillRequirement("django", 2, is_hard=True)),
    )
    assert [m.candidate_id for m in idx.top_candidates(hard, 10)] == [1]


def test_per_job_weights_override_the_file_and_unknown_names_fail() -> None:
    idx = small_index(alice(salary_expectation_jpy=9_000_000))
    only_salary = {c: 0.0 for c in COMPONENTS} | {"salary": 1.0}
    [m] = idx.top_candidates(job(text="", weights=only_salary), 1)
    assert m.score == pytest.approx(0.0)  # 50% over the maximum: no salary fit at all
    with pytest.raises(ValueError, match="unknown matching component"):
        idx.top_candidates(job(weights={"gender": 1.0}), 1)


def test_add_update_remove_without_rebuild_and_save_load(tmp_path: object) -> None:
    feats, emb = population(300)
    idx = CandidateIndex(embedder=RandomEmbedder()).fit(feats[:200], emb[:200])
    for f, e in zip(feats[200:], emb[200:], strict=True):
        idx.add(f, e)
    changed = dataclasses.replace(feats[5], skills=(SkillHeld("python", 9),), jlpt="N1")
    idx.update(changed, emb[5])
    idx.remove(feats[7].candidate_id)
    live = [changed if f.candidate_id == changed.candidate_id else f for f in feats]
    keep = [i for i, f in enumerate(live) if f.candidate_id != feats[7].candidate_id]
    live_feats, live_emb = [live[i] for i in keep], emb[keep]
    jobs = demo_jobs(demo_employers(5), 8, seed=2)
    plans = [idx.plan(job_requirements_from_demo(j), unit_rows(1, j.key)[0]) for j in jobs]

    def ranked(index: CandidateIndex) -> list[list[tuple[int, float]]]:
        return [
            [(m.candidate_id, m.score) for m in index.top_candidates(p, 20, explain=False)]
            for p in plans
        ]

    expect = [
        rank_reference(
            live_feats,
            live_emb,
            p,
            relations=idx.relations_,
            params=idx.params_,
            k=20,
            lexical=idx.lexical_,
        )
        for p in plans
    ]
    assert ranked(idx) == expect
    idx.save(tmp_path)  # type: ignore[arg-type]
    loaded = CandidateIndex.load(tmp_path, embedder=RandomEmbedder())  # type: ignore[arg-type]
    assert len(loaded) == 299 and ranked(loaded) == expect
    loaded.add(feats[7], emb[7])  # a mapped index still takes changes
    assert len(loaded) == 300


def assert_ranks_as_reference(idx, feats, emb, plan, k: int) -> None:  # type: ignore[no-untyped-def]
    """The index's top ``k`` for ``plan`` is the dense reference's: ids, order, scores."""
    got = [(m.candidate_id, m.score) for m in idx.top_candidates(plan, k, explain=False)]
    ref = rank_reference(
        feats, emb, plan, relations=idx.relations_, params=idx.params_, k=k, lexical=idx.lexical_
    )
    assert [c for c, _ in got] == [c for c, _ in ref], plan.job_id
    assert np.allclose([s for _, s in got], [s for _, s in ref], atol=1e-5, rtol=0)


def test_index_equals_brute_force_reference_on_10000_profiles() -> None:
    feats, emb = population(10_000)
    idx = CandidateIndex(embedder=RandomEmbedder(), seed_size=256).fit(feats, emb)
    rng = random.Random(4)
    jobs = demo_jobs(demo_employers(30), 60, seed=9)
    for j in jobs:
        req = job_requirements_from_demo(j, hard_first_skill=rng.random() < 0.3)
        req = dataclasses.replace(
            req,
            jlpt_is_hard=rng.random() < 0.3,
            degree_is_hard=rng.random() < 0.3,
            weights={c: rng.random() for c in rng.sample(COMPONENTS, 3)},
        )
        plan = idx.plan(req, unit_rows(1, j.key)[0])
        assert_ranks_as_reference(idx, feats, emb, plan, rng.choice((1, 10, 50)))


def test_index_equals_reference_whatever_the_seed_size() -> None:
    """The bound prunes against the seed's k-th score: a seed of a few rows, of about the
    eligible rows (hard JLPT and skills leave few) or of all of them gives the same top-k."""
    feats, emb = population(3_000)
    rng = random.Random(11)
    jobs = demo_jobs(demo_employers(20), 24, seed=12)
    for seed_size in (1, 40, 300, 5_000):
        idx = CandidateIndex(embedder=RandomEmbedder(), seed_size=seed_size).fit(feats, emb)
        for j in jobs:
            req = job_requirements_from_demo(j, hard_first_skill=rng.random() < 0.4)
            req = dataclasses.replace(req, jlpt_is_hard=rng.random() < 0.4)
            plan = idx.plan(req, unit_rows(1, j.key)[0])
            assert_ranks_as_reference(idx, feats, emb, plan, rng.choice((1, 10, 50)))


def test_top_jobs_and_what_to_learn_next() -> None:
    feats, emb = population(400)
    idx = CandidateIndex(embedder=RandomEmbedder()).fit(feats, emb)
    reqs = [
        JobRequirements(
            job_id=i, must_skills=(SkillRequirement("kubernetes", 1, is_hard=True),), text=""
        )
        for i in range(3)
    ] + [job(job_id=10, text="")]
    plans = [idx.plan(r) for r in reqs]
    me = alice(candidate_id=99_999, skills=(SkillHeld("python", 4), SkillHeld("django", 3)))
    idx.add(me, unit_rows(1, 3)[0])
    best = top_jobs(idx, me, plans, k=2)
    assert best[0].job_id == 10
    tip = learn_next(idx, me, plans, k=5)
    assert tip is not None and tip.kind == "skill" and tip.value == "kubernetes"
    assert set(tip.job_ids) == {0, 1, 2}


def test_hashed_fallback_embedder_is_deterministic_unit_length() -> None:
    e = HashedNgramEmbedder(dim=64)
    a, b = e.encode(["Python developer"]), e.encode(["Python developer"])
    assert np.array_equal(a, b) and np.linalg.norm(a[0]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="unknown embedder"):
        embedder_get("bert")


def test_an_unknown_datum_drops_out_and_the_explanation_says_so() -> None:
    stated = alice(candidate_id=1, salary_expectation_jpy=9_000_000)  # 50% over: salary 0
    unstated = alice(candidate_id=2, salary_expectation_jpy=None, available_from=None)
    idx = small_index(stated, unstated)
    ms = {m.candidate_id: m for m in idx.top_candidates(job(text=""), 5)}
    ex = ms[2].explanation
    assert ex is not None and set(ex.unknown) == {"salary", "availability"}
    assert ex.weights["salary"] == 0 and sum(ex.weights.values()) == pytest.approx(1.0)
    assert "not scored" in ex.sentences["en"] and "salary" in ex.sentences["en"]
    # Unknown is neither a zero nor a free full mark: the rest decide, re-weighted.
    assert ms[2].score == pytest.approx(1.0, abs=1e-6)
    assert ms[1].score < ms[2].score and not ms[1].explanation.unknown  # type: ignore[union-attr]


def test_generic_skills_count_little_in_a_long_list() -> None:
    from engine.matching.specificity import SkillSpecificity

    specific = alice(candidate_id=1, skills=(SkillHeld("python", 4), SkillHeld("django", 3)))
    generic = alice(
        candidate_id=2, skills=(SkillHeld("problem-solving", 4), SkillHeld("communication", 4))
    )
    idx = small_index(specific, generic)
    wish = job(
        text="",
        must_skills=tuple(
            SkillRequirement(s) for s in ("python", "django", "problem-solving", "communication")
        ),
    )
    spec = SkillSpecificity(params=idx.params_, taxonomy_=idx.relations_.taxonomy).fit(
        [wish, job(must_skills=(SkillRequirement("problem-solving"),))]
    )
    assert spec.importance("python") > 5 * spec.importance("problem-solving")
    ms = {m.candidate_id: m for m in idx.top_candidates(idx.plan(wish, specificity=spec), 5)}
    half = ms[1].explanation.components["skills_required"]  # type: ignore[union-attr]
    assert half > 0.8 > 0.2 > ms[2].explanation.components["skills_required"]  # type: ignore[union-attr]


def test_a_verified_certificate_outranks_the_same_level_declared() -> None:
    verified = alice(candidate_id=1, jlpt="N3", jlpt_verified=True)
    declared = alice(candidate_id=2, jlpt="N3", jlpt_verified=False)
    idx = small_index(verified, declared)
    ms = idx.top_candidates(job(text=""), 5)
    assert [m.candidate_id for m in ms] == [1, 2]
    assert ms[0].explanation.jlpt_source == "verified"  # type: ignore[union-attr]
    assert ms[1].explanation.jlpt_source == "declared"  # type: ignore[union-attr]


def test_the_lexical_part_finds_words_across_the_profile_and_bridges_languages() -> None:
    rigger = alice(candidate_id=1, skills=(), text="Character rigging in Maya for anime series")
    coder = alice(candidate_id=2, skills=(), text="Java developer for banking back ends")
    idx = small_index(rigger, coder)
    # A Japanese ad: its text shares no word with the CVs, its listed skills' names do.
    ja = job(text="3DCGデザイナー募集", must_skills=(SkillRequirement("maya"),), nice_skills=())
    ms = {m.candidate_id: m for m in idx.top_candidates(ja, 5)}
    lex = {cid: m.explanation.components["lexical"] for cid, m in ms.items()}  # type: ignore[union-attr]
    assert lex[1] > 0 and lex[2] == 0
