"""The other direction: jobs for one candidate (and the thresholds "what to learn next" in
``engine.matching.advice`` measures against).

Both score one candidate against compiled jobs (:class:`JobPlan`) with the same component
functions as the index, so a candidate's score for a job is the same number in both
directions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from engine.matching.features import CandidateFeatures
from engine.matching.index import CandidateIndex, Match, _jlpt_source, skill_explanation
from engine.matching.jobset import CandidateOnJobs, JobColumns, candidate_vector, held_columns
from engine.matching.lexical import lexical_value
from engine.matching.params import COMPONENTS
from engine.matching.reference import candidate_rows
from engine.matching.score import (
    JobPlan,
    attribute_components,
    attribute_known,
    coverage,
    credit_value,
    eligible_by_levels,
    normalised,
    semantic_fit,
    weighted_sum,
)


@dataclass(frozen=True, slots=True)
class OneScore:
    eligible: bool
    score: float
    components: dict[str, float]
    unknown: tuple[str, ...] = ()  # components dropped for want of the candidate's datum


def score_one(index: CandidateIndex, features: CandidateFeatures, plan: JobPlan) -> OneScore:
    """Score one candidate for one job. The text vector is the indexed one when the
    candidate is indexed, else the embedder's encoding of ``features.text``."""
    floor = index.params_.years_floor
    held = held_columns(index, features)
    ok = features.consent
    req = []
    for m in plan.must:
        cur = np.zeros(1, np.float32)
        strong = False
        for col, rel, kind in zip(m.related.cols, m.related.credit, m.related.kind, strict=True):
            if int(col) in held:
                y = np.array([held[int(col)]], np.float32)
                cur = np.maximum(cur, credit_value(rel, y, m.min_years, floor))
                strong |= bool(kind <= 1 and y[0] >= np.float32(m.min_years))
        req.append(cur)
        ok &= strong or not m.is_hard
    nice = []
    for p in plan.nice:
        cur = np.zeros(1, np.float32)
        for col, rel in zip(p.related.cols, p.related.credit, strict=True):
            if int(col) in held:
                cur = np.maximum(
                    cur, credit_value(rel, np.array([held[int(col)]], np.float32), 0.0, floor)
                )
        nice.append(cur)
    rows = candidate_rows([features])
    ok &= bool(eligible_by_levels(rows, plan)[0])
    parts = attribute_components(rows, plan, index.params_)
    known = attribute_known(rows)
    parts["skills_required"] = coverage(
        req, [m.importance for m in plan.must], 1, index.params_.coverage_cap_skills
    )
    parts["skills_nice"] = coverage(
        nice, [p.importance for p in plan.nice], 1, index.params_.coverage_cap_skills
    )
    known["skills_required"] = known["skills_nice"] = np.ones(1, np.float32)
    terms, weights, length = index.lexical_.document(features.text)
    by_term = dict(zip(terms.tolist(), weights.tolist(), strict=True))
    lex = np.zeros(1, np.float32)
    for term, idf in zip(plan.lexical_terms.tolist(), plan.lexical_idf, strict=True):
        lex = (lex + idf * np.float32(by_term.get(term, 0.0))).astype(np.float32)
    parts["lexical"] = lexical_value(lex, plan.lexical_inv)
    known["lexical"] = np.array([length > 0], np.float32)
    codes, scale = candidate_vector(index, features)
    parts["semantic"] = semantic_fit(codes, scale, plan)
    known["semantic"] = (scale > 0).astype(np.float32)
    total = float(
        normalised(weighted_sum(plan, parts, COMPONENTS), weighted_sum(plan, known, COMPONENTS))[0]
    )
    unknown = tuple(c for c in COMPONENTS if not known[c][0] and plan.weights[c] > 0)
    return OneScore(ok, total, {k: float(v[0]) for k, v in parts.items()}, unknown)


def top_jobs(
    index: CandidateIndex,
    features: CandidateFeatures,
    plans: Sequence[JobPlan],
    k: int = 20,
    *,
    columns: JobColumns | None = None,
) -> list[Match]:
    """The ``k`` best jobs among ``plans`` whose hard filters the candidate passes, best
    first (ties: lower job id), each with its explanation. Pure. ``columns``: ``plans``
    compiled as :class:`JobColumns` (cache it: built here when not given); every job is
    scored in one pass, and only the ``k`` shown are scored again, one by one, to explain."""
    columns = columns if columns is not None else JobColumns.build(plans, index.params_)
    assert len(columns) == len(plans)
    on_jobs = CandidateOnJobs(index, features, columns)
    scores, eligible = on_jobs.scores()
    rows = np.flatnonzero(eligible)
    order = rows[np.lexsort((columns.job_ids[rows], -scores[rows].astype(np.float64)))][:k]
    out = []
    evidence = {s.skill_id: s.evidence for s in features.skills if s.evidence}
    held = on_jobs.held
    for row in order.tolist():
        plan = columns.plans[row]
        s = score_one(index, features, plan)
        ex = skill_explanation(
            plan,
            s.components,
            s.score,
            held,
            evidence,
            index,
            unknown=s.unknown,
            jlpt_source=_jlpt_source(1 if features.jlpt else 0, features.jlpt_verified),
        )
        out.append(Match(features.candidate_id, plan.job_id, s.score, ex))
    return out


def job_thresholds(
    index: CandidateIndex, plans: Sequence[JobPlan], k: int, *, exclude: int | None = None
) -> dict[int, float]:
    """Score of the k-th best candidate of each job (``-inf`` when fewer than k qualify),
    leaving out candidate ``exclude``. Costly for many jobs: compute in batch and cache."""
    out = {}
    for plan in plans:
        ms = [
            m for m in index.top_candidates(plan, k + 1, explain=False) if m.candidate_id != exclude
        ][:k]
        out[plan.job_id] = ms[-1].score if len(ms) >= k else float("-inf")
    return out
