"""Explainable candidate x job matching (issue 5). Pure Python + NumPy, no Django.

Public API::

    CandidateFeatures, SkillHeld, JobRequirements, SkillRequirement   (plain inputs)
    CandidateIndex(embedder=None, params=None, taxonomy_=None, seed_size=2048)
        .fit(features, embeddings=None) -> self
        .add(features, embedding=None) / .update(...) / .remove(candidate_id) / .compact()
        .save(directory) / CandidateIndex.load(directory, embedder=None, mmap=True)
        .plan(job, embedding=None) -> JobPlan
        .top_candidates(job_or_plan, k=50, explain=True, features=None) -> list[Match]
    JobColumns.build(plans, params)   (plans as columns: one candidate x all jobs in one pass)
    top_jobs(index, candidate, plans, k=20, columns=None) -> list[Match]
    learn_next_options(index, candidate, plans, k=50, thresholds=None, limit=3, columns=None)
        -> [LearnOption]
    learn_next(...) -> LearnOption | None   (the best of them)
    job_thresholds(index, plans, k, exclude=None) -> {job_id: score}
    Match(candidate_id, job_id, score, explanation)
    Explanation(components, weights, matched, missing, nice_matched, sentences, weights_version)
    Embedder protocol; embedder_get(name), embedder_default()
    rank_reference(...)  brute-force NumPy reference (tests, benchmarks)

Weights and parameters: ``engine/data/matching_weights.json``; see ``docs/matching.md``.
"""

from engine.matching.advice import LearnNext, LearnOption, learn_next, learn_next_options
from engine.matching.embed import Embedder, embedder_default, embedder_get
from engine.matching.explain import Explanation, SkillMatch
from engine.matching.features import CandidateFeatures, JobRequirements, SkillHeld, SkillRequirement
from engine.matching.index import CandidateIndex, Match
from engine.matching.jobset import CandidateOnJobs, JobColumns
from engine.matching.learn import job_thresholds, score_one, top_jobs
from engine.matching.params import COMPONENTS, MatchingParams, matching_params
from engine.matching.reference import rank_reference
from engine.matching.score import JobPlan

__all__ = [
    "COMPONENTS",
    "CandidateFeatures",
    "CandidateIndex",
    "CandidateOnJobs",
    "Embedder",
    "Explanation",
    "JobColumns",
    "JobPlan",
    "JobRequirements",
    "LearnNext",
    "LearnOption",
    "Match",
    "MatchingParams",
    "SkillHeld",
    "SkillMatch",
    "SkillRequirement",
    "embedder_default",
    "embedder_get",
    "job_thresholds",
    "learn_next",
    "learn_next_options",
    "matching_params",
    "rank_reference",
    "score_one",
    "top_jobs",
]
