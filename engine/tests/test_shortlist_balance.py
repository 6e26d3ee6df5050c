"""Balanced shortlists: checked against references written apart from the engine.

``brute_blocking_pairs`` walks every ranked pair in plain Python with the orders spelled out
as tuples (it shares no code with ``engine.shortlist_balance``); ``brute_optimum`` tries every
subset of pairs of a tiny instance.
"""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from engine.shortlist_balance import (
    METHODS,
    ShortlistAllocation,
    ShortlistProblem,
    allocation_capped,
    allocation_figures,
    allocation_shortlists,
    allocation_violations,
    blocking_pairs,
    shortlist_balance,
    shortlist_independent,
    shortlist_optimal,
    shortlist_problem,
    shortlist_stable,
)


def random_instance(
    rng: random.Random, *, jobs: int, candidates: int, max_ranked: int, max_k: int, max_c: int
) -> tuple[dict, dict, dict, dict | None]:
    """scores[job][cand] on a coarse grid (so ties happen), capacities, maybe preferences."""
    scores = {}
    for j in range(jobs):
        ranked = rng.sample(range(candidates), rng.randint(0, min(max_ranked, candidates)))
        scores[f"j{j}"] = {f"c{i}": rng.randint(0, 10) / 10 for i in ranked}
    k = {f"j{j}": rng.randint(0, max_k) for j in range(jobs)}
    c = {f"c{i}": rng.randint(0, max_c) for i in range(candidates)}
    prefs = None
    if rng.random() < 0.5:
        all_jobs = list(scores)
        prefs = {f"c{i}": rng.sample(all_jobs, rng.randint(0, jobs)) for i in range(candidates)}
    return scores, k, c, prefs


def brute_blocking_pairs(scores, k, c, prefs, shortlists) -> list[tuple[str, str]]:
    """Pairs (job, candidate) that a job ranked, not on its shortlist, where the job has a free
    place or strictly prefers the candidate to someone it holds, and the candidate has room or
    strictly prefers the job to one they hold.

    A job's order: higher score, then the candidate seen first in ``scores``. A candidate's
    order: the jobs they list (earlier first), then the others by score; ties to the job seen
    first.
    """
    job_pos = {j: n for n, j in enumerate(scores)}
    cand_pos = {}
    for ranked in scores.values():
        for i in ranked:
            cand_pos.setdefault(i, len(cand_pos))

    def job_key(j, i):  # larger is better
        return (scores[j][i], -cand_pos[i])

    def cand_key(i, j):
        listed = (prefs or {}).get(i, [])
        first = listed.index(j) if j in listed else None
        if first is not None:
            return (1, -first, 0.0, -job_pos[j])
        return (0, 0, scores[j][i], -job_pos[j])

    held_by_cand = {i: [] for i in cand_pos}
    for j, names in shortlists.items():
        for i in names:
            held_by_cand[i].append(j)
    out = []
    for j, ranked in scores.items():
        for i in ranked:
            if i in shortlists[j]:
                continue
            job_room = len(shortlists[j]) < k.get(j, 0)
            job_wants = job_room or any(job_key(j, i) > job_key(j, x) for x in shortlists[j])
            cand_room = len(held_by_cand[i]) < c.get(i, 0)
            cand_wants = cand_room or any(cand_key(i, j) > cand_key(i, y) for y in held_by_cand[i])
            if job_wants and cand_wants:
                out.append((j, i))
    return out


def brute_capacity_ok(k, c, shortlists) -> bool:
    per_cand: dict[str, int] = {}
    for j, names in shortlists.items():
        if len(names) > k.get(j, 0) or len(set(names)) != len(names):
            return False
        for i in names:
            per_cand[i] = per_cand.get(i, 0) + 1
    return all(n <= c.get(i, 0) for i, n in per_cand.items())


def brute_optimum(scores, k, c) -> float:
    pairs = [(j, i, s) for j, ranked in scores.items() for i, s in ranked.items()]
    best = 0.0
    for mask in itertools.product((0, 1), repeat=len(pairs)):
        chosen = [p for p, m in zip(pairs, mask, strict=True) if m]
        per_job: dict[str, int] = {}
        per_cand: dict[str, int] = {}
        for j, i, _ in chosen:
            per_job[j] = per_job.get(j, 0) + 1
            per_cand[i] = per_cand.get(i, 0) + 1
        if all(n <= k.get(j, 0) for j, n in per_job.items()) and all(
            n <= c.get(i, 0) for i, n in per_cand.items()
        ):
            best = max(best, sum(s for _, _, s in chosen))
    return best


def test_stable_allocations_have_no_blocking_pair_on_random_instances():
    rng = random.Random(15)
    for _ in range(300):
        scores, k, c, prefs = random_instance(
            rng,
            jobs=rng.randint(1, 8),
            candidates=rng.randint(1, 12),
            max_ranked=8,
            max_k=4,
            max_c=3,
        )
        problem = shortlist_problem(
            scores=scores, places_per_job=k, shortlists_per_candidate=c, candidate_preferences=prefs
        )
        for proposing in ("candidates", "jobs"):
            allocation = shortlist_stable(problem, proposing=proposing)
            shortlists = allocation_shortlists(problem, allocation)
            assert brute_capacity_ok(k, c, shortlists)
            assert brute_blocking_pairs(scores, k, c, prefs, shortlists) == []
            assert blocking_pairs(problem, allocation).size == 0


def test_the_engine_blocking_pair_check_agrees_with_the_brute_force_one():
    # Capped independent lists and optimal allocations usually have blocking pairs: both
    # checkers must find the same ones.
    rng = random.Random(7)
    found = 0
    for _ in range(200):
        scores, k, c, prefs = random_instance(
            rng,
            jobs=rng.randint(1, 8),
            candidates=rng.randint(1, 10),
            max_ranked=8,
            max_k=3,
            max_c=2,
        )
        problem = shortlist_problem(
            scores=scores, places_per_job=k, shortlists_per_candidate=c, candidate_preferences=prefs
        )
        for allocation in (
            allocation_capped(problem, shortlist_independent(problem)),
            shortlist_optimal(problem),
        ):
            shortlists = allocation_shortlists(problem, allocation)
            brute = sorted(brute_blocking_pairs(scores, k, c, prefs, shortlists))
            assert problem.job_ids is not None and problem.candidate_ids is not None
            engine = sorted(
                (
                    problem.job_ids[int(problem.edge_job[e])],
                    problem.candidate_ids[int(problem.edge_candidate[e])],
                )
                for e in blocking_pairs(problem, allocation)
            )
            assert engine == brute
            found += len(brute)
    assert found > 50


def test_optimal_allocation_equals_the_brute_force_optimum_on_tiny_instances():
    rng = random.Random(3)
    for _ in range(150):
        scores, k, c, _ = random_instance(
            rng,
            jobs=rng.randint(1, 4),
            candidates=rng.randint(1, 5),
            max_ranked=4,
            max_k=3,
            max_c=2,
        )
        while sum(len(r) for r in scores.values()) > 12:
            scores.popitem()
        problem = shortlist_problem(scores=scores, places_per_job=k, shortlists_per_candidate=c)
        allocation = shortlist_optimal(problem)
        shortlists = allocation_shortlists(problem, allocation)
        assert brute_capacity_ok(k, c, shortlists)
        total = sum(scores[j][i] for j, names in shortlists.items() for i in names)
        assert total == pytest.approx(allocation.total_score)
        assert total == pytest.approx(brute_optimum(scores, k, c), abs=1e-9)


def test_optimal_beats_every_feasible_allocation_and_is_bounded_by_independent_lists():
    rng = random.Random(11)
    for _ in range(100):
        scores, k, c, prefs = random_instance(
            rng, jobs=6, candidates=15, max_ranked=10, max_k=4, max_c=2
        )
        problem = shortlist_problem(
            scores=scores, places_per_job=k, shortlists_per_candidate=c, candidate_preferences=prefs
        )
        best = shortlist_optimal(problem).total_score
        for other in (
            shortlist_stable(problem),
            shortlist_stable(problem, proposing="jobs"),
            allocation_capped(problem, shortlist_independent(problem)),
        ):
            assert allocation_violations(problem, other) == []
            assert other.total_score <= best + 1e-9
        assert best <= shortlist_independent(problem).total_score + 1e-9


def test_one_star_on_every_list_leaves_employers_nobody_until_places_are_balanced():
    # Three companies all rank the same star first; the star can follow up one shortlist.
    scores = {
        "acme": {"star": 0.95, "ali": 0.60},
        "bento": {"star": 0.90, "sara": 0.55},
        "chiyoda": {"star": 0.85},
    }
    problem = shortlist_problem(scores=scores, places_per_job=1, shortlists_per_candidate=1)
    independent = shortlist_independent(problem)
    assert allocation_shortlists(problem, independent) == {
        "acme": ("star",),
        "bento": ("star",),
        "chiyoda": ("star",),
    }
    assert allocation_violations(problem, independent) == [
        "1 candidates are on more shortlists than their c"
    ]
    kept = allocation_capped(problem, independent)
    assert allocation_shortlists(problem, kept) == {"acme": ("star",), "bento": (), "chiyoda": ()}
    f = allocation_figures(problem, kept)
    assert (f.jobs_empty, f.jobs_short, f.places) == (2, 2, 1)

    optimal = shortlist_optimal(problem)
    assert allocation_shortlists(problem, optimal) == {
        "acme": ("ali",),
        "bento": ("sara",),
        "chiyoda": ("star",),
    }
    f = allocation_figures(problem, optimal)
    assert (f.jobs_empty, f.jobs_short, f.places, f.candidates_over) == (0, 0, 3, 0)
    assert f.mean_score == pytest.approx((0.60 + 0.55 + 0.85) / 3)

    stable = shortlist_stable(problem)
    # The star picks acme (its best score); bento then takes sara; chiyoda ranked nobody else.
    assert allocation_shortlists(problem, stable) == {
        "acme": ("star",),
        "bento": ("sara",),
        "chiyoda": (),
    }


def test_a_candidates_own_ranking_of_jobs_decides_the_stable_allocation():
    scores = {"acme": {"star": 0.9}, "bento": {"star": 0.8}}
    by_score = shortlist_problem(scores=scores, places_per_job=1, shortlists_per_candidate=1)
    assert allocation_shortlists(by_score, shortlist_stable(by_score))["acme"] == ("star",)
    own = shortlist_problem(
        scores=scores,
        places_per_job=1,
        shortlists_per_candidate=1,
        candidate_preferences={"star": ["bento"]},
    )
    assert allocation_shortlists(own, shortlist_stable(own)) == {"acme": (), "bento": ("star",)}
    assert allocation_shortlists(own, shortlist_stable(own, proposing="jobs"))["bento"] == ("star",)


def test_independent_lists_are_each_jobs_own_top_k_best_first():
    scores = {"a": {"x": 0.2, "y": 0.9, "z": 0.5, "w": 0.5}, "b": {"x": 0.4}}
    problem = shortlist_problem(scores=scores, places_per_job=3, shortlists_per_candidate=1)
    # z and w tie at 0.5: the candidate seen first (z) wins.
    assert allocation_shortlists(problem, shortlist_balance(problem, method="independent")) == {
        "a": ("y", "z", "w"),
        "b": ("x",),
    }


def test_capacities_per_id_and_zero_capacities_are_respected():
    scores = {"a": {"x": 0.9, "y": 0.8}, "b": {"x": 0.7, "y": 0.6}, "closed": {"x": 1.0}}
    problem = shortlist_problem(
        scores=scores,
        places_per_job={"a": 2, "b": 2},  # "closed" is missing: no places
        shortlists_per_candidate={"x": 2, "y": 0},
    )
    for method in METHODS:
        lists = allocation_shortlists(problem, shortlist_balance(problem, method=method))
        assert lists["closed"] == ()
        if method != "independent":
            assert "y" not in lists["a"] + lists["b"]
    assert allocation_shortlists(problem, shortlist_optimal(problem)) == {
        "a": ("x",),
        "b": ("x",),
        "closed": (),
    }


def test_every_method_handles_a_problem_with_no_ranked_pairs():
    problem = shortlist_problem(scores={"a": {}}, places_per_job=2, shortlists_per_candidate=1)
    for method in METHODS:
        allocation = shortlist_balance(problem, method=method)
        assert allocation.edges.size == 0
        f = allocation_figures(problem, allocation)
        assert (f.places, f.jobs_empty, f.jobs_short) == (0, 0, 0)


def test_the_top_one_percent_share_counts_the_most_placed_candidates():
    # 200 candidates → the top 1 % is 2 candidates; they hold 6 of the 8 places.
    scores = {f"j{n}": {"s1": 0.9, "s2": 0.8, f"o{n}": 0.1} for n in range(3)}
    scores["j3"] = {"o3": 0.5, "o4": 0.4}
    problem = shortlist_problem(scores=scores, places_per_job=2, shortlists_per_candidate=5)
    wide = ShortlistProblem(
        edge_job=problem.edge_job,
        edge_candidate=problem.edge_candidate,
        edge_score=problem.edge_score,
        job_capacity=problem.job_capacity,
        candidate_capacity=np.concatenate(
            [problem.candidate_capacity, np.ones(200 - problem.candidates, dtype=np.int64)]
        ),
    )
    f = allocation_figures(wide, shortlist_independent(wide))
    assert (f.places, f.top1pct_share, f.max_places_per_candidate) == (8, 6 / 8, 3)


def test_unknown_names_and_bad_data_raise_value_error():
    problem = shortlist_problem(
        scores={"a": {"x": 0.5}}, places_per_job=1, shortlists_per_candidate=1
    )
    with pytest.raises(ValueError, match="unknown shortlist method 'greedy'"):
        shortlist_balance(problem, method="greedy")
    with pytest.raises(ValueError, match="unknown proposing side"):
        shortlist_balance(problem, method="stable", proposing="employers")
    with pytest.raises(ValueError, match="score_resolution"):
        shortlist_optimal(problem, score_resolution=0)

    def bad(**change) -> ShortlistProblem:
        fields = {
            "edge_job": np.array([0, 0]),
            "edge_candidate": np.array([0, 1]),
            "edge_score": np.array([0.5, 0.4]),
            "job_capacity": np.array([1]),
            "candidate_capacity": np.array([1, 1]),
        }
        fields.update(change)
        return ShortlistProblem(**fields)

    for change, message in [
        ({"edge_candidate": np.array([0, 0])}, "duplicate edge"),
        ({"edge_score": np.array([0.5, -0.1])}, "≥ 0"),
        ({"edge_score": np.array([0.5, np.nan])}, "finite"),
        ({"edge_job": np.array([0, 3])}, "job indices"),
        ({"edge_score": np.array([0.5])}, "one value per edge"),
        ({"candidate_capacity": np.array([1, -1])}, "capacities must be ≥ 0"),
        ({"job_ids": ("a", "b")}, "job_ids"),
    ]:
        for method in METHODS:
            with pytest.raises(ValueError, match=message):
                shortlist_balance(bad(**change), method=method)


def test_blocking_pairs_refuses_an_allocation_over_capacity():
    problem = shortlist_problem(
        scores={"a": {"x": 0.5}, "b": {"x": 0.4}}, places_per_job=1, shortlists_per_candidate=1
    )
    over = shortlist_independent(problem)
    with pytest.raises(ValueError, match="more shortlists than their c"):
        blocking_pairs(problem, over)
    forged = ShortlistAllocation(method="x", edges=np.array([0, 0]), total_score=1.0, wall_s=0)
    assert "an edge is allocated twice" in allocation_violations(problem, forged)


def test_a_mid_sized_skewed_instance_stays_stable_and_optimal_fills_more_places():
    rng = np.random.default_rng(5)
    jobs, candidates, ranked = 60, 3000, 40
    popularity = 1.0 / np.arange(1, candidates + 1) ** 0.9
    popularity /= popularity.sum()
    scores = {}
    for j in range(jobs):
        pool = np.unique(rng.choice(candidates, size=ranked * 2, p=popularity))[:ranked]
        scores[j] = {int(i): float(rng.integers(1, 1000)) / 1000 for i in pool}
    problem = shortlist_problem(scores=scores, places_per_job=5, shortlists_per_candidate=2)
    stable = shortlist_stable(problem)
    optimal = shortlist_optimal(problem)
    kept = allocation_capped(problem, shortlist_independent(problem))
    assert blocking_pairs(problem, stable).size == 0
    assert allocation_violations(problem, optimal) == []
    assert optimal.total_score >= max(stable.total_score, kept.total_score)
    assert allocation_figures(problem, optimal).places > allocation_figures(problem, kept).places


def test_each_proposing_side_gets_its_own_best_stable_allocation():
    # Acme and Bento each prefer the candidate who prefers the other company: two stable
    # allocations, and the proposing side gets its favourites.
    scores = {"acme": {"x": 0.9, "y": 0.5}, "bento": {"x": 0.5, "y": 0.9}}
    problem = shortlist_problem(
        scores=scores,
        places_per_job=1,
        shortlists_per_candidate=1,
        candidate_preferences={"x": ["bento", "acme"], "y": ["acme", "bento"]},
    )
    by_candidates = allocation_shortlists(problem, shortlist_stable(problem))
    by_jobs = allocation_shortlists(problem, shortlist_stable(problem, proposing="jobs"))
    assert by_candidates == {"acme": ("y",), "bento": ("x",)}
    assert by_jobs == {"acme": ("x",), "bento": ("y",)}
    prefs = {"x": ["bento", "acme"], "y": ["acme", "bento"]}
    k = {"acme": 1, "bento": 1}
    c = {"x": 1, "y": 1}
    assert brute_blocking_pairs(scores, k, c, prefs, by_candidates) == []
    assert brute_blocking_pairs(scores, k, c, prefs, by_jobs) == []
