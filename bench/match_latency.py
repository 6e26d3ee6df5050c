"""Matching latency at scale: index vs brute-force NumPy vs PostgreSQL SQL (issue 5).

    .venv/bin/python bench/match_latency.py [--n 1000000] [--jobs 100] [--sql-jobs 10] [--no-sql]

Synthetic profiles come from the demo generator. A sample of profile texts (``--sample``) is
embedded with the real model (its throughput is reported); the other profiles reuse those
vectors in turn. Job texts are embedded before timing (an application caches them).
Reports index build time and RSS, p50/p95 of top-50 *with explanations* over ``--jobs`` jobs
(a first pass, whose queries also map the index's pages, then the timed steady state),
the same ranking by a brute-force NumPy float32 scan of the same arrays (no pruning), and by
one SQL query per job over the same data in PostgreSQL (database ``kakehashi_bench_match``,
created and dropped here). The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.demo import demo_candidates, demo_employers, demo_jobs
from engine.matching.demo import (
    candidate_features_from_demo,
    candidate_text,
    job_requirements_from_demo,
)
from engine.matching.embed import embedder_default
from engine.matching.heap import keep_arrays_on_heap
from engine.matching.index import CandidateIndex
from engine.matching.params import COMPONENTS
from engine.matching.score import (
    attribute_components,
    attribute_known,
    normalised,
    semantic_fit,
    weighted_sum,
)

DB = "kakehashi_bench_match"


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def brute_force(idx: CandidateIndex, plan, k: int) -> list[int]:  # type: ignore[no-untyped-def]
    """Score every eligible row (all components, float32), then sort: no pruning."""
    sparse, _num, _den, hard_ok = idx.sparse_parts(plan)
    rows = np.flatnonzero(idx.eligible(plan, hard_ok))
    cand = idx._rows(rows)
    parts = attribute_components(cand, plan, idx.params_)
    known = attribute_known(cand)
    one = np.ones(len(rows), np.float32)
    for name, values in sparse.items():
        parts[name] = values[rows]
    known["skills_required"] = known["skills_nice"] = one
    known["lexical"] = (idx.cols_["doclen"][rows] > 0).astype(np.float32)
    parts["semantic"] = np.concatenate(
        [
            semantic_fit(idx.codes_[c], idx.cols_["scale"][c], plan)
            for c in np.array_split(rows, max(1, len(rows) // 65536))
        ]
    )
    known["semantic"] = (idx.cols_["scale"][rows] > 0).astype(np.float32)
    total = normalised(weighted_sum(plan, parts, COMPONENTS), weighted_sum(plan, known, COMPONENTS))
    ids = idx.cols_["ids"][rows]
    order = np.lexsort((ids, -total))[:k]
    return [int(i) for i in ids[order]]


def pct(xs: list[float], q: float) -> float:
    return float(np.percentile(np.array(xs) * 1000, q))


def p50_p95(xs: list[float]) -> tuple[float, float]:
    """Median and 95th percentile of seconds, in ms rounded to 0.01."""
    return round(pct(xs, 50), 2), round(pct(xs, 95), 2)


def sql_setup(idx: CandidateIndex) -> object:
    import psycopg

    admin = psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True)
    admin.execute(f"DROP DATABASE IF EXISTS {DB}")
    admin.execute(f"CREATE DATABASE {DB}")
    conn = psycopg.connect(f"host=127.0.0.1 user=postgres dbname={DB}", autocommit=True)
    conn.execute(
        "CREATE TABLE cand (id bigint PRIMARY KEY, experience real, jlpt smallint, english smallint,"
        " degree smallint, salary real, relocate boolean, available int, consent boolean)"
    )
    conn.execute("CREATE TABLE cand_skill (cand_id bigint, skill int, years real)")
    n, c = idx.n_, idx.cols_
    with conn.cursor() as cur, cur.copy("COPY cand FROM STDIN") as cp:
        for i in range(n):
            cp.write_row(
                (
                    int(c["ids"][i]),
                    float(c["experience"][i]),
                    int(c["jlpt"][i]),
                    int(c["english"][i]),
                    int(c["degree"][i]),
                    float(c["salary"][i]),
                    bool(c["relocate"][i]),
                    int(c["available"][i]),
                    bool(c["consent"][i]),
                )
            )
    indptr, indices, years = idx.csr_
    rows = np.repeat(c["ids"][:n], np.diff(indptr))
    buf = io.StringIO()
    np.savetxt(
        buf, np.column_stack([rows, indices, years]), fmt=["%d", "%d", "%.1f"], delimiter="\t"
    )
    with conn.cursor() as cur, cur.copy("COPY cand_skill FROM STDIN") as cp:
        cp.write(buf.getvalue())
    conn.execute("CREATE INDEX ON cand_skill (skill, cand_id)")
    conn.execute("ANALYZE")
    return conn


def sql_query(plan, params) -> tuple[str, list[object]]:  # type: ignore[no-untyped-def]
    """What a competent team writes without an engine: one query, related skills as VALUES,
    best credit per requirement by GROUP BY, attributes by CASE, ORDER BY ... LIMIT.
    Semantic similarity is left out (no vector type in stock PostgreSQL)."""
    w = {k: float(v) for k, v in plan.weights.items()}
    floor = params.years_floor
    vals, args = [], []
    for slot, m in enumerate(plan.must):
        for col, rel in zip(m.related.cols, m.related.credit, strict=True):
            vals.append("(%s::int, %s::int, %s::real, %s::real)")
            args += [slot, int(col), float(rel), float(m.min_years)]
    nslots = max(1, len(plan.must))
    rel_sql = ", ".join(vals) or "(0, -1, 0::real, 0::real)"
    step = params.level_step
    q = f"""
    WITH rel(slot, skill, credit, min_years) AS (VALUES {rel_sql}),
    per_slot AS (
      SELECT s.cand_id, r.slot, max(r.credit * CASE WHEN r.min_years <= 0 THEN 1
             ELSE {floor} + {1 - floor} * least(1, s.years / r.min_years) END) AS credit
      FROM cand_skill s JOIN rel r ON r.skill = s.skill GROUP BY s.cand_id, r.slot),
    req AS (SELECT cand_id, sum(credit) / {nslots} AS cov FROM per_slot GROUP BY cand_id)
    SELECT c.id,
      {w["skills_required"]} * coalesce(req.cov, 0)
      + {w["experience"]} * CASE WHEN {float(plan.min_experience)} <= 0 THEN 1
            ELSE least(1, c.experience / {float(plan.min_experience) or 1}) END
      + {w["japanese"]} * power({step["japanese"]}, greatest(0, {plan.jlpt_rank} - c.jlpt))
      + {w["english"]} * power({step["english"]}, greatest(0, {plan.english_rank} - c.english))
      + {w["education"]} * power({step["education"]}, greatest(0, {plan.degree_rank} - c.degree))
      + {w["salary"]} * CASE WHEN c.salary <= 0 OR c.salary <= {float(plan.salary_max)} OR {float(plan.salary_max)} <= 0
            THEN 1 ELSE greatest(0, 1 - (c.salary - {float(plan.salary_max)}) / ({float(plan.salary_max) or 1} * {params.salary_tolerance})) END
      + {w["location"]} * CASE WHEN '{plan.work_style}' = 'remote' OR c.relocate THEN 1
            ELSE {params.location.get(plan.work_style + "_no_relocation", 1.0)} END
      + {w["availability"]} * CASE WHEN {plan.start_day} < 0 OR c.available < 0 OR c.available <= {plan.start_day}
            THEN 1 ELSE greatest(0, 1 - (c.available - {plan.start_day}) / {params.availability_grace_days}) END
      AS score
    FROM cand c LEFT JOIN req ON req.cand_id = c.id
    WHERE c.consent
    ORDER BY score DESC, c.id LIMIT 50"""
    return q, args


def job_plans(idx: CandidateIndex, emb: object, n: int) -> list[object]:
    """The first ``n`` open demo jobs, compiled, with their texts embedded."""
    jobs = [j for j in demo_jobs(demo_employers(200), n * 2, seed=7) if j.status == "open"][:n]
    reqs = [job_requirements_from_demo(j) for j in jobs]
    vecs = emb.encode([r.text for r in reqs])  # type: ignore[attr-defined]
    return [idx.plan(r, v) for r, v in zip(reqs, vecs, strict=True)]


def index_pass(
    idx: CandidateIndex, plans: list[object]
) -> tuple[list[float], list[list[int]], int]:
    """Top-50 with explanations for each plan: seconds each, the ids, page faults a query."""
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    seconds, got = [], []
    for p in plans:
        t0 = time.perf_counter()
        got.append([m.candidate_id for m in idx.top_candidates(p, 50, explain=True)])
        seconds.append(time.perf_counter() - t0)
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults
    return seconds, got, round(faults / len(plans))


def child(directory: str, n_jobs: int) -> None:
    """Load the saved index (memory-mapped), time index vs brute force, print one JSON."""
    keep_arrays_on_heap()  # as the serving process does (kakehashi.matching.apps)
    emb = embedder_default()
    emb.encode(["warm up the model"])
    rss_base = rss_mb()
    t0 = time.perf_counter()
    idx = CandidateIndex.load(directory, embedder=emb)
    out: dict[str, object] = {"load_s": round(time.perf_counter() - t0, 2)}
    plans = job_plans(idx, emb, n_jobs)
    idx.top_candidates(plans[0], 50)  # warm up
    # The index's passes first: a brute-force scan between two queries would evict the caches
    # a serving process keeps warm, and charge the index for it. The first pass also maps
    # the index's pages as each query first touches them (a fresh process); the second is
    # a serving process's steady state.
    t_first, _, out["first_pass_faults_per_query"] = index_pass(idx, plans)
    out["first_pass_p50_ms"], out["first_pass_p95_ms"] = p50_p95(t_first)
    t_index, got, out["faults_per_query"] = index_pass(idx, plans)
    t_brute = []
    agree = 0
    for p, ids in zip(plans, got, strict=True):
        t0 = time.perf_counter()
        ref = brute_force(idx, p, 50)
        t_brute.append(time.perf_counter() - t0)
        agree += ids == ref
    rss_idx = rss_mb()  # the brute-force scans have touched every page of the index by now
    out["jobs_timed"] = len(plans)
    out["index_p50_ms"], out["index_p95_ms"] = p50_p95(t_index)
    out["brute_p50_ms"], out["brute_p95_ms"] = p50_p95(t_brute)
    out["brute_same_top50"] = f"{agree}/{len(plans)}"
    out["speedup_vs_brute_p95"] = round(out["brute_p95_ms"] / out["index_p95_ms"], 1)  # type: ignore[operator]
    out["serving_rss_mb"] = round(rss_idx, 1)
    out["serving_rss_index_part_mb"] = round(rss_idx - rss_base, 1)
    print(json.dumps(out))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--jobs", type=int, default=100)
    ap.add_argument("--sql-jobs", type=int, default=10)
    ap.add_argument("--sample", type=int, default=2000)
    ap.add_argument("--no-sql", action="store_true")
    ap.add_argument(
        "--texts",
        action="store_true",
        help="keep the profile texts, so the lexical (BM25) component applies (more memory)",
    )
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child, args.jobs)
        return
    out: dict[str, object] = {
        "bench": "match_latency",
        "n": args.n,
        "texts": args.texts,
        "load_before": os.getloadavg()[0],
    }

    t0 = time.perf_counter()
    feats = []
    texts = []
    for i, c in enumerate(demo_candidates(args.n, seed=7)):
        f = candidate_features_from_demo(c)
        if i < args.sample:
            texts.append(candidate_text(c))
        if not args.texts:
            f = f.__class__(**{**{s: getattr(f, s) for s in f.__slots__}, "text": ""})
        feats.append(f)
    out["generate_s"] = round(time.perf_counter() - t0, 1)

    emb = embedder_default()
    t0 = time.perf_counter()
    sample = emb.encode(texts)
    out["embedder"] = emb.name
    out["embed_sentences_per_s"] = round(len(texts) / (time.perf_counter() - t0), 1)
    vectors = sample[np.arange(args.n) % len(sample)]

    t0 = time.perf_counter()
    idx = CandidateIndex(embedder=emb).fit(feats, vectors)
    out["build_s"] = round(time.perf_counter() - t0, 1)
    del vectors, feats
    gc.collect()
    out["index_mb"] = round(
        (
            sum(a.nbytes for a in idx.cols_.values())
            + idx.codes_.nbytes
            + sum(a.nbytes for a in (*idx.csr_, *idx.csc_))
        )
        / 1e6,
        1,
    )
    tmp = tempfile.mkdtemp(prefix="kakehashi_match_")
    t0 = time.perf_counter()
    idx.save(tmp)
    out["save_s"] = round(time.perf_counter() - t0, 1)
    del idx
    gc.collect()
    # Timing runs in a fresh process that memory-maps the saved index, as a server would.
    proc = subprocess.run(
        [sys.executable, __file__, "--child", tmp, "--jobs", str(args.jobs)],
        check=True,
        capture_output=True,
        text=True,
    )
    out.update(json.loads(proc.stdout.strip().splitlines()[-1]))
    idx = CandidateIndex.load(tmp, embedder=emb)
    plans = job_plans(idx, emb, args.jobs)
    if not args.no_sql:
        t0 = time.perf_counter()
        conn = sql_setup(idx)
        out["sql_load_s"] = round(time.perf_counter() - t0, 1)
        t_sql = []
        try:
            for p in plans[: args.sql_jobs]:
                q, a = sql_query(p, idx.params_)
                t0 = time.perf_counter()
                conn.execute(q, a).fetchall()  # type: ignore[attr-defined]
                t_sql.append(time.perf_counter() - t0)
        finally:
            conn.close()  # type: ignore[attr-defined]
            import psycopg

            with psycopg.connect(
                "host=127.0.0.1 user=postgres dbname=postgres", autocommit=True
            ) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {DB}")
        out["sql_jobs_timed"] = len(t_sql)
        out["sql_p50_ms"], out["sql_p95_ms"] = round(pct(t_sql, 50), 1), round(pct(t_sql, 95), 1)
        out["speedup_vs_sql_p95"] = round(out["sql_p95_ms"] / out["index_p95_ms"], 1)  # type: ignore[operator]
    shutil.rmtree(tmp, ignore_errors=True)
    out["load_after"] = os.getloadavg()[0]
    for k, v in out.items():
        print(f"{k}: {v}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
