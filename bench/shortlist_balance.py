"""Balanced shortlists across many jobs (engine.shortlist_balance) vs independent top-k lists.

Synthetic mission-scale market, fixed seed: --jobs jobs, --candidates candidates. Each
candidate has a popularity (Zipf, exponent --zipf: how often jobs' searches reach them) and a
strength that rises with it (the stars are good for everyone). Each job draws a pool of
candidates by popularity, scores them (0.55 × strength + 0.45 × job-specific fit, in [0, 1])
and keeps its top --ranked as edges: only pairs a job ranked exist. Each job has k places,
each candidate takes at most c shortlists.

Candidates rank jobs by the score; a second pair of stable runs gives them their own rankings
(the score plus noise of --taste).

Baseline (same run): every job's own top k ("independent"), and what it is worth once each
candidate keeps only the c shortlists they prefer ("independent, capped"). Then the optimal
allocation (maximum total score, min-cost flow) and the stable ones (deferred acceptance,
candidates or jobs proposing), each checked for capacities and blocking pairs.

Usage: python bench/shortlist_balance.py [--jobs N] [--candidates N] [--k N] [--c N]
Last line: one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.shortlist_balance import (  # noqa: E402
    AllocationFigures,
    ShortlistAllocation,
    ShortlistProblem,
    allocation_capped,
    allocation_figures,
    allocation_violations,
    blocking_pairs,
    shortlist_independent,
    shortlist_optimal,
    shortlist_stable,
)


def market(
    *, jobs: int, candidates: int, ranked: int, k: int, c: int, zipf: float, seed: int
) -> ShortlistProblem:
    rng = np.random.default_rng(seed)
    popularity = 1.0 / np.arange(1, candidates + 1) ** zipf
    popularity /= popularity.sum()
    # Strength falls with popularity rank, with noise: popular candidates are mostly strong.
    strength = np.clip(
        1.0 - np.arange(candidates) / candidates + rng.normal(0, 0.15, candidates), 0, 1
    )
    draws = rng.choice(candidates, size=(jobs, ranked * 4), p=popularity)
    job_col, cand_col, score_col = [], [], []
    for j in range(jobs):
        pool = np.unique(draws[j])
        fit = rng.beta(2.0, 3.0, pool.shape[0])
        score = np.round(0.55 * strength[pool] + 0.45 * fit, 6)
        top = np.argsort(-score, kind="stable")[:ranked]
        job_col.append(np.full(top.shape[0], j))
        cand_col.append(pool[top])
        score_col.append(score[top])
    return ShortlistProblem(
        edge_job=np.concatenate(job_col).astype(np.int64),
        edge_candidate=np.concatenate(cand_col).astype(np.int64),
        edge_score=np.concatenate(score_col).astype(np.float64),
        job_capacity=np.full(jobs, k, dtype=np.int64),
        candidate_capacity=np.full(candidates, c, dtype=np.int64),
    )


def _row(name: str, a: ShortlistAllocation, f: AllocationFigures, blocking: int | None) -> str:
    return (
        f"{name:>22}: {a.wall_s:6.2f} s, places {f.places:,}, jobs with nobody {f.jobs_empty}, "
        f"short {f.jobs_short}, candidates placed {f.candidates_placed:,} (over c: "
        f"{f.candidates_over:,}, most places {f.max_places_per_candidate}), top-1 % share "
        f"{100 * f.top1pct_share:.1f} %, mean score {f.mean_score:.4f}, total "
        f"{f.total_score:,.1f}, blocking pairs {'-' if blocking is None else blocking}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--jobs", type=int, default=1000)
    ap.add_argument("--candidates", type=int, default=100_000)
    ap.add_argument("--ranked", type=int, default=200, help="candidates each job ranked")
    ap.add_argument("--k", type=int, default=10, help="places per job")
    ap.add_argument("--c", type=int, default=5, help="shortlists per candidate")
    ap.add_argument("--zipf", type=float, default=0.9, help="popularity skew exponent")
    ap.add_argument(
        "--taste", type=float, default=0.05, help="noise of candidates' own job rankings"
    )
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    load_before = os.getloadavg()

    t0 = time.perf_counter()
    problem = market(
        jobs=args.jobs,
        candidates=args.candidates,
        ranked=args.ranked,
        k=args.k,
        c=args.c,
        zipf=args.zipf,
        seed=args.seed,
    )
    build_s = time.perf_counter() - t0
    degree = np.bincount(problem.edge_candidate, minlength=problem.candidates)
    top_n = max(1, problem.candidates // 100)
    print(
        f"market: {problem.jobs:,} jobs × {problem.candidates:,} candidates, "
        f"{problem.edges:,} ranked pairs (built in {build_s:.1f} s); candidates ranked by "
        f"≥1 job {int((degree > 0).sum()):,}, most-ranked candidate on {int(degree.max())} "
        f"lists, top 1 % of candidates hold {100 * np.sort(degree)[::-1][:top_n].sum() / problem.edges:.1f} % "
        f"of pairs; k = {args.k}, c = {args.c}"
    )

    runs: dict[str, tuple[ShortlistAllocation, AllocationFigures, int | None]] = {}
    independent = shortlist_independent(problem)
    runs["independent"] = (independent, allocation_figures(problem, independent), None)
    capped = allocation_capped(problem, independent)
    runs["independent, capped"] = (
        capped,
        allocation_figures(problem, capped),
        int(blocking_pairs(problem, capped).size),
    )
    optimal = shortlist_optimal(problem)
    stable = shortlist_stable(problem, proposing="candidates")
    stable_jobs = shortlist_stable(problem, proposing="jobs")
    for name, a in (
        ("optimal", optimal),
        ("stable (candidates)", stable),
        ("stable (jobs)", stable_jobs),
    ):
        bad = allocation_violations(problem, a)
        if bad:
            raise SystemExit(f"{name} breaks capacities: {bad}")
        runs[name] = (a, allocation_figures(problem, a), int(blocking_pairs(problem, a).size))
    # Candidates' own rankings of jobs (pay, prefecture, taste): the score plus their own noise.
    # With the score on both sides the stable allocation is unique; with their own rankings
    # the two proposing sides differ.
    rng = np.random.default_rng(args.seed + 1)
    own = replace(
        problem,
        edge_preference=problem.edge_score + rng.normal(0, args.taste, problem.edges),
    )
    for name, a in (
        ("stable, own (cands)", shortlist_stable(own, proposing="candidates")),
        ("stable, own (jobs)", shortlist_stable(own, proposing="jobs")),
    ):
        bad = allocation_violations(own, a)
        if bad:
            raise SystemExit(f"{name} breaks capacities: {bad}")
        runs[name] = (a, allocation_figures(own, a), int(blocking_pairs(own, a).size))
    for name, (a, f, b) in runs.items():
        print(_row(name, a, f, b))

    base = runs["independent"][1]
    kept = runs["independent, capped"][1]
    opt = runs["optimal"][1]
    st = runs["stable (candidates)"][1]
    print(
        f"vs independent top-k: optimal keeps {opt.total_score / base.total_score:.3f} of its "
        f"total score (mean score lost {base.mean_score - opt.mean_score:.4f} per place, "
        f"{100 * (1 - opt.mean_score / base.mean_score):.1f} %); top-1 % share "
        f"{base.top1pct_share:.3f} → {opt.top1pct_share:.3f} "
        f"(×{opt.top1pct_share / base.top1pct_share:.2f}); once candidates keep only c lists the "
        f"independent lists leave {kept.jobs_empty} jobs with nobody and {kept.jobs_short} short, "
        f"optimal {opt.jobs_empty} / {opt.jobs_short}, stable {st.jobs_empty} / {st.jobs_short}; "
        f"optimal total score ×{opt.total_score / kept.total_score:.3f} the capped lists'; "
        f"distinct candidates shortlisted ×{opt.candidates_placed / base.candidates_placed:.2f}"
    )
    load_after = os.getloadavg()

    def figures(a: ShortlistAllocation, f: AllocationFigures, b: int | None) -> dict[str, object]:
        return {
            "wall_s": round(a.wall_s, 3),
            "places": f.places,
            "jobs_empty": f.jobs_empty,
            "jobs_short": f.jobs_short,
            "candidates_placed": f.candidates_placed,
            "candidates_over_c": f.candidates_over,
            "max_places_per_candidate": f.max_places_per_candidate,
            "top1pct_share": round(f.top1pct_share, 4),
            "mean_score": round(f.mean_score, 5),
            "total_score": round(f.total_score, 3),
            "blocking_pairs": b,
        }

    out = {
        "jobs": problem.jobs,
        "candidates": problem.candidates,
        "ranked_pairs": problem.edges,
        "ranked_per_job": args.ranked,
        "k": args.k,
        "c": args.c,
        "zipf": args.zipf,
        "seed": args.seed,
        "methods": {name.replace(" ", "_"): figures(*run) for name, run in runs.items()},
        "optimal_wall_s": round(optimal.wall_s, 3),
        "optimal_within_10s": optimal.wall_s <= 10.0,
        "stable_blocking_pairs": runs["stable (candidates)"][2],
        "stable_jobs_blocking_pairs": runs["stable (jobs)"][2],
        "stable_own_rankings_blocking_pairs": runs["stable, own (cands)"][2],
        "stable_own_rankings_jobs_blocking_pairs": runs["stable, own (jobs)"][2],
        "ratio_candidates_placed_optimal_vs_independent": round(
            opt.candidates_placed / base.candidates_placed, 4
        ),
        "ratio_total_score_optimal_vs_independent": round(opt.total_score / base.total_score, 4),
        "ratio_total_score_optimal_vs_independent_capped": round(
            opt.total_score / kept.total_score, 4
        ),
        "ratio_top1pct_share_optimal_vs_independent": round(
            opt.top1pct_share / base.top1pct_share, 4
        ),
        "ratio_top1pct_share_stable_vs_independent": round(
            st.top1pct_share / base.top1pct_share, 4
        ),
        "mean_score_lost_optimal": round(base.mean_score - opt.mean_score, 5),
        "mean_score_lost_stable": round(base.mean_score - st.mean_score, 5),
        "jobs_empty_independent_capped": kept.jobs_empty,
        "jobs_empty_optimal": opt.jobs_empty,
        "jobs_empty_stable": st.jobs_empty,
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        "load_avg_before": [round(x, 2) for x in load_before],
        "load_avg_after": [round(x, 2) for x in load_after],
    }
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
