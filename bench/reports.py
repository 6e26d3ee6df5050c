"""The ministry's report pages and exports at scale (issue 14), against the same figures
computed naively in Python from the ORM.

    .venv/bin/python bench/reports.py [--candidates 200000] [--jobs 10000] [--employers 200]
                                      [--repeats 7] [--reuse] [--keep]

On PostgreSQL (127.0.0.1, user postgres), in its own database ``kakehashi_bench_reports``,
created, filled by the demo generator (manage.py demo_seed) and dropped at the end
(``--keep`` keeps it, ``--reuse`` runs on a kept one). The matching index is built with the
hashed embedder's dimension and zero text vectors: the reports read only its hard filters,
which no text vector enters (encoding 200,000 texts would only lengthen the run).

For each page: p50/p95 of the full request (Django test client, an analyst signed in) over
``--repeats`` runs after one warm-up, and the time of a naive Python count over ORM objects
of the page's headline figures (checked equal). For each report and format: the export
task's time. The supply run (the engine over every candidate and open job) is timed, and
against it ``score_one`` candidate by candidate on a sample, extrapolated. The last line is
one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = "kakehashi_bench_reports"
ADMIN = "host=127.0.0.1 user=postgres dbname=postgres"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", type=int, default=200_000)
    ap.add_argument("--jobs", type=int, default=10_000)
    ap.add_argument("--employers", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--sample", type=int, default=200, help="candidates scored one by one")
    ap.add_argument("--reuse", action="store_true", help="run on a kept database")
    ap.add_argument("--keep", action="store_true", help="do not drop the database")
    ap.add_argument("--var", default=f"/tmp/{DB}-var")
    args = ap.parse_args()

    import psycopg

    os.environ.update(
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DB}",
        KAKEHASHI_VAR_DIR=args.var,
        MATCHING_INDEX_AUTO_REFRESH="false",
        CELERY_TASK_ALWAYS_EAGER="true",
    )
    manage = [sys.executable, str(ROOT / "manage.py")]
    figures: dict = {"candidates": args.candidates, "jobs": args.jobs}
    if not args.reuse:
        with psycopg.connect(ADMIN, autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {DB}")
        subprocess.run([*manage, "migrate", "-v0"], check=True)
        subprocess.run([*manage, "taxonomy_load"], check=True, capture_output=True)
        started = time.perf_counter()
        subprocess.run(
            [
                *manage,
                "demo_seed",
                f"--candidates={args.candidates}",
                f"--jobs={args.jobs}",
                f"--employers={args.employers}",
            ],
            check=True,
        )
        figures["seed_s"] = round(time.perf_counter() - started, 1)
    else:
        subprocess.run([*manage, "migrate", "-v0"], check=True)
    try:
        run(args, figures)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            with psycopg.connect(ADMIN, autocommit=True) as admin:
                admin.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    print(json.dumps(figures))


def _p(values: list[float], q: float) -> float:
    from engine.reports import percentile

    return round(percentile(values, q), 3)


def run(args: argparse.Namespace, figures: dict) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kakehashi.settings")
    import django

    django.setup()
    import numpy as np
    from django.test import Client
    from django.urls import reverse

    from engine.matching import CandidateIndex
    from engine.matching.embed import HashedNgramEmbedder
    from kakehashi.accounts.models import User
    from kakehashi.matching import store, vectors
    from kakehashi.matching.adapters import candidate_features
    from kakehashi.reports.exports_run import report_export_run
    from kakehashi.reports.models import ReportExport
    from kakehashi.reports.registry import REPORTS, report_build
    from kakehashi.reports.selectors import supply_run_latest
    from kakehashi.reports.supply import supply_compute

    vectors.embedder = HashedNgramEmbedder  # type: ignore[assignment]
    started = time.perf_counter()
    if store._generation() is None:
        # The reports read hard filters only: zero text vectors (no encoding of 200,000
        # texts) give the same qualification; the product's rebuild embeds every profile.
        features = candidate_features()
        embedder = HashedNgramEmbedder()
        zeros = np.zeros((len(features), embedder.dim), dtype=np.float32)
        with store.index_writer_lock():
            store._main_publish(CandidateIndex(embedder=embedder).fit(features, zeros), since=None)
        figures["index_build_s"] = round(time.perf_counter() - started, 1)
    index = store.index_get()
    figures["indexed"] = len(index)
    if supply_run_latest() is None or not args.reuse:
        started = time.perf_counter()
        supply_compute()
        figures["supply_run_s"] = round(time.perf_counter() - started, 1)
    figures["supply_run_stored_s"] = round(supply_run_latest().seconds, 1)
    figures["one_by_one"] = one_by_one(args.sample)

    analyst = User.objects.filter(facilitator_role="analyst").first()
    client = Client()
    client.force_login(analyst)
    pages = {}
    naive = naive_counts()
    for slug, kind in REPORTS.items():
        url = reverse(kind.url_name)
        client.get(url)  # warm-up
        times = []
        for _ in range(args.repeats):
            t = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - t)
            assert response.status_code == 200, (url, response.status_code)
        report = report_build(slug=slug, params={}, user=analyst)
        naive_s, agree = naive[slug](report)
        pages[slug] = {
            "p50_s": _p(times, 50),
            "p95_s": _p(times, 95),
            "naive_s": round(naive_s, 3),
            "naive_over_page": round(naive_s / _p(times, 50), 1),
            "figures_agree": agree,
        }
        print(
            f"page {slug:9s} p50 {pages[slug]['p50_s']:.3f} s  p95 {pages[slug]['p95_s']:.3f} s"
            f"  naive {naive_s:.2f} s  ({pages[slug]['naive_over_page']}x)  agree={agree}",
            flush=True,
        )
    figures["pages"] = pages

    exports = {}
    for slug in [*REPORTS, "monthly"]:
        for fmt in ("csv", "xlsx", "pdf"):
            params = {"month": "2026-11-01"} if slug == "monthly" else {}
            export = ReportExport.objects.create(
                report=slug, format=fmt, params=params, requested_by=analyst
            )
            t = time.perf_counter()
            done = report_export_run(export_id=export.pk)
            seconds = time.perf_counter() - t
            exports[f"{slug}.{fmt}"] = {"s": round(seconds, 2), "bytes": done.file.size}
            print(f"export {slug}.{fmt:4s} {seconds:6.2f} s  {done.file.size:,} bytes", flush=True)
    figures["exports"] = exports
    figures["page_p95_max_s"] = max(p["p95_s"] for p in pages.values())
    figures["export_max_s"] = max(e["s"] for e in exports.values())


def one_by_one(sample: int) -> dict:
    """score_one for ``sample`` candidates against every open job, extrapolated to the whole
    index, against the batched supply run's qualification step."""
    import dataclasses

    from engine.matching.learn import score_one
    from engine.reports import SupplyJob, supply_qualify
    from kakehashi.jobs.selectors import jobs_public
    from kakehashi.matching.adapters import candidate_features, job_requirements
    from kakehashi.matching.store import index_get

    index = index_get()
    jobs = list(jobs_public())
    plans = [index.plan(dataclasses.replace(r, text="")) for r in job_requirements(jobs)]
    t = time.perf_counter()
    q = supply_qualify(index, [SupplyJob(p, j.openings) for p, j in zip(plans, jobs, strict=True)])
    batched = time.perf_counter() - t
    ids = [int(i) for i in index.cols_["ids"][: index.n_][:: max(1, index.n_ // sample)][:sample]]
    feats = candidate_features(ids)
    t = time.perf_counter()
    counts = {f.candidate_id: sum(score_one(index, f, p).eligible for p in plans) for f in feats}
    naive = (time.perf_counter() - t) * index.n_ / max(1, len(feats))
    row = index.row_of_
    agree = all(int(q.qualified_jobs[row[c]]) == n for c, n in counts.items())
    print(
        f"qualification: batched {batched:.2f} s; score_one one by one ~{naive:.0f} s "
        f"(extrapolated from {len(feats)}); agree={agree}",
        flush=True,
    )
    return {
        "batched_s": round(batched, 2),
        "one_by_one_s": round(naive, 1),
        "ratio": round(naive / batched, 1),
        "agree": agree,
    }


def naive_counts() -> dict:
    """Per report: (seconds, whether its headline figures equal the page's), counted in
    Python over ORM objects, no aggregate in SQL."""
    from django.utils import timezone

    from kakehashi.candidates.models import CandidateProfile
    from kakehashi.jobs.models import Job
    from kakehashi.missions.models import Interview
    from kakehashi.pipeline.models import HireStep, StageChange
    from kakehashi.reports.models import CandidateSupply, TrainingOption
    from kakehashi.reports.selectors import supply_run_latest

    def rows(report, title):
        s = next(s for s in report.sections if s.title.startswith(title))
        return {r[0]: r[1:] for r in s.table.rows}

    def supply(report):
        t = time.perf_counter()
        run = supply_run_latest()
        consenting = qualified = 0
        by_province: Counter = Counter()
        for cs in CandidateSupply.objects.filter(run=run).select_related("profile"):
            if cs.consenting:
                consenting += 1
                by_province[cs.profile.province] += 1
                qualified += cs.qualified_jobs > 0
        openings = sum(
            j.openings
            for j in Job.objects.select_related("employer")
            if j.status == "open" and j.employer.is_verified
        )
        seconds = time.perf_counter() - t
        s = rows(report, "Summary")
        agree = (
            s["Open openings"] == [openings]
            and s["Consenting candidates"] == [consenting]
            and s["Qualified for at least one open job"] == [qualified]
        )
        return seconds, agree

    def funnel(report):
        t = time.perf_counter()
        registered = CandidateProfile.objects.count()
        applied, accepted = set(), set()
        for c in StageChange.objects.select_related("application"):
            if c.to_stage in ("sourced", "applied", "shortlisted"):
                applied.add(c.application.candidate_id)
            if c.to_stage == "accepted":
                accepted.add(c.application.candidate_id)
        seconds = time.perf_counter() - t
        r = rows(report, "Funnel")
        agree = (r["Registered"][0], r["Applied or shortlisted"][0], r["Offer accepted"][0]) == (
            registered,
            len(applied),
            len(accepted),
        )
        return seconds, agree

    def steps(report):
        t = time.perf_counter()
        accepted = {
            c.application_id: timezone.localtime(c.at).date()
            for c in StageChange.objects.filter(to_stage="accepted")
        }
        days = [
            (s.done_on - accepted[s.application_id]).days
            for s in HireStep.objects.select_related(
                "application__job__employer", "application__candidate"
            )
            if s.step == "hec_attestation" and s.done_on and s.application_id in accepted
        ]
        seconds = time.perf_counter() - t
        r = rows(report, "Days per step")["Degree attested by HEC"]
        return seconds, r[1] == len(days) and (
            not days or r[2] == round(statistics.median(days), 1)
        )

    def training(report):
        t = time.perf_counter()
        options = sorted(
            TrainingOption.objects.filter(run=supply_run_latest(), grouping="city_track"),
            key=lambda o: o.rank,
        )
        seconds = time.perf_counter() - t
        r = report.sections[0].table.rows
        return seconds, [x[4] for x in r] == [o.qualified for o in options]

    def fairness(report):
        t = time.perf_counter()
        per_job: dict = defaultdict(set)
        for c in StageChange.objects.filter(to_stage="shortlisted").select_related(
            "application__candidate"
        ):
            per_job[c.application.job_id].add(c.application.candidate_id)
        seconds = time.perf_counter() - t
        table = report.sections[0].table.rows
        agree = all(r[2] == len(per_job[int(r[0].rsplit("#", 1)[1].rstrip(")"))]) for r in table)
        return seconds, agree

    def missions(report):
        t = time.perf_counter()
        total = sum(
            1
            for _ in Interview.objects.select_related("request__mission", "panel__employer", "leg")
        )
        seconds = time.perf_counter() - t
        by_mission = report.sections[0].table.rows
        return seconds, sum(r[1] for r in by_mission) == total

    return {
        "supply": supply,
        "funnel": funnel,
        "steps": steps,
        "training": training,
        "fairness": fairness,
        "missions": missions,
    }


if __name__ == "__main__":
    main()
