"""Brute-force reference ranking: every candidate scored densely, no index, no pruning.

Used by the exactness test and the latency benchmark. It reads :class:`CandidateFeatures`
directly (not the index's arrays) and a dense years matrix over the skills the job touches,
then applies the same component functions as the index (``engine.matching.score``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from engine.levels import degree_rank, english_rank, jlpt_rank
from engine.matching.features import CandidateFeatures
from engine.matching.params import COMPONENTS, MatchingParams
from engine.matching.relations import SkillRelations
from engine.matching.score import (
    CandidateRows,
    JobPlan,
    attribute_components,
    coverage,
    credit_value,
    day_number,
    eligible_by_levels,
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
    )


def rank_reference(
    features: Sequence[CandidateFeatures],
    embeddings: npt.NDArray[np.floating],
    plan: JobPlan,
    *,
    relations: SkillRelations,
    params: MatchingParams,
    k: int,
) -> list[tuple[int, float]]:
    """Top ``k`` (candidate id, score) pairs for ``plan``, best first, ties by lower id."""
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
    parts["skills_required"] = coverage(req, n)
    parts["skills_nice"] = coverage(nice, n)
    codes, scale = quantise(embeddings)
    parts["semantic"] = semantic_fit(codes, scale, plan)
    total = weighted_sum(plan, parts, COMPONENTS)
    ids = np.array([f.candidate_id for f in features], np.int64)
    cand = np.flatnonzero(ok)
    order = cand[np.lexsort((ids[cand], -total[cand]))][:k]
    return [(int(ids[i]), float(total[i])) for i in order]
