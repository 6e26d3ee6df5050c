"""Shortlists for jobs and recommendations for candidates, from the matching engine."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

from django.http import Http404
from django.utils.translation import get_language

from engine.levels import jlpt_rank
from engine.matching import JobPlan, Match, job_thresholds, learn_next, score_one, top_jobs
from engine.pipeline import pipeline
from engine.shortlist_balance import (
    AllocationFigures,
    allocation_capped,
    allocation_figures,
    allocation_shortlists,
    blocking_pairs,
    shortlist_balance,
    shortlist_independent,
    shortlist_problem,
)
from kakehashi.candidates.models import CandidateProfile
from kakehashi.candidates.selectors import profiles_visible_to_employers
from kakehashi.employers.selectors import employer_member_is
from kakehashi.jobs.models import Job
from kakehashi.jobs.selectors import job_get_for_user, jobs_public
from kakehashi.matching.adapters import candidate_features, job_requirements
from kakehashi.matching.store import index_get, index_if_built, index_version
from kakehashi.pipeline.labels import STAGE_LABELS
from kakehashi.pipeline.models import Application

_PLANS: dict[tuple[int, str, str], JobPlan] = {}
_THRESHOLDS: dict[str, dict[int, float]] = {}
_LOCK = threading.Lock()


def _lang() -> str:
    lang = get_language() or "en"
    return lang if lang in ("en", "ja", "ur") else "en"


def job_plans(jobs: list[Job]) -> list[JobPlan]:
    """Compiled jobs, cached per process by (job, last change, index version): compiling
    embeds the job's text, which is the slow part."""
    index = index_get()
    version = index_version()
    out, missing = [], []
    for job in jobs:
        key = (job.pk, job.updated_at.isoformat(), version)
        if key in _PLANS:
            out.append(_PLANS[key])
        else:
            missing.append(job)
    for job, req in zip(missing, job_requirements(missing), strict=True):
        plan = index.plan(req)
        with _LOCK:
            _PLANS[(job.pk, job.updated_at.isoformat(), version)] = plan
        out.append(plan)
    order = {j.pk: i for i, j in enumerate(jobs)}
    return sorted(out, key=lambda p: order[p.job_id])


@dataclass(frozen=True)
class ShortlistRow:
    match: Match
    profile: CandidateProfile
    stage: str | None
    sentence: str


def shortlist_job_get_for_user(*, job_id: int, user) -> Job:
    """The door to a job's ranked candidates: the job's verified company and ministry officers
    (all sub-roles: the list is blind); 404 for everyone else."""
    job = job_get_for_user(job_id=job_id, user=user)
    if not user.is_authenticated or not (
        user.has_duty("reports")
        or employer_member_is(user, employer_id=job.employer_id, terms=True)
    ):
        raise Http404
    return job


def job_shortlist_for_user(
    *, job_id: int, user, k: int = 50, jlpt_min: str = "", city: str = "", min_score: float = 0.0
) -> tuple[Job, list[ShortlistRow]]:
    """The ranked, explained, blind shortlist of a job, through its door. Filters apply after
    ranking."""
    job = shortlist_job_get_for_user(job_id=job_id, user=user)
    index = index_get()
    plan = job_plans([job])[0]
    matches = index.top_candidates(plan, k=max(k * 4, 200), explain=True)
    # The index only ranks; whether a candidate may be shown is read from the database now
    # (a withdrawal counts at once, even before the index is refreshed).
    profiles = profiles_visible_to_employers().in_bulk([m.candidate_id for m in matches])
    stages = dict(job.applications.values_list("candidate_id", "stage"))
    rows = []
    for m in matches:
        p = profiles.get(m.candidate_id)
        if p is None or m.score < min_score:
            continue
        if jlpt_min and jlpt_rank(p.jlpt_level or None) < jlpt_rank(jlpt_min):
            continue
        if city and p.city != city:
            continue
        sentence = m.explanation.sentences.get(_lang(), "") if m.explanation else ""
        stage = stages.get(p.pk)
        rows.append(ShortlistRow(m, p, str(STAGE_LABELS[stage]) if stage else None, sentence))
        if len(rows) == k:
            break
    return job, rows


@dataclass(frozen=True)
class Recommendations:
    matches: list[tuple[Match, Job]]
    learn_kind: str | None
    learn_value: str | None
    learn_jobs: list[Job]


def candidate_recommendations(*, profile: CandidateProfile, k: int = 10) -> Recommendations:
    """The best open jobs for the candidate with why and what is missing, and the single
    skill or JLPT step that would put them in the top 50 of the most jobs."""
    index = index_get()
    # Consent gates being *shown* to employers, not seeing jobs: score as if consenting.
    features = replace(candidate_features([profile.pk])[0], consent=True)
    jobs = list(jobs_public())
    plans = job_plans(jobs)
    by_id = {j.pk: j for j in jobs}
    best = top_jobs(index, features, plans, k=k)
    version = index_version()
    if version not in _THRESHOLDS:
        _THRESHOLDS.clear()
        _THRESHOLDS[version] = job_thresholds(index, plans, 50)
    step = learn_next(index, features, plans, k=50, thresholds=_THRESHOLDS[version])
    return Recommendations(
        matches=[(m, by_id[m.job_id]) for m in best],
        learn_kind=step.kind if step else None,
        learn_value=step.value if step else None,
        learn_jobs=[by_id[j] for j in (step.job_ids if step else ()) if j in by_id][:5],
    )


def match_score_one(*, job: Job, profile_id: int, as_shown: bool = True):
    """One candidate scored alone for one job (engine score_one: never a re-ranking of the
    job), or None when the profile does not exist. With ``as_shown`` the candidate's consent
    counts as it stands in the database now (an employer's view); without, the score is the
    one the candidate would have if visible."""
    features = candidate_features([profile_id])
    if not features:
        return None
    f = features[0] if as_shown else replace(features[0], consent=True)
    return score_one(index_get(), f, job_plans([job])[0])


def match_scores(*, job: Job, profile_ids: list[int]) -> dict[int, float]:
    """Score in [0, 1] of each given candidate for a job (0 when a hard filter fails); empty
    while no index has been built (callers then use a neutral priority)."""
    index = index_if_built()
    if index is None:
        return {}
    plan = job_plans([job])[0]
    return {
        f.candidate_id: float(score_one(index, replace(f, consent=True), plan).score)
        for f in candidate_features(profile_ids)
    }


@dataclass(frozen=True)
class BalancedJob:
    """One job's part of a balanced allocation: ``places`` are the candidates proposed to it
    as (profile id, score in [0, 1]), best first; ``in_pipeline`` counts the candidates it
    already has (they fill part of its k); ``own_top_lost`` how many of its own top-k
    candidates are on more than c lists and would drop it."""

    job: Job
    places: list[tuple[int, float]]
    in_pipeline: int
    own_top_lost: int


@dataclass(frozen=True)
class BalancedShortlists:
    """Shortlists balanced across several jobs (engine.shortlist_balance), with the figures
    of the allocation and of the jobs' independent top-k lists (raw, and once each candidate
    keeps only their c preferred)."""

    method: str
    places_per_job: int
    shortlists_per_candidate: int
    jobs: list[BalancedJob]
    figures: AllocationFigures
    independent: AllocationFigures
    independent_kept: AllocationFigures
    blocking_pairs: int


def shortlists_balanced(
    *,
    jobs: list[Job],
    places_per_job: int,
    shortlists_per_candidate: int,
    method: str = "optimal",
    ranked_per_job: int = 100,
) -> BalancedShortlists:
    """Balanced shortlists for several jobs recruiting at once (a mission's companies): each
    job gets up to ``places_per_job`` (k) candidates and no candidate is on more than
    ``shortlists_per_candidate`` (c) of these jobs' lists, from each job's top
    ``ranked_per_job`` visible candidates. Candidates already in a job's pipeline (at any
    stage not closed) count towards its k and their c and are not proposed again; closed
    ones (rejected, withdrawn, …) are not proposed either. ``method``: "optimal" (highest
    total score) or "stable" (no job and candidate would both rather be paired); another
    name raises ValueError."""
    index = index_get()
    plans = job_plans(jobs)
    ranked = {
        plan.job_id: index.top_candidates(plan, k=ranked_per_job, explain=False) for plan in plans
    }
    visible = set(
        profiles_visible_to_employers()
        .filter(pk__in={m.candidate_id for ms in ranked.values() for m in ms})
        .values_list("pk", flat=True)
    )
    closed = pipeline().terminal
    taken: set[tuple[int, int]] = set()
    job_live: dict[int, int] = {}
    candidate_live: dict[int, int] = {}
    for job_id, candidate_id, stage in Application.objects.filter(job__in=jobs).values_list(
        "job_id", "candidate_id", "stage"
    ):
        taken.add((job_id, candidate_id))
        if stage not in closed:
            job_live[job_id] = job_live.get(job_id, 0) + 1
            candidate_live[candidate_id] = candidate_live.get(candidate_id, 0) + 1
    scores = {
        job.pk: {
            m.candidate_id: float(m.score)
            for m in ranked[job.pk]
            if m.candidate_id in visible and (job.pk, m.candidate_id) not in taken and m.score > 0
        }
        for job in jobs
    }
    candidates = {c for row in scores.values() for c in row}
    problem = shortlist_problem(
        scores=scores,
        places_per_job={job.pk: max(0, places_per_job - job_live.get(job.pk, 0)) for job in jobs},
        shortlists_per_candidate={
            c: max(0, shortlists_per_candidate - candidate_live.get(c, 0)) for c in candidates
        },
    )
    allocation = shortlist_balance(problem, method=method)
    independent = shortlist_independent(problem)
    kept = allocation_capped(problem, independent)
    chosen = allocation_shortlists(problem, allocation)
    own, own_kept = (allocation_shortlists(problem, a) for a in (independent, kept))
    return BalancedShortlists(
        method=method,
        places_per_job=places_per_job,
        shortlists_per_candidate=shortlists_per_candidate,
        jobs=[
            BalancedJob(
                job=job,
                places=[(int(c), scores[job.pk][c]) for c in chosen[job.pk]],
                in_pipeline=job_live.get(job.pk, 0),
                own_top_lost=len(own[job.pk]) - len(own_kept[job.pk]),
            )
            for job in jobs
        ],
        figures=allocation_figures(problem, allocation),
        independent=allocation_figures(problem, independent),
        independent_kept=allocation_figures(problem, kept),
        blocking_pairs=int(blocking_pairs(problem, allocation).size),
    )
