"""The bilingual relevance set as matching inputs, and its measures (shared by
``bench/match_quality.py`` and ``bench/match_weights_fit.py``).

Candidates' skills are read from their CV texts by the product's extractor (``skills_extract``),
as a CV upload would; the other profile fields are what the profile form holds. Jobs carry the
structured requirements an employer enters. Grades come from ``grades.json`` (RULES.md).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import bm25s
import numpy as np

from engine.matching.embed import text_cut
from engine.matching.features import CandidateFeatures, JobRequirements, SkillHeld, SkillRequirement
from engine.matching.index import CandidateIndex
from engine.matching.params import COMPONENTS
from engine.matching.specificity import SkillSpecificity
from engine.skills import skills_extract

HERE = Path(__file__).resolve().parent


@dataclass
class RelevanceSet:
    jobs: list[dict]
    candidates: list[dict]
    grades: dict[int, dict[int, int]]  # job id -> candidate id -> grade


def relevance_set() -> RelevanceSet:
    def load(name: str) -> object:
        return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))

    raw = load("grades")
    assert isinstance(raw, dict)
    grades = {int(j): {int(c): int(g) for c, g in per.items()} for j, per in raw.items()}
    jobs, cands = load("jobs"), load("candidates")
    assert isinstance(jobs, list) and isinstance(cands, list)
    return RelevanceSet(jobs, cands, grades)


def candidate_features(c: dict) -> CandidateFeatures:
    years: dict[str, float] = {}
    for m in skills_extract(c["text"]).mentions:
        if not m.negated:
            years[m.skill_id] = max(years.get(m.skill_id, 0.0), float(m.years or 0.0))
    return CandidateFeatures(
        candidate_id=c["candidate_id"],
        skills=tuple(SkillHeld(s, y) for s, y in years.items()),
        experience_years=float(c["years"]),
        jlpt=c["jlpt"],
        jlpt_verified=c["jlpt_verified"],
        english=c["english"],
        degree_level=c["degree"],
        salary_expectation_jpy=c["salary_expectation"],
        available_from=date.fromisoformat(c["available_from"]) if c["available_from"] else None,
        willing_to_relocate=c["relocate"],
        consent=True,
        text=c["text"],
    )


def job_requirements(j: dict, weights: dict[str, float] | None = None) -> JobRequirements:
    return JobRequirements(
        job_id=j["job_id"],
        must_skills=tuple(SkillRequirement(s, float(y)) for s, y in j["must"]),
        nice_skills=tuple(j["nice"]),
        min_experience_years=float(j["min_years"]),
        jlpt_min=j["jlpt_min"],
        salary_min_jpy=j["salary_min"],
        salary_max_jpy=j["salary_max"],
        work_style=j["work_style"],
        text=j["text"],
        language=j["language"],
        weights=weights or {},
    )


def ndcg_at(scores: np.ndarray, gains: np.ndarray, ids: np.ndarray, k: int) -> float:
    """NDCG@k with gain 2^grade - 1; ties broken by lower id."""
    order = np.lexsort((ids, -scores))[:k]
    dcg = sum((2 ** gains[j] - 1) / math.log2(r + 2) for r, j in enumerate(order))
    ideal = sorted(gains, reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(r + 2) for r, g in enumerate(ideal))
    return float(dcg / idcg) if idcg > 0 else 0.0


def mrr(scores: np.ndarray, gains: np.ndarray, ids: np.ndarray, top: int = 3) -> float:
    """1 / rank of the first candidate of grade ``top`` (0 when there is none)."""
    order = np.lexsort((ids, -scores))
    hits = np.flatnonzero(gains[order] >= top)
    return 1.0 / (hits[0] + 1) if len(hits) else 0.0


@dataclass
class JobTable:
    """One job against every candidate: component values, known masks, which components
    apply, and the scores of the baselines."""

    job: dict
    ids: np.ndarray
    gains: np.ndarray
    comps: np.ndarray  # (n, len(COMPONENTS))
    known: np.ndarray  # (n, len(COMPONENTS)) 0/1
    applies: np.ndarray  # (len(COMPONENTS),) 0/1
    full: np.ndarray  # the engine's score with the shipped weights
    bm25: np.ndarray
    embedder: np.ndarray  # raw cosine


def tables(
    rs: RelevanceSet, emb: object, *, embed_words: int = 0
) -> tuple[list[JobTable], CandidateIndex]:
    """``embed_words``: embed only the first that many words of each candidate text (0: all)."""
    feats = [candidate_features(c) for c in rs.candidates]
    cand_vecs = emb.encode([text_cut(f.text, embed_words) for f in feats])  # type: ignore[attr-defined]
    idx = CandidateIndex(embedder=emb).fit(feats, cand_vecs)
    reqs = [job_requirements(j) for j in rs.jobs]
    spec = SkillSpecificity(params=idx.params_, taxonomy_=idx.relations_.taxonomy).fit(reqs)
    job_vecs = emb.encode([j["text"] for j in rs.jobs])  # type: ignore[attr-defined]
    corpus = bm25s.tokenize([c["text"] for c in rs.candidates], stopwords="en", show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    ids = np.array([f.candidate_id for f in feats])
    n = len(feats)
    ones = {c: 1.0 for c in COMPONENTS}
    out = []
    for j, vec in zip(rs.jobs, job_vecs, strict=True):
        plan_all = idx.plan(job_requirements(j, ones), vec, specificity=spec)
        applies = np.array([float(plan_all.weights[c] > 0) for c in COMPONENTS])
        by_id = {m.candidate_id: m for m in idx.top_candidates(plan_all, n, explain=True)}
        comps = np.zeros((n, len(COMPONENTS)))
        known = np.ones((n, len(COMPONENTS)))
        for i, cid in enumerate(ids):
            ex = by_id[int(cid)].explanation
            assert ex is not None
            comps[i] = [ex.components[c] for c in COMPONENTS]
            known[i] = [0.0 if c in ex.unknown else 1.0 for c in COMPONENTS]
        plan = idx.plan(job_requirements(j), vec, specificity=spec)
        full_by = {m.candidate_id: m.score for m in idx.top_candidates(plan, n, explain=False)}
        query = bm25s.tokenize([j["text"]], stopwords="en", show_progress=False, return_ids=False)
        q_tokens = [t for t in query[0] if t in retriever.vocab_dict]
        bm = retriever.get_scores(q_tokens) if q_tokens else np.zeros(n)
        out.append(
            JobTable(
                job=j,
                ids=ids,
                gains=np.array([rs.grades[j["job_id"]][int(c)] for c in ids]),
                comps=comps,
                known=known,
                applies=applies,
                full=np.array([full_by[int(c)] for c in ids]),
                bm25=np.asarray(bm, dtype=float),
                embedder=cand_vecs @ vec,
            )
        )
    return out, idx


def weighted(table: JobTable, weights: dict[str, float]) -> np.ndarray:
    """The engine's formula on the table: sum w a x / sum w a known."""
    w = np.array([weights[c] for c in COMPONENTS]) * table.applies
    num = table.comps @ w
    den = table.known @ w
    return np.where(den > 0, num / np.where(den > 0, den, 1), 0.0)


def measure(tabs: list[JobTable], scores_of) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(mean NDCG@10, mean MRR) over ``tabs`` for the scores ``scores_of(table)``."""
    if not tabs:
        return 0.0, 0.0
    nd = [ndcg_at(scores_of(t), t.gains, t.ids, 10) for t in tabs]
    rr = [mrr(scores_of(t), t.gains, t.ids) for t in tabs]
    return float(np.mean(nd)), float(np.mean(rr))
