"""Brute-force reference ranking: every candidate scored densely, no index, no pruning.

Used by the exactness test and the latency benchmark. It reads :class:`CandidateFeatures`
directly (not the index's arrays): a dense years matrix over the skills the job touches, a
dense BM25 term-weight matrix over the job's query terms (computed from each text with the
given :class:`LexicalModel`), then applies the same component functions as the index
(``engine.matching.score``) and divides by the weights of the known components.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from engine.levels import degree_rank, english_rank, jlpt_rank
from engine.matching.features import CandidateFeatures
from engine.matching.lexical import LexicalModel, lexical_value
from engine.matching.params import COMPONENTS, MatchingParams
from engine.matching.relations import SkillRelations
from engine.matching.score import (
    CandidateRows,
    JobPlan,
    attribute_components,
    attribute_known,
    coverage,
    credit_value,
    day_number,
    eligible_by_levels,
    normalised,
    quantise,
    semantic_fit,
    weighted_sum,
)

F32 = npt.NDArray[np.float32]


def candidate_rows(features: Sequence[CandidateFeatures]) -> CandidateRows:
    """Columnar attributes straight from the features."""
    return CandidateRows(
        experience=np.array([f.experience_years for f in features], np.float32),
        jlpt=np.array([jlpt_rank(f.jlpt) for f in features], np.int8),
        english=np.array([english_rank(f.english) for f in features], np.int8),
        degree=np.array([degree_rank(f.degree_level) for f in features], np.int8),
        salary=np.array([f.salary_expectation_jpy or 0 for f in features], np.float32),
        relocate=np.array([f.willing_to_relocate for f in features], bool),
        available=np.array([day_number(f.available_from) for f in features], np.int32),
        jlpt_verified=np.array([f.jlpt_verified and bool(f.jlpt) for f in features], bool),
    )


def lexical_reference(
    features: Sequence[CandidateFeatures], plan: JobPlan, lexical: LexicalModel
) -> tuple[F32, F32]:
    """(lexical component, known 0/1) for every candidate, from the texts."""
    n = len(features)
    terms = plan.lexical_terms.tolist()
    pos = {t: j for j, t in enumerate(terms)}
    weights = np.zeros((n, len(terms)), np.float32)
    known = np.zeros(n, np.float32)
    for i, f in enumerate(features):
        ids, w, length = lexical.document(f.text)
        known[i] = np.float32(length > 0)
        for t, value in zip(ids.tolist(), w, strict=True):
            if t in pos:
                weights[i, pos[t]] = value
    total = np.zeros(n, np.float32)
    for j, idf in enumerate(plan.lexical_idf):
        total = (total + idf * weights[:, j]).astype(np.float32)
    return lexical_value(total, plan.lexical_inv), known


def rank_reference(
    features: Sequence[CandidateFeatures],
    embeddings: npt.NDArray[np.floating],
    plan: JobPlan,
    *,
    relations: SkillRelations,
    params: MatchingParams,
    k: int,
    lexical: LexicalModel | None = None,
) -> list[tuple[int, float]]:
    """Top ``k`` (candidate id, score) pairs for ``plan``, best first, ties by lower id.
    ``lexical``: the index's BM25 statistics (the plan's query terms refer to them)."""
    n = len(features)
    floor = params.years_floor
    cols_needed = sorted(
        {int(c) for m in plan.must for c in m.related.cols}
        | {int(c) for p in plan.nice for c in p.related.cols}
    )
    pos = {c: i for i, c in enumerate(cols_needed)}
    years = np.zeros((n, len(cols_needed)), np.float32)
    held = np.zeros((n, len(cols_needed)), bool)
    for i, f in enumerate(features):
        for s in f.skills:
            col = relations.col_.get(s.skill_id)
            if col in pos:
                j = pos[col]
                years[i, j] = (
                    max(years[i, j], np.float32(s.years)) if held[i, j] else np.float32(s.years)
                )
                held[i, j] = True

    def credit(related_cols: npt.NDArray[np.int32], related_credit: F32, min_years: float) -> F32:
        cur = np.zeros(n, np.float32)
        for col, rel in zip(related_cols, related_credit, strict=True):
            j = pos[int(col)]
            val = credit_value(rel, years[:, j], min_years, floor)
            cur = np.where(held[:, j], np.maximum(cur, val), cur).astype(np.float32)
        return cur

    ok = np.array([f.consent for f in features], bool)
    req = []
    for m in plan.must:
        req.append(credit(m.related.cols, m.related.credit, m.min_years))
        if m.is_hard:
            strong = [
                (pos[int(c)])
                for c, kd in zip(m.related.cols, m.related.kind, strict=True)
                if kd <= 1
            ]
            has = np.zeros(n, bool)
            for j in strong:
                has |= held[:, j] & (years[:, j] >= np.float32(m.min_years))
            ok &= has
    nice = [credit(p.related.cols, p.related.credit, 0.0) for p in plan.nice]
    rows = candidate_rows(features)
    ok &= eligible_by_levels(rows, plan)
    parts = attribute_components(rows, plan, params)
    known = attribute_known(rows)
    parts["skills_required"] = coverage(
        req, [m.importance for m in plan.must], n, params.coverage_cap_skills
    )
    parts["skills_nice"] = coverage(
        nice, [p.importance for p in plan.nice], n, params.coverage_cap_skills
    )
    known["skills_required"] = known["skills_nice"] = np.ones(n, np.float32)
    if lexical is not None and len(plan.lexical_terms):
        parts["lexical"], known["lexical"] = lexical_reference(features, plan, lexical)
    else:
        parts["lexical"] = np.zeros(n, np.float32)
        known["lexical"] = np.array([bool(f.text.strip()) for f in features], np.float32)
    codes, scale = quantise(embeddings)
    parts["semantic"] = semantic_fit(codes, scale, plan)
    known["semantic"] = (scale > 0).astype(np.float32)
    total = normalised(weighted_sum(plan, parts, COMPONENTS), weighted_sum(plan, known, COMPONENTS))
    ids = np.array([f.candidate_id for f in features], np.int64)
    cand = np.flatnonzero(ok)
    order = cand[np.lexsort((ids[cand], -total[cand]))][:k]
    return [(int(ids[i]), float(total[i])) for i in order]
