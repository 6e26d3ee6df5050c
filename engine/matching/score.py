"""Score components as small vectorised functions, shared by the index and the reference.

Every function maps candidate arrays (one row per candidate) and one compiled job
(:class:`JobPlan`) to float32 values in [0, 1]. Both the index and the brute-force
reference call these same functions, element by element, so equal inputs give bit-equal
scores whatever subset of rows is scored.

Units: years (float), yen per year, days since 1970-01-01 (int32, -1 = not stated), levels as
ranks (``engine.levels``: 0 = none). Embeddings are stored as int8 with a per-vector scale;
their dot products are exact integers in float32 (|sum| < 2**24 for dim <= 1024).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import numpy.typing as npt

from engine.levels import degree_rank, english_rank, jlpt_rank
from engine.matching.features import JobRequirements
from engine.matching.lexical import LexicalModel
from engine.matching.params import ATTRIBUTES, COMPONENTS, SPARSE, MatchingParams, weights_check
from engine.matching.relations import Related, SkillRelations
from engine.matching.specificity import SkillSpecificity
from engine.taxonomy import Taxonomy

F32 = npt.NDArray[np.float32]
I8 = npt.NDArray[np.int8]
EPOCH = date(1970, 1, 1)
NO_DAY = -1


def day_number(day: date | None) -> int:
    """Days since 1970-01-01; -1 for ``None``."""
    return NO_DAY if day is None else (day - EPOCH).days


def quantise(vectors: npt.NDArray[np.floating]) -> tuple[I8, F32]:
    """Rows -> (int8 codes, float32 scale) with ``row ~= codes * scale``; zero rows stay zero."""
    v = np.asarray(vectors, dtype=np.float32)
    peak = np.max(np.abs(v), axis=1) if v.size else np.zeros(len(v), np.float32)
    scale = (peak / np.float32(127)).astype(np.float32)
    safe = np.where(scale > 0, scale, np.float32(1)).astype(np.float32)
    codes = np.rint(v / safe[:, None]).clip(-127, 127).astype(np.int8)
    return codes, scale


@dataclass(frozen=True, slots=True)
class MustPlan:
    skill_id: str
    col: int  # -1 when the skill is not in the taxonomy (nobody can match it)
    min_years: float
    is_hard: bool
    related: Related
    importance: float = 1.0  # weight in the coverage (engine.matching.specificity)


@dataclass(frozen=True, slots=True)
class NicePlan:
    skill_id: str
    col: int
    related: Related
    importance: float = 1.0


@dataclass(frozen=True)
class JobPlan:
    """A job compiled for scoring: effective weights (0 where a component does not apply,
    renormalised to sum 1), skill relation lists, level ranks and the quantised text vector."""

    job_id: int
    weights: Mapping[str, np.float32]
    must: tuple[MustPlan, ...]
    nice: tuple[NicePlan, ...]
    min_experience: np.float32
    jlpt_rank: int
    jlpt_is_hard: bool
    english_rank: int
    degree_rank: int
    degree_is_hard: bool
    salary_max: np.float32
    work_style: str
    start_day: int
    query: F32  # int8 codes as float32 (exact), shape (dim,)
    query_scale: np.float32
    semantic_lo: np.float32
    semantic_hi: np.float32
    #: BM25 query: distinct term ids, their idf, and the score worth one half
    lexical_terms: npt.NDArray[np.int32]
    lexical_idf: F32
    lexical_inv: np.float32

    @property
    def rest_after_sparse(self) -> np.float32:
        """Sum of the weights of every component after the sparse ones (skills, lexical)."""
        return np.float32(sum(float(self.weights[c]) for c in COMPONENTS[len(SPARSE) :]))


def job_plan(
    job: JobRequirements,
    *,
    relations: SkillRelations,
    params: MatchingParams,
    embedding: npt.NDArray[np.floating] | None,
    embedder_name: str,
    dim: int,
    lexical: LexicalModel | None = None,
    specificity: SkillSpecificity | None = None,
) -> JobPlan:
    """Compile ``job`` for scoring. ``embedding``: the job text's unit vector, or None;
    ``lexical``: the index's BM25 statistics (None: no lexical component); ``specificity``:
    skill importances (None: every listed skill by its category and requiredness only)."""
    weights_check(job.weights)
    spec = specificity or SkillSpecificity(params=params, taxonomy_=relations.taxonomy)

    def plan_related(sid: str) -> tuple[int, Related]:
        col = relations.col_.get(sid, -1)
        if col < 0:
            empty = Related(np.zeros(0, np.int32), np.zeros(0, np.float32), np.zeros(0, np.int8))
            return col, empty
        return col, relations.related(col)

    must = tuple(
        MustPlan(
            r.skill_id,
            *_pair(plan_related(r.skill_id), r.min_years, r.is_hard),
            importance=spec.importance(r.skill_id, is_hard=r.is_hard),
        )
        for r in job.must_skills
    )
    nice = tuple(
        NicePlan(sid, *plan_related(sid), importance=spec.importance(sid))
        for sid in job.nice_skills
        if sid not in _ids(must)
    )
    if lexical is not None and job.text.strip():
        lex_terms, lex_idf, lex_inv = lexical.query(
            lexical_query_text(job, relations.taxonomy), params.lexical_scale
        )
    else:
        lex_terms, lex_idf, lex_inv = np.zeros(0, np.int32), np.zeros(0, np.float32), np.float32(1)
    applies = {
        "skills_required": bool(must),
        "skills_nice": bool(nice),
        "lexical": len(lex_terms) > 0,
        "experience": job.min_experience_years > 0,
        "japanese": jlpt_rank(job.jlpt_min) > 0,
        "english": english_rank(job.english_level) > 0,
        "education": degree_rank(job.degree_level) > 0,
        "salary": bool(job.salary_max_jpy),
        "location": True,
        "availability": job.start_date is not None,
        "semantic": embedding is not None and bool(job.text.strip()),
    }
    raw = {
        c: float(job.weights.get(c, params.weights[c])) if applies[c] else 0.0 for c in COMPONENTS
    }
    total = sum(raw.values())
    if total <= 0:
        raise ValueError(f"job {job.job_id}: every applicable matching weight is zero")
    if embedding is not None:
        codes, scale = quantise(np.asarray(embedding, dtype=np.float32).reshape(1, -1))
        query, query_scale = codes[0].astype(np.float32), scale[0]
    else:
        query, query_scale = np.zeros(dim, np.float32), np.float32(0)
    lo, hi = params.calibration(embedder_name)
    return JobPlan(
        job_id=job.job_id,
        weights={c: np.float32(raw[c] / total) for c in COMPONENTS},
        must=must,
        nice=nice,
        min_experience=np.float32(job.min_experience_years),
        jlpt_rank=jlpt_rank(job.jlpt_min),
        jlpt_is_hard=job.jlpt_is_hard,
        english_rank=english_rank(job.english_level),
        degree_rank=degree_rank(job.degree_level),
        degree_is_hard=job.degree_is_hard,
        salary_max=np.float32(job.salary_max_jpy or 0),
        work_style=job.work_style,
        start_day=day_number(job.start_date),
        query=query,
        query_scale=np.float32(query_scale),
        semantic_lo=np.float32(lo),
        semantic_hi=np.float32(hi),
        lexical_terms=lex_terms,
        lexical_idf=lex_idf,
        lexical_inv=lex_inv,
    )


def lexical_query_text(job: JobRequirements, tax: Taxonomy) -> str:
    """What the lexical component searches for: the job's text, then the English and
    Japanese names of the skills it lists, so that a Japanese ad finds English CVs (and an
    English ad a Japanese self-introduction) through the taxonomy."""
    names: list[str] = []
    for sid in [r.skill_id for r in job.must_skills] + list(job.nice_skills):
        if sid in tax:
            skill = tax.get(sid)
            names.extend(n for n in (skill.name_en, skill.name_ja) if n)
    return "\n".join([job.text, " ".join(names)])


def _pair(
    col_rel: tuple[int, Related], min_years: float, is_hard: bool
) -> tuple[int, float, bool, Related]:
    return col_rel[0], float(min_years), is_hard, col_rel[1]


def _ids(must: tuple[MustPlan, ...]) -> set[str]:
    return {m.skill_id for m in must}


# --- components ---------------------------------------------------------------------------


def credit_value(relation: F32 | np.float32, years: F32, min_years: float, floor: float) -> F32:
    """Credit of a held skill for a required one: relation x years factor, in [0, 1].

    The years factor is 1 when no minimum is set, else ``floor + (1-floor)*min(1, held/min)``:
    holding the skill at all is worth ``floor``; the rest grows with the years held.
    """
    if min_years <= 0:
        return np.full(years.shape, relation, dtype=np.float32)
    out: F32 = np.divide(years, np.float32(min_years), dtype=np.float32)  # in place from here
    np.minimum(out, np.float32(1), out=out)
    out *= np.float32(1 - floor)
    out += np.float32(floor)
    out *= np.float32(relation)
    return out


def coverage(credits: list[F32], importances: list[float], n_rows: int, cap_skills: float) -> F32:
    """Importance-weighted mean of per-skill credits, summed in requirement order (1.0 when
    there are none). A list of more than ``cap_skills`` skills counts as ``cap_skills`` skills
    of its mean importance: ``min(1, sum(imp x credit) / (mean imp x min(n, cap)))``.
    The credit arrays are used as scratch space (their values are lost)."""
    if not credits:
        return np.ones(n_rows, np.float32)
    total = credits[0]  # 0 + the first term, without writing the zeros
    total *= np.float32(importances[0])
    for c, imp in zip(credits[1:], importances[1:], strict=True):
        c *= np.float32(imp)
        total += c
    n = len(credits)
    total /= np.float32(sum(importances) / n * min(n, cap_skills))
    out: F32 = np.minimum(total, np.float32(1), out=total)
    return out


def experience_fit(years: F32, plan: JobPlan) -> F32:
    """min(1, held / required) years of experience; 1 when nothing is required."""
    if plan.min_experience <= 0:
        return np.ones(len(years), np.float32)
    out: F32 = np.minimum(np.float32(1), years / plan.min_experience).astype(np.float32)
    return out


def japanese_fit(
    held: I8, verified: npt.NDArray[np.bool_], plan: JobPlan, step: float, declared: float
) -> F32:
    """The JLPT level fit, times ``declared`` when the level held is self-declared (a
    verified certificate counts in full)."""
    fit = level_fit(held, plan.jlpt_rank, step)
    out: F32 = np.where(verified | (held == 0), fit, fit * np.float32(declared)).astype(np.float32)
    return out


def level_fit(held: I8, required: int, step: float) -> F32:
    """1 when ``held >= required``; each missing level multiplies by ``step``."""
    table = np.float32(step) ** np.arange(8, dtype=np.float32)
    gap = np.maximum(np.int16(required) - held.astype(np.int16), 0)
    out: F32 = table[np.minimum(gap, 7)].astype(np.float32)
    return out


def salary_fit(expectation: F32, plan: JobPlan, tolerance: float) -> F32:
    """1 when the expectation is within the job's maximum; falls linearly to 0 at
    ``tolerance`` (a fraction of the maximum) above it. An unstated expectation is unknown
    (see :func:`attribute_known`), not a fit."""
    if plan.salary_max <= 0:
        return np.ones(len(expectation), np.float32)
    over = (expectation - plan.salary_max) / (plan.salary_max * np.float32(tolerance))
    fit = np.maximum(np.float32(0), np.float32(1) - over)
    out: F32 = np.where(
        (expectation <= 0) | (expectation <= plan.salary_max), np.float32(1), fit
    ).astype(np.float32)
    return out


def location_fit(
    relocate: npt.NDArray[np.bool_], plan: JobPlan, values: Mapping[str, float]
) -> F32:
    """Remote jobs fit everyone; on-site and hybrid jobs need a willingness to relocate."""
    if plan.work_style == "remote":
        return np.full(len(relocate), np.float32(values["remote"]), np.float32)
    stay = np.float32(values[f"{plan.work_style}_no_relocation"])
    out: F32 = np.where(relocate, np.float32(1), stay).astype(np.float32)
    return out


def availability_fit(available_day: npt.NDArray[np.int32], plan: JobPlan, grace_days: float) -> F32:
    """1 when available by the start date (or unstated); falls to 0 ``grace_days`` later."""
    if plan.start_day == NO_DAY:
        return np.ones(len(available_day), np.float32)
    late = (available_day - np.int32(plan.start_day)).astype(np.float32)
    fit = np.maximum(np.float32(0), np.float32(1) - late / np.float32(grace_days))
    out: F32 = np.where((available_day == NO_DAY) | (late <= 0), np.float32(1), fit).astype(
        np.float32
    )
    return out


def semantic_fit(codes: I8, scale: F32, plan: JobPlan) -> F32:
    """Calibrated cosine of the stored int8 vectors: clip((cos - lo) / (hi - lo), 0, 1)."""
    dots = codes.astype(np.float32) @ plan.query  # exact integers: order of summation is moot
    cos = dots * scale * plan.query_scale
    out: F32 = np.clip(
        (cos - plan.semantic_lo) / (plan.semantic_hi - plan.semantic_lo),
        np.float32(0),
        np.float32(1),
    ).astype(np.float32)
    return out


@dataclass(frozen=True, slots=True)
class CandidateRows:
    """Columnar attributes of some candidates (one row each), as the index stores them."""

    experience: F32
    jlpt: I8
    english: I8
    degree: I8
    salary: F32
    relocate: npt.NDArray[np.bool_]
    available: npt.NDArray[np.int32]
    jlpt_verified: npt.NDArray[np.bool_]

    def __len__(self) -> int:
        return len(self.experience)


def attribute_components(
    rows: CandidateRows, plan: JobPlan, params: MatchingParams
) -> dict[str, F32]:
    """Every component except the sparse and semantic ones, for these rows; 0 where the
    candidate's datum is unknown (:func:`attribute_known`)."""
    step = params.level_step
    known = attribute_known(rows)
    values = {
        "experience": experience_fit(rows.experience, plan),
        "japanese": japanese_fit(
            rows.jlpt, rows.jlpt_verified, plan, step["japanese"], params.jlpt_declared_factor
        ),
        "english": level_fit(rows.english, plan.english_rank, step["english"]),
        "education": level_fit(rows.degree, plan.degree_rank, step["education"]),
        "salary": salary_fit(rows.salary, plan, params.salary_tolerance),
        "location": location_fit(rows.relocate, plan, params.location),
        "availability": availability_fit(rows.available, plan, params.availability_grace_days),
    }
    return {c: (values[c] * known[c]).astype(np.float32) for c in ATTRIBUTES}


def attribute_known(rows: CandidateRows) -> dict[str, F32]:
    """1.0 where the candidate's datum for a component is known, 0.0 where it is not.

    Unknown: English level, degree, salary expectation and available date left empty.
    Experience, JLPT (none is a level: no certificate) and relocation are always known.
    """
    one = np.ones(len(rows), np.float32)
    return {
        "experience": one,
        "japanese": one,
        "english": (rows.english > 0).astype(np.float32),
        "education": (rows.degree > 0).astype(np.float32),
        "salary": (rows.salary > 0).astype(np.float32),
        "location": one,
        "availability": (rows.available != NO_DAY).astype(np.float32),
    }


def normalised(numerator: F32, denominator: F32) -> F32:
    """The score: weighted sum over the known components / their weights (0 when none)."""
    safe = np.where(denominator > 0, denominator, np.float32(1)).astype(np.float32)
    out: F32 = np.where(denominator > 0, numerator / safe, np.float32(0)).astype(np.float32)
    return out


def weighted_sum(
    plan: JobPlan, parts: Mapping[str, F32], names: tuple[str, ...], start: F32 | None = None
) -> F32:
    """``start + sum(weight * part)`` over ``names`` in that order (float32, fixed order)."""
    total = start
    for name in names:
        term = plan.weights[name] * parts[name]
        if total is None:
            total = term
        elif total is start:
            total = total + term  # ``start`` is the caller's: not written
        else:
            total += term
    assert total is not None
    out: F32 = total.astype(np.float32, copy=False)
    return out


def eligible_by_levels(rows: CandidateRows, plan: JobPlan) -> npt.NDArray[np.bool_]:
    """Hard JLPT and degree minimums (consent and hard skills are checked by the caller)."""
    ok = np.ones(len(rows), dtype=bool)
    if plan.jlpt_is_hard and plan.jlpt_rank:
        ok &= rows.jlpt >= plan.jlpt_rank
    if plan.degree_is_hard and plan.degree_rank:
        ok &= rows.degree >= plan.degree_rank
    return ok
