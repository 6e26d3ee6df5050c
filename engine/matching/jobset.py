"""One candidate against every open job at once: compiled jobs as columns.

:func:`engine.matching.learn.score_one` scores one candidate for one job with the index's
component functions on one-row arrays; called once per job, per page, per "what to learn
next" option, it is most of the candidate's page (≈ 6,000 calls at 1,000 jobs). Here the
same arithmetic runs over all jobs in one pass: :class:`JobColumns` holds the jobs' plans as
arrays (compiled once per set of plans and cached by the caller), and
:class:`CandidateOnJobs` scores one candidate against them, keeping every part that does not
depend on the candidate's skills, so that trying one more skill costs only the two skill
coverages.

Bit-equal to ``score_one``: the same float32 operations in the same order (sums in
requirement order through ``np.add.at``, which applies its additions in index order; maxima
do not depend on order). ``engine/tests/test_matching_jobset.py`` checks it on every job.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.matching.features import CandidateFeatures
from engine.matching.index import CandidateIndex
from engine.matching.params import ATTRIBUTES, COMPONENTS, MatchingParams
from engine.matching.reference import candidate_rows
from engine.matching.score import NO_DAY, CandidateRows, JobPlan, quantise

F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]
BOOL = npt.NDArray[np.bool_]
_SKILLS_REQUIRED, _SKILLS_NICE = (
    COMPONENTS.index("skills_required"),
    COMPONENTS.index("skills_nice"),
)


@dataclass(frozen=True)
class _Requirements:
    """Must-have (or nice-to-have) skills of all jobs, flattened in job then list order, and
    their relation rows sorted by the held column that gives the credit."""

    plan: I64  # entry -> job row
    importance: F32
    min_years: F32  # 0 for nice-to-have
    hard: BOOL
    weight: F32  # per job: the coverage's denominator
    present: BOOL  # per job: the list is not empty
    rel_col: npt.NDArray[np.int32]  # relation rows, sorted by column
    rel_entry: I64
    rel_credit: F32
    rel_kind: npt.NDArray[np.int8]

    @classmethod
    def build(cls, plans: Sequence[JobPlan], nice: bool, cap_skills: float) -> _Requirements:
        plan_of: list[int] = []
        imp: list[float] = []
        mins: list[float] = []
        hard: list[bool] = []
        weight: list[float] = []
        present: list[bool] = []
        cols: list[npt.NDArray[np.int32]] = []
        entries: list[I64] = []
        credits: list[F32] = []
        kinds: list[npt.NDArray[np.int8]] = []
        for row, p in enumerate(plans):
            reqs = p.nice if nice else p.must
            n = len(reqs)
            present.append(n > 0)
            importances = [r.importance for r in reqs]
            weight.append(sum(importances) / n * min(n, cap_skills) if n else 1.0)
            for r in reqs:
                entry = len(plan_of)
                plan_of.append(row)
                imp.append(r.importance)
                mins.append(0.0 if nice else r.min_years)  # type: ignore[union-attr]
                hard.append(False if nice else r.is_hard)  # type: ignore[union-attr]
                cols.append(r.related.cols)
                credits.append(r.related.credit)
                kinds.append(r.related.kind)
                entries.append(np.full(len(r.related.cols), entry, np.int64))
        col = np.concatenate(cols).astype(np.int32) if cols else np.zeros(0, np.int32)
        order = np.argsort(col, kind="stable")
        return cls(
            plan=np.array(plan_of, np.int64),
            importance=np.array(imp, np.float32),
            min_years=np.array(mins, np.float32),
            hard=np.array(hard, bool),
            weight=np.array(weight, np.float32),
            present=np.array(present, bool),
            rel_col=col[order],
            rel_entry=(np.concatenate(entries) if entries else np.zeros(0, np.int64))[order],
            rel_credit=(
                np.concatenate(credits).astype(np.float32) if credits else np.zeros(0, np.float32)
            )[order],
            rel_kind=(np.concatenate(kinds).astype(np.int8) if kinds else np.zeros(0, np.int8))[
                order
            ],
        )

    def rows_for(self, cols: npt.NDArray[np.int32]) -> tuple[I64, I64]:
        """(relation rows whose column is one of ``cols``, the position in ``cols`` of each)."""
        lo = np.searchsorted(self.rel_col, cols, side="left")
        hi = np.searchsorted(self.rel_col, cols, side="right")
        lengths = hi - lo
        if not lengths.sum():
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        which = np.repeat(np.arange(len(cols)), lengths)
        starts = np.repeat(lo - np.cumsum(lengths) + lengths, lengths)
        return (starts + np.arange(int(lengths.sum()))).astype(np.int64), which

    def jobs_with(self, col: int, n_jobs: int) -> BOOL:
        """Jobs whose list gives credit for a held ``col`` (as ``col in related.lookup``)."""
        out = np.zeros(n_jobs, bool)
        rows, _ = self.rows_for(np.array([col], np.int32))
        out[self.plan[self.rel_entry[rows]]] = True
        return out

    def coverage(
        self, cols: npt.NDArray[np.int32], years: F32, floor: float, n_jobs: int
    ) -> tuple[F32, BOOL]:
        """(coverage per job, every hard requirement met per job) for held ``cols`` with
        ``years`` each (``score.credit_value`` and ``score.coverage``, in float32)."""
        rows, which = self.rows_for(cols)
        entry = self.rel_entry[rows]
        y = years[which]
        minimum = self.min_years[entry]
        rel = self.rel_credit[rows]
        safe = np.where(minimum > 0, minimum, np.float32(1)).astype(np.float32)
        grown = np.divide(y, safe, dtype=np.float32)
        np.minimum(grown, np.float32(1), out=grown)
        grown *= np.float32(1 - floor)
        grown += np.float32(floor)
        grown *= rel
        value = np.where(minimum > 0, grown, rel).astype(np.float32)
        cur = np.zeros(len(self.plan), np.float32)
        np.maximum.at(cur, entry, value)
        strong = np.zeros(len(self.plan), bool)
        strong[entry[(self.rel_kind[rows] <= 1) & (y >= minimum)]] = True
        total = np.zeros(n_jobs, np.float32)
        np.add.at(total, self.plan, (self.importance * cur).astype(np.float32))
        cov = np.minimum(total / self.weight, np.float32(1)).astype(np.float32)
        cov = np.where(self.present, cov, np.float32(1)).astype(np.float32)
        met = np.ones(n_jobs, bool)
        met[self.plan[self.hard & ~strong]] = False
        return cov, met


@dataclass(frozen=True)
class JobColumns:
    """Compiled jobs (:class:`JobPlan`) as columns. Build once per set of plans."""

    plans: tuple[JobPlan, ...]
    job_ids: I64
    weights: F32  # (jobs, components), COMPONENTS order
    min_experience: F32
    jlpt_rank: npt.NDArray[np.int16]
    jlpt_hard: BOOL
    english_rank: npt.NDArray[np.int16]
    degree_rank: npt.NDArray[np.int16]
    degree_hard: BOOL
    salary_max: F32
    remote: BOOL
    stay: F32  # location fit without relocation
    start_day: npt.NDArray[np.int32]
    query: F32  # (jobs, dim), int8 codes as float32
    query_scale: F32
    semantic_lo: F32
    semantic_hi: F32
    lexical_job: I64
    lexical_term: npt.NDArray[np.int32]
    lexical_idf: F32
    lexical_inv: F32
    must: _Requirements
    nice: _Requirements

    def __len__(self) -> int:
        return len(self.plans)

    @classmethod
    def build(cls, plans: Sequence[JobPlan], params: MatchingParams) -> JobColumns:
        plans = tuple(plans)
        cap = params.coverage_cap_skills
        loc = params.location
        dim = len(plans[0].query) if plans else 0
        lex = [(row, p) for row, p in enumerate(plans) for _ in range(len(p.lexical_terms))]
        return cls(
            plans=plans,
            job_ids=np.array([p.job_id for p in plans], np.int64),
            weights=np.array(
                [[p.weights[c] for c in COMPONENTS] for p in plans], np.float32
            ).reshape(len(plans), len(COMPONENTS)),
            min_experience=np.array([p.min_experience for p in plans], np.float32),
            jlpt_rank=np.array([p.jlpt_rank for p in plans], np.int16),
            jlpt_hard=np.array([p.jlpt_is_hard for p in plans], bool),
            english_rank=np.array([p.english_rank for p in plans], np.int16),
            degree_rank=np.array([p.degree_rank for p in plans], np.int16),
            degree_hard=np.array([p.degree_is_hard for p in plans], bool),
            salary_max=np.array([p.salary_max for p in plans], np.float32),
            remote=np.array([p.work_style == "remote" for p in plans], bool),
            stay=np.array(
                [
                    loc["remote"]
                    if p.work_style == "remote"
                    else loc[f"{p.work_style}_no_relocation"]
                    for p in plans
                ],
                np.float32,
            ),
            start_day=np.array([p.start_day for p in plans], np.int32),
            query=np.array([p.query for p in plans], np.float32).reshape(len(plans), dim),
            query_scale=np.array([p.query_scale for p in plans], np.float32),
            semantic_lo=np.array([p.semantic_lo for p in plans], np.float32),
            semantic_hi=np.array([p.semantic_hi for p in plans], np.float32),
            lexical_job=np.array([row for row, _ in lex], np.int64),
            lexical_term=(
                np.concatenate([p.lexical_terms for p in plans]).astype(np.int32)
                if plans
                else np.zeros(0, np.int32)
            ),
            lexical_idf=(
                np.concatenate([p.lexical_idf for p in plans]).astype(np.float32)
                if plans
                else np.zeros(0, np.float32)
            ),
            lexical_inv=np.array([p.lexical_inv for p in plans], np.float32),
            must=_Requirements.build(plans, False, cap),
            nice=_Requirements.build(plans, True, cap),
        )

    def asking(self, col: int) -> BOOL:
        """Jobs that would count a held ``col`` (in a must-have or a nice-to-have list)."""
        n = len(self.plans)
        return self.must.jobs_with(col, n) | self.nice.jobs_with(col, n)


def held_columns(index: CandidateIndex, features: CandidateFeatures) -> dict[int, float]:
    """The candidate's skills as taxonomy column -> years (the most, where two ids share a
    column); skills outside the taxonomy are left out."""
    held: dict[int, float] = {}
    for s in features.skills:
        col = index.relations_.col_.get(s.skill_id)
        if col is not None:
            held[col] = max(held.get(col, 0.0), float(s.years))
    return held


def candidate_vector(
    index: CandidateIndex, features: CandidateFeatures
) -> tuple[npt.NDArray[np.int8], F32]:
    """(int8 codes, scale), one row: the indexed vector, else the embedder's encoding of
    ``features.text``."""
    row = index.row_of_.get(features.candidate_id)
    if row is not None:
        return index.codes_[[row]], index.cols_["scale"][[row]]
    return quantise(index._embedder().encode([features.text]))


def _level_fit(held: int, required: npt.NDArray[np.int16], step: float) -> F32:
    table = np.float32(step) ** np.arange(8, dtype=np.float32)
    gap = np.maximum(required - np.int16(held), 0)
    out: F32 = table[np.minimum(gap, 7)].astype(np.float32)
    return out


class CandidateOnJobs:
    """One candidate scored against :class:`JobColumns`, as ``score_one`` scores one job.

    ``index`` gives the skill columns, BM25 statistics, the stored text vector (or the
    embedder, for a candidate not indexed) and the parameters. Everything but the two skill
    coverages is computed once; :meth:`scores` then takes any set of held skills.
    """

    def __init__(
        self, index: CandidateIndex, features: CandidateFeatures, jobs: JobColumns
    ) -> None:
        self.jobs = jobs
        self.features = features
        params = index.params_
        self.floor = params.years_floor
        self.held = held_columns(index, features)
        n = len(jobs)
        rows = candidate_rows([features])
        parts = np.zeros((n, len(COMPONENTS)), np.float32)
        known = np.ones((n, len(COMPONENTS)), np.float32)
        for c, (value, is_known) in self._attributes(rows, params).items():
            parts[:, COMPONENTS.index(c)] = value * is_known
            known[:, COMPONENTS.index(c)] = is_known
        # lexical
        terms, weights, length = index.lexical_.document(features.text)
        pos = np.searchsorted(terms, jobs.lexical_term)
        pos_safe = np.minimum(pos, max(len(terms) - 1, 0))
        found = (pos < len(terms)) & (
            terms[pos_safe] == jobs.lexical_term if len(terms) else np.zeros(0, bool)
        )
        w = (
            np.where(found, weights[pos_safe], np.float32(0)).astype(np.float32)
            if len(terms)
            else np.zeros(len(jobs.lexical_term), np.float32)
        )
        lex = np.zeros(n, np.float32)
        np.add.at(lex, jobs.lexical_job, (jobs.lexical_idf * w).astype(np.float32))
        at = COMPONENTS.index("lexical")
        parts[:, at] = (lex / (lex + jobs.lexical_inv)).astype(np.float32)
        known[:, at] = np.float32(length > 0)
        # semantic
        codes, scale = candidate_vector(index, features)
        # (no open job at all: the plans give no vector length to multiply with)
        dots = jobs.query @ codes[0].astype(np.float32) if n else np.zeros(0, np.float32)
        cos = dots * scale[0] * jobs.query_scale
        at = COMPONENTS.index("semantic")
        parts[:, at] = np.clip(
            (cos - jobs.semantic_lo) / (jobs.semantic_hi - jobs.semantic_lo),
            np.float32(0),
            np.float32(1),
        ).astype(np.float32)
        known[:, at] = np.float32(scale[0] > 0)
        self.parts, self.known = parts, known
        self.denominator = self._weighted(known)
        levels = np.ones(n, bool)
        jlpt, degree = int(rows.jlpt[0]), int(rows.degree[0])
        levels &= ~(jobs.jlpt_hard & (jobs.jlpt_rank > 0)) | (jlpt >= jobs.jlpt_rank)
        levels &= ~(jobs.degree_hard & (jobs.degree_rank > 0)) | (degree >= jobs.degree_rank)
        self.levels_ok = levels & bool(features.consent)

    def _attributes(
        self, rows: CandidateRows, params: MatchingParams
    ) -> dict[str, tuple[F32, np.float32]]:
        jobs, step = self.jobs, params.level_step
        years = rows.experience[0]
        minexp = jobs.min_experience
        safe = np.where(minexp > 0, minexp, np.float32(1)).astype(np.float32)
        experience = np.where(
            minexp > 0, np.minimum(np.float32(1), years / safe), np.float32(1)
        ).astype(np.float32)
        jlpt = int(rows.jlpt[0])
        fit = _level_fit(jlpt, jobs.jlpt_rank, step["japanese"])
        verified = bool(rows.jlpt_verified[0]) or jlpt == 0
        japanese = fit if verified else (fit * np.float32(params.jlpt_declared_factor))
        expect, smax = rows.salary[0], jobs.salary_max
        safe_max = np.where(smax > 0, smax, np.float32(1)).astype(np.float32)
        over = (expect - safe_max) / (safe_max * np.float32(params.salary_tolerance))
        salary_fit = np.maximum(np.float32(0), np.float32(1) - over)
        salary = np.where(
            (smax <= 0) | (expect <= 0) | (expect <= smax), np.float32(1), salary_fit
        ).astype(np.float32)
        location = (
            np.where(jobs.remote, jobs.stay, np.float32(1)) if bool(rows.relocate[0]) else jobs.stay
        ).astype(np.float32)
        available = rows.available[0]
        late = (available - jobs.start_day).astype(np.float32)
        avail_fit = np.maximum(
            np.float32(0), np.float32(1) - late / np.float32(params.availability_grace_days)
        )
        availability = np.where(
            (jobs.start_day == NO_DAY) | (available == NO_DAY) | (late <= 0),
            np.float32(1),
            avail_fit,
        ).astype(np.float32)
        one = np.float32(1)
        values = {
            "experience": (experience, one),
            "japanese": (japanese.astype(np.float32), one),
            "english": (
                _level_fit(int(rows.english[0]), jobs.english_rank, step["english"]),
                np.float32(rows.english[0] > 0),
            ),
            "education": (
                _level_fit(int(rows.degree[0]), jobs.degree_rank, step["education"]),
                np.float32(rows.degree[0] > 0),
            ),
            "salary": (salary, np.float32(rows.salary[0] > 0)),
            "location": (location, one),
            "availability": (availability, np.float32(available != NO_DAY)),
        }
        return {c: values[c] for c in ATTRIBUTES}

    def _weighted(self, parts: F32) -> F32:
        w = self.jobs.weights
        total = w[:, 0] * parts[:, 0]
        for c in range(1, len(COMPONENTS)):
            total = total + w[:, c] * parts[:, c]
        out: F32 = total.astype(np.float32)
        return out

    def scores(self, held: Mapping[int, float] | None = None) -> tuple[F32, BOOL]:
        """(score per job, eligible per job) with ``held`` skills (column -> years; default:
        the candidate's own)."""
        held = self.held if held is None else held
        cols = np.array(sorted(held), np.int32)
        years = np.array([held[c] for c in sorted(held)], np.float32)
        n = len(self.jobs)
        required, met = self.jobs.must.coverage(cols, years, self.floor, n)
        nice, _ = self.jobs.nice.coverage(cols, years, self.floor, n)
        parts = self.parts.copy()
        parts[:, _SKILLS_REQUIRED] = required
        parts[:, _SKILLS_NICE] = nice
        numerator, den = self._weighted(parts), self.denominator
        safe = np.where(den > 0, den, np.float32(1)).astype(np.float32)
        score = np.where(den > 0, numerator / safe, np.float32(0)).astype(np.float32)
        return score, self.levels_ok & met
