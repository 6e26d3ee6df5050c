"""The candidate's "Jobs for you" page at scale (issue 16): p50/p95 of the full request with
100,000 candidates indexed, warm, and right after a profile save (the saved candidate's next
visit, the change applied from the index's delta log).

    KAKEHASHI_VAR_DIR=/tmp/kk-recs-bench/var DATABASE_URL=sqlite:////tmp/kk-recs-bench/var/bench.sqlite3 \\
        .venv/bin/python bench/recommendations_page.py [--visits 30]

Runs on a database filled beforehand (``manage.py taxonomy_load`` then ``manage.py demo_seed
--candidates 100000 --jobs 1000 --employers 60``). The index is built with zero text vectors
(the semantic part unknown: embedding 100,000 texts would take hours on this machine, see
``bench/index_build.py``); job texts are embedded once and cached, as in the product. The
last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kakehashi.settings")
os.environ.setdefault("MATCHING_INDEX_AUTO_REFRESH", "true")

import django

django.setup()

import numpy as np  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from engine.matching import CandidateIndex  # noqa: E402
from kakehashi.candidates.models import CandidateProfile  # noqa: E402
from kakehashi.candidates.services import RowEdit, candidate_profile_review_save  # noqa: E402
from kakehashi.matching import store, tasks, vectors  # noqa: E402
from kakehashi.matching.adapters import candidate_features  # noqa: E402


def _p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--visits", type=int, default=30)
    args = ap.parse_args()
    setup_test_environment()  # the test client's ALLOWED_HOSTS
    figures: dict[str, object] = {
        "bench": "recommendations_page",
        "load_before": os.getloadavg()[0],
    }
    started = time.perf_counter()
    if store._generation() is None:
        features = candidate_features()
        model = vectors.cached_embedder()
        zeros = np.zeros((len(features), model.dim), np.float32)
        with store.index_writer_lock():
            store._main_publish(CandidateIndex(embedder=model).fit(features, zeros), since=None)
        figures["index_build_s"] = round(time.perf_counter() - started, 1)
    index = store.index_get()
    figures["indexed"] = len(index)
    ids = list(CandidateProfile.objects.values_list("pk", flat=True))
    rng = random.Random(16)
    client = Client()
    url = reverse("candidate_jobs")

    def visit(pid: int) -> float:
        profile = CandidateProfile.objects.select_related("user").get(pk=pid)
        client.force_login(profile.user)
        t0 = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - t0
        assert response.status_code == 200, response.status_code
        return elapsed

    t0 = time.perf_counter()
    visit(ids[0])  # cold: every job's text embedded once (then cached by text hash)
    figures["first_visit_s"] = round(time.perf_counter() - t0, 2)
    warm = [visit(pid) for pid in rng.sample(ids, args.visits)]
    figures["warm_p50_ms"] = round(_p(warm, 50) * 1000, 1)
    figures["warm_p95_ms"] = round(_p(warm, 95) * 1000, 1)
    after, saves = [], []
    for pid in rng.sample(ids, args.visits):
        profile = CandidateProfile.objects.select_related("user").get(pk=pid)
        t0 = time.perf_counter()
        with transaction.atomic():
            candidate_profile_review_save(
                profile=profile,
                actor=profile.user,
                fields={"headline": f"{profile.headline} (updated {pid})"[:200]},
                skills=[RowEdit(None, {"skill_id": "python", "years": 3})]
                if not profile.skills.filter(skill_id="python").exists()
                else [],
            )
        saves.append(time.perf_counter() - t0)
        after.append(visit(pid))
    tasks.background_wait(120)
    figures["save_p50_ms"] = round(_p(saves, 50) * 1000, 1)
    figures["save_p95_ms"] = round(_p(saves, 95) * 1000, 1)
    figures["after_save_p50_ms"] = round(_p(after, 50) * 1000, 1)
    figures["after_save_p95_ms"] = round(_p(after, 95) * 1000, 1)
    figures["delta_records"] = store.index_delta_records()
    figures["median_all_ms"] = round(statistics.median(warm + after) * 1000, 1)
    figures["load_after"] = os.getloadavg()[0]
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
