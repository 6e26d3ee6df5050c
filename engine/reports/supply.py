"""Who is qualified for the open jobs, and which training would qualify the most (issue 14).

"Qualified" is exactly the matching engine's hard filters: ``CandidateIndex.eligible`` (indexed,
consenting, hard must-have skills with their years, hard JLPT and degree minimums), never a
keyword count. Jobs with the same hard requirements share one evaluation, so 10,000 jobs cost
as many passes over the index as they have distinct requirement sets.

A course teaches one skill (assumed at the largest minimum years the jobs ask, as
``engine.matching.learn_next`` assumes) or one JLPT step (N4 -> N3: the course is for people
one level below); a degree cannot be taught. A candidate is *unlocked* by a course when they
are consenting, qualified for no open job now, and the course alone makes them pass every hard
filter of at least one open job.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from engine.levels import JLPT_LEVELS
from engine.matching.index import CandidateIndex
from engine.matching.score import CandidateRows, JobPlan, eligible_by_levels

Mask = npt.NDArray[np.bool_]
Codes = npt.NDArray[np.integer]  # one group code per index row; -1: no group


@dataclass(frozen=True)
class SupplyJob:
    """An open job: its compiled requirements and how many people it hires."""

    plan: JobPlan
    openings: int


@dataclass(frozen=True)
class Qualification:
    """Per used index row: candidate id, whether qualified for at least one job, for how many
    jobs and openings. Per job: the size of its eligible pool, and the pool's head count per
    group code of each grouping given (e.g. {"province": array([...]), "gender": ...})."""

    candidate_ids: npt.NDArray[np.int64]
    qualified: Mask
    qualified_jobs: npt.NDArray[np.int32]
    qualified_openings: npt.NDArray[np.int64]
    job_pool: dict[int, int]
    job_pool_groups: dict[int, dict[str, npt.NDArray[np.int64]]]


@dataclass(frozen=True)
class TrainingOption:
    """One course for one group: ``kind`` "skill" (``value``: skill id) or "jlpt" (``value``:
    the level taught, e.g. "N3"), ``grouping`` (e.g. "city") and ``group`` (its code).
    ``cohort``: consenting members who would take it (lack the skill / are one level below);
    ``qualified``: those it would qualify; ``jobs`` and ``openings``: the open jobs (and their
    openings) that would gain a qualified candidate; ``candidate_ids``: who it qualifies."""

    kind: str
    value: str
    grouping: str
    group: int
    cohort: int
    qualified: int
    jobs: int
    openings: int
    candidate_ids: tuple[int, ...]


def _signature(plan: JobPlan) -> tuple[tuple[tuple[str, float], ...], int, int]:
    return (
        tuple((m.skill_id, m.min_years) for m in plan.must if m.is_hard),
        plan.jlpt_rank if plan.jlpt_is_hard else 0,
        plan.degree_rank if plan.degree_is_hard else 0,
    )


def _by_signature(jobs: Sequence[SupplyJob]) -> list[list[SupplyJob]]:
    groups: dict[tuple[tuple[tuple[str, float], ...], int, int], list[SupplyJob]] = {}
    for job in jobs:
        groups.setdefault(_signature(job.plan), []).append(job)
    return list(groups.values())


def _all(masks: list[Mask], n: int) -> Mask:
    out = np.ones(n, dtype=bool)
    for m in masks:
        out &= m
    return out


def supply_qualify(
    index: CandidateIndex,
    jobs: Sequence[SupplyJob],
    *,
    groups: Mapping[str, Codes] | None = None,
) -> Qualification:
    """Every indexed candidate against every open job through the hard filters."""
    n = index.n_
    qualified_jobs = np.zeros(n, dtype=np.int32)
    qualified_openings = np.zeros(n, dtype=np.int64)
    job_pool: dict[int, int] = {}
    job_pool_groups: dict[int, dict[str, npt.NDArray[np.int64]]] = {}
    groups = groups or {}
    for same in _by_signature(jobs):
        plan = same[0].plan
        mask = index.eligible(plan, _all(index.hard_skill_masks(plan), n))
        qualified_jobs += np.int32(len(same)) * mask
        qualified_openings += np.int64(sum(j.openings for j in same)) * mask
        pool = int(mask.sum())
        counts = {
            name: np.bincount(codes[mask & (codes >= 0)], minlength=int(codes.max(initial=0)) + 1)
            for name, codes in groups.items()
        }
        for job in same:
            job_pool[job.plan.job_id] = pool
            job_pool_groups[job.plan.job_id] = counts
    return Qualification(
        candidate_ids=np.asarray(index.cols_["ids"][:n], dtype=np.int64),
        qualified=qualified_jobs > 0,
        qualified_jobs=qualified_jobs,
        qualified_openings=qualified_openings,
        job_pool=job_pool,
        job_pool_groups=job_pool_groups,
    )


def training_unlocks(
    index: CandidateIndex,
    jobs: Sequence[SupplyJob],
    *,
    groupings: Mapping[str, Codes],
    qualified: Mask | None = None,
    limit: int = 50,
) -> list[TrainingOption]:
    """The courses (one skill, or one JLPT step) that would qualify the most consenting
    candidates who are qualified for no open job now, per group of each grouping (codes per
    index row, -1 for none), best first: most candidates qualified, then most openings.
    ``qualified``: the current ``Qualification.qualified`` (computed when not given).
    At most ``limit`` options per grouping."""
    n = index.n_
    c = index.cols_
    consenting = c["active"][:n] & c["consent"][:n]
    if qualified is None:
        qualified = supply_qualify(index, jobs).qualified
    waiting = consenting & ~qualified
    rows = index.rows_all()
    one_up = dataclasses.replace(
        rows, jlpt=np.minimum(rows.jlpt + 1, len(JLPT_LEVELS)).astype(np.int8)
    )
    unlocked: dict[tuple[str, str], Mask] = {}
    reach: dict[tuple[str, str, str, int], list[int]] = defaultdict(lambda: [0, 0])

    def credit(key: tuple[str, str], hit: Mask, same: list[SupplyJob]) -> None:
        if not hit.any():
            return
        if key in unlocked:
            unlocked[key] |= hit
        else:
            unlocked[key] = hit.copy()
        openings = sum(j.openings for j in same)
        for name, codes in groupings.items():
            for code in np.unique(codes[hit & (codes >= 0)]).tolist():
                acc = reach[(key[0], key[1], name, int(code))]
                acc[0] += len(same)
                acc[1] += openings

    for same in _by_signature(jobs):
        plan = same[0].plan
        masks = index.hard_skill_masks(plan)
        levels_ok = eligible_by_levels(rows, plan)
        hard_skills = [m.skill_id for m in plan.must if m.is_hard]
        for i, skill_id in enumerate(hard_skills):
            others = _all(masks[:i] + masks[i + 1 :], n)
            credit(("skill", skill_id), waiting & levels_ok & others & ~masks[i], same)
        if plan.jlpt_is_hard and plan.jlpt_rank:
            step = waiting & _all(masks, n) & ~levels_ok & _levels_ok(one_up, plan)
            for held in np.unique(rows.jlpt[step]).tolist():
                credit(("jlpt", JLPT_LEVELS[held]), step & (rows.jlpt == held), same)

    options: list[TrainingOption] = []
    for name, codes in groupings.items():
        mine: list[TrainingOption] = []
        for (kind, value), hit in unlocked.items():
            cohort_of = consenting & _lacking(index, rows, kind, value)
            per_group = np.bincount(
                codes[hit & (codes >= 0)], minlength=int(codes.max(initial=0)) + 1
            )
            cohort = np.bincount(
                codes[cohort_of & (codes >= 0)], minlength=int(codes.max(initial=0)) + 1
            )
            for code in np.flatnonzero(per_group).tolist():
                jobs_n, openings = reach[(kind, value, name, code)]
                ids = index.cols_["ids"][:n][hit & (codes == code)]
                mine.append(
                    TrainingOption(
                        kind=kind,
                        value=value,
                        grouping=name,
                        group=code,
                        cohort=int(cohort[code]),
                        qualified=int(per_group[code]),
                        jobs=jobs_n,
                        openings=openings,
                        candidate_ids=tuple(sorted(int(x) for x in ids)),
                    )
                )
        mine.sort(key=lambda o: (-o.qualified, -o.openings, o.kind, o.value, o.group))
        options.extend(mine[:limit])
    return options


def _levels_ok(rows: CandidateRows, plan: JobPlan) -> Mask:
    out: Mask = eligible_by_levels(rows, plan)
    return out


def _lacking(index: CandidateIndex, rows: CandidateRows, kind: str, value: str) -> Mask:
    """Rows a course of ``kind``/``value`` is for: those without the skill (exactly that
    skill), or those one JLPT level below the level taught."""
    n = index.n_
    if kind == "jlpt":
        out: Mask = rows.jlpt == np.int8(JLPT_LEVELS.index(value))
        return out
    has = np.zeros(n, dtype=bool)
    col = index.relations_.col_.get(value)
    if col is not None:
        for r, _years in index._columns(col):
            has[r] = True
    return ~has
