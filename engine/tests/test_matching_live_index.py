"""A live index: a saved main segment, memory-mapped, plus changes applied on top (adds,
updates, removals, vectors arriving later) ranks exactly like a full rebuild of the same
candidates, and never calls the embedder for those changes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np

from engine.demo import demo_candidates, demo_employers, demo_jobs
from engine.matching.demo import candidate_features_from_demo, job_requirements_from_demo
from engine.matching.features import SkillHeld, features_from_dict, features_to_dict
from engine.matching.index import CandidateIndex

DIM = 32


class NoEmbedder:
    """Fails the test when asked to embed: every change here brings its own vector."""

    name = "test-none"
    dim = DIM

    def encode(self, texts: list[str]) -> np.ndarray:
        raise AssertionError(f"the embedder was called for {len(texts)} texts")


def unit_rows(n: int, seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_main_plus_delta_ranks_exactly_as_a_full_rebuild(tmp_path: Path) -> None:
    feats = [candidate_features_from_demo(c) for c in demo_candidates(400, seed=5)]
    emb = unit_rows(400, 3)
    base = CandidateIndex(embedder=NoEmbedder()).fit(feats[:300], emb[:300])
    base.save(tmp_path, headroom=64)
    live = CandidateIndex.load(tmp_path, embedder=NoEmbedder())

    final = {f.candidate_id: (f, emb[i]) for i, f in enumerate(feats[:300])}
    # 100 new candidates: half with their vector at once, half with it arriving later
    for i, f in enumerate(feats[300:], start=300):
        if i % 2:
            live.upsert(f, emb[i])
        else:
            live.upsert(f)
            live.vector_set(f.candidate_id, emb[i])
        final[f.candidate_id] = (f, emb[i])
    # 40 changed profiles: skills, JLPT, text; 20 keep their old vector
    for i in range(0, 80, 2):
        old, vec = final[feats[i].candidate_id]
        changed = dataclasses.replace(
            old, skills=(*old.skills[:1], SkillHeld("aws", 2)), jlpt="N2", text=old.text + " AWS"
        )
        if i % 4:
            live.upsert(changed)
        else:
            vec = unit_rows(1, 1000 + i)[0]
            live.upsert(changed, vec)
        final[changed.candidate_id] = (changed, vec)
    for f in feats[100:130]:
        live.remove(f.candidate_id)
        del final[f.candidate_id]

    order = sorted(final)
    rebuilt = CandidateIndex(embedder=NoEmbedder()).fit(
        [final[c][0] for c in order], np.stack([final[c][1] for c in order]), lexical=live.lexical_
    )
    jobs = demo_jobs(demo_employers(6), 12, seed=4)
    plans = [rebuilt.plan(job_requirements_from_demo(j), unit_rows(1, j.key)[0]) for j in jobs]
    assert len(live) == len(rebuilt) == 370
    for plan in plans:
        got = [(m.candidate_id, m.score) for m in live.top_candidates(plan, 50, explain=False)]
        want = [(m.candidate_id, m.score) for m in rebuilt.top_candidates(plan, 50, explain=False)]
        assert [c for c, _ in got] == [c for c, _ in want]
        assert np.allclose([s for _, s in got], [s for _, s in want], atol=1e-6, rtol=0)
    # compacting folds the delta in and changes nothing either
    assert live.plan_version() == rebuilt.plan_version()
    live.compact()
    for plan in plans[:3]:
        assert [m.candidate_id for m in live.top_candidates(plan, 50, explain=False)] == [
            m.candidate_id for m in rebuilt.top_candidates(plan, 50, explain=False)
        ]


def test_a_new_row_without_a_vector_ranks_on_its_structured_parts_alone() -> None:
    feats = [candidate_features_from_demo(c) for c in demo_candidates(50, seed=8)]
    idx = CandidateIndex(embedder=NoEmbedder()).fit(feats[:49], unit_rows(49, 1))
    idx.upsert(feats[49])
    job = demo_jobs(demo_employers(2), 1, seed=1)[0]
    plan = idx.plan(job_requirements_from_demo(job), unit_rows(1, 9)[0])
    ranked = {m.candidate_id: m for m in idx.top_candidates(plan, 50)}
    mine = ranked[feats[49].candidate_id]
    assert mine.explanation is not None and "semantic" in mine.explanation.unknown


def test_features_survive_the_delta_log_round_trip() -> None:
    for c in demo_candidates(20, seed=2):
        f = dataclasses.replace(candidate_features_from_demo(c), semantic_text="headline")
        assert features_from_dict(features_to_dict(f)) == f
