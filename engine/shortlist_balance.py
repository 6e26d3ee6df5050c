"""Balanced shortlists across employers: shortlist places as a many-to-many matching.

When many employers recruit at once (a hiring mission), independent per-job top-k lists put
the same few strong candidates on every shortlist: a candidate can only follow up so many
interviews, so the places they hold beyond that are lost and some employers end up with
nobody. Here each job ``j`` offers up to ``k_j`` places, each candidate ``i`` takes at most
``c_i`` of them, and only the pairs a job actually ranked (its top-M candidates, a sparse score
matrix) are edges.

Public API (pure functions over frozen dataclasses of NumPy arrays; no Django)::

    shortlist_problem(scores=..., places_per_job=10, shortlists_per_candidate=5,
                      candidate_preferences=None) -> ShortlistProblem
    shortlist_balance(problem, method="optimal" | "stable" | "independent", ...)
        -> ShortlistAllocation
    shortlist_optimal(problem)      max total score, min-cost flow (OR-Tools), integral optimum
    shortlist_stable(problem)       deferred acceptance, zero blocking pairs
    shortlist_independent(problem)  each job's own top k, candidate limits ignored (baseline)
    allocation_capped(problem, allocation)   each candidate keeps its c preferred places
    allocation_violations(problem, allocation) -> list[str]   [] when capacities hold
    blocking_pairs(problem, allocation) -> edge indices        empty when stable
    allocation_figures(problem, allocation) -> AllocationFigures
    allocation_shortlists(problem, allocation) -> {job_id: (candidate_id, ...)}
    problem_errors(problem) -> list[str]    data errors; every solver raises ValueError on them
    job_ranks(problem), candidate_ranks(problem)   each edge's place in either side's order

Orders (strict, so that stability is well defined when scores tie): a job prefers a higher
score, then the lower candidate index; a candidate prefers a higher preference value (by
default the score: its own ranking of the jobs by match), then the lower job index.
Scores are the matching engine's scores (dimensionless, ≥ 0, usually in [0, 1]).
"""

from __future__ import annotations

import heapq
import math
import time
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from ortools.graph.python import min_cost_flow

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]

METHODS = ("optimal", "stable", "independent")
PROPOSING = ("candidates", "jobs")


@dataclass(frozen=True, eq=False)
class ShortlistProblem:
    """Who may be shortlisted where, with how many places on each side.

    Edge ``e`` says job ``edge_job[e]`` ranked candidate ``edge_candidate[e]`` with score
    ``edge_score[e]`` (≥ 0, dimensionless). ``job_capacity[j]`` is the job's *k* (places on its
    shortlist), ``candidate_capacity[i]`` the candidate's *c* (shortlists they may be on).
    ``edge_preference[e]`` is how much the candidate wants that job (higher is better; only the
    order within one candidate matters); ``None`` means the score. ``job_ids`` and
    ``candidate_ids`` name the indices for callers (``None``: the indices themselves).
    Build one with :func:`shortlist_problem` or directly from arrays; solvers validate it.
    """

    edge_job: I64
    edge_candidate: I64
    edge_score: F64
    job_capacity: I64
    candidate_capacity: I64
    edge_preference: F64 | None = None
    job_ids: tuple[Hashable, ...] | None = None
    candidate_ids: tuple[Hashable, ...] | None = None

    @property
    def jobs(self) -> int:
        return int(self.job_capacity.shape[0])

    @property
    def candidates(self) -> int:
        return int(self.candidate_capacity.shape[0])

    @property
    def edges(self) -> int:
        return int(self.edge_job.shape[0])

    def preference(self) -> F64:
        """The candidates' preference value of each edge (the score unless given)."""
        return self.edge_score if self.edge_preference is None else self.edge_preference


@dataclass(frozen=True, eq=False)
class ShortlistAllocation:
    """The places given: ``edges`` are indices into the problem's edge arrays, sorted by job
    and, within a job, best score first. ``total_score`` is their summed score; ``wall_s`` the
    seconds the method took; ``proposals`` the offers made (deferred acceptance only)."""

    method: str
    edges: I64
    total_score: float
    wall_s: float
    proposals: int = 0


@dataclass(frozen=True)
class AllocationFigures:
    """How an allocation treats employers and candidates.

    ``jobs_empty``: jobs that ranked someone and offer places but got nobody. ``jobs_short``:
    jobs with fewer places filled than ``min(k, candidates ranked)`` (the empty ones included).
    ``top1pct_share``: share of all places held by the 1 % of candidates (of the whole
    problem, at least one) holding the most places. ``mean_score``: mean score per place.
    ``candidates_over``: candidates on more shortlists than their *c*.
    """

    places: int
    jobs: int
    jobs_empty: int
    jobs_short: int
    candidates_placed: int
    candidates_over: int
    max_places_per_candidate: int
    top1pct_share: float
    mean_score: float
    total_score: float


def shortlist_problem(
    *,
    scores: Mapping[Hashable, Mapping[Hashable, float]],
    places_per_job: int | Mapping[Hashable, int],
    shortlists_per_candidate: int | Mapping[Hashable, int],
    candidate_preferences: Mapping[Hashable, Sequence[Hashable]] | None = None,
) -> ShortlistProblem:
    """A problem from ``scores[job_id][candidate_id]`` (only the pairs each job ranked).

    ``places_per_job`` (*k*) and ``shortlists_per_candidate`` (*c*) are one number for all or
    a number per id (missing ids get 0). ``candidate_preferences[candidate_id]`` is that
    candidate's own ranking of jobs, best first: the jobs they list come before the others
    (which keep the score order); pairs no job ranked are ignored. Ids keep first-seen order.
    """
    job_ids = tuple(scores)
    job_index = {j: n for n, j in enumerate(job_ids)}
    cand_index: dict[Hashable, int] = {}
    jobs_col: list[int] = []
    cands_col: list[int] = []
    score_col: list[float] = []
    for job_id, ranked in scores.items():
        for cand_id, score in ranked.items():
            jobs_col.append(job_index[job_id])
            cands_col.append(cand_index.setdefault(cand_id, len(cand_index)))
            score_col.append(float(score))
    cand_ids = tuple(cand_index)

    def capacity(spec: int | Mapping[Hashable, int], ids: tuple[Hashable, ...]) -> I64:
        if isinstance(spec, int):
            return np.full(len(ids), spec, dtype=np.int64)
        return np.array([int(spec.get(x, 0)) for x in ids], dtype=np.int64)

    edge_score = np.array(score_col, dtype=np.float64)
    preference: F64 | None = None
    if candidate_preferences is not None:
        # Listed jobs outrank every unlisted one: their values sit above the highest score.
        top = float(edge_score.max()) + 1.0 if edge_score.size else 1.0
        preference = edge_score.copy()
        listed: dict[tuple[int, int], float] = {}
        for cand_id, ranking in candidate_preferences.items():
            if cand_id not in cand_index:
                continue
            for pos, job_id in enumerate(ranking):
                if job_id in job_index:
                    listed.setdefault(
                        (cand_index[cand_id], job_index[job_id]), top + len(ranking) - pos
                    )
        for e, (i, j) in enumerate(zip(cands_col, jobs_col, strict=True)):
            if (i, j) in listed:
                preference[e] = listed[(i, j)]
    return ShortlistProblem(
        edge_job=np.array(jobs_col, dtype=np.int64),
        edge_candidate=np.array(cands_col, dtype=np.int64),
        edge_score=edge_score,
        job_capacity=capacity(places_per_job, job_ids),
        candidate_capacity=capacity(shortlists_per_candidate, cand_ids),
        edge_preference=preference,
        job_ids=job_ids,
        candidate_ids=cand_ids,
    )


def problem_errors(problem: ShortlistProblem) -> list[str]:
    """What is wrong with the problem's data ([] when it can be solved)."""
    p = problem
    e = p.edges
    errors = []
    for name in ("edge_candidate", "edge_score"):
        if getattr(p, name).shape != (e,):
            errors.append(f"{name} must have one value per edge ({e})")
    if p.edge_preference is not None and p.edge_preference.shape != (e,):
        errors.append(f"edge_preference must have one value per edge ({e})")
    if p.job_capacity.ndim != 1 or p.candidate_capacity.ndim != 1:
        errors.append("capacities must be one-dimensional arrays")
    if errors:
        return errors
    if e and (p.edge_job.min() < 0 or p.edge_job.max() >= p.jobs):
        errors.append(f"edge_job must be job indices in [0, {p.jobs})")
    if e and (p.edge_candidate.min() < 0 or p.edge_candidate.max() >= p.candidates):
        errors.append(f"edge_candidate must be candidate indices in [0, {p.candidates})")
    if not np.all(np.isfinite(p.edge_score)) or (e and p.edge_score.min() < 0):
        errors.append("edge_score must be finite and ≥ 0")
    if p.edge_preference is not None and not np.all(np.isfinite(p.edge_preference)):
        errors.append("edge_preference must be finite")
    if (p.jobs and p.job_capacity.min() < 0) or (p.candidates and p.candidate_capacity.min() < 0):
        errors.append("capacities must be ≥ 0")
    if p.job_ids is not None and len(p.job_ids) != p.jobs:
        errors.append("job_ids must name every job")
    if p.candidate_ids is not None and len(p.candidate_ids) != p.candidates:
        errors.append("candidate_ids must name every candidate")
    if not errors and e:
        pair = p.edge_job * p.candidates + p.edge_candidate
        if np.unique(pair).shape[0] != e:
            errors.append("a job ranks the same candidate twice (duplicate edge)")
    return errors


def _check(problem: ShortlistProblem) -> None:
    errors = problem_errors(problem)
    if errors:
        raise ValueError("; ".join(errors))


def job_ranks(problem: ShortlistProblem) -> I64:
    """Each edge's position in its job's order (0 = the job's favourite)."""
    return _ranks(problem.edge_job, -problem.edge_score, problem.edge_candidate)


def candidate_ranks(problem: ShortlistProblem) -> I64:
    """Each edge's position in its candidate's order (0 = the candidate's favourite)."""
    return _ranks(problem.edge_candidate, -problem.preference(), problem.edge_job)


def _ranks(group: I64, key: F64, tie: I64) -> I64:
    order = np.lexsort((tie, key, group))
    ranks = np.empty(group.shape[0], dtype=np.int64)
    if not group.shape[0]:
        return ranks
    sorted_group = group[order]
    starts = np.flatnonzero(np.r_[True, sorted_group[1:] != sorted_group[:-1]])
    first = np.repeat(starts, np.diff(np.r_[starts, sorted_group.shape[0]]))
    ranks[order] = np.arange(group.shape[0]) - first
    return ranks


def _allocation(
    problem: ShortlistProblem, method: str, edges: I64, t0: float, proposals: int = 0
) -> ShortlistAllocation:
    edges = np.asarray(edges, dtype=np.int64)
    order = np.lexsort((job_ranks(problem)[edges], problem.edge_job[edges]))
    edges = edges[order]
    return ShortlistAllocation(
        method=method,
        edges=edges,
        total_score=float(problem.edge_score[edges].sum()),
        wall_s=time.perf_counter() - t0,
        proposals=proposals,
    )


def shortlist_independent(problem: ShortlistProblem) -> ShortlistAllocation:
    """The baseline: every job takes its own top ``k`` ranked candidates, whatever other jobs
    do (candidate limits ignored, so a popular candidate can hold far more than ``c``)."""
    _check(problem)
    t0 = time.perf_counter()
    keep = job_ranks(problem) < problem.job_capacity[problem.edge_job]
    return _allocation(problem, "independent", np.flatnonzero(keep), t0)


def shortlist_optimal(
    problem: ShortlistProblem, *, score_resolution: float = 1e-6
) -> ShortlistAllocation:
    """The places that maximise the total score with every job ≤ k and candidate ≤ c.

    A min-cost flow source → candidate (capacity c) → job (capacity 1 per ranked pair, cost
    −score) → sink (capacity k), with a zero-cost bypass from source to sink so that places
    worth nothing may stay empty. Scores become integer costs in units of
    ``score_resolution`` (the optimum is exact for the rounded scores, and integral: every
    pair is in or out). Pairs with a score of 0 add nothing and may be left out.
    """
    _check(problem)
    if not score_resolution > 0:
        raise ValueError("score_resolution must be > 0")
    t0 = time.perf_counter()
    p = problem
    if not p.edges:
        return _allocation(p, "optimal", np.zeros(0, dtype=np.int64), t0)
    cost = np.rint(p.edge_score / score_resolution).astype(np.int64)
    flow_cap = int(min(p.job_capacity.sum(), p.candidate_capacity.sum(), p.edges))
    if int(cost.max()) * max(flow_cap, 1) >= 2**62:
        raise ValueError("score_resolution is too fine for these scores (cost overflow)")
    # Only candidates someone ranked become nodes: 0 source, 1 sink, jobs, then candidates.
    used, cand_node = np.unique(p.edge_candidate, return_inverse=True)
    job0, cand0 = 2, 2 + p.jobs
    tails = np.concatenate(
        [
            np.zeros(used.shape[0], dtype=np.int64),
            cand0 + cand_node,
            job0 + np.arange(p.jobs),
            [0],
        ]
    ).astype(np.int32)
    heads = np.concatenate(
        [cand0 + np.arange(used.shape[0]), job0 + p.edge_job, np.ones(p.jobs, dtype=np.int64), [1]]
    ).astype(np.int32)
    caps = np.concatenate(
        [
            p.candidate_capacity[used],
            np.ones(p.edges, dtype=np.int64),
            p.job_capacity,
            [flow_cap],
        ]
    ).astype(np.int64)
    costs = np.concatenate(
        [np.zeros(used.shape[0], dtype=np.int64), -cost, np.zeros(p.jobs + 1, dtype=np.int64)]
    ).astype(np.int64)
    solver = min_cost_flow.SimpleMinCostFlow()
    arcs = solver.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    solver.set_node_supply(0, flow_cap)
    solver.set_node_supply(1, -flow_cap)
    status = solver.solve()
    if status != solver.OPTIMAL:
        raise RuntimeError(f"min-cost flow ended {status}")
    first_pair = used.shape[0]
    pair_arcs = np.asarray(arcs, dtype=np.int32)[first_pair : first_pair + p.edges]
    flows = np.asarray(solver.flows(pair_arcs), dtype=np.int64)
    return _allocation(p, "optimal", np.flatnonzero(flows > 0), t0)


def shortlist_stable(
    problem: ShortlistProblem, *, proposing: str = "candidates"
) -> ShortlistAllocation:
    """A pairwise-stable allocation by deferred acceptance (many-to-many, with capacities).

    No job and candidate who are not paired would both rather be: there is no ranked pair
    where the job has a free place or prefers the candidate to one it holds, while the
    candidate has room or prefers the job to one they hold. ``proposing="candidates"``: each
    candidate offers themselves to their preferred jobs, keeping up to c offers out; each job
    holds its best k offers and turns the rest away (the candidates' best stable outcome).
    ``proposing="jobs"``: the other way round (the jobs' best stable outcome).
    """
    _check(problem)
    if proposing not in PROPOSING:
        raise ValueError(f"unknown proposing side {proposing!r}; choose one of {PROPOSING}")
    t0 = time.perf_counter()
    p = problem
    j_rank, c_rank = job_ranks(p), candidate_ranks(p)
    if proposing == "candidates":
        proposer, receiver = p.edge_candidate, p.edge_job
        proposer_rank, receiver_rank = c_rank, j_rank
        proposer_cap, receiver_cap = p.candidate_capacity, p.job_capacity
    else:
        proposer, receiver = p.edge_job, p.edge_candidate
        proposer_rank, receiver_rank = j_rank, c_rank
        proposer_cap, receiver_cap = p.job_capacity, p.candidate_capacity
    held, proposals = _deferred_acceptance(
        proposer, receiver, proposer_rank, receiver_rank, proposer_cap, receiver_cap
    )
    return _allocation(p, "stable", held, t0, proposals)


def _deferred_acceptance(
    proposer: I64,
    receiver: I64,
    proposer_rank: I64,
    receiver_rank: I64,
    proposer_cap: I64,
    receiver_cap: I64,
) -> tuple[I64, int]:
    # Each proposer's edges, best first (CSR by proposer).
    order = np.lexsort((proposer_rank, proposer))
    n_prop = proposer_cap.shape[0]
    start = np.searchsorted(proposer[order], np.arange(n_prop + 1)).tolist()
    order_l = order.tolist()
    recv_l = receiver.tolist()
    prop_l = proposer.tolist()
    rrank_l = receiver_rank.tolist()
    pcap_l = proposer_cap.tolist()
    rcap_l = receiver_cap.tolist()
    nxt = start[:-1]
    out = [0] * n_prop
    # Each receiver's held offers as a heap of (-rank, edge): its worst offer on top.
    holds: list[list[tuple[int, int]]] = [[] for _ in range(receiver_cap.shape[0])]
    free = [i for i in range(n_prop) if pcap_l[i] > 0 and start[i] < start[i + 1]]
    proposals = 0
    while free:
        i = free.pop()
        end = start[i + 1]
        while out[i] < pcap_l[i] and nxt[i] < end:
            e = order_l[nxt[i]]
            nxt[i] += 1
            proposals += 1
            r = recv_l[e]
            heap = holds[r]
            if len(heap) < rcap_l[r]:
                heapq.heappush(heap, (-rrank_l[e], e))
                out[i] += 1
            elif heap and -heap[0][0] > rrank_l[e]:
                _, dropped = heapq.heapreplace(heap, (-rrank_l[e], e))
                out[i] += 1
                loser = prop_l[dropped]
                out[loser] -= 1
                free.append(loser)
    held = [e for heap in holds for _, e in heap]
    return np.array(held, dtype=np.int64), proposals


def shortlist_balance(
    problem: ShortlistProblem,
    *,
    method: str = "optimal",
    proposing: str = "candidates",
    score_resolution: float = 1e-6,
) -> ShortlistAllocation:
    """Allocate shortlist places by ``method``: ``"optimal"`` (maximum total score),
    ``"stable"`` (no blocking pair; ``proposing`` chooses the side) or ``"independent"``
    (each job's own top k, the baseline). Unknown names raise ``ValueError``."""
    if method == "optimal":
        return shortlist_optimal(problem, score_resolution=score_resolution)
    if method == "stable":
        return shortlist_stable(problem, proposing=proposing)
    if method == "independent":
        return shortlist_independent(problem)
    raise ValueError(f"unknown shortlist method {method!r}; choose one of {METHODS}")


def allocation_capped(
    problem: ShortlistProblem, allocation: ShortlistAllocation
) -> ShortlistAllocation:
    """What an allocation is worth once candidates act on it: a candidate on more than c
    shortlists keeps the c they prefer and drops the rest (how independent top-k lists lose
    places)."""
    t0 = time.perf_counter()
    edges = allocation.edges
    c_rank = candidate_ranks(problem)[edges]
    cand = problem.edge_candidate[edges]
    # Position of each place among the same candidate's places, their favourite first.
    rank_within = _ranks(cand, np.zeros(edges.shape[0]), c_rank)
    keep = rank_within < problem.candidate_capacity[cand]
    return _allocation(problem, f"{allocation.method}, capped", edges[keep], t0)


def allocation_violations(problem: ShortlistProblem, allocation: ShortlistAllocation) -> list[str]:
    """Broken rules of an allocation ([] when every job ≤ k and every candidate ≤ c)."""
    edges = allocation.edges
    out = []
    if edges.size and (edges.min() < 0 or edges.max() >= problem.edges):
        return ["an allocated edge is not an edge of the problem"]
    if np.unique(edges).shape[0] != edges.shape[0]:
        out.append("an edge is allocated twice")
    per_job = np.bincount(problem.edge_job[edges], minlength=problem.jobs)
    per_cand = np.bincount(problem.edge_candidate[edges], minlength=problem.candidates)
    over_jobs = int((per_job > problem.job_capacity).sum())
    over_cands = int((per_cand > problem.candidate_capacity).sum())
    if over_jobs:
        out.append(f"{over_jobs} jobs have more places filled than their k")
    if over_cands:
        out.append(f"{over_cands} candidates are on more shortlists than their c")
    return out


def blocking_pairs(problem: ShortlistProblem, allocation: ShortlistAllocation) -> I64:
    """Edges (job, candidate) not allocated where both would rather be paired: the job has a
    free place or prefers the candidate to its worst held one, and the candidate has room or
    prefers the job to their worst held one. Empty for a stable allocation. The allocation
    must respect the capacities (``ValueError`` otherwise)."""
    bad = allocation_violations(problem, allocation)
    if bad:
        raise ValueError("; ".join(bad))
    p = problem
    chosen = np.zeros(p.edges, dtype=bool)
    chosen[allocation.edges] = True
    j_rank, c_rank = job_ranks(p), candidate_ranks(p)
    job_count = np.bincount(p.edge_job[chosen], minlength=p.jobs)
    cand_count = np.bincount(p.edge_candidate[chosen], minlength=p.candidates)
    job_worst = np.full(p.jobs, -1, dtype=np.int64)
    np.maximum.at(job_worst, p.edge_job[chosen], j_rank[chosen])
    cand_worst = np.full(p.candidates, -1, dtype=np.int64)
    np.maximum.at(cand_worst, p.edge_candidate[chosen], c_rank[chosen])
    job_wants = (job_count[p.edge_job] < p.job_capacity[p.edge_job]) | (
        j_rank < job_worst[p.edge_job]
    )
    cand_wants = (cand_count[p.edge_candidate] < p.candidate_capacity[p.edge_candidate]) | (
        c_rank < cand_worst[p.edge_candidate]
    )
    return np.flatnonzero(~chosen & job_wants & cand_wants)


def allocation_figures(
    problem: ShortlistProblem, allocation: ShortlistAllocation
) -> AllocationFigures:
    """Figures of an allocation (see :class:`AllocationFigures`)."""
    p = problem
    edges = allocation.edges
    per_job = np.bincount(p.edge_job[edges], minlength=p.jobs)
    ranked = np.bincount(p.edge_job, minlength=p.jobs)
    wanted = np.minimum(p.job_capacity, ranked)
    per_cand = np.bincount(p.edge_candidate[edges], minlength=p.candidates)
    places = int(edges.shape[0])
    top_n = max(1, math.ceil(0.01 * p.candidates)) if p.candidates else 0
    top_places = int(np.sort(per_cand)[::-1][:top_n].sum()) if top_n else 0
    return AllocationFigures(
        places=places,
        jobs=p.jobs,
        jobs_empty=int(((per_job == 0) & (wanted > 0)).sum()),
        jobs_short=int((per_job < wanted).sum()),
        candidates_placed=int((per_cand > 0).sum()),
        candidates_over=int((per_cand > p.candidate_capacity).sum()),
        max_places_per_candidate=int(per_cand.max()) if p.candidates else 0,
        top1pct_share=top_places / places if places else 0.0,
        mean_score=allocation.total_score / places if places else 0.0,
        total_score=allocation.total_score,
    )


def allocation_shortlists(
    problem: ShortlistProblem, allocation: ShortlistAllocation
) -> dict[Hashable, tuple[Hashable, ...]]:
    """Each job's shortlist, best score first, by id (every job, empty ones included)."""
    job_ids = problem.job_ids if problem.job_ids is not None else tuple(range(problem.jobs))
    cand_ids = (
        problem.candidate_ids
        if problem.candidate_ids is not None
        else tuple(range(problem.candidates))
    )
    out: dict[Hashable, list[Hashable]] = {j: [] for j in job_ids}
    for e in allocation.edges.tolist():
        out[job_ids[int(problem.edge_job[e])]].append(cand_ids[int(problem.edge_candidate[e])])
    return {j: tuple(c) for j, c in out.items()}
